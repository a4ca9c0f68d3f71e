/** The HSDS mapping on its own: schedules from weekly windows, stable ids, the taxonomies. */
import { describe, expect, it } from 'vitest';
import { hsdsId } from './ids';
import { toSchedules } from './mapping';
import type { ServiceRow } from './store';
import { taxonomies, taxonomyTerms, termOf } from './taxonomy';
import { hsdsErrors } from './test-schemas';

describe('HSDS mapping (pure)', () => {
  it('groups weekly windows into one RRULE-style schedule per time range', () => {
    const row = {
      id: '0190b1a2-0000-7000-8000-000000000001',
      earliest_start_date: '2026-12-01',
      min_daily_minutes: 120,
      max_daily_minutes: 210,
      min_days_per_week: 1,
      max_days_per_week: 3,
      works_on_holidays: 0,
      year_end_closed: 1,
      holiday_note: null,
    } as ServiceRow;
    const schedules = toSchedules(row, [
      { weekday: 5, start: '08:30', end: '12:00', capacity: 1 },
      { weekday: 1, start: '08:30', end: '12:00', capacity: 2 },
      { weekday: 3, start: '13:00', end: '15:00', capacity: 1 },
    ]);
    expect(schedules).toHaveLength(2);
    expect(schedules[0]).toMatchObject({
      freq: 'WEEKLY',
      wkst: 'MO',
      byday: 'MO,FR',
      opens_at: '08:30+09:00',
      closes_at: '12:00+09:00',
      valid_from: '2026-12-01',
      description: '月・金 8:30〜12:00',
    });
    expect(schedules[0]?.notes).toBe(
      '1日あたり2時間〜3時間30分。週1日〜3日。祝日は休みです。年末年始は休みです。',
    );
    expect(schedules[1]).toMatchObject({ byday: 'WE', opens_at: '13:00+09:00' });
    for (const schedule of schedules)
      expect(
        hsdsErrors('service.json', { id: row.id, name: 'x', status: 'active', schedules: [schedule] }),
      ).toEqual([]);
  });

  it('derives stable UUIDs and publishes valid taxonomies and terms', () => {
    expect(hsdsId('a', 1)).toBe(hsdsId('a', 1));
    expect(hsdsId('a', 1)).not.toBe(hsdsId('a', 2));
    expect(hsdsId('a')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (const taxonomy of taxonomies) expect(hsdsErrors('taxonomy.json', taxonomy)).toEqual([]);
    for (const term of taxonomyTerms) expect(hsdsErrors('taxonomy_term.json', term)).toEqual([]);
    expect(new Set(taxonomyTerms.map((t) => t.id)).size).toBe(taxonomyTerms.length);
    expect(termOf('work_form', 'b_employed').parent_id).toBe(termOf('work_form', 'training_employed').id);
  });
});
