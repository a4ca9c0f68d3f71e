/**
 * Demo participants (`seedDemoParticipants`): three fictional people (架空) of the demo agency,
 * with assessments and support log entries, and the benchmark generator
 * (`participantsBenchGenerator`: N participants under generated agencies, one assessment each).
 * Every name, date and number here is invented.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../platform/auth/policy';
import type { Database } from '../platform/db/schema';
import { newId, nowIso } from '../platform/db/time';
import { toSearchText } from '../platform/text/normalise';
import { listMunicipalities } from '../reference/municipalities';
import { supportCodes, taskCategories, type Weekday } from '../registry/opportunities/opportunity';
import type { AssessmentInput } from './assessment';
import { kanaKey, type RawInput } from './participant';
import { createParticipant, recordAssessment, writeSupportLogEntry } from './service';
import { findParticipantIdByCaseNumber } from './store';

const seedAudit = { userId: null, organisationId: null, requestId: 'seed', ip: null };

type DemoParticipant = {
  input: RawInput;
  assessments: AssessmentInput[];
  log: { occurred_on: string; kind: string; body: string }[];
};

const windows = (days: Weekday[], start: string, end: string) =>
  days.map((weekday) => ({ weekday, start, end }));

const demoParticipants: DemoParticipant[] = [
  {
    input: {
      name: '架空 一郎',
      name_kana: 'カクウ イチロウ',
      birth_date: '昭和35年5月10日',
      gender: '男性',
      phone: '090-0000-0001',
      municipality_code: '132012',
      address: '架空町一丁目(架空)',
      nearest_station: 'みどり台駅(架空)',
      emergency_name: '架空 花子',
      emergency_relation: '妹',
      emergency_phone: '090-0000-0002',
      case_number: 'DEMO-0001',
      preferred_language: '日本語',
      support_decision_on: '2026-04-01',
      support_decision_municipality_code: '132012',
    },
    assessments: [
      {
        assessed_on: '2026-04-10',
        tasks: ['cleaning', 'grounds_upkeep'],
        windows: windows([1, 3, 5], '08:30', '12:00'),
        min_daily_minutes: '2',
        max_daily_minutes: '3.5',
        min_days_per_week: '2',
        max_days_per_week: '3',
        travel_max_minutes: '30',
        travel_modes: ['walk', 'bus'],
        strengths: '朝が早く、時間を守ります。',
        difficulties: '長時間の立ち仕事は疲れやすい。',
        supports: ['rest_breaks', 'same_mentor'],
        goal_short: '週3日、午前中に通えるようになる。',
        goal_long: 'パートタイムでの雇用。',
      },
      {
        assessed_on: '2026-10-01',
        tasks: ['cleaning', 'grounds_upkeep', 'light_work'],
        windows: windows([1, 2, 3, 5], '08:30', '12:00'),
        min_daily_minutes: '3',
        max_daily_minutes: '3.5',
        min_days_per_week: '3',
        max_days_per_week: '4',
        travel_max_minutes: '40',
        travel_modes: ['walk', 'bus', 'train'],
        strengths: '朝が早く、時間を守ります。丁寧な作業が得意です。',
        difficulties: '長時間の立ち仕事は疲れやすい。',
        supports: ['rest_breaks', 'same_mentor', 'step_up_to_employment'],
        goal_short: '週4日に増やす。',
        goal_long: 'パートタイムでの雇用。',
      },
    ],
    log: [
      { occurred_on: '2026-04-01', kind: 'meeting', body: '初回面談。就労の希望を聞き取った。(架空の記録)' },
      { occurred_on: '2026-09-20', kind: 'phone', body: '体調は安定しているとのこと。(架空の記録)' },
    ],
  },
  {
    input: {
      name: '見本 さくら',
      name_kana: 'みほん さくら',
      birth_date: '1997-03-15',
      phone: '080-0000-0003',
      email: 'sakura@demo.hataraku.example',
      municipality_code: '131202',
      address: '架空町二丁目(架空)',
      case_number: 'DEMO-0002',
      preferred_language: '日本語',
      easy_japanese: '1',
    },
    assessments: [
      {
        assessed_on: '2026-07-01',
        tasks: ['laundry', 'office_assist'],
        windows: windows([2, 4, 6], '11:00', '13:00'),
        min_daily_minutes: '1.5',
        max_daily_minutes: '2',
        min_days_per_week: '2',
        max_days_per_week: '3',
        travel_max_km: '5',
        travel_modes: ['bicycle', 'train'],
        strengths: 'パソコンの入力ができます。',
        difficulties: '人の多い場所が苦手。',
        supports: ['visual_instructions', 'quiet_break_space', 'gradual_increase'],
        health_note: '月1回の通院あり。(架空)',
        goal_short: '短時間から始めて生活リズムを整える。',
      },
    ],
    log: [{ occurred_on: '2026-07-01', kind: 'visit', body: '自宅を訪問し、本人と面談した。(架空の記録)' }],
  },
  {
    input: {
      name: 'テスト グエン',
      name_kana: 'テスト グエン',
      birth_date: '2002-11-02',
      gender: '回答しない',
      phone: '070-0000-0004',
      postal_code: '',
      address: '埼玉県架空市(架空)',
      case_number: 'DEMO-0003',
      preferred_language: 'ベトナム語',
      easy_japanese: '1',
    },
    assessments: [],
    log: [{ occurred_on: '2026-11-01', kind: 'note', body: '通訳の手配を検討。(架空の記録)' }],
  },
];

/**
 * Loads the demo participants into the demo agency, once (found again by case number); returns
 * how many were created. Needs the demo agency and its counsellor (seedDemo makes them).
 */
export async function seedDemoParticipants(db: Kysely<Database>): Promise<number> {
  const counsellor = await db
    .selectFrom('app_user')
    .select(['id', 'organisation_id'])
    .where('email', '=', 'counsellor@demo.hataraku.example')
    .executeTakeFirst();
  if (!counsellor) return 0;
  const actor: Actor = {
    userId: counsellor.id,
    role: 'counsellor',
    organisationId: counsellor.organisation_id,
    facilityIds: [],
  };
  let created = 0;
  for (const demo of demoParticipants) {
    const caseNumber = String(demo.input.case_number);
    if (await findParticipantIdByCaseNumber(db, actor.organisationId, caseNumber)) continue;
    const outcome = await createParticipant(db, actor, demo.input, seedAudit, {
      isDemo: true,
      confirmDistinct: true,
    });
    if (outcome.status !== 'ok')
      throw new Error(`demo participant ${caseNumber}: ${JSON.stringify(outcome)}`);
    for (const assessment of demo.assessments) {
      const recorded = await recordAssessment(db, actor, outcome.id, assessment, seedAudit);
      if (recorded.status !== 'ok')
        throw new Error(`demo assessment ${caseNumber}: ${JSON.stringify(recorded)}`);
    }
    for (const entry of demo.log) {
      const written = await writeSupportLogEntry(db, actor, outcome.id, entry, seedAudit);
      if (written.status !== 'ok') throw new Error(`demo log ${caseNumber}: ${JSON.stringify(written)}`);
    }
    created += 1;
  }
  return created;
}

type Random = () => number;

function pick<T>(random: Random, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

async function inChunks<T>(rows: T[], size: number, insert: (part: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

const familyNames = [
  ['架空', 'カクウ'],
  ['見本', 'ミホン'],
  ['試験', 'シケン'],
  ['仮名', 'カメイ'],
] as const;
const givenNames = [
  ['太郎', 'タロウ'],
  ['花子', 'ハナコ'],
  ['一郎', 'イチロウ'],
  ['さくら', 'サクラ'],
  ['健', 'ケン'],
] as const;

/**
 * `seed --bench N`: N participants under N/50 generated agencies, each with one assessment.
 * Rows are written directly (no audit), flagged is_demo; every person is invented.
 */
export const participantsBenchGenerator = {
  name: 'participants and assessments',
  async run(db: Kysely<Database>, n: number, random: Random): Promise<number> {
    const municipalities = listMunicipalities();
    const now = nowIso();
    const agencies = Array.from({ length: Math.max(1, Math.ceil(n / 50)) }, (_, i) => {
      const name = `ベンチ市 自立相談支援センター${i + 1}(架空)`;
      return {
        id: newId(),
        kind: 'agency' as const,
        name,
        name_kana: '',
        search_text: toSearchText(name),
        is_demo: 1,
        created_at: now,
        updated_at: now,
      };
    });
    await inChunks(agencies, 500, (part) => db.insertInto('organisation').values(part).execute());
    const participants = Array.from({ length: n }, (_, i) => {
      const [family, familyKana] = pick(random, familyNames);
      const [given, givenKana] = pick(random, givenNames);
      const name = `${family} ${given}${i + 1}`;
      const nameKana = `${familyKana} ${givenKana}`;
      const year = 1960 + Math.floor(random() * 45);
      const birthDate = `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
      return {
        id: newId(),
        agency_id: (agencies[i % agencies.length] as { id: string }).id,
        name,
        name_kana: nameKana,
        kana_key: kanaKey(nameKana),
        birth_date: birthDate,
        gender: null,
        phone: null,
        email: null,
        postal_code: null,
        municipality_code: random() < 0.9 ? pick(random, municipalities).code : null,
        address: '架空町',
        nearest_station: null,
        emergency_name: null,
        emergency_relation: null,
        emergency_phone: null,
        case_number: `BENCH-${i + 1}`,
        preferred_language: null,
        easy_japanese: random() < 0.1 ? 1 : 0,
        support_decision_on: null,
        support_decision_municipality_code: null,
        closed_at: null,
        closed_reason: null,
        anonymised_at: null,
        search_text: toSearchText(name, nameKana),
        is_demo: 1,
        created_by: null,
        created_at: now,
        updated_at: now,
      };
    });
    await inChunks(participants, 200, (part) => db.insertInto('participant').values(part).execute());
    const assessments = participants.map((p) => {
      const start = pick(random, ['08:30', '09:00', '10:00', '13:00']);
      const end = start === '13:00' ? '16:00' : '12:00';
      const days = [1, 2, 3, 4, 5].filter(() => random() < 0.6) as Weekday[];
      return {
        id: newId(),
        participant_id: p.id,
        version: 1,
        assessed_on: '2026-10-01',
        tasks: JSON.stringify(taskCategories.filter(() => random() < 0.3)),
        windows: JSON.stringify(days.map((weekday) => ({ weekday, start, end }))),
        min_daily_minutes: 120,
        max_daily_minutes: 180,
        min_days_per_week: 1,
        max_days_per_week: Math.max(1, days.length),
        travel_max_minutes: 15 + Math.floor(random() * 45),
        travel_max_metres: null,
        travel_modes: JSON.stringify(['walk', 'train'].filter(() => random() < 0.7)),
        strengths: null,
        difficulties: null,
        supports: JSON.stringify(supportCodes.filter(() => random() < 0.15)),
        health_note: null,
        goal_short: null,
        goal_long: null,
        notes: null,
        recorded_by: null,
        recorded_at: now,
      };
    });
    await inChunks(assessments, 200, (part) => db.insertInto('assessment').values(part).execute());
    return participants.length;
  },
};
