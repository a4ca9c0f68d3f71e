/** Consents through the service: checkConsent against stored records, and the council's override. */
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases';
import type { Actor } from '../../platform/auth/policy';
import { todayInTokyo } from '../japanese-date';
import { auditRows, type ParticipantWorld } from '../test-support';
import { addDays, oneYearFrom } from './consent';
import { checkConsent, overrideConsent, recordConsent, revokeConsent, useConsentOverride } from './service';
import { testAudit as audit, buildConsentWorld } from './test-support';

describeEachDatabase('consents', (current) => {
  let world: ParticipantWorld;
  const db = () => current().db;
  let plainParticipantId = ''; // 架空 一郎 (no furigana)
  let facilityIds: string[] = [];
  let otherCorporation = '';
  let counsellor: Actor;
  let councilAdmin: Actor;
  const today = todayInTokyo();

  beforeAll(async () => {
    ({ world, plainParticipantId, facilityIds, otherCorporation, counsellor, councilAdmin } =
      await buildConsentWorld(db()));
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
});
