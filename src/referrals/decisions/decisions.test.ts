/**
 * The three-party decision through the service: a draft, the three agreements, the placement
 * it makes (or holds for 支援決定), and closing as not agreed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases';
import { renderPdf } from '../../platform/pdf/pdf';
import { decisionRecordDocument } from './document';
import { getDecisionView, recordAgreement, recordNotAgreed, saveDecisionDraft } from './service';
import {
  addSmallOpportunity,
  buildMeetingWorld,
  daysFromToday,
  decisionDraft,
  type MeetingWorld,
  openPlaces,
  referralAtMeeting,
  testAudit,
} from './test-support';

describeEachDatabase('the three-party decision', (current) => {
  let world: MeetingWorld;

  beforeAll(async () => {
    world = await buildMeetingWorld(current().db);
  });

  it('records a draft, the three agreements, and then the placement and the agreed referral', async () => {
    const opportunityId = await addSmallOpportunity(current().db, world, 2);
    const referralId = await referralAtMeeting(current().db, world, { opportunityId });
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
    expect(
      (await saveDecisionDraft(current().db, coordinator, referralId, decisionDraft(), testAudit)).status,
    ).toBe('ok');
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
      decisionDraft({ pay_note: '時給1,100円' }),
      testAudit,
    );
    expect(changed).toEqual({ status: 'ok', agreementsCleared: true });
    const before = await openPlaces(current().db, opportunityId);
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
    expect(await openPlaces(current().db, opportunityId)).toBe(before - 1);
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
    const referralId = await referralAtMeeting(current().db, world, {
      opportunityId,
      participantId: world.participantIds.withoutDecision,
    });
    const { counsellor, coordinator } = world.actors;
    const today = daysFromToday(0);
    await saveDecisionDraft(current().db, counsellor, referralId, decisionDraft(), testAudit);
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
    const referralId = await referralAtMeeting(current().db, world);
    const { counsellor } = world.actors;
    await saveDecisionDraft(current().db, counsellor, referralId, decisionDraft(), testAudit);
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
});
