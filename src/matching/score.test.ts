import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TravelMode } from '../participants/assessment';
import {
  supportCodes,
  taskCategories,
  type Weekday,
  workFormOffers,
} from '../registry/opportunities/opportunity';
import { exclusionsOf } from './constraints';
import { explainExclusion, explainFactors } from './explain';
import { estimateTravel, fittingWindows, type MatchNeeds, type MatchOpportunity, reachKm } from './facts';
import {
  defaultWeights,
  emphases,
  rankOpportunities,
  scoreOf,
  scoreOpportunity,
  supportsFactor,
  travelFactor,
  weightsFor,
} from './score';

const NOW = new Date('2026-11-25T00:00:00Z');
/** 東村山市役所. */
const ORIGIN = { lat: 35.7546, lng: 139.4685 };

function needs(over: Partial<MatchNeeds> = {}): MatchNeeds {
  return {
    tasks: ['cleaning'],
    windows: [1, 3, 5].map((d) => ({ weekday: d as Weekday, start: '09:00', end: '12:00' })),
    minDailyMinutes: 120,
    maxDailyMinutes: 180,
    minDaysPerWeek: 2,
    maxDaysPerWeek: 3,
    travelMaxMinutes: 40,
    travelMaxMetres: null,
    travelModes: ['train'],
    supports: ['visual_instructions'],
    hasSupportDecision: false,
    origin: ORIGIN,
    ...over,
  };
}

function opportunity(over: Partial<MatchOpportunity> = {}): MatchOpportunity {
  return {
    id: '00000000-0000-7000-8000-000000000001',
    title: '清掃(架空)',
    facilityName: 'みどり園(架空)',
    municipalityName: '東村山市',
    status: 'published',
    tasks: ['cleaning'],
    workForms: ['a_unpaid'],
    supports: ['visual_instructions'],
    supportsUnavailable: [],
    minDailyMinutes: 120,
    maxDailyMinutes: 180,
    minDaysPerWeek: 1,
    maxDaysPerWeek: 3,
    windows: [1, 3, 5].map((d) => ({ weekday: d as Weekday, start: '09:00', end: '12:00', capacity: 2 })),
    visitPossible: 1,
    trialPossible: 1,
    transportAllowance: 0,
    transportCapYen: null,
    lastConfirmedAt: '2026-11-20T00:00:00.000Z',
    point: { lat: 35.77, lng: 139.47 },
    pointIsOffice: false,
    ...over,
  };
}

const factor = (n: MatchNeeds, o: MatchOpportunity, key: string) =>
  scoreOpportunity(n, o, defaultWeights, NOW).factors.find((f) => f.factor === key);

describe('hard constraints', () => {
  it('passes a fitting opportunity', () => {
    expect(exclusionsOf(needs(), opportunity(), { includeFull: false })).toEqual([]);
  });
  it('excludes draft, paused and archived; full unless included', () => {
    for (const status of ['draft', 'paused', 'archived'] as const) {
      expect(
        exclusionsOf(needs(), opportunity({ status }), { includeFull: true }).map((x) => x.rule),
      ).toContain('not_accepting');
    }
    expect(exclusionsOf(needs(), opportunity({ status: 'full' }), { includeFull: false })[0]?.rule).toBe(
      'no_open_place',
    );
    expect(exclusionsOf(needs(), opportunity({ status: 'full' }), { includeFull: true })).toEqual([]);
  });
  it('excludes when no window fits the availability (by minimum hours or whole window)', () => {
    const afternoon = opportunity({ windows: [{ weekday: 1, start: '13:00', end: '16:00', capacity: 1 }] });
    expect(exclusionsOf(needs(), afternoon, { includeFull: false }).map((x) => x.rule)).toEqual([
      'no_fitting_window',
    ]);
    // 8:00–12:00 with a 2-hour minimum fits 9:00–12:00; without a minimum it needs all 4 hours.
    const longer = { windows: [{ weekday: 1 as Weekday, start: '08:00', end: '12:00', capacity: 1 }] };
    expect(
      exclusionsOf(needs(), opportunity({ ...longer, minDailyMinutes: 120 }), { includeFull: false }),
    ).toEqual([]);
    expect(
      exclusionsOf(needs(), opportunity({ ...longer, minDailyMinutes: null }), { includeFull: false })[0]
        ?.rule,
    ).toBe('no_fitting_window');
  });
  it('excludes when the fitting windows have no place left', () => {
    const none = opportunity({ windows: [{ weekday: 1, start: '09:00', end: '12:00', capacity: 0 }] });
    expect(exclusionsOf(needs(), none, { includeFull: false })[0]?.rule).toBe('no_open_place');
    expect(exclusionsOf(needs(), none, { includeFull: true })).toEqual([]);
  });
  it('needs a 支援決定 for B–D only forms', () => {
    const training = opportunity({ workForms: ['b_unpaid', 'c_employed'] });
    expect(exclusionsOf(needs(), training, { includeFull: false })[0]?.rule).toBe('work_form');
    expect(exclusionsOf(needs({ hasSupportDecision: true }), training, { includeFull: false })).toEqual([]);
    expect(
      exclusionsOf(needs(), opportunity({ workForms: ['a_unpaid', 'b_unpaid'] }), { includeFull: false }),
    ).toEqual([]);
  });
  it('excludes an explicit "cannot" for a needed support, never an unknown', () => {
    const cannot = opportunity({ supports: [], supportsUnavailable: ['visual_instructions'] });
    expect(exclusionsOf(needs(), cannot, { includeFull: false })).toEqual([
      { rule: 'support_unavailable', supports: ['visual_instructions'] },
    ]);
    expect(exclusionsOf(needs(), opportunity({ supports: [] }), { includeFull: false })).toEqual([]);
  });
  it('excludes trips far beyond the limit, keeps those up to 1.5 ×', () => {
    // ~27 km west: train 10 + 54 = 64 min > 40 × 1.5.
    const far = opportunity({ point: { lat: 35.7546, lng: 139.17 } });
    expect(exclusionsOf(needs(), far, { includeFull: false })[0]?.rule).toBe('too_far');
    // ~10 km: 10 + 20 = 30 min.
    const near = opportunity({ point: { lat: 35.7546, lng: 139.579 } });
    expect(exclusionsOf(needs(), near, { includeFull: false })).toEqual([]);
  });
  it('says which rule in both languages', () => {
    const x = exclusionsOf(needs(), opportunity({ workForms: ['b_unpaid'] }), { includeFull: false });
    expect(x[0] && explainExclusion(x[0], 'ja')).toContain('支援決定');
    expect(x[0] && explainExclusion(x[0], 'en')).toContain('support decision');
  });
});

describe('soft factors', () => {
  it('schedule: share of the wanted days with a fitting window', () => {
    expect(factor(needs(), opportunity(), 'schedule')?.value).toBe(1);
    const monday = opportunity({ windows: [{ weekday: 1, start: '09:00', end: '12:00', capacity: 1 }] });
    expect(factor(needs(), monday, 'schedule')?.value).toBeCloseTo(1 / 3);
    expect(factor(needs({ windows: [] }), monday, 'schedule')?.value).toBeNull();
  });
  it('hours and days: ranges meet, do not meet, or unknown', () => {
    expect(factor(needs(), opportunity(), 'daily_hours')?.value).toBe(1);
    expect(
      factor(needs(), opportunity({ minDailyMinutes: 240, maxDailyMinutes: 360 }), 'daily_hours')?.value,
    ).toBe(0);
    expect(
      factor(needs(), opportunity({ minDailyMinutes: null, maxDailyMinutes: null }), 'daily_hours')?.value,
    ).toBe(null);
    expect(
      factor(needs({ minDaysPerWeek: null, maxDaysPerWeek: null }), opportunity(), 'days_per_week')?.value,
    ).toBe(null);
    expect(
      factor(needs(), opportunity({ minDaysPerWeek: 4, maxDaysPerWeek: 5 }), 'days_per_week')?.value,
    ).toBe(0);
  });
  it('travel: estimate by the fastest mode; unknown without an origin', () => {
    const o = opportunity({ point: { lat: 35.7546, lng: 139.579 } });
    const walk = estimateTravel(needs({ travelModes: ['walk'] }), o);
    const train = estimateTravel(needs({ travelModes: ['walk', 'train'] }), o);
    expect(walk?.mode).toBe('walk');
    expect(Math.abs((walk?.minutes ?? 0) - 10_000 / 80)).toBeLessThan(3);
    expect(train?.mode).toBe('train');
    expect(train?.minutes).toBe(30);
    expect(travelFactor(needs({ origin: null }), o).value).toBeNull();
    expect(estimateTravel(needs({ travelModes: [] }), o)?.modesAssumed).toBe(true);
  });
  it('travel: the same municipality office at both ends is 不明, not 0 minutes', () => {
    const o = opportunity({ point: ORIGIN, pointIsOffice: true });
    expect(estimateTravel(needs(), o)).toBeUndefined();
    const items = explainFactors(scoreOpportunity(needs(), o, defaultWeights, NOW).factors, o, 'ja');
    expect(items.find((e) => e.factor === 'travel')).toEqual({
      factor: 'travel',
      effect: 'unknown',
      text: '通勤: 不明(本人と同じ区市町村内ですが、事業所の位置が未登録のため時間は推定できません)',
    });
    // The facility's own coordinates at the office are a real position.
    expect(estimateTravel(needs(), opportunity({ point: ORIGIN, pointIsOffice: false }))?.minutes).toBe(10);
  });
  it('reach: the bounding distance of the travel limit', () => {
    expect(reachKm(needs({ travelMaxMinutes: null }))).toBeUndefined();
    expect(reachKm(needs({ travelMaxMinutes: 40, travelModes: ['train'] }))).toBeCloseTo(25);
    expect(reachKm(needs({ travelMaxMinutes: 40, travelMaxMetres: 2000 }))).toBeCloseTo(3);
  });
  it('tasks: matched, none, unknown', () => {
    expect(factor(needs(), opportunity(), 'tasks')?.value).toBe(1);
    expect(factor(needs({ tasks: ['cleaning', 'laundry'] }), opportunity(), 'tasks')?.value).toBe(0.75);
    expect(factor(needs(), opportunity({ tasks: ['laundry'] }), 'tasks')?.value).toBe(0);
    expect(factor(needs({ tasks: [] }), opportunity(), 'tasks')?.value).toBeNull();
  });
  it('supports: all offered, some unknown, none needed', () => {
    expect(supportsFactor(needs(), opportunity()).value).toBe(1);
    expect(
      supportsFactor(needs({ supports: ['visual_instructions', 'wheelchair'] }), opportunity()).value,
    ).toBe(0.5);
    expect(supportsFactor(needs({ supports: [] }), opportunity({ supports: [] })).value).toBe(1);
  });
  it('visit/trial and freshness', () => {
    expect(factor(needs(), opportunity({ visitPossible: 0 }), 'visit_trial')?.value).toBe(0.5);
    expect(factor(needs(), opportunity(), 'freshness')?.value).toBe(1);
    expect(
      factor(needs(), opportunity({ lastConfirmedAt: '2026-08-01T00:00:00Z' }), 'freshness')?.value,
    ).toBe(0.5);
    expect(
      factor(needs(), opportunity({ lastConfirmedAt: '2026-06-01T00:00:00Z' }), 'freshness')?.value,
    ).toBe(0);
  });
  it('emphasis doubles one weight', () => {
    expect(weightsFor('distance').travel).toBe(2 * defaultWeights.travel);
    expect(weightsFor('balanced')).toEqual(defaultWeights);
  });
});

describe('explanations', () => {
  it('reads like a coordinator', () => {
    const o = opportunity({ transportAllowance: 1, transportCapYen: 500 });
    const texts = explainFactors(scoreOpportunity(needs(), o, defaultWeights, NOW).factors, o, 'ja').map(
      (e) => e.text,
    );
    expect(texts).toContain('月水金 9:00–12:00 が本人の希望時間に合います(週3日分/希望3日)');
    expect(texts).toContain('推定通勤 13分(電車、約1.7km)(上限 40分)');
    expect(texts).toContain('『作業指示を紙や図で』に対応');
    expect(texts).toContain('交通費: 支給(1日500円まで)');
  });
  it('marks unknowns as 不明', () => {
    const o = opportunity({ supports: [], minDailyMinutes: null, maxDailyMinutes: null });
    const items = explainFactors(
      scoreOpportunity(needs({ windows: [] }), o, defaultWeights, NOW).factors,
      o,
      'ja',
    );
    expect(items.filter((e) => e.effect === 'unknown').map((e) => e.text)).toEqual([
      '曜日・時間: 不明(希望の時間帯が未記録)',
      '1日の時間: 不明',
      '『作業指示を紙や図で』: 不明',
    ]);
  });
});

// ── Properties ──────────────────────────────────────────────────────────────────────────────

const weekdayArb = fc.constantFrom<Weekday>(1, 2, 3, 4, 5, 6, 7);
const timeArb = fc.integer({ min: 6 * 4, max: 20 * 4 }).map((q) => {
  const minutes = q * 15;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
});
const spanArb = fc
  .tuple(weekdayArb, timeArb, fc.integer({ min: 1, max: 16 }))
  .map(([weekday, start, quarters]) => {
    const [h, m] = start.split(':').map(Number);
    const end = (h ?? 0) * 60 + (m ?? 0) + quarters * 15;
    return {
      weekday,
      start,
      end: `${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`,
    };
  });
const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const pointArb = fc.record({
  lat: fc.double({ min: 35.5, max: 35.9, noNaN: true }),
  lng: fc.double({ min: 139.0, max: 139.9, noNaN: true }),
});

const needsArb: fc.Arbitrary<MatchNeeds> = fc.record({
  tasks: fc.subarray([...taskCategories]),
  windows: fc.array(spanArb, { maxLength: 5 }),
  minDailyMinutes: nullable(fc.integer({ min: 60, max: 240 })),
  maxDailyMinutes: nullable(fc.integer({ min: 240, max: 480 })),
  minDaysPerWeek: nullable(fc.integer({ min: 1, max: 3 })),
  maxDaysPerWeek: nullable(fc.integer({ min: 3, max: 7 })),
  travelMaxMinutes: nullable(fc.integer({ min: 10, max: 120 })),
  travelMaxMetres: nullable(fc.integer({ min: 500, max: 30_000 })),
  travelModes: fc.subarray<TravelMode>(['walk', 'bicycle', 'train', 'bus']),
  supports: fc.subarray([...supportCodes]),
  hasSupportDecision: fc.boolean(),
  origin: nullable(pointArb),
});

const opportunityArb: fc.Arbitrary<MatchOpportunity> = fc.record({
  id: fc.uuid(),
  title: fc.constant('はたらく場'),
  facilityName: fc.constant('事業所'),
  municipalityName: fc.constant('東村山市'),
  status: fc.constantFrom('draft', 'published', 'paused', 'full', 'archived' as const),
  tasks: fc.subarray([...taskCategories], { minLength: 1 }),
  workForms: fc.subarray([...workFormOffers], { minLength: 1 }),
  supports: fc.subarray([...supportCodes]),
  supportsUnavailable: fc.subarray([...supportCodes]),
  minDailyMinutes: nullable(fc.integer({ min: 60, max: 240 })),
  maxDailyMinutes: nullable(fc.integer({ min: 240, max: 480 })),
  minDaysPerWeek: nullable(fc.integer({ min: 1, max: 3 })),
  maxDaysPerWeek: nullable(fc.integer({ min: 3, max: 7 })),
  windows: fc.array(
    spanArb.chain((s) => fc.integer({ min: 0, max: 3 }).map((capacity) => ({ ...s, capacity }))),
    { minLength: 1, maxLength: 5 },
  ),
  visitPossible: fc.constantFrom(0, 1),
  trialPossible: fc.constantFrom(0, 1),
  transportAllowance: fc.constantFrom(0, 1),
  transportCapYen: nullable(fc.integer({ min: 0, max: 2000 })),
  lastConfirmedAt: fc
    .integer({ min: 0, max: 400 })
    .map((days) => new Date(NOW.getTime() - days * 86_400_000).toISOString()),
  point: nullable(pointArb),
  pointIsOffice: fc.boolean(),
});

const optionsArb = fc.record({
  includeFull: fc.boolean(),
  emphasis: fc.constantFrom(...emphases),
});

const score = (n: MatchNeeds, o: MatchOpportunity) => scoreOpportunity(n, o, defaultWeights, NOW).score;

describe('properties', () => {
  it("the score alone (used to rank) is exactly the factors' total", () => {
    fc.assert(
      fc.property(needsArb, opportunityArb, optionsArb, (n, o, options) => {
        const weights = weightsFor(options.emphasis);
        const known = { fitting: fittingWindows(o, n), travel: { estimate: estimateTravel(n, o) } };
        expect(scoreOf(n, o, weights, NOW, known)).toBe(scoreOpportunity(n, o, weights, NOW).score);
      }),
    );
  });

  it('an opportunity that breaks a hard constraint never appears', () => {
    fc.assert(
      fc.property(needsArb, fc.array(opportunityArb, { maxLength: 30 }), optionsArb, (n, list, options) => {
        const ranking = rankOpportunities(n, list, {
          includeFull: options.includeFull,
          weights: weightsFor(options.emphasis),
          limit: 20,
          now: NOW,
        });
        for (const r of ranking.results) {
          expect(exclusionsOf(n, r.opportunity, options)).toEqual([]);
        }
        const passing = list.filter((o) => exclusionsOf(n, o, options).length === 0).length;
        expect(ranking.results.length).toBe(Math.min(20, passing));
        expect(ranking.excluded).toBe(list.length - passing);
      }),
    );
  });

  it('adding a support need never raises a score', () => {
    fc.assert(
      fc.property(needsArb, opportunityArb, fc.constantFrom(...supportCodes), (n, o, extra) => {
        const more = { ...n, supports: [...new Set([...n.supports, extra])] };
        expect(score(more, o)).toBeLessThanOrEqual(score(n, o) + 1e-9);
      }),
    );
  });

  it('moving a facility farther never raises its distance score', () => {
    fc.assert(
      fc.property(
        needsArb,
        opportunityArb,
        pointArb,
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        (n, o, origin, step) => {
          const withOrigin = { ...n, origin };
          // Farther east along the same latitude as the origin, so the distance grows with step.
          const near = { ...o, point: { lat: origin.lat, lng: origin.lng + 0.01 } };
          const far = { ...o, point: { lat: origin.lat, lng: origin.lng + 0.01 + step } };
          const a = travelFactor(withOrigin, near).value ?? 0;
          const b = travelFactor(withOrigin, far).value ?? 0;
          expect(b).toBeLessThanOrEqual(a + 1e-9);
        },
      ),
    );
  });

  it('equal scores keep a deterministic order (by id), whatever the input order', () => {
    fc.assert(
      fc.property(needsArb, fc.array(opportunityArb, { maxLength: 30 }), (n, list) => {
        const options = { includeFull: true, weights: defaultWeights, limit: 10, now: NOW };
        const ids = (xs: MatchOpportunity[]) =>
          rankOpportunities(n, xs, options).results.map((r) => r.opportunity.id);
        expect(ids([...list].reverse())).toEqual(ids(list));
        const sameScore = list.map((_, i) => ({ ...opportunity(), id: `${String(i).padStart(4, '0')}` }));
        const ranked = rankOpportunities(needs(), [...sameScore].reverse(), options).results.map(
          (r) => r.opportunity.id,
        );
        expect(ranked).toEqual(sameScore.slice(0, 10).map((o) => o.id));
      }),
    );
  });

  it('unknown facts never raise a score', () => {
    fc.assert(
      fc.property(needsArb, opportunityArb, (n, o) => {
        const base = score(n, o);
        // The facility's answers removed: hours, days, position, supports (to unknown).
        expect(score(n, { ...o, minDailyMinutes: null, maxDailyMinutes: null })).toBeLessThanOrEqual(
          base + 1e-9,
        );
        expect(score(n, { ...o, minDaysPerWeek: null, maxDaysPerWeek: null })).toBeLessThanOrEqual(
          base + 1e-9,
        );
        expect(score(n, { ...o, point: null })).toBeLessThanOrEqual(base + 1e-9);
        expect(score(n, { ...o, supports: [] })).toBeLessThanOrEqual(base + 1e-9);
        // The person's facts unknown: no origin, no tasks, no hours.
        expect(score({ ...n, origin: null }, o)).toBeLessThanOrEqual(base + 1e-9);
        expect(score({ ...n, tasks: [] }, o)).toBeLessThanOrEqual(base + 1e-9);
        expect(score({ ...n, windows: [] }, o)).toBeLessThanOrEqual(base + 1e-9);
        expect(score({ ...n, minDailyMinutes: null, maxDailyMinutes: null }, o)).toBeLessThanOrEqual(
          base + 1e-9,
        );
      }),
    );
  });
});
