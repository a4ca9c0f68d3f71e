/** The decision record's rules: the draft, what an agreement needs, and when 支援決定 matters. */
import { describe, expect, it } from 'vitest';
import {
  missingForAgreement,
  supportDecisionStatus,
  validateAgreementDate,
  validateDecisionDraft,
} from './decision';
import { decisionDraft } from './test-support';

describe('the decision record rules', () => {
  const offered = { offeredForms: ['a_unpaid', 'b_unpaid'] };

  it('keeps the person’s own schedule, separate from the listing', () => {
    const result = validateDecisionDraft(
      decisionDraft({
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
      decisionDraft({
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
      decisionDraft({ start_date: '2026-12-20', held_on: '2026-12-10', first_review_on: '2026-12-19' }),
      offered,
    );
    expect(!review.ok && review.errors).toEqual({ first_review_on: 'review_before_start' });
  });

  it('refuses a day of the person’s schedule that overlaps none of the opportunity’s windows', () => {
    const windows = [{ weekday: 1, start: '08:30', end: '12:00' }];
    const result = validateDecisionDraft(
      decisionDraft({
        schedule: { 1: { start: '11:00', end: '13:00' }, 2: { start: '9:00', end: '11:00' } },
      }),
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
