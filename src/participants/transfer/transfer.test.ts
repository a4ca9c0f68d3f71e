import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases';
import { demoEmails, signedInClient, testApp } from '../../accounts/users/test-support';
import type { Actor } from '../../platform/auth/policy';
import { recordConsent } from '../consents/service';
import { todayInTokyo } from '../japanese-date';
import { createParticipant, recordAssessment, writeSupportLogEntry } from '../service';
import { buildParticipantWorld, otherCounsellorEmail, type ParticipantWorld } from '../test-support';
import { transferParticipant } from './service';

const audit = { userId: null, organisationId: null, requestId: 'test', ip: '127.0.0.1' };

describeEachDatabase('transfer to another agency', (current) => {
  let world: ParticipantWorld;
  const db = () => current().db;
  const app = () => testApp(current());
  let counsellor: Actor;
  let movingId = '';
  const today = todayInTokyo();

  beforeAll(async () => {
    world = await buildParticipantWorld(db());
    counsellor = {
      userId: world.users[demoEmails.counsellor] ?? '',
      role: 'counsellor',
      organisationId: world.agency,
      facilityIds: [],
    };
    const created = await createParticipant(
      db(),
      counsellor,
      { name: '移管 花子', name_kana: 'イカン ハナコ', birth_date: '1985-03-03', case_number: 'MOVE-1' },
      audit,
    );
    if (created.status !== 'ok') throw new Error(JSON.stringify(created));
    movingId = created.id;
    await recordAssessment(
      db(),
      counsellor,
      movingId,
      { assessed_on: today, strengths: '明るく挨拶できる' },
      audit,
    );
    await writeSupportLogEntry(
      db(),
      counsellor,
      movingId,
      { occurred_on: today, kind: 'meeting', body: '初回面談' },
      audit,
    );
    await recordConsent(
      db(),
      counsellor,
      movingId,
      {
        recipient: `corporation:${world.corporation}`,
        data_groups: ['basic_identity'],
        purpose: 'はたらく場の受け入れ調整のため',
        valid_from: today,
      },
      audit,
    );
  });

  it('another agency cannot move someone else’s case, and field errors keep the values', async () => {
    const other = await signedInClient(app(), otherCounsellorEmail);
    expect((await other.request(`/participants/${movingId}/transfer`)).status).toBe(404);
    expect(
      (
        await other.postForm(`/participants/${movingId}/transfer`, {
          to_agency: world.otherAgency,
          consented: '1',
        })
      ).status,
    ).toBe(404);

    const client = await signedInClient(app(), demoEmails.counsellor);
    const form = await client.request(`/participants/${movingId}/transfer`);
    expect(form.status).toBe(200);
    const formHtml = await form.text();
    expect(formHtml).toContain('みなみ市 相談支援センター(架空テスト)');
    expect(formHtml).not.toContain(`<option value="${world.agency}"`);
    const bad = await client.postForm(`/participants/${movingId}/transfer`, {
      to_agency: world.agency,
      consent_on: '2999-01-01',
      reason: '転居したため',
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('一覧から選んでください');
    expect(html).toContain('本人の同意を得てからチェックを入れてください');
    expect(html).toContain('未来の日付は入力できません');
    expect(html).toContain('転居したため');
    const row = await db()
      .selectFrom('participant')
      .select('agency_id')
      .where('id', '=', movingId)
      .executeTakeFirstOrThrow();
    expect(row.agency_id).toBe(world.agency);
  });

  it('moves the case with its history; the old agency loses sight, both agencies have an audit row', async () => {
    const client = await signedInClient(app(), demoEmails.counsellor);
    const moved = await client.postForm(`/participants/${movingId}/transfer`, {
      to_agency: world.otherAgency,
      consented: '1',
      consent_on: today,
      reason: '八王子市へ転居したため',
    });
    expect(moved.status).toBe(303);
    expect(moved.headers.get('location')).toBe('/participants?transferred=1');
    expect(await (await client.request('/participants?transferred=1')).text()).toContain('移管しました');
    expect((await client.request(`/participants/${movingId}`)).status).toBe(404);

    const other = await signedInClient(app(), otherCounsellorEmail);
    const page = await other.request(`/participants/${movingId}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('移管 花子');
    expect(html).toContain('明るく挨拶できる');
    expect(html).toContain('初回面談');
    expect(html).toContain('【移管】');
    expect(html).toContain('八王子市へ転居したため');
    const consents = await other.request(`/participants/${movingId}/consents`);
    expect(consents.status).toBe(200);

    const rows = await db()
      .selectFrom('audit_event')
      .select(['action', 'organisation_id', 'detail'])
      .where('subject_id', '=', movingId)
      .where('action', 'in', ['participant.transfer_out', 'participant.transfer_in'])
      .orderBy('action')
      .execute();
    expect(rows.map((r) => [r.action, r.organisation_id])).toEqual([
      ['participant.transfer_in', world.otherAgency],
      ['participant.transfer_out', world.agency],
    ]);
    expect(rows[0]?.detail).not.toContain('八王子');
  });

  it('a closed case is not transferred', async () => {
    const otherActor: Actor = {
      userId: 'x',
      role: 'counsellor',
      organisationId: world.otherAgency,
      facilityIds: [],
    };
    await db()
      .updateTable('participant')
      .set({ status: 'closed', closed_at: today })
      .where('id', '=', movingId)
      .execute();
    const outcome = await transferParticipant(
      db(),
      otherActor,
      movingId,
      { to_agency: world.agency, consented: '1', consent_on: today, reason: '戻ったため' },
      audit,
    );
    expect(outcome.status).toBe('not_active');
    // A closed case shares nothing, though its consent is still in its period.
    const { checkConsent } = await import('../consents/service');
    expect(
      await checkConsent(db(), {
        participantId: movingId,
        recipient: { corporationId: world.corporation },
        dataGroups: ['basic_identity'],
        on: today,
      }),
    ).toEqual({ ok: false, reasons: ['none'] });
  });
});
