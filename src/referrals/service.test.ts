import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases';
import { revokeConsent } from '../participants/consents/service';
import { todayInTokyo } from '../participants/japanese-date';
import {
  applyReferralEvent,
  createReferral,
  findReferralForActor,
  listReferralsFor,
  openReferral,
  postReferralMessage,
  readSharedData,
  sendReferral,
  threadOf,
  timelineOf,
  transitionReferral,
} from './service';
import {
  buildReferralWorld,
  consentFor,
  noAudit,
  type ReferralWorld,
  referralInput,
  sendTestReferral,
} from './test-support';

function present<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('expected a value');
  return value;
}

describeEachDatabase('referrals: service', (current) => {
  const db = () => current().db;
  let world: ReferralWorld;

  const countReferrals = async () =>
    Number(
      (
        await db()
          .selectFrom('referral')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    world = await buildReferralWorld(db());
  });

  describe('sending', () => {
    it('is refused without a consent that covers the corporation, groups and today; nothing is written', async () => {
      const before = await countReferrals();
      const outcome = await createReferral(
        db(),
        world.actors.counsellor,
        world.participantId,
        referralInput(world),
        noAudit,
        { send: true },
      );
      expect(outcome).toEqual({ status: 'consent_refused', reasons: ['none'] });
      expect(await countReferrals()).toBe(before);
    });

    it('is refused when the consent leaves out a chosen group', async () => {
      await consentFor(db(), world, ['basic_identity', 'assessment_summary']);
      const outcome = await createReferral(
        db(),
        world.actors.counsellor,
        world.participantId,
        referralInput(world, { dataGroups: ['basic_identity', 'health_and_support'] }),
        noAudit,
        { send: true },
      );
      expect(outcome.status).toBe('consent_refused');
    });

    it('is refused for a paused opportunity', async () => {
      const outcome = await createReferral(
        db(),
        world.actors.counsellor,
        world.participantId,
        referralInput(world, { opportunityId: world.pausedOpportunityId }),
        noAudit,
        { send: true },
      );
      expect(outcome).toEqual({ status: 'opportunity_unavailable' });
    });

    it('refuses bad input with field errors (past start, end before start, no groups)', async () => {
      const outcome = await createReferral(
        db(),
        world.actors.counsellor,
        world.participantId,
        referralInput(world, {
          proposedStartDate: '2020-01-01',
          schedule: [{ weekday: 1, start: '12:00', end: '09:00' }],
          dataGroups: [],
          message: ' ',
        }),
        noAudit,
        { send: true },
      );
      expect(outcome.status).toBe('invalid');
      if (outcome.status !== 'invalid') return;
      expect(outcome.errors).toMatchObject({
        proposed_start_date: 'dateInPast',
        'schedule.0.end': 'endBeforeStart',
        data_groups: 'dataGroupsRequired',
        message: 'required',
      });
    });

    it('sends once for a repeated submit with the same key, and tells the facility without the name', async () => {
      const input = referralInput(world, { idempotencyKey: 'double-click-key-1' });
      const before = await countReferrals();
      const [first, second] = await Promise.all([
        createReferral(db(), world.actors.counsellor, world.participantId, input, noAudit, { send: true }),
        createReferral(db(), world.actors.counsellor, world.participantId, input, noAudit, { send: true }),
      ]);
      expect(first.status).toBe('ok');
      expect(second.status).toBe('ok');
      if (first.status !== 'ok' || second.status !== 'ok') return;
      expect(second.id).toBe(first.id);
      expect(await countReferrals()).toBe(before + 1);
      const third = await createReferral(db(), world.actors.counsellor, world.participantId, input, noAudit, {
        send: true,
      });
      expect(third).toMatchObject({ status: 'ok', id: first.id, repeated: true });

      const notices = await db()
        .selectFrom('notification')
        .select(['user_id', 'title_ja', 'link'])
        .where('link', '=', `/referrals/${first.id}`)
        .execute();
      expect(notices.map((n) => n.user_id).sort()).toEqual(
        [world.actors.coordinator.userId, world.actors.corpAdmin.userId].sort(),
      );
      for (const n of notices) expect(n.title_ja).not.toContain('架空 一郎');
      const mails = await db().selectFrom('mail_message').select(['subject', 'text_body']).execute();
      for (const mail of mails) {
        expect(mail.subject).not.toContain('架空 一郎');
        expect(mail.text_body).not.toContain('架空 一郎');
      }
    });
  });

  describe('who sees a referral', () => {
    let id: string;
    beforeAll(async () => {
      id = await sendTestReferral(db(), world);
    });

    it('the agency, the facility (assigned coordinator, corporation admin) and the council', async () => {
      for (const who of ['counsellor', 'coordinator', 'corpAdmin', 'councilStaff'] as const) {
        expect(await findReferralForActor(db(), world.actors[who], id), who).toBeDefined();
      }
    });

    it('nobody else: another agency, another facility of the corporation, an unrelated corporation', async () => {
      for (const who of ['otherCounsellor', 'otherCoordinator', 'strangerAdmin'] as const) {
        expect(await findReferralForActor(db(), world.actors[who], id), who).toBeUndefined();
        const list = await listReferralsFor(db(), world.actors[who], { limit: 50, offset: 0 }, noAudit);
        expect(list.items.map((r) => r.id)).not.toContain(id);
        expect(await openReferral(db(), world.actors[who], id, noAudit)).toBeUndefined();
        expect(await postReferralMessage(db(), world.actors[who], id, 'もしもし', noAudit)).toEqual({
          status: 'not_found',
        });
        expect(await transitionReferral(db(), world.actors[who], id, 'decline', {}, noAudit)).toEqual({
          ok: false,
          reason: 'not_found',
        });
      }
    });

    it('a draft only by its agency', async () => {
      const draft = await createReferral(
        db(),
        world.actors.counsellor,
        world.participantId,
        referralInput(world),
        noAudit,
        { send: false },
      );
      if (draft.status !== 'ok') throw new Error('draft');
      expect(draft.state).toBe('draft');
      expect(await findReferralForActor(db(), world.actors.counsellor, draft.id)).toBeDefined();
      for (const who of ['coordinator', 'corpAdmin', 'councilStaff'] as const) {
        expect(await findReferralForActor(db(), world.actors[who], draft.id), who).toBeUndefined();
      }
      // One open referral per participant and opportunity: the draft waits until the first closes.
      expect(await sendReferral(db(), world.actors.counsellor, draft.id, noAudit)).toEqual({
        status: 'already_open',
        id,
      });
      const again = await createReferral(
        db(),
        world.actors.counsellor,
        world.participantId,
        referralInput(world),
        noAudit,
        { send: true },
      );
      expect(again).toEqual({ status: 'already_open', id });
      expect(
        await transitionReferral(
          db(),
          world.actors.counsellor,
          id,
          'withdraw',
          { reasonCode: 'participant_wish' },
          noAudit,
        ),
      ).toMatchObject({ ok: true, to: 'withdrawn' });
      expect(await sendReferral(db(), world.actors.counsellor, draft.id, noAudit)).toEqual({ status: 'ok' });
      expect((await findReferralForActor(db(), world.actors.coordinator, draft.id))?.state).toBe('sent');
      expect(await sendReferral(db(), world.actors.counsellor, draft.id, noAudit)).toEqual({
        status: 'not_allowed',
      });
    });
  });

  describe('transitions, timeline and thread', () => {
    let id: string;
    beforeAll(async () => {
      id = await sendTestReferral(db(), world);
    });

    it('walks sent → viewed → questions → viewed → declined, each by its party, with reasons', async () => {
      const opened = await openReferral(db(), world.actors.coordinator, id, noAudit);
      expect(opened?.state).toBe('viewed');
      expect(await transitionReferral(db(), world.actors.coordinator, id, 'ask', {}, noAudit)).toEqual({
        ok: true,
        from: 'viewed',
        to: 'questions',
      });
      expect(await transitionReferral(db(), world.actors.coordinator, id, 'answer', {}, noAudit)).toEqual({
        ok: false,
        reason: 'wrong_party',
      });
      expect(
        await transitionReferral(db(), world.actors.counsellor, id, 'answer', {}, noAudit),
      ).toMatchObject({
        ok: true,
        to: 'viewed',
      });
      expect(await transitionReferral(db(), world.actors.councilStaff, id, 'decline', {}, noAudit)).toEqual({
        ok: false,
        reason: 'wrong_party',
      });
      expect(await transitionReferral(db(), world.actors.coordinator, id, 'decline', {}, noAudit)).toEqual({
        ok: false,
        reason: 'reason_required',
      });
      expect(
        await transitionReferral(
          db(),
          world.actors.coordinator,
          id,
          'decline',
          { reasonCode: 'found_elsewhere' },
          noAudit,
        ),
      ).toEqual({ ok: false, reason: 'reason_required' });
      expect(
        await transitionReferral(
          db(),
          world.actors.coordinator,
          id,
          'decline',
          { reasonCode: 'no_capacity', note: '4月まで空きがありません' },
          noAudit,
        ),
      ).toEqual({ ok: true, from: 'viewed', to: 'declined' });
      const referral = await findReferralForActor(db(), world.actors.counsellor, id);
      expect(referral).toMatchObject({ state: 'declined', closeReasonCode: 'no_capacity' });
      expect(referral?.closedAt).not.toBeNull();
    });

    it('refuses agreeing a declined request and changes nothing', async () => {
      const before = await findReferralForActor(db(), world.actors.counsellor, id);
      const events = (await timelineOf(db(), present(before))).length;
      const result = await db()
        .transaction()
        .execute((trx) =>
          applyReferralEvent(trx, {
            referralId: id,
            event: 'agree',
            actor: {
              ...noAudit,
              userId: world.actors.counsellor.userId,
              organisationId: world.actors.counsellor.organisationId,
              party: 'agency',
            },
          }),
        );
      expect(result).toEqual({ ok: false, reason: 'not_allowed' });
      const after = await findReferralForActor(db(), world.actors.counsellor, id);
      expect(after?.updatedAt).toBe(before?.updatedAt);
      expect(await timelineOf(db(), present(after))).toHaveLength(events);
    });

    it('keeps a timeline of who did what', async () => {
      const referral = await findReferralForActor(db(), world.actors.councilStaff, id);
      const timeline = await timelineOf(db(), present(referral));
      expect(timeline.map((e) => `${e.event}:${e.party}:${e.from ?? '-'}>${e.to}`)).toEqual([
        'create:agency:->draft',
        'send:agency:draft>sent',
        'view:facility:sent>viewed',
        'ask:facility:viewed>questions',
        'answer:agency:questions>viewed',
        'decline:facility:viewed>declined',
      ]);
      expect(timeline[5]).toMatchObject({ reasonCode: 'no_capacity', note: '4月まで空きがありません' });
      expect(timeline[2]?.userName).toBe('受入 担当美咲');
    });

    it('threads messages between the parties and mediation notes from the council', async () => {
      expect(
        (await postReferralMessage(db(), world.actors.coordinator, id, '見学は可能ですか?', noAudit)).status,
      ).toBe('ok');
      expect(
        (await postReferralMessage(db(), world.actors.counsellor, id, 'はい、可能です。', noAudit)).status,
      ).toBe('ok');
      expect(
        (await postReferralMessage(db(), world.actors.councilStaff, id, '双方に連絡済み。', noAudit)).status,
      ).toBe('ok');
      expect(await postReferralMessage(db(), world.actors.counsellor, id, '  ', noAudit)).toEqual({
        status: 'invalid',
        errors: { body: 'required' },
      });
      const referral = await findReferralForActor(db(), world.actors.counsellor, id);
      const thread = await threadOf(db(), present(referral));
      expect(thread.map((m) => `${m.kind}:${m.party}`)).toEqual([
        'message:facility',
        'message:agency',
        'mediation_note:council',
      ]);
    });
  });

  describe('shared data', () => {
    let id: string;
    let consentId: string;
    beforeAll(async () => {
      consentId = await consentFor(db(), world, ['basic_identity', 'assessment_summary']);
      id = await sendTestReferral(db(), world, { dataGroups: ['basic_identity'] });
    });

    it('shows the facility exactly the shared groups, audited; the council and other facilities nothing', async () => {
      const referral = present(await findReferralForActor(db(), world.actors.coordinator, id));
      const shared = await readSharedData(db(), world.actors.coordinator, referral, noAudit);
      expect(shared?.status).toBe('shown');
      if (shared?.status !== 'shown') return;
      expect(shared.groups).toEqual(['basic_identity']);
      expect(shared.person.name).toBe('架空 一郎');
      expect(shared.person.phone).toBeUndefined();
      expect(shared.assessment).toBeUndefined();
      const audit = await db()
        .selectFrom('audit_event')
        .select(['detail'])
        .where('action', '=', 'referral.shared_data_read')
        .where('subject_id', '=', world.participantId)
        .execute();
      expect(audit.length).toBeGreaterThan(0);
      expect(await readSharedData(db(), world.actors.councilStaff, referral, noAudit)).toBeUndefined();
      expect(await readSharedData(db(), world.actors.counsellor, referral, noAudit)).toBeUndefined();
    });

    it('is gone once consent ends', async () => {
      // Revoke every consent recorded in this world (the earlier tests made some).
      const consents = await db()
        .selectFrom('consent')
        .select('id')
        .where('revoked_at', 'is', null)
        .execute();
      for (const c of consents) {
        await revokeConsent(
          db(),
          world.actors.counsellor,
          world.participantId,
          c.id,
          { revoked_on: todayInTokyo(), reason: '本人の申し出' },
          noAudit,
        );
      }
      expect(consents.map((c) => c.id)).toContain(consentId);
      const referral = present(await findReferralForActor(db(), world.actors.coordinator, id));
      expect(await readSharedData(db(), world.actors.coordinator, referral, noAudit)).toEqual({
        status: 'consent_ended',
      });
    });

    it('is gone once the request closes', async () => {
      await consentFor(db(), world, ['basic_identity']);
      await transitionReferral(
        db(),
        world.actors.counsellor,
        id,
        'withdraw',
        { reasonCode: 'participant_wish' },
        noAudit,
      );
      const referral = present(await findReferralForActor(db(), world.actors.coordinator, id));
      expect(referral.state).toBe('withdrawn');
      expect(await readSharedData(db(), world.actors.coordinator, referral, noAudit)).toEqual({
        status: 'closed',
      });
    });
  });

  describe('work lists', () => {
    it('shows the counsellor names of their own participants, the facility none', async () => {
      const mine = await listReferralsFor(db(), world.actors.counsellor, { limit: 50, offset: 0 }, noAudit);
      expect(mine.items.length).toBeGreaterThan(0);
      expect(mine.items[0]?.participantName).toBe('架空 一郎');
      const theirs = await listReferralsFor(
        db(),
        world.actors.coordinator,
        { limit: 50, offset: 0 },
        noAudit,
      );
      expect(theirs.items.length).toBeGreaterThan(0);
      expect(theirs.items[0]?.participantName).toBeUndefined();
      const waiting = await listReferralsFor(
        db(),
        world.actors.coordinator,
        { states: ['sent', 'viewed'], limit: 50, offset: 0 },
        noAudit,
      );
      for (const item of waiting.items) expect(['sent', 'viewed']).toContain(item.state);
    });
  });
});
