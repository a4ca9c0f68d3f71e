import { describe, expect, it } from 'vitest';
import { dayRowsOf, parseTime, proposeSchedule, validateReferral } from './referral-form';

const base = {
  opportunityId: '0190a000-0000-7000-8000-000000000001',
  message: 'よろしくお願いします。',
  proposedStartDate: '令和8年12月1日',
  dataGroups: ['basic_identity'],
  idempotencyKey: 'form-key-0001',
};

describe('the referral request form', () => {
  it('reads times written many ways', () => {
    expect(parseTime('8:30')).toBe('08:30');
    expect(parseTime('８：３０')).toBe('08:30');
    expect(parseTime('8時30分')).toBe('08:30');
    expect(parseTime('13時')).toBe('13:00');
    expect(parseTime('25:00')).toBeUndefined();
    expect(parseTime('朝')).toBeUndefined();
  });

  it('accepts 和暦 and per-day rows, sorted by weekday', () => {
    const result = validateReferral(
      {
        ...base,
        schedule: dayRowsOf({
          day_5_start: '9:00',
          day_5_end: '11:00',
          day_1_start: '8:30',
          day_1_end: '12:00',
        }),
      },
      '2026-11-25',
    );
    expect(result).toEqual({
      ok: true,
      value: {
        ...base,
        proposedStartDate: '2026-12-01',
        proposedSchedule: [
          { weekday: 1, start: '08:30', end: '12:00' },
          { weekday: 5, start: '09:00', end: '11:00' },
        ],
        dataGroups: ['basic_identity'],
        overrideId: null,
      },
    });
  });

  it('names each problem', () => {
    const result = validateReferral(
      {
        opportunityId: 'x',
        message: '',
        proposedStartDate: '2026-11-24',
        schedule: dayRowsOf({ day_2_start: '10:00', day_2_end: '' }),
        dataGroups: ['everything'],
      },
      '2026-11-25',
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        opportunity_id: 'invalidChoice',
        message: 'required',
        proposed_start_date: 'dateInPast',
        day_2_end: 'required',
        data_groups: 'invalidChoice',
      },
    });
    const empty = validateReferral({ ...base, schedule: dayRowsOf({}) }, '2026-11-25');
    expect(empty).toEqual({ ok: false, errors: { schedule: 'scheduleRequired' } });
  });

  it('proposes the overlap of the person’s times with the opportunity’s windows', () => {
    expect(
      proposeSchedule(
        [
          { weekday: 1, start: '09:00', end: '13:00' },
          { weekday: 2, start: '09:00', end: '10:00' },
          { weekday: 3, start: '13:00', end: '17:00' },
        ],
        [
          { weekday: 1, start: '08:30', end: '12:00' },
          { weekday: 2, start: '10:00', end: '12:00' },
          { weekday: 3, start: '08:30', end: '12:00' },
          { weekday: 3, start: '14:00', end: '16:00' },
        ],
      ),
    ).toEqual([
      { weekday: 1, start: '09:00', end: '12:00' },
      { weekday: 3, start: '14:00', end: '16:00' },
    ]);
  });
});
