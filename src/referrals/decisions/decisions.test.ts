import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases';
import { buildParticipantWorld, otherCounsellorEmail } from '../../participants/test-support';
import { transferParticipant } from '../../participants/transfer/service';
import { renderPdf } from '../../platform/pdf/pdf';
import { scheduleAppointment } from '../appointments/service';
import {
  type DecisionInput,
  missingForAgreement,
  supportDecisionStatus,
  validateAgreementDate,
  validateDecisionDraft,
} from './decision';
import { decisionRecordDocument } from './document';
import { getDecisionView, recordAgreement, recordNotAgreed, saveDecisionDraft } from './service';
import {
  addSmallOpportunity,
  buildMeetingWorld,
  daysFromToday,
  type MeetingWorld,
  sendTestReferral,
  testAudit,
} from './test-support';

const settings = { baseUrl: 'http://localhost:3000', mailFrom: 'no-reply@hataraku.example' };

function draft(overrides: Partial<DecisionInput> = {}): DecisionInput {
  return {
    held_on: daysFromToday(0),
    attendee_participant: true,
    attendee_agency: '相談 支援健太',
    attendee_facility: '受入 担当美咲、施設長 森',
    work_form: 'b_unpaid',
    start_date: daysFromToday(14),
    schedule: { 1: { start: '9:00', end: '11:00' } },
    tasks: ['cleaning'],
    task_note: '廊下と食堂の清掃',
    supports: ['short_hours', 'rest_breaks'],
    pay_note: 'なし(非雇用型)',
    transport_note: '実費(1日500円まで)',
    first_review_on: daysFromToday(44),
    insurance_needed: true,
    ...overrides,
  };
}

describe('the decision record rules', () => {
  const offered = { offeredForms: ['a_unpaid', 'b_unpaid'] };

  it('keeps the person’s own schedule, separate from the listing', () => {
    const result = validateDecisionDraft(
      draft({
        schedule: {
          1: { start: '8:30', end: '12:00' },
          3: { start: '8:30', end: '12:00' },
          5: { start: '11:00', end: '13:00' },
        },
      }),
      offered,
    );
    expect(result.ok && result.value.schedule).toEqual([
      { weekday: 1, start: '08:30', end: '12:00' },
      { weekday: 3, start: '08:30', end: '12:00' },
      { weekday: 5, start: '11:00', end: '13:00' },
    ]);
  });

  it('refuses a start before the meeting, a review before the start and a form not offered', () => {
    const result = validateDecisionDraft(
      draft({
        held_on: '2026-12-10',
        start_date: '2026-12-09',
        first_review_on: '2026-12-01',
        work_form: 'c_unpaid',
      }),
      offered,
    );
    expect(!result.ok && result.errors).toEqual({
      start_date: 'start_before_meeting',
      first_review_on: 'review_before_start',
      work_form: 'form_not_offered',
    });
    const review = validateDecisionDraft(
      draft({ start_date: '2026-12-20', held_on: '2026-12-10', first_review_on: '2026-12-19' }),
      offered,
    );
    expect(!review.ok && review.errors).toEqual({ first_review_on: 'review_before_start' });
  });

  it('refuses a day of the person’s schedule that overlaps none of the opportunity’s windows', () => {
    const windows = [{ weekday: 1, start: '08:30', end: '12:00' }];
    const result = validateDecisionDraft(
      draft({ schedule: { 1: { start: '11:00', end: '13:00' }, 2: { start: '9:00', end: '11:00' } } }),
      { ...offered, windows },
    );
    expect(!result.ok && result.errors).toEqual({ schedule_2_start: 'outside_windows' });
  });

  it('lists what an agreement needs, and says whether 支援決定 matters', () => {
    const empty = validateDecisionDraft({}, offered);
    expect(empty.ok && Object.keys(missingForAgreement(empty.value)).sort()).toEqual(
      [
        'attendee_agency',
        'attendee_facility',
        'held_on',
        'schedule',
        'start_date',
        'tasks',
        'work_form',
      ].sort(),
    );
    expect(supportDecisionStatus('a_unpaid', { supportDecisionOn: null })).toBe('not_needed');
    expect(supportDecisionStatus('b_unpaid', { supportDecisionOn: null })).toBe('pending');
    expect(supportDecisionStatus('b_unpaid', { supportDecisionOn: '2026-04-01' })).toBe('in_place');
    expect(validateAgreementDate('2026-12-11', { today: '2026-12-10', heldOn: '2026-12-01' })).toEqual({
      ok: false,
      error: 'agreed_in_future',
    });
    expect(validateAgreementDate('2026-11-30', { today: '2026-12-10', heldOn: '2026-12-01' })).toEqual({
      ok: false,
      error: 'agreed_before_meeting',
    });
  });
});

describeEachDatabase('the three-party decision', (current) => {
  let world: MeetingWorld;

  async function referralAtMeeting(options: { participantId?: string; opportunityId?: string } = {}) {
    const referralId = await sendTestReferral(current().db, world, options);
    const outcome = await scheduleAppointment(
      current().db,
      world.actors.coordinator,
      referralId,
      { kind: 'meeting', date: daysFromToday(0), start_time: '23:00', end_time: '23:30', place: '相談室' },
      testAudit,
      settings,
    );
    // A meeting straight from 'sent' is not a step the machine allows: view first.
    if (outcome.status === 'not_allowed') {
      await current()
        .db.updateTable('referral')
        .set({ state: 'viewed' })
        .where('id', '=', referralId)
        .execute();
      const again = await scheduleAppointment(
        current().db,
        world.actors.coordinator,
        referralId,
        { kind: 'meeting', date: daysFromToday(0), start_time: '23:00', end_time: '23:30', place: '相談室' },
        testAudit,
        settings,
      );
      expect(again.status).toBe('ok');
    } else expect(outcome.status).toBe('ok');
    return referralId;
  }

  async function openPlaces(opportunityId: string): Promise<number> {
    const rows = await current()
      .db.selectFrom('opportunity_window')
      .select('open_places' as never)
      .where('opportunity_id', '=', opportunityId)
      .execute();
    return (rows as unknown as { open_places: number }[]).reduce((n, r) => n + Number(r.open_places), 0);
  }

  it('records a draft, the three agreements, and then the placement and the agreed referral', async () => {
    world = await buildMeetingWorld(current().db);
    const opportunityId = await addSmallOpportunity(current().db, world, 2);
    const referralId = await referralAtMeeting({ opportunityId });
    const { counsellor, coordinator } = world.actors;
    const today = daysFromToday(0);

    // Agreeing before anything is written: told what is missing.
    expect(
      (
        await recordAgreement(
          current().db,
          counsellor,
          referralId,
          { party: 'agency', agreed_on: today },
          testAudit,
        )
      ).status,
    ).toBe('incomplete');
    expect((await saveDecisionDraft(current().db, coordinator, referralId, draft(), testAudit)).status).toBe(
      'ok',
    );
    expect(
      (
        await recordAgreement(
          current().db,
          counsellor,
          referralId,
          { party: 'agency', agreed_on: today },
          testAudit,
        )
      ).status,
    ).toBe('recorded');
    // The facility is told an agreement waits for theirs (no personal data in the title).
    const notices = await current()
      .db.selectFrom('notification')
      .select(['title_ja', 'link'])
      .where('user_id', '=', coordinator.userId)
      .where('kind', '=', 'meeting_record.agreement')
      .execute();
    expect(notices.length).toBeGreaterThan(0);
    expect(notices[0]?.link).toBe(`/referrals/${referralId}/meeting-record`);
    expect(notices[0]?.title_ja).not.toContain('架空 一郎');
    // A facility may not record the agency's agreement.
    expect(
      (
        await recordAgreement(
          current().db,
          coordinator,
          referralId,
          { party: 'agency', agreed_on: today },
          testAudit,
        )
      ).status,
    ).toBe('wrong_party');
    // Changing what was agreed clears the agreement given.
    const changed = await saveDecisionDraft(
      current().db,
      coordinator,
      referralId,
      draft({ pay_note: '時給1,100円' }),
      testAudit,
    );
    expect(changed).toEqual({ status: 'ok', agreementsCleared: true });
    const before = await openPlaces(opportunityId);
    for (const [actor, party] of [
      [counsellor, 'agency'],
      [counsellor, 'participant'],
    ] as const) {
      const outcome = await recordAgreement(
        current().db,
        actor,
        referralId,
        { party, agreed_on: today },
        testAudit,
      );
      expect(outcome.status).toBe('recorded');
    }
    const last = await recordAgreement(
      current().db,
      coordinator,
      referralId,
      { party: 'facility', agreed_on: today },
      testAudit,
    );
    expect(last).toMatchObject({ status: 'agreed', placementStatus: 'active' });

    const referral = await current()
      .db.selectFrom('referral')
      .select('state')
      .where('id', '=', referralId)
      .executeTakeFirstOrThrow();
    expect(referral.state).toBe('agreed');
    const placement = await current()
      .db.selectFrom('placement')
      .select(['id', 'status', 'work_form', 'start_date', 'schedule', 'referral_id'])
      .where('referral_id', '=', referralId)
      .executeTakeFirstOrThrow();
    expect(placement).toMatchObject({
      status: 'active',
      work_form: 'b_unpaid',
      start_date: daysFromToday(14),
    });
    expect(JSON.parse(placement.schedule)).toEqual([{ weekday: 1, start: '09:00', end: '11:00' }]);
    expect(await openPlaces(opportunityId)).toBe(before - 1);
    const view = await getDecisionView(current().db, counsellor, referralId);
    expect(view?.record?.outcome).toBe('agreed');
    expect(view?.record?.placementId).toBe(placement.id);
    expect(view?.editable).toBe(false);

    // The A4 record renders, with the signature lines and 和暦.
    if (!view?.record) throw new Error('no record');
    const pdf = await renderPdf(
      decisionRecordDocument({
        record: view.record,
        facts: view.facts,
        supportDecisionInPlace: view.supportDecisionInPlace,
      }),
    );
    const dir = mkdtempSync(join(tmpdir(), 'meeting-pdf-'));
    writeFileSync(join(dir, 'record.pdf'), pdf);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'record.pdf'), '-']).toString('utf8');
    expect(text).toContain('三者協議の記録');
    expect(text).toContain('署名');
    expect(text).toContain('令和');
    expect(text).toContain('月曜日');
    expect(text).toContain('09:00〜11:00');
    const pages = execFileSync('pdfinfo', [join(dir, 'record.pdf')]).toString('utf8');
    expect(pages).toMatch(/Pages:\s+1\b/);
    expect(pages).toContain('A4');
    if (process.env.MEETING_PDF_PNG) {
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '60',
        '-f',
        '1',
        '-l',
        '1',
        join(dir, 'record.pdf'),
        process.env.MEETING_PDF_PNG,
      ]);
      expect(readFileSync(`${process.env.MEETING_PDF_PNG}-1.png`).length).toBeGreaterThan(1000);
    }
  });

  it('holds the placement for 支援決定 when the person has none (B–D)', async () => {
    const opportunityId = await addSmallOpportunity(current().db, world, 1);
    const referralId = await referralAtMeeting({
      opportunityId,
      participantId: world.participantIds.withoutDecision,
    });
    const { counsellor, coordinator } = world.actors;
    const today = daysFromToday(0);
    await saveDecisionDraft(current().db, counsellor, referralId, draft(), testAudit);
    const view = await getDecisionView(current().db, coordinator, referralId);
    expect(view?.supportDecisionInPlace).toBe(false);
    expect(view?.record?.supportDecisionStatus).toBe('pending');
    await recordAgreement(
      current().db,
      counsellor,
      referralId,
      { party: 'agency', agreed_on: today },
      testAudit,
    );
    await recordAgreement(
      current().db,
      coordinator,
      referralId,
      { party: 'participant', agreed_on: today },
      testAudit,
    );
    const last = await recordAgreement(
      current().db,
      coordinator,
      referralId,
      { party: 'facility', agreed_on: today },
      testAudit,
    );
    expect(last).toMatchObject({ status: 'agreed', placementStatus: 'awaiting_support_decision' });
  });

  it('closes as not agreed with a reason from the council’s list', async () => {
    const referralId = await referralAtMeeting();
    const { counsellor } = world.actors;
    await saveDecisionDraft(current().db, counsellor, referralId, draft(), testAudit);
    expect(
      await recordNotAgreed(current().db, counsellor, referralId, { reason: 'nonsense' }, testAudit),
    ).toEqual({
      status: 'invalid',
      errors: { reason: 'required' },
    });
    expect(
      await recordNotAgreed(
        current().db,
        counsellor,
        referralId,
        { reason: 'schedule_mismatch', note: '曜日が合わない' },
        testAudit,
      ),
    ).toEqual({
      status: 'ok',
    });
    const referral = await current()
      .db.selectFrom('referral')
      .select(['state', 'close_reason_code'])
      .where('id', '=', referralId)
      .executeTakeFirstOrThrow();
    expect(referral).toEqual({ state: 'not_agreed', close_reason_code: 'schedule_mismatch' });
    const view = await getDecisionView(current().db, counsellor, referralId);
    expect(view?.record?.outcome).toBe('not_agreed');
    expect(
      (
        await recordAgreement(
          current().db,
          counsellor,
          referralId,
          { party: 'agency', agreed_on: daysFromToday(0) },
          testAudit,
        )
      ).status,
    ).toBe('not_allowed');
  });

  it('gives the last place to one of two agreements made at once; the other is told and nothing is half-written', async () => {
    const opportunityId = await addSmallOpportunity(current().db, world, 1);
    const { counsellor, coordinator } = world.actors;
    const today = daysFromToday(0);
    const referrals = [
      await referralAtMeeting({ opportunityId, participantId: world.participantIds.withDecision }),
      await referralAtMeeting({ opportunityId, participantId: world.participantIds.withoutDecision }),
    ];
    for (const referralId of referrals) {
      await saveDecisionDraft(
        current().db,
        counsellor,
        referralId,
        draft({ work_form: 'a_unpaid' }),
        testAudit,
      );
      await recordAgreement(
        current().db,
        counsellor,
        referralId,
        { party: 'agency', agreed_on: today },
        testAudit,
      );
      await recordAgreement(
        current().db,
        counsellor,
        referralId,
        { party: 'participant', agreed_on: today },
        testAudit,
      );
    }
    const outcomes = await Promise.all(
      referrals.map((referralId) =>
        recordAgreement(
          current().db,
          coordinator,
          referralId,
          { party: 'facility', agreed_on: today },
          testAudit,
        ),
      ),
    );
    expect(outcomes.map((o) => o.status).sort()).toEqual(['agreed', 'no_open_place']);
    const loser = referrals[outcomes.findIndex((o) => o.status === 'no_open_place')] ?? '';
    const state = await current()
      .db.selectFrom('referral')
      .select('state')
      .where('id', '=', loser)
      .executeTakeFirstOrThrow();
    expect(state.state).toBe('meeting_scheduled');
    const record = await getDecisionView(current().db, coordinator, loser);
    expect(record?.record?.outcome).toBe('draft');
    expect(record?.record?.agreements.facility.on).toBeNull();
    expect(record?.record?.agreements.agency.on).toBe(today);
    const placements = await current()
      .db.selectFrom('placement')
      .select('referral_id')
      .where('opportunity_id', '=', opportunityId)
      .execute();
    expect(placements.length).toBe(1);
    expect(await openPlaces(opportunityId)).toBe(0);
  });

  it('after a transfer (移管) the new agency agrees, and the placement names its counsellor', async () => {
    const db = current().db;
    const opportunityId = await addSmallOpportunity(db, world, 2);
    const referralId = await referralAtMeeting({ opportunityId });
    const other = await buildParticipantWorld(db);
    const newCounsellorRow = await db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', otherCounsellorEmail)
      .executeTakeFirstOrThrow();
    const newCounsellor = {
      userId: newCounsellorRow.id,
      role: 'counsellor' as const,
      organisationId: other.otherAgency,
      facilityIds: [],
    };
    const participantId = world.participantIds.withDecision;
    const move = (actor: typeof newCounsellor, to: string) =>
      transferParticipant(
        db,
        actor,
        participantId,
        { to_agency: to, consented: '1', consent_on: daysFromToday(0), reason: 'テストの移管' },
        testAudit,
      );
    expect((await move(world.actors.counsellor as typeof newCounsellor, other.otherAgency)).status).toBe(
      'ok',
    );
    try {
      const { coordinator } = world.actors;
      const today = daysFromToday(0);
      expect((await saveDecisionDraft(db, coordinator, referralId, draft(), testAudit)).status).toBe('ok');
      // The old agency's counsellor no longer can; the new one can.
      expect(
        (
          await recordAgreement(
            db,
            world.actors.counsellor,
            referralId,
            { party: 'agency', agreed_on: today },
            testAudit,
          )
        ).status,
      ).toBe('not_found');
      for (const party of ['agency', 'participant'] as const) {
        const outcome = await recordAgreement(
          db,
          newCounsellor,
          referralId,
          { party, agreed_on: today },
          testAudit,
        );
        expect(outcome.status).toBe('recorded');
      }
      const last = await recordAgreement(
        db,
        coordinator,
        referralId,
        { party: 'facility', agreed_on: today },
        testAudit,
      );
      expect(last.status).toBe('agreed');
      const placement = await db
        .selectFrom('placement')
        .select('counsellor_user_id')
        .where('referral_id', '=', referralId)
        .executeTakeFirstOrThrow();
      expect(placement.counsellor_user_id).toBe(newCounsellor.userId);
    } finally {
      expect((await move(newCounsellor, world.agency)).status).toBe('ok');
    }
  });
});
