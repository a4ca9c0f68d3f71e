/**
 * Fictional はたらく場 for demo data (`seedDemoOpportunities`, called at the end of seedDemo) and
 * the benchmark generator (`opportunitiesBenchGenerator`: facilities under generated
 * corporations, three opportunities each, with time windows). Everything is invented.
 */
import type { Insertable, Kysely } from 'kysely';
import type { Actor } from '../../platform/auth/policy';
import type { Database, OpportunityTable, OpportunityWindowTable } from '../../platform/db/schema';
import { newId, nowIso } from '../../platform/db/time';
import { toSearchText } from '../../platform/text/normalise';
import { listMunicipalities } from '../../reference/municipalities';
import { syncMunicipalities } from '../../reference/store';
import { recordCertification } from '../certifications/service';
import {
  type OpportunityInput,
  type OpportunityStatus,
  supportCodes,
  taskCategories,
  taskCategoryLabels,
  type Weekday,
  workFormOffers,
} from './opportunity';
import { changeOpportunityStatus, createOpportunity } from './service';

const seedAudit = { userId: null, organisationId: null, requestId: 'seed', ip: null };

type DemoOpportunity = {
  facility: string;
  status: 'draft' | 'published' | 'full';
  /** Days since it was last confirmed (to show the freshness reminder and the stale mark). */
  confirmedDaysAgo?: number;
  input: OpportunityInput;
};

const windows = (days: Weekday[], start: string, end: string, capacity: number) =>
  days.map((weekday) => ({ weekday, start, end, capacity }));

const demoOpportunities: DemoOpportunity[] = [
  {
    facility: 'みどりの杜 ケアセンター(架空)',
    status: 'published',
    input: {
      title: '施設内の清掃(午前)',
      description:
        '共用部分(廊下・食堂・浴室まわり)の清掃です。職員と一緒に、決まった順番で進めます。はじめは1日2時間から始められます。',
      tasks: ['cleaning', 'grounds_upkeep'],
      setting: 'indoor',
      physical_load: 'light',
      work_forms: ['a_unpaid', 'b_unpaid'],
      windows: windows([1, 3, 5], '08:30', '12:00', 2),
      min_daily_minutes: '2',
      max_daily_minutes: '3.5',
      min_days_per_week: '1',
      max_days_per_week: '3',
      year_end_closed: 1,
      transport_allowance: 1,
      transport_cap_yen: '500',
      meals: 'paid',
      uniform: 'lent',
      what_to_bring: '上履き、飲み物',
      supports: {
        short_hours: 'yes',
        supervision: 'yes',
        visual_instructions: 'yes',
        rest_breaks: 'yes',
        smoke_free: 'yes',
        wheelchair: 'no',
      },
      support_note: '作業の手順は写真付きのカードで説明します。',
      visit_possible: 1,
      trial_possible: 1,
    },
  },
  {
    facility: 'みどりの杜 ケアセンター(架空)',
    status: 'published',
    confirmedDaysAgo: 130,
    input: {
      title: '昼食の配膳と下膳の補助',
      description: '利用者さんの昼食の配膳、下膳、テーブル拭きを手伝います。介護(身体介護)は行いません。',
      tasks: ['meal_service', 'cooking_assist'],
      setting: 'indoor',
      physical_load: 'moderate',
      work_forms: ['a_unpaid'],
      windows: windows([2, 4], '11:00', '13:00', 1),
      min_daily_minutes: '2',
      max_daily_minutes: '2',
      min_days_per_week: '1',
      max_days_per_week: '2',
      works_on_holidays: 1,
      year_end_closed: 0,
      health_check_required: 1,
      documents_required: '健康診断書(1年以内)',
      supports: { gender_consideration: 'yes', medical_visits: 'yes' },
      interview_required: 1,
      visit_possible: 1,
    },
  },
  {
    facility: 'みどりの杜 ワークセンター(架空)',
    status: 'published',
    input: {
      title: '畑の手入れと野菜の袋詰め',
      description:
        '法人の畑での草取り・収穫と、作業所での野菜の計量・袋詰めです。雨の日は屋内作業になります。',
      tasks: ['farming_gardening', 'light_work'],
      setting: 'both',
      physical_load: 'moderate',
      work_forms: ['b_employed', 'b_unpaid'],
      windows: windows([1, 2, 3, 4, 5], '09:30', '15:00', 3),
      min_daily_minutes: '3',
      max_daily_minutes: '5',
      min_days_per_week: '2',
      max_days_per_week: '5',
      pay_type: 'hourly',
      pay_yen: '1250',
      transport_allowance: 1,
      transport_cap_yen: '800',
      meals: 'provided',
      uniform: 'own',
      what_to_bring: '汚れてもよい服、帽子、軍手',
      supports: {
        mental_developmental: 'yes',
        same_mentor: 'yes',
        gradual_increase: 'yes',
        step_up_to_employment: 'yes',
        japanese_learners: 'yes',
        wheelchair: 'no',
      },
      visit_possible: 1,
      trial_possible: 1,
      interview_required: 1,
    },
  },
  {
    facility: 'みどりの杜 ワークセンター(架空)',
    status: 'full',
    input: {
      title: '事務補助(封入・データ入力)',
      description: 'お知らせの封入・発送準備と、簡単なデータ入力です。',
      tasks: ['office_assist'],
      setting: 'indoor',
      physical_load: 'light',
      work_forms: ['a_unpaid'],
      windows: windows([2, 4], '13:00', '15:00', 1),
      supports: { quiet_break_space: 'yes', written_communication: 'yes', wheelchair: 'yes' },
      visit_possible: 1,
    },
  },
  {
    facility: 'みどりの杜 こども園(架空)',
    status: 'draft',
    input: {
      title: '園庭の環境整備',
      description: '園庭の落ち葉掃き、砂場の整備、花壇の水やりです。',
      tasks: ['grounds_upkeep', 'cleaning'],
      setting: 'outdoor',
      physical_load: 'moderate',
      work_forms: ['a_unpaid'],
      windows: windows([6], '09:00', '11:00', 2),
      health_check_required: 1,
    },
  },
];

/** 認定 for the demo facilities that offer B–D (fictional numbers). */
const demoCertifications: Record<
  string,
  { number: string; certified_on: string; authority: string; status: string }
> = {
  'みどりの杜 ケアセンター(架空)': {
    number: '架空-就訓-0001',
    certified_on: '2023-04-01',
    authority: '東京都',
    status: 'certified',
  },
  'みどりの杜 ワークセンター(架空)': {
    number: '架空-就訓-0002',
    certified_on: '2024-10-01',
    authority: '東京都',
    status: 'certified',
  },
};

/** Adds the demo opportunities (once: an existing title at a facility is skipped). */
export async function seedDemoOpportunities(db: Kysely<Database>): Promise<number> {
  const facilities = await db
    .selectFrom('facility')
    .select(['id', 'name', 'corporation_id'])
    .where('is_demo', '=', 1)
    .execute();
  const byName = new Map(facilities.map((f) => [f.name, f]));
  const seeder: Actor = { userId: 'seed', role: 'council_admin', organisationId: 'seed', facilityIds: [] };
  for (const [name, certification] of Object.entries(demoCertifications)) {
    const facility = byName.get(name);
    if (facility) await recordCertification(db, seeder, facility.id, certification, seedAudit);
  }
  let created = 0;
  for (const demo of demoOpportunities) {
    const facility = byName.get(demo.facility);
    if (!facility) continue;
    const exists = await db
      .selectFrom('opportunity')
      .select('id')
      .where('facility_id', '=', facility.id)
      .where('title', '=', String(demo.input.title))
      .executeTakeFirst();
    if (exists) continue;
    const at = new Date(Date.now() - (demo.confirmedDaysAgo ?? 1) * 86_400_000);
    const outcome = await createOpportunity(db, seeder, facility.id, demo.input, seedAudit, {
      now: at,
      isDemo: true,
      status: demo.status === 'draft' ? 'draft' : 'published',
    });
    if (outcome.status !== 'ok') throw new Error(`demo opportunity is invalid: ${JSON.stringify(outcome)}`);
    if (demo.status === 'full')
      await changeOpportunityStatus(db, seeder, outcome.id, 'full', seedAudit, { now: at });
    created += 1;
  }
  return created;
}

// ── Benchmark ───────────────────────────────────────────────────────────────────────────────

type Random = () => number;

const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

function sample<T>(random: Random, list: readonly T[], count: number): T[] {
  const copy = [...list];
  const out: T[] = [];
  while (out.length < count && copy.length > 0)
    out.push(copy.splice(Math.floor(random() * copy.length), 1)[0] as T);
  return out;
}

const startTimes = ['08:30', '09:00', '09:30', '10:00', '13:00', '13:30'];
const lengths = [90, 120, 180, 240, 300];

function timeAfter(start: string, minutes: number): string {
  const [h, m] = start.split(':').map(Number);
  const total = (h ?? 0) * 60 + (m ?? 0) + minutes;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

async function inChunks<T>(rows: T[], size: number, insert: (part: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/**
 * `seed --bench N`: N facilities under N/20 generated corporations, 3 opportunities per facility
 * (80 % published), each with 1–5 weekly windows. Rows are written directly (no versions or
 * audit), flagged is_demo.
 */
export const opportunitiesBenchGenerator = {
  name: 'facilities and opportunities',
  async run(db: Kysely<Database>, n: number, random: Random): Promise<number> {
    await syncMunicipalities(db);
    const municipalities = listMunicipalities();
    const now = Date.now();
    const corporations = Array.from({ length: Math.max(1, Math.ceil(n / 20)) }, (_, i) => {
      const name = `社会福祉法人 ベンチはたらく会${i + 1}(架空)`;
      return {
        id: newId(),
        kind: 'corporation' as const,
        name,
        name_kana: '',
        search_text: toSearchText(name),
        is_demo: 1,
        created_at: nowIso(),
        updated_at: nowIso(),
      };
    });
    await inChunks(corporations, 500, (part) => db.insertInto('organisation').values(part).execute());
    const facilities = Array.from({ length: n }, (_, i) => {
      const municipality = pick(random, municipalities);
      const name = `ベンチ事業所${i + 1}(架空)`;
      return {
        id: newId(),
        corporation_id: (corporations[i % corporations.length] as { id: string }).id,
        name,
        name_kana: 'ベンチジギョウショ',
        service_type: pick(random, ['elderly', 'disability', 'children', 'nursery', 'other'] as const),
        postal_code: null,
        municipality_code: municipality.code,
        address: `架空町${i + 1}`,
        lat: municipality.lat + (random() - 0.5) * 0.04,
        lng: municipality.lng + (random() - 0.5) * 0.04,
        nearest_station: null,
        walk_minutes: Math.floor(random() * 20),
        phone: null,
        contact_name: null,
        contact_email: `bench-facility${i + 1}@bench.hataraku.example`,
        search_text: toSearchText(name),
        is_demo: 1,
        created_at: nowIso(),
        updated_at: nowIso(),
      };
    });
    await inChunks(facilities, 500, (part) => db.insertInto('facility').values(part).execute());

    let count = 0;
    for (let f = 0; f < facilities.length; f += 100) {
      const opportunityRows: Insertable<OpportunityTable>[] = [];
      const windowRows: Insertable<OpportunityWindowTable>[] = [];
      for (const facility of facilities.slice(f, f + 100)) {
        for (let k = 0; k < 3; k += 1) {
          const id = newId();
          const tasks = sample(random, taskCategories, 1 + Math.floor(random() * 3));
          const title = `${taskCategoryLabels[tasks[0] ?? 'other']}の仕事 ${k + 1}`;
          const description = `${facility.name}での${tasks.map((t) => taskCategoryLabels[t]).join('・')}です(ベンチマーク用の架空データ)。`;
          const status: OpportunityStatus =
            random() < 0.8 ? 'published' : pick(random, ['draft', 'paused', 'full'] as const);
          const confirmed = nowIso(new Date(now - Math.floor(random() * 200) * 86_400_000));
          const forms = sample(random, workFormOffers, 1 + Math.floor(random() * 2));
          const employed = forms.some((w) => w.endsWith('_employed'));
          opportunityRows.push({
            id,
            facility_id: facility.id,
            title,
            description,
            tasks: JSON.stringify(taskCategories.filter((t) => tasks.includes(t))),
            setting: pick(random, ['indoor', 'outdoor', 'both'] as const),
            physical_load: pick(random, ['light', 'moderate', 'heavy'] as const),
            work_forms: JSON.stringify(forms),
            min_daily_minutes: 60 * (1 + Math.floor(random() * 3)),
            max_daily_minutes: 60 * (4 + Math.floor(random() * 4)),
            min_days_per_week: 1,
            max_days_per_week: 1 + Math.floor(random() * 5),
            works_on_holidays: random() < 0.3 ? 1 : 0,
            year_end_closed: 1,
            holiday_note: null,
            earliest_start_date: null,
            pay_type: employed ? ('hourly' as const) : ('none' as const),
            pay_yen: employed ? 1250 : null,
            transport_allowance: random() < 0.5 ? 1 : 0,
            transport_cap_yen: null,
            meals: 'none' as const,
            uniform: 'none' as const,
            what_to_bring: null,
            health_check_required: random() < 0.3 ? 1 : 0,
            documents_required: null,
            supports: JSON.stringify(sample(random, supportCodes, Math.floor(random() * 6))),
            supports_unavailable: '[]',
            support_note: null,
            visit_possible: random() < 0.7 ? 1 : 0,
            trial_possible: random() < 0.5 ? 1 : 0,
            interview_required: random() < 0.5 ? 1 : 0,
            status,
            version: 1,
            search_text: toSearchText(
              title,
              description,
              ...tasks.map((t) => taskCategoryLabels[t]),
              facility.name,
            ),
            is_demo: 1,
            created_at: confirmed,
            updated_at: confirmed,
            published_at: status === 'draft' ? null : confirmed,
            status_changed_at: confirmed,
            last_confirmed_at: confirmed,
            last_reminded_at: null,
          });
          const days = sample(random, [1, 2, 3, 4, 5, 6, 7] as const, 1 + Math.floor(random() * 5));
          const start = pick(random, startTimes);
          const end = timeAfter(start, pick(random, lengths));
          days.forEach((weekday, position) => {
            const capacity = 1 + Math.floor(random() * 4);
            windowRows.push({
              id: newId(),
              opportunity_id: id,
              weekday,
              start_time: start,
              end_time: end,
              capacity,
              position,
              open_places: capacity,
            });
          });
          count += 1;
        }
      }
      await inChunks(opportunityRows, 300, (part) => db.insertInto('opportunity').values(part).execute());
      await inChunks(windowRows, 1000, (part) => db.insertInto('opportunity_window').values(part).execute());
    }
    return count;
  },
};
