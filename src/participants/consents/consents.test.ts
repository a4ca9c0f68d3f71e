import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases';
import {
  addCorporation,
  addFacility,
  demoEmails,
  signedInClient,
  testApp,
} from '../../accounts/users/test-support';
import type { Actor } from '../../platform/auth/policy';
import { hasPoppler, pdfText } from '../../registry/listing/test-support';
import { todayInTokyo } from '../japanese-date';
import { seedDemoParticipants } from '../seed';
import {
  auditRows,
  buildParticipantWorld,
  otherCounsellorEmail,
  type ParticipantWorld,
  postFields,
} from '../test-support';
import { addDays, oneYearFrom } from './consent';
import { checkConsent, overrideConsent, recordConsent, revokeConsent, useConsentOverride } from './service';

const audit = { userId: null, organisationId: null, requestId: 'test', ip: '127.0.0.1' };

describeEachDatabase('consents', (current) => {
  let world: ParticipantWorld;
  const db = () => current().db;
  const app = () => testApp(current());
  let participantId = ''; // 見本 さくら (furigana wanted)
  let plainParticipantId = ''; // 架空 一郎 (no furigana)
  let facilityIds: string[] = [];
  let otherCorporation = '';
  let counsellor: Actor;
  let councilAdmin: Actor;
  const today = todayInTokyo();

  beforeAll(async () => {
    world = await buildParticipantWorld(db());
    await seedDemoParticipants(db());
    const people = await db().selectFrom('participant').select(['id', 'case_number']).execute();
    participantId = people.find((p) => p.case_number === 'DEMO-0002')?.id ?? '';
    plainParticipantId = people.find((p) => p.case_number === 'DEMO-0001')?.id ?? '';
    facilityIds = (
      await db()
        .selectFrom('facility')
        .select('id')
        .where('corporation_id', '=', world.corporation)
        .orderBy('name')
        .execute()
    ).map((f) => f.id);
    if (facilityIds.length < 2)
      facilityIds.push(await addFacility(db(), world.corporation, '第二事業所(架空)'));
    otherCorporation = await addCorporation(db(), '社会福祉法人 ほかの会(架空テスト)');
    await addFacility(db(), otherCorporation, 'ほかの会 事業所(架空)');
    counsellor = {
      userId: world.users[demoEmails.counsellor] ?? '',
      role: 'counsellor',
      organisationId: world.agency,
      facilityIds: [],
    };
    councilAdmin = {
      userId: world.users[demoEmails.councilAdmin] ?? '',
      role: 'council_admin',
      organisationId: world.council,
      facilityIds: [],
    };
  });

  describe('checkConsent against stored records', () => {
    it('answers none, then yes within the period and groups, and refuses the rest with reasons', async () => {
      const ask = (extra: Partial<Parameters<typeof checkConsent>[1]> = {}) =>
        checkConsent(db(), {
          participantId: plainParticipantId,
          recipient: { corporationId: world.corporation, facilityId: facilityIds[0] },
          dataGroups: ['basic_identity'],
          on: today,
          ...extra,
        });
      expect(await ask()).toEqual({ ok: false, reasons: ['none'] });

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
      expect(recorded.status).toBe('ok');
      const consentId = recorded.status === 'ok' ? recorded.id : '';
      expect(await ask()).toEqual({ ok: true, consentIds: [consentId] });
      // facility scope: not the other facility, not the corporation as a whole
      expect(
        await ask({ recipient: { corporationId: world.corporation, facilityId: facilityIds[1] } }),
      ).toEqual({
        ok: false,
        reasons: ['wrong_recipient'],
      });
      expect(await ask({ recipient: { corporationId: world.corporation } })).toEqual({
        ok: false,
        reasons: ['wrong_recipient'],
      });
      // a facility named under the wrong corporation
      expect(
        await ask({ recipient: { corporationId: otherCorporation, facilityId: facilityIds[0] } }),
      ).toEqual({
        ok: false,
        reasons: ['wrong_recipient'],
      });
      expect(await ask({ dataGroups: ['basic_identity', 'health_and_support'] })).toEqual({
        ok: false,
        reasons: ['missing_groups'],
      });
      expect(await ask({ on: addDays(oneYearFrom(today), 1) })).toEqual({ ok: false, reasons: ['expired'] });

      const revoked = await revokeConsent(
        db(),
        counsellor,
        plainParticipantId,
        consentId,
        { revoked_on: today, reason: '本人の申し出' },
        audit,
      );
      expect(revoked.status).toBe('ok');
      expect(await ask()).toEqual({ ok: false, reasons: ['revoked'] });
      expect(
        (await revokeConsent(db(), counsellor, plainParticipantId, consentId, { revoked_on: today }, audit))
          .status,
      ).toBe('already_revoked');
      expect(await auditRows(db(), 'consent.record', plainParticipantId)).toHaveLength(1);
      expect(await auditRows(db(), 'consent.revoke', plainParticipantId)).toHaveLength(1);
    });

    it('a corporation-wide consent covers each facility of that corporation only', async () => {
      const recorded = await recordConsent(
        db(),
        counsellor,
        plainParticipantId,
        {
          recipient: `corporation:${world.corporation}`,
          data_groups: ['contact'],
          purpose: '見学の調整のため',
          valid_from: today,
          valid_until: addDays(today, 30),
        },
        audit,
      );
      expect(recorded.status).toBe('ok');
      for (const facilityId of facilityIds) {
        const result = await checkConsent(db(), {
          participantId: plainParticipantId,
          recipient: { corporationId: world.corporation, facilityId },
          dataGroups: ['contact'],
          on: today,
        });
        expect(result.ok).toBe(true);
      }
      expect(
        await checkConsent(db(), {
          participantId: plainParticipantId,
          recipient: { corporationId: otherCorporation },
          dataGroups: ['contact'],
          on: today,
        }),
      ).toEqual({ ok: false, reasons: ['wrong_recipient'] });
    });

    it('another agency cannot record or revoke consent for the person (not found)', async () => {
      const other: Actor = {
        userId: 'x',
        role: 'counsellor',
        organisationId: world.otherAgency,
        facilityIds: [],
      };
      const outcome = await recordConsent(
        db(),
        other,
        plainParticipantId,
        {
          recipient: `corporation:${world.corporation}`,
          data_groups: ['contact'],
          purpose: 'x',
          valid_from: today,
        },
        audit,
      );
      expect(outcome.status).toBe('not_found');
    });
  });

  describe('council override', () => {
    const request = () => ({
      participantId: plainParticipantId,
      recipient: { corporationId: otherCorporation },
      dataGroups: ['basic_identity' as const],
      reason: '本人の安全確認のため緊急に受け入れ先へ連絡する必要があるため(協議会事務局長了承)',
    });

    it('only a council admin, only with a reason of 20 characters or more', async () => {
      expect((await overrideConsent(db(), counsellor, request(), audit)).status).toBe('forbidden');
      expect(
        (await overrideConsent(db(), { ...councilAdmin, role: 'council_staff' }, request(), audit)).status,
      ).toBe('forbidden');
      expect(
        await overrideConsent(db(), councilAdmin, { ...request(), reason: '緊急のため' }, audit),
      ).toEqual({
        status: 'invalid',
        errors: { reason: 'reasonTooShort' },
      });
      expect(
        (
          await overrideConsent(
            db(),
            councilAdmin,
            { ...request(), participantId: '00000000-0000-4000-8000-000000000000' },
            audit,
          )
        ).status,
      ).toBe('not_found');
    });

    it('grants a one-time permission that checkConsent accepts once, audited', async () => {
      const before = await checkConsent(db(), { ...request(), on: today });
      expect(before).toEqual({ ok: false, reasons: ['wrong_recipient'] });
      const granted = await overrideConsent(db(), councilAdmin, request(), audit);
      expect(granted.status).toBe('ok');
      const overrideId = granted.status === 'ok' ? granted.id : '';
      const rows = await auditRows(db(), 'consent.override', plainParticipantId);
      expect(rows).toHaveLength(1);
      expect(rows[0]?.detail).toContain(overrideId);

      // Not for more groups than granted, nor another recipient.
      expect(
        (await checkConsent(db(), { ...request(), dataGroups: ['contact'], on: today, overrideId })).ok,
      ).toBe(false);
      expect(
        (
          await checkConsent(db(), {
            ...request(),
            recipient: { corporationId: world.corporation },
            on: today,
            overrideId,
          })
        ).ok,
      ).toBe(false); // the override names the other corporation; this one's consent lacks basic_identity
      const allowed = await checkConsent(db(), { ...request(), on: today, overrideId });
      expect(allowed).toEqual({ ok: true, consentIds: [], overrideId });
      expect(await useConsentOverride(db(), overrideId, 'referral:test', audit)).toBe(true);
      expect(await useConsentOverride(db(), overrideId, 'referral:again', audit)).toBe(false);
      expect((await checkConsent(db(), { ...request(), on: today, overrideId })).ok).toBe(false);
      expect(await auditRows(db(), 'consent.override_use', plainParticipantId)).toHaveLength(1);
    });

    it('lapses after its days', async () => {
      const granted = await overrideConsent(db(), councilAdmin, request(), audit, { today });
      const overrideId = granted.status === 'ok' ? granted.id : '';
      expect((await checkConsent(db(), { ...request(), on: addDays(today, 13), overrideId })).ok).toBe(true);
      expect((await checkConsent(db(), { ...request(), on: addDays(today, 14), overrideId })).ok).toBe(false);
    });
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

describeEachDatabase('consents over the API', (current) => {
  let world: ParticipantWorld;
  const db = () => current().db;
  const app = () => testApp(current());
  let participantId = '';
  const today = todayInTokyo();
  const call = (token: string, path: string, init: RequestInit = {}) =>
    app().request(`/api/v1${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });

  beforeAll(async () => {
    world = await buildParticipantWorld(db());
    await seedDemoParticipants(db());
    participantId =
      (
        await db()
          .selectFrom('participant')
          .select('id')
          .where('case_number', '=', 'DEMO-0003')
          .executeTakeFirst()
      )?.id ?? '';
  });

  it('records (field errors as problems), lists with status, and revokes; other agencies get 404', async () => {
    const token = world.tokens[demoEmails.counsellor] ?? '';
    const bad = await call(token, `/participants/${participantId}/consents`, {
      method: 'POST',
      body: JSON.stringify({
        recipient: { kind: 'corporation', id: world.corporation },
        dataGroups: ['contact'],
        validFrom: '2026-12-01',
        validUntil: '2026-11-01',
      }),
    });
    expect(bad.status).toBe(400);
    const problem = await bad.json();
    expect(problem.errors).toEqual([
      { pointer: '/validUntil', detail: 'The end must not be before the start' },
    ]);

    const created = await call(token, `/participants/${participantId}/consents`, {
      method: 'POST',
      body: JSON.stringify({
        recipient: { kind: 'corporation', id: world.corporation },
        dataGroups: ['contact'],
      }),
    });
    expect(created.status).toBe(201);
    const consent = await created.json();
    expect(consent).toMatchObject({
      dataGroups: ['contact'],
      purpose: 'はたらく場の受け入れ調整のため',
      validFrom: today,
      validUntil: oneYearFrom(today),
      status: 'active',
    });
    const list = await (await call(token, `/participants/${participantId}/consents`)).json();
    expect(list.items.map((x: { id: string }) => x.id)).toContain(consent.id);

    for (const email of [otherCounsellorEmail, demoEmails.councilAdmin, demoEmails.coordinator]) {
      const other = world.tokens[email] ?? '';
      expect((await call(other, `/participants/${participantId}/consents`)).status, email).toBe(404);
      expect(
        (
          await call(other, `/participants/${participantId}/consents/${consent.id}/revocation`, {
            method: 'POST',
            body: '{}',
          })
        ).status,
      ).toBe(404);
    }

    const revoked = await call(token, `/participants/${participantId}/consents/${consent.id}/revocation`, {
      method: 'POST',
      body: JSON.stringify({ reason: '本人の申し出' }),
    });
    expect(revoked.status).toBe(200);
    expect((await revoked.json()).status).toBe('revoked');
    const again = await call(token, `/participants/${participantId}/consents/${consent.id}/revocation`, {
      method: 'POST',
      body: '{}',
    });
    expect(again.status).toBe(409);
    const document = (await (await app().request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(document.paths['/api/v1/participants/{id}/consents'] ?? {}).sort()).toEqual([
      'get',
      'post',
    ]);
  });
});

describe('consent form document', () => {
  it('is built without furigana fields when not wanted', async () => {
    const { consentFormDocument } = await import('./document');
    const doc = consentFormDocument({
      participant: {
        name: '架空 太郎',
        nameKana: 'カクウ タロウ',
        furigana: false,
        agencyName: '架空相談センター',
      },
      consent: {
        id: 'x',
        recipientName: '法人',
        recipientCorporationName: '法人',
        recipientKind: 'corporation',
        dataGroups: ['contact'],
        purpose: 'p',
        validFrom: '2026-11-25',
        validUntil: '2027-11-24',
        revokedOn: null,
        recordedByName: '相談員',
      },
    });
    expect(JSON.stringify(doc.content)).not.toContain('かくう たろう');
  });
});
