import { describe, expect, it } from 'vitest';
import { parseSearchQuery, type SearchFilters } from './filters';
import { type FitInput, fitScore } from './fit';

function filters(query: string): SearchFilters {
  const parsed = parseSearchQuery(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.filters;
}

const base: FitInput = {
  title: '施設内の清掃',
  tasks: ['cleaning'],
  supports: [],
  visitPossible: 0,
  trialPossible: 0,
  status: 'published',
  stale: false,
  fitDays: 1,
  fitPlaces: 0,
};

describe('fit score', () => {
  const score = (o: Partial<FitInput>, query = '', terms: string[] = []) =>
    fitScore({ ...base, ...o }, filters(query), terms);

  it('ranks more fitting weekdays first, only when weekdays were asked', () => {
    expect(score({ fitDays: 2 }, 'weekday=1&weekday=3')).toBeGreaterThan(
      score({ fitDays: 1 }, 'weekday=1&weekday=3'),
    );
    expect(score({ fitDays: 2 })).toBe(score({ fitDays: 1 }));
  });

  it('prefers more of several asked tasks', () => {
    const q = 'task=cleaning&task=laundry';
    expect(score({ tasks: ['cleaning', 'laundry'] }, q)).toBeGreaterThan(score({ tasks: ['cleaning'] }, q));
  });

  it('prefers open places, a title hit, visit and trial, more supports; stale and far lose', () => {
    expect(score({ fitPlaces: 1 })).toBeGreaterThan(score({ fitPlaces: 0 }));
    expect(score({ fitPlaces: 1, status: 'full' })).toBe(score({ fitPlaces: 0 }));
    expect(score({}, 'q=清掃', ['清掃'])).toBeGreaterThan(score({ title: '配膳' }, 'q=清掃', ['清掃']));
    expect(score({ visitPossible: 1, trialPossible: 1 })).toBe(score({}) + 2);
    expect(score({ supports: ['short_hours', 'supervision'] })).toBeCloseTo(score({}) + 0.4);
    expect(score({ stale: true })).toBe(score({}) - 5);
    expect(score({ distanceKm: 4 })).toBe(score({ distanceKm: 0 }) - 2);
  });
});
