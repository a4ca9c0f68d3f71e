/**
 * The consent pages: the form with its field errors, the list, the printed form (PDF) and
 * revocation, and 404 for everyone outside the person's agency.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases';
import { demoEmails, signedInClient, testApp } from '../../accounts/users/test-support';
import type { Actor } from '../../platform/auth/policy';
import { hasPoppler, pdfText } from '../../registry/listing/test-support';
import { todayInTokyo } from '../japanese-date';
import { auditRows, otherCounsellorEmail, type ParticipantWorld, postFields } from '../test-support';
import { addDays, oneYearFrom } from './consent';
import { recordConsent, revokeConsent } from './service';
import { testAudit as audit, buildConsentWorld } from './test-support';

describeEachDatabase('consents', (current) => {
  let world: ParticipantWorld;
  const db = () => current().db;
  const app = () => testApp(current());
  let participantId = ''; // 見本 さくら (furigana wanted)
  let plainParticipantId = ''; // 架空 一郎 (no furigana)
  let facilityIds: string[] = [];
  let counsellor: Actor;
  const today = todayInTokyo();

  beforeAll(async () => {
    ({ world, participantId, plainParticipantId, facilityIds, counsellor } = await buildConsentWorld(db()));
    // The pages read a revoked consent of 架空 一郎: the printed form says it was withdrawn.
    const recorded = await recordConsent(
      db(),
      counsellor,
      plainParticipantId,
      {
        recipient: `facility:${facilityIds[0]}`,
        data_groups: ['basic_identity', 'assessment_summary'],
        purpose: 'はたらく場の受け入れ調整のため',
        valid_from: today,
        valid_until: '',
      },
      audit,
    );
    if (recorded.status !== 'ok') throw new Error(`consent: ${JSON.stringify(recorded)}`);
    const revoked = await revokeConsent(
      db(),
      counsellor,
      plainParticipantId,
      recorded.id,
      { revoked_on: today, reason: '本人の申し出' },
      audit,
    );
    if (revoked.status !== 'ok') throw new Error(`revoke: ${JSON.stringify(revoked)}`);
  });

  describe('pages and the consent form', () => {
    it('shows field errors with the values kept, and writes nothing', async () => {
      const client = await signedInClient(app(), demoEmails.counsellor);
      const form = await client.request(`/participants/${participantId}/consents/new`);
      expect(form.status).toBe(200);
      const formHtml = await form.text();
      expect(formHtml).toContain('はたらく場の受け入れ調整のため');
      expect(formHtml).toContain(`value="${oneYearFrom(today)}"`);
      expect(formHtml).toContain('(法人全体)');
      expect(formHtml).toContain('基本情報(氏名・フリガナ・生年月日・性別)');
      const before = (await db().selectFrom('consent').select('id').execute()).length;
      const response = await postFields(client, `/participants/${participantId}/consents/new`, [
        ['recipient', `corporation:${world.corporation}`],
        ['data_groups', 'contact'],
        ['purpose', '見学の調整'],
        ['valid_from', '2026-12-01'],
        ['valid_until', '2026-11-30'],
      ]);
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain('終了日は開始日より後の日付にしてください');
      expect(html).toContain('id="field-valid_until-error"');
      expect(html).toContain('href="#field-valid_until"');
      expect(html).toContain('value="2026-11-30"');
      expect(html).toContain('見学の調整');
      expect(html).toMatch(/value="contact"\s+checked/);
      const none = await postFields(client, `/participants/${participantId}/consents/new`, [
        ['recipient', ''],
        ['purpose', ''],
        ['valid_from', today],
      ]);
      expect(none.status).toBe(400);
      const noneHtml = await none.text();
      expect(noneHtml).toContain('id="field-recipient-error"');
      expect(noneHtml).toContain('id="field-data_groups-error"');
      expect((await db().selectFrom('consent').select('id').execute()).length).toBe(before);
    });

    it('records, lists, prints (name and readings in the PDF text, audited), and revokes', async () => {
      const client = await signedInClient(app(), demoEmails.counsellor);
      const created = await postFields(client, `/participants/${participantId}/consents/new`, [
        ['recipient', `facility:${facilityIds[0]}`],
        ['data_groups', 'basic_identity'],
        ['data_groups', 'assessment_summary'],
        ['purpose', 'はたらく場の受け入れ調整のため'],
        ['valid_from', today],
        ['valid_until', ''],
      ]);
      expect(created.status).toBe(303);
      expect(created.headers.get('location')).toBe(`/participants/${participantId}/consents?recorded=1`);
      const list = await (await client.request(`/participants/${participantId}/consents?recorded=1`)).text();
      expect(list).toContain('同意を記録しました');
      expect(list).toContain('有効');
      const consent = await db()
        .selectFrom('consent')
        .select(['id', 'valid_until', 'recorded_by'])
        .where('participant_id', '=', participantId)
        .executeTakeFirstOrThrow();
      expect(consent.valid_until).toBe(oneYearFrom(today));
      expect(consent.recorded_by).toBe(counsellor.userId);
      expect(list).toContain(`/participants/${participantId}/consents/${consent.id}/form.pdf`);

      const page = await (await client.request(`/participants/${participantId}`)).text();
      expect(page).toContain(`href="/participants/${participantId}/consents"`);

      const pdf = await client.request(`/participants/${participantId}/consents/${consent.id}/form.pdf`);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      const bytes = Buffer.from(await pdf.arrayBuffer());
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const downloads = await auditRows(db(), 'consent.form_download', participantId);
      expect(downloads).toHaveLength(1);
      expect(downloads[0]?.detail).toContain(consent.id);
      if (hasPoppler()) {
        const text = (pdfText(bytes) ?? '').replace(/\s+/g, '');
        expect(text).toContain('見本さくら');
        expect(text).toContain('同意書');
        expect(text).toContain('署名');
        expect(text).toContain('どういしょ'); // furigana: the person asked for it
        expect(text).toContain('しょめい');
        expect(text).toContain('令和');
        expect(text).toContain('○提供する');
        expect(text).toContain('×提供しない');
      }

      const revokeForm = await client.request(`/participants/${participantId}/consents/${consent.id}/revoke`);
      expect(revokeForm.status).toBe(200);
      const future = await client.postForm(`/participants/${participantId}/consents/${consent.id}/revoke`, {
        revoked_on: addDays(today, 1),
        reason: '',
      });
      expect(future.status).toBe(400);
      expect(await future.text()).toContain('未来の日付は入力できません');
      const revoked = await client.postForm(`/participants/${participantId}/consents/${consent.id}/revoke`, {
        revoked_on: today,
        reason: '本人の申し出',
      });
      expect(revoked.status).toBe(303);
      const after = await (await client.request(`/participants/${participantId}/consents`)).text();
      expect(after).toContain('撤回済み');
      expect(after).toContain('本人の申し出');
    });

    it('prints without readings when the person did not ask for furigana', async () => {
      const client = await signedInClient(app(), demoEmails.counsellor);
      const consent = await db()
        .selectFrom('consent')
        .select('id')
        .where('participant_id', '=', plainParticipantId)
        .executeTakeFirstOrThrow();
      const pdf = await client.request(`/participants/${plainParticipantId}/consents/${consent.id}/form.pdf`);
      expect(pdf.status).toBe(200);
      if (hasPoppler()) {
        const text = (pdfText(Buffer.from(await pdf.arrayBuffer())) ?? '').replace(/\s+/g, '');
        expect(text).toContain('架空一郎');
        expect(text).not.toContain('どういしょ');
        expect(text).toContain('撤回されています');
      }
    });

    it('another agency, a facility coordinator and the council get 404 for every consent page', async () => {
      const consent = await db()
        .selectFrom('consent')
        .select('id')
        .where('participant_id', '=', participantId)
        .executeTakeFirstOrThrow();
      const paths = [
        `/participants/${participantId}/consents`,
        `/participants/${participantId}/consents/new`,
        `/participants/${participantId}/consents/${consent.id}/revoke`,
        `/participants/${participantId}/consents/${consent.id}/form.pdf`,
      ];
      for (const email of [otherCounsellorEmail, demoEmails.coordinator, demoEmails.councilAdmin]) {
        const client = await signedInClient(app(), email);
        for (const path of paths) {
          const response = await client.request(path);
          expect(response.status, `${email} ${path}`).toBe(404);
          expect(await response.text()).not.toContain('見本');
        }
        const post = await postFields(client, `/participants/${participantId}/consents/new`, [
          ['recipient', `corporation:${world.corporation}`],
          ['data_groups', 'contact'],
          ['purpose', 'x'],
          ['valid_from', today],
        ]);
        expect(post.status, email).toBe(404);
      }
      // A consent of another participant through this participant's URL: 404 too.
      const own = await signedInClient(app(), demoEmails.counsellor);
      const foreign = await db()
        .selectFrom('consent')
        .select('id')
        .where('participant_id', '=', plainParticipantId)
        .executeTakeFirstOrThrow();
      expect(
        (await own.request(`/participants/${participantId}/consents/${foreign.id}/form.pdf`)).status,
      ).toBe(404);
    });
  });
});
