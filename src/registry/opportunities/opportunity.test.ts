import { describe, expect, it } from 'vitest';
import {
  classifyChange,
  isStale,
  needsConfirmation,
  type OpportunityInput,
  openPlaces,
  opportunityStatuses,
  parseHours,
  parseTime,
  transitionStatus,
  validateOpportunity,
  workFormOf,
} from './opportunity';

const valid: OpportunityInput = {
  title: '施設内の清掃(午前)',
  description: '共用部分の清掃です。',
  tasks: ['cleaning'],
  setting: 'indoor',
  physical_load: 'light',
  work_forms: ['a_unpaid'],
  windows: [
    { weekday: '1', start: '8:30', end: '12:00', capacity: '2' },
    { weekday: '', start: '', end: '', capacity: '' },
  ],
};
const certified = { hasValidCertification: true };
const uncertified = { hasValidCertification: false };

function errorsOf(input: OpportunityInput, context = certified) {
  const result = validateOpportunity(input, context);
  return result.ok ? {} : result.errors;
}

describe('validateOpportunity', () => {
  it('accepts a valid opportunity and normalises it', () => {
    const result = validateOpportunity(
      { ...valid, title: ' 清掃 ', tasks: ['cleaning', 'cleaning', 'laundry'], min_daily_minutes: '１.５' },
      uncertified,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.title).toBe('清掃');
    expect(result.value.tasks).toEqual(['cleaning', 'laundry']);
    expect(result.value.windows).toEqual([{ weekday: 1, start: '08:30', end: '12:00', capacity: 2 }]);
    expect(result.value.min_daily_minutes).toBe(90);
    expect(result.value.pay_type).toBe('none');
  });

  it.each([
    ['no title', { title: '' }, 'title', 'required'],
    ['a title too long', { title: 'あ'.repeat(101) }, 'title', 'tooLong'],
    ['no task', { tasks: [] }, 'tasks', 'required'],
    ['an unknown task category', { tasks: ['cleaning', 'juggling'] }, 'tasks', 'unknownTaskCategory'],
    ['an unknown setting', { setting: 'space' }, 'setting', 'invalidChoice'],
    ['no work form', { work_forms: [] }, 'work_forms', 'required'],
    ['an unknown work form', { work_forms: ['e_unpaid'] }, 'work_forms', 'unknownWorkForm'],
    [
      'an end before the start',
      { windows: [{ weekday: 1, start: '12:00', end: '08:30', capacity: 1 }] },
      'windows.0.end',
      'endBeforeStart',
    ],
    [
      'an end equal to the start',
      { windows: [{ weekday: 1, start: '09:00', end: '09:00', capacity: 1 }] },
      'windows.0.end',
      'endBeforeStart',
    ],
    [
      'a capacity below zero (second row)',
      {
        windows: [
          { weekday: 1, start: '09:00', end: '10:00', capacity: 1 },
          { weekday: 2, start: '09:00', end: '10:00', capacity: -1 },
        ],
      },
      'windows.1.capacity',
      'invalidCapacity',
    ],
    [
      'a capacity above 99',
      { windows: [{ weekday: 1, start: '09:00', end: '10:00', capacity: 100 }] },
      'windows.0.capacity',
      'invalidCapacity',
    ],
    [
      'a weekday out of range',
      { windows: [{ weekday: 8, start: '09:00', end: '10:00', capacity: 1 }] },
      'windows.0.weekday',
      'invalidWeekday',
    ],
    [
      'a time that is not a time',
      { windows: [{ weekday: 1, start: '25:00', end: '10:00', capacity: 1 }] },
      'windows.0.start',
      'invalidTime',
    ],
    [
      'a row without its end',
      { windows: [{ weekday: 1, start: '09:00', end: '', capacity: 1 }] },
      'windows.0.end',
      'required',
    ],
    [
      'no window',
      { windows: [{ weekday: '', start: '', end: '', capacity: '' }] },
      'windows',
      'windowRequired',
    ],
    [
      'min hours above max',
      { min_daily_minutes: '5', max_daily_minutes: '2' },
      'min_daily_minutes',
      'minAboveMax',
    ],
    ['hours not in quarter hours', { min_daily_minutes: '1.1' }, 'min_daily_minutes', 'invalidHours'],
    [
      'min days above max',
      { min_days_per_week: '4', max_days_per_week: '2' },
      'min_days_per_week',
      'minAboveMax',
    ],
    ['eight days a week', { max_days_per_week: '8' }, 'max_days_per_week', 'invalidDays'],
    [
      'a date that does not exist',
      { earliest_start_date: '2026-02-30' },
      'earliest_start_date',
      'invalidDate',
    ],
    ['hourly pay without an amount', { pay_type: 'hourly' }, 'pay_yen', 'yenRequired'],
    ['a negative amount', { pay_type: 'daily', pay_yen: '-5' }, 'pay_yen', 'invalidYen'],
    ['an employed form without pay', { work_forms: ['a_employed'] }, 'pay_type', 'employedNeedsPay'],
    ['an unknown support', { supports: { teleport: 'yes' } }, 'supports', 'unknownSupport'],
    [
      'a support answer that is not yes/no',
      { supports: { wheelchair: 'maybe' } },
      'supports.wheelchair',
      'invalidChoice',
    ],
    ['a flag that is not yes/no', { visit_possible: 'perhaps' }, 'visit_possible', 'invalidFlag'],
  ] as const)('refuses %s', (_name, change, field, code) => {
    expect(errorsOf({ ...valid, ...(change as OpportunityInput) })[field]).toBe(code);
  });

  it('needs the facility’s valid 認定 for work forms B–D, not for A', () => {
    expect(errorsOf({ ...valid, work_forms: ['b_unpaid'] }, uncertified).work_forms).toBe(
      'certificationRequired',
    );
    expect(errorsOf({ ...valid, work_forms: ['d_unpaid'] }, certified).work_forms).toBeUndefined();
    expect(errorsOf({ ...valid, work_forms: ['a_unpaid'] }, uncertified).work_forms).toBeUndefined();
  });

  it('keeps a support as offered, explicitly not available, or unknown', () => {
    const result = validateOpportunity(
      { ...valid, supports: { wheelchair: 'no', supervision: 'yes', short_hours: 'yes', smoke_free: '' } },
      certified,
    );
    expect(result.ok && result.value.supports).toEqual(['short_hours', 'supervision']);
    expect(result.ok && result.value.supports_unavailable).toEqual(['wheelchair']);
  });

  it('reports every error at once', () => {
    const errors = errorsOf({
      ...valid,
      title: '',
      windows: [
        { weekday: 1, start: '10:00', end: '09:00', capacity: 1 },
        { weekday: 2, start: '09:00', end: '10:00', capacity: 120 },
      ],
    });
    expect(Object.keys(errors).sort()).toEqual(['title', 'windows.0.end', 'windows.1.capacity']);
  });
});

describe('parsing helpers', () => {
  it.each([
    ['8:30', '08:30'],
    ['０８：３０', '08:30'],
    ['24:00', '24:00'],
    ['24:30', undefined],
    ['8時', undefined],
    ['12:60', undefined],
  ])('parseTime(%s)', (raw, expected) => expect(parseTime(raw)).toBe(expected));

  it.each([
    ['', null],
    ['2', 120],
    ['0.25', 15],
    ['0', undefined],
    ['25', undefined],
    ['abc', undefined],
  ])('parseHours(%s)', (raw, expected) => expect(parseHours(raw)).toBe(expected));

  it('maps offered forms to the program-wide WorkForm', () => {
    expect(workFormOf('a_unpaid')).toBe('short_term');
    expect(workFormOf('a_employed')).toBe('short_term');
    expect(workFormOf('c_employed')).toBe('training_employed');
    expect(workFormOf('b_unpaid')).toBe('training_unpaid');
  });
});

describe('status transitions', () => {
  const allowed = new Set([
    'draft>published',
    'draft>archived',
    'published>paused',
    'published>full',
    'published>archived',
    'paused>published',
    'paused>full',
    'paused>archived',
    'full>published',
    'full>paused',
    'full>archived',
  ]);
  for (const from of opportunityStatuses) {
    for (const to of opportunityStatuses) {
      const ok = allowed.has(`${from}>${to}`);
      it(`${from} → ${to} is ${ok ? 'allowed' : 'refused'}`, () => {
        expect(transitionStatus(from, to).ok).toBe(ok);
      });
    }
  }
});

describe('freshness and changes', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  const daysBefore = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

  it('asks to confirm a published opportunity after 60 days, marks it stale after 120', () => {
    expect(needsConfirmation({ status: 'published', lastConfirmedAt: daysBefore(59) }, now)).toBe(false);
    expect(needsConfirmation({ status: 'published', lastConfirmedAt: daysBefore(60) }, now)).toBe(true);
    expect(needsConfirmation({ status: 'paused', lastConfirmedAt: daysBefore(90) }, now)).toBe(false);
    expect(needsConfirmation({ status: 'published', lastConfirmedAt: daysBefore(30) }, now, 20)).toBe(true);
    expect(isStale({ lastConfirmedAt: daysBefore(119) }, now)).toBe(false);
    expect(isStale({ lastConfirmedAt: daysBefore(120) }, now)).toBe(true);
  });

  const since = '2026-05-01T00:00:00.000Z';
  it.each([
    [
      'new',
      {
        status: 'published',
        publishedAt: daysBefore(5),
        updatedAt: daysBefore(5),
        statusChangedAt: daysBefore(5),
      },
    ],
    [
      'changed',
      {
        status: 'published',
        publishedAt: daysBefore(90),
        updatedAt: daysBefore(3),
        statusChangedAt: daysBefore(90),
      },
    ],
    [
      'closed',
      {
        status: 'full',
        publishedAt: daysBefore(90),
        updatedAt: daysBefore(3),
        statusChangedAt: daysBefore(3),
      },
    ],
    [
      undefined,
      {
        status: 'published',
        publishedAt: daysBefore(90),
        updatedAt: daysBefore(60),
        statusChangedAt: daysBefore(90),
      },
    ],
    [
      undefined,
      {
        status: 'archived',
        publishedAt: daysBefore(5),
        updatedAt: daysBefore(2),
        statusChangedAt: daysBefore(2),
      },
    ],
    [
      undefined,
      { status: 'draft', publishedAt: null, updatedAt: daysBefore(2), statusChangedAt: daysBefore(2) },
    ],
  ] as const)('classifies %s', (expected, opportunity) => {
    expect(classifyChange(opportunity, since)).toBe(expected);
  });

  it('counts open places in one place (no placements yet)', () => {
    expect(openPlaces({ capacity: 3 })).toBe(3);
    expect(openPlaces({ capacity: 3 }, 5)).toBe(0);
  });
});
