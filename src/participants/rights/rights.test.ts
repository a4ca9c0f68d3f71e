import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases';
import { demoEmails, signedInClient, testApp } from '../../accounts/users/test-support';
import type { Actor } from '../../platform/auth/policy';
import { writeSetting } from '../../platform/db/settings';
import { hasPoppler, pdfText } from '../../registry/listing/test-support';
import { recordConsent } from '../consents/service';
import { todayInTokyo } from '../japanese-date';
import { createParticipant, recordAssessment, writeSupportLogEntry } from '../service';
import {
  auditRows,
  buildParticipantWorld,
  otherCounsellorEmail,
  type ParticipantWorld,
} from '../test-support';
import { participantJobHandlers, participantSchedules, retentionJobName } from './jobs';
import { anonymiseExpiredParticipants, EXPORT_FORMAT, RETENTION_SETTING, yearsBefore } from './service';

const audit = { userId: null, organisationId: null, requestId: 'test', ip: '127.0.0.1' };

const person = (name: string, kana: string, extra: Record<string, string> = {}) => ({
  name,
  name_kana: kana,
  birth_date: '1990-07-20',
  phone: '090-2222-3333',
  email: 'rights@example.jp',
  municipality_code: '131041',
  address: '西新宿一丁目(架空)',
  nearest_station: '新宿駅',
  emergency_name: '架空 父',
  emergency_relation: '父',
  emergency_phone: '03-1111-2222',
  case_number: `R-${kana}`,
  ...extra,
});

describe('yearsBefore', () => {
  it('is the same day N years earlier; 29 February falls on the 28th', () => {
    expect(yearsBefore('2026-11-25', 5)).toBe('2021-11-25');
    expect(yearsBefore('2028-02-29', 1)).toBe('2027-02-28');
  });
});

describeEachDatabase('the person’s rights', (current) => {
  let world: ParticipantWorld;
  const db = () => current().db;
  const app = () => testApp(current());
  let counsellor: Actor;
  let subject = '';
  const today = todayInTokyo();

  async function register(name: string, kana: string): Promise<string> {
    const outcome = await createParticipant(db(), counsellor, person(name, kana), audit, {
      confirmDistinct: true,
    });
    if (outcome.status !== 'ok') throw new Error(JSON.stringify(outcome));
    return outcome.id;
  }

  beforeAll(async () => {
    world = await buildParticipantWorld(db());
    counsellor = {
      userId: world.users[demoEmails.counsellor] ?? '',
      role: 'counsellor',
      organisationId: world.agency,
      facilityIds: [],
    };
    subject = await register('権利 太郎', 'ケンリ タロウ');
    await recordAssessment(
      db(),
      counsellor,
      subject,
      { assessed_on: today, tasks: ['cleaning'], strengths: '丁寧な作業', notes: '電車が苦手' },
      audit,
    );
    await writeSupportLogEntry(
      db(),
      counsellor,
      subject,
      { occurred_on: today, kind: 'phone', body: '体調の確認' },
      audit,
    );
    await recordConsent(
      db(),
      counsellor,
      subject,
      {
        recipient: `corporation:${world.corporation}`,
        data_groups: ['basic_identity'],
        purpose: 'はたらく場の受け入れ調整のため',
        valid_from: today,
      },
      audit,
    );
  });

  it('exports everything held as JSON (audited), and as a PDF for the person', async () => {
    const client = await signedInClient(app(), demoEmails.counsellor);
    const response = await client.request(`/participants/${subject}/export.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('attachment');
    const data = await response.json();
    expect(data.format).toBe(EXPORT_FORMAT);
    expect(data.participant.name).toBe('権利 太郎');
    expect(data.participant.emergency_phone).toBe('03-1111-2222');
    expect(data.assessments[0].values.strengths).toBe('丁寧な作業');
    expect(data.supportLog[0].body).toBe('体調の確認');
    expect(data.consents[0].dataGroups).toEqual(['basic_identity']);
    const rows = await auditRows(db(), 'participant.export', subject);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.detail).toContain('"json"');
    expect(rows[0]?.detail).not.toContain('権利');

    const pdf = await client.request(`/participants/${subject}/export.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    if (hasPoppler()) {
      const text = (pdfText(Buffer.from(await pdf.arrayBuffer())) ?? '').replace(/\s+/g, '');
      expect(text).toContain('あなたについて記録している情報');
      expect(text).toContain('権利太郎');
      expect(text).toContain('体調の確認');
    }
    expect(await auditRows(db(), 'participant.export', subject)).toHaveLength(2);
  });

  it('another agency, a facility and the council get 404 for exports and closing', async () => {
    for (const email of [otherCounsellorEmail, demoEmails.coordinator, demoEmails.councilAdmin]) {
      const client = await signedInClient(app(), email);
      for (const path of ['export.json', 'export.pdf', 'close']) {
        const response = await client.request(`/participants/${subject}/${path}`);
        expect(response.status, `${email} ${path}`).toBe(404);
        expect(await response.text()).not.toContain('権利');
      }
      expect(
        (await client.postForm(`/participants/${subject}/close`, { closed_on: today, reason: 'x' })).status,
      ).toBe(404);
    }
  });

  it('closes a case with a date and a reason; field errors keep the values', async () => {
    const client = await signedInClient(app(), demoEmails.counsellor);
    const form = await client.request(`/participants/${subject}/close`);
    expect(form.status).toBe(200);
    const bad = await client.postForm(`/participants/${subject}/close`, {
      closed_on: '2999-01-01',
      reason: '',
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('未来の日付は入力できません');
    expect(html).toContain('id="field-reason-error"');
    expect(html).toContain('value="2999-01-01"');
    const ok = await client.postForm(`/participants/${subject}/close`, {
      closed_on: today,
      reason: '就職したため',
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/participants/${subject}?closed=1`);
    const row = await db()
      .selectFrom('participant')
      .select(['status', 'closed_at', 'closed_reason'])
      .where('id', '=', subject)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'closed', closed_at: today, closed_reason: '就職したため' });
    const rows = await auditRows(db(), 'participant.close', subject);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.detail).not.toContain('就職');
    const again = await client.postForm(`/participants/${subject}/close`, {
      closed_on: today,
      reason: '二回目',
    });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('このケースはすでに終結しています');
  });

  it('the retention job anonymises cases closed more than N years before a fixed now, and only those', async () => {
    const old = await register('古い 記録', 'フルイ キロク');
    const recent = await register('新しい 記録', 'アタラシイ キロク');
    const active = await register('継続 中', 'ケイゾク チュウ');
    await recordAssessment(
      db(),
      counsellor,
      old,
      { assessed_on: '2019-05-01', tasks: ['cleaning'], strengths: '几帳面', health_note: '通院あり' },
      audit,
      { today: '2019-05-01' },
    );
    await writeSupportLogEntry(
      db(),
      counsellor,
      old,
      { occurred_on: '2019-05-02', kind: 'visit', body: '自宅訪問' },
      audit,
    );
    await db()
      .updateTable('participant')
      .set({ status: 'closed', closed_at: '2021-11-24', closed_reason: '転居' })
      .where('id', '=', old)
      .execute();
    await db()
      .updateTable('participant')
      .set({ status: 'closed', closed_at: '2021-11-25', closed_reason: '就職' })
      .where('id', '=', recent)
      .execute();

    const now = new Date('2026-11-25T03:00:00Z'); // 12:00 in Tokyo
    const first = await anonymiseExpiredParticipants(db(), { now });
    expect(first).toEqual({ anonymised: 1, cutoff: '2021-11-25', years: 5 });
    const row = await db()
      .selectFrom('participant')
      .select([
        'name',
        'name_kana',
        'birth_date',
        'phone',
        'email',
        'address',
        'emergency_name',
        'case_number',
        'closed_reason',
        'municipality_code',
        'status',
        'closed_at',
        'anonymised_at',
        'search_text',
      ])
      .where('id', '=', old)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      name: '(匿名化済み)',
      name_kana: '',
      birth_date: '1990-01-01',
      phone: null,
      email: null,
      address: null,
      emergency_name: null,
      case_number: null,
      closed_reason: null,
      municipality_code: '131041',
      status: 'anonymised',
      closed_at: '2021-11-24',
      anonymised_at: now.toISOString(),
      search_text: '',
    });
    const assessment = await db()
      .selectFrom('assessment')
      .select(['strengths', 'health_note', 'tasks', 'assessed_on'])
      .where('participant_id', '=', old)
      .executeTakeFirstOrThrow();
    expect(assessment).toEqual({
      strengths: null,
      health_note: null,
      tasks: '["cleaning"]',
      assessed_on: '2019-05-01',
    });
    const log = await db()
      .selectFrom('support_log_entry')
      .select(['body', 'occurred_on'])
      .where('participant_id', '=', old)
      .execute();
    expect(log).toEqual([{ body: '', occurred_on: '2019-05-02' }]);
    const anonymised = await auditRows(db(), 'participant.anonymise', old);
    expect(anonymised).toHaveLength(1);
    expect(anonymised[0]?.user_id).toBeNull();
    // Exactly five years ago is not "more than" five years: kept. Active cases are never touched.
    for (const id of [recent, active]) {
      const kept = await db()
        .selectFrom('participant')
        .select(['status', 'name'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(kept.status).not.toBe('anonymised');
    }
    // Idempotent; and the setting shortens the period.
    expect((await anonymiseExpiredParticipants(db(), { now })).anonymised).toBe(0);
    await writeSetting(db(), RETENTION_SETTING, '2');
    const handler = participantJobHandlers({ db: db() })[retentionJobName];
    expect(handler).toBeDefined();
    expect(participantSchedules[0]?.jobName).toBe(retentionJobName);
    // The scheduled handler (real clock) with the setting at 2 years: `recent` goes, the case
    // closed today and the active one stay.
    await handler?.({}, { logger: { info() {} } } as unknown as Parameters<NonNullable<typeof handler>>[1]);
    const statuses = await db()
      .selectFrom('participant')
      .select(['id', 'status'])
      .where('id', 'in', [recent, active, subject])
      .execute();
    expect(Object.fromEntries(statuses.map((r) => [r.id, r.status]))).toEqual({
      [recent]: 'anonymised',
      [active]: 'active',
      [subject]: 'closed',
    });
    await writeSetting(db(), RETENTION_SETTING, '5');
  });
});
