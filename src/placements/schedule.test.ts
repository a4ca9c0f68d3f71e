import { describe, expect, it } from 'vitest';
import { normaliseSchedule, occupiedWindows, overlaps, parseStoredSchedule } from './schedule';

const window = (id: string, weekday: number, start: string, end: string) => ({ id, weekday, start, end });

describe('overlaps', () => {
  it.each([
    // [entry start, entry end, window start, window end, expected]
    ['11:00', '13:00', '08:30', '12:00', true], // the person starts inside the window
    ['08:30', '12:00', '08:30', '12:00', true], // the same times
    ['09:00', '10:00', '08:30', '12:00', true], // inside
    ['07:00', '15:00', '08:30', '12:00', true], // around
    ['12:00', '13:00', '08:30', '12:00', false], // touching at the end
    ['07:00', '08:30', '08:30', '12:00', false], // touching at the start
    ['13:00', '15:00', '08:30', '12:00', false], // after
  ])('%s–%s against %s–%s → %s', (start, end, ws, we, expected) => {
    expect(overlaps({ weekday: 1, start, end }, { weekday: 1, start: ws, end: we })).toBe(expected);
  });

  it('never overlaps on another weekday', () => {
    expect(
      overlaps({ weekday: 2, start: '08:30', end: '12:00' }, { weekday: 1, start: '08:30', end: '12:00' }),
    ).toBe(false);
  });
});

describe('occupiedWindows', () => {
  const windows = [
    window('w-mon-am', 1, '08:30', '12:00'),
    window('w-mon-pm', 1, '13:00', '17:00'),
    window('w-wed-am', 3, '08:30', '12:00'),
    window('w-fri-am', 5, '08:30', '12:00'),
  ];

  it('takes every window the schedule overlaps, each once, in id order', () => {
    const result = occupiedWindows(
      [
        { weekday: 1, start: '11:00', end: '14:00' },
        { weekday: 3, start: '08:30', end: '12:00' },
      ],
      windows,
    );
    expect(result).toEqual({ windowIds: ['w-mon-am', 'w-mon-pm', 'w-wed-am'], uncovered: [] });
  });

  it('reports scheduled days that overlap no window', () => {
    const result = occupiedWindows(
      [
        { weekday: 5, start: '09:00', end: '11:00' },
        { weekday: 2, start: '09:00', end: '11:00' },
        { weekday: 5, start: '13:00', end: '15:00' },
      ],
      windows,
    );
    expect(result.windowIds).toEqual(['w-fri-am']);
    expect(result.uncovered).toEqual([
      { weekday: 2, start: '09:00', end: '11:00' },
      { weekday: 5, start: '13:00', end: '15:00' },
    ]);
  });

  it('a schedule with nothing in it occupies nothing', () => {
    expect(occupiedWindows([], windows)).toEqual({ windowIds: [], uncovered: [] });
  });
});

describe('normaliseSchedule', () => {
  it('sorts by weekday and time and pads the hours', () => {
    expect(
      normaliseSchedule([
        { weekday: 5, start: '8:30', end: '12:00' },
        { weekday: 1, start: '13:00', end: '15:00' },
        { weekday: 1, start: '8:30', end: '12:00' },
      ]),
    ).toEqual([
      { weekday: 1, start: '08:30', end: '12:00' },
      { weekday: 1, start: '13:00', end: '15:00' },
      { weekday: 5, start: '08:30', end: '12:00' },
    ]);
  });

  it.each([
    ['no days', []],
    ['weekday 0', [{ weekday: 0, start: '08:30', end: '12:00' }]],
    ['weekday 8', [{ weekday: 8, start: '08:30', end: '12:00' }]],
    ['end before start', [{ weekday: 1, start: '12:00', end: '08:30' }]],
    ['end equal to start', [{ weekday: 1, start: '12:00', end: '12:00' }]],
    ['a bad time', [{ weekday: 1, start: '25:00', end: '26:00' }]],
    [
      'two overlapping entries on one day',
      [
        { weekday: 1, start: '08:30', end: '12:00' },
        { weekday: 1, start: '11:00', end: '13:00' },
      ],
    ],
  ])('refuses %s', (_label, schedule) => {
    expect(normaliseSchedule(schedule)).toBeUndefined();
  });

  it('reads back what was stored, dropping malformed rows', () => {
    expect(parseStoredSchedule('[{"weekday":1,"start":"08:30","end":"12:00"},{"weekday":"x"}]')).toEqual([
      { weekday: 1, start: '08:30', end: '12:00' },
    ]);
    expect(parseStoredSchedule('{}')).toEqual([]);
  });
});
