/**
 * The pre-filter against generated data (seed --bench: facilities across Tokyo, 3 opportunities
 * each, participants with assessments), on both databases: for each generated participant, the
 * shortlist from the pre-filtered rows equals the shortlist from every visible opportunity, and
 * the pre-filter does drop rows; and the in-memory pre-filter (the registry snapshot) gives the
 * same opportunities and windows as the SQL one.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases';
import type { AssessmentValues } from '../participants/assessment';
import type { ParticipantRow } from '../participants/service';
import type { Actor } from '../platform/auth/policy';
import { syncMunicipalities } from '../reference/store';
import { seedBench } from '../seed/bench';
import { defaultWeights, rankOpportunities } from './score';
import { needsOf, preFilterOf } from './service';
import { findMatchCandidates } from './store';

const actor: Actor = { userId: 'test', role: 'counsellor', organisationId: 'test', facilityIds: [] };

describeEachDatabase('matching pre-filter on generated data', (current) => {
  const db = () => current().db;
  beforeAll(async () => {
    await syncMunicipalities(db());
    await seedBench(db(), 150, 7);
  }, 60_000);

  it('never changes the shortlist, and narrows the rows read', async () => {
    const people = await db()
      .selectFrom('participant as p')
      .innerJoin('assessment as a', 'a.participant_id', 'p.id')
      .select([
        'p.municipality_code',
        'a.tasks',
        'a.windows',
        'a.min_daily_minutes',
        'a.max_daily_minutes',
        'a.min_days_per_week',
        'a.max_days_per_week',
        'a.travel_max_minutes',
        'a.travel_modes',
        'a.supports',
      ])
      .orderBy('p.id')
      .limit(25)
      .execute();
    const everything = await findMatchCandidates(db(), actor, {
      includeFull: true,
      availability: [],
      tasks: [],
      trainingFormsUsable: true,
    });
    expect(everything.length).toBeGreaterThan(300);
    let narrowed = 0;
    let droppedSome = 0;
    for (const [index, p] of people.entries()) {
      const needs = needsOf(
        // Every other person with a 支援決定, so both work-form paths are covered.
        {
          municipality_code: p.municipality_code,
          support_decision_on: index % 2 ? '2026-04-01' : null,
        } as ParticipantRow,
        {
          tasks: JSON.parse(p.tasks),
          windows: JSON.parse(p.windows),
          min_daily_minutes: p.min_daily_minutes,
          max_daily_minutes: p.max_daily_minutes,
          min_days_per_week: p.min_days_per_week,
          max_days_per_week: p.max_days_per_week,
          travel_max_minutes: p.travel_max_minutes,
          // Some with a km limit instead of minutes.
          travel_max_metres: index % 3 === 0 ? 3000 : null,
          travel_modes: JSON.parse(p.travel_modes),
          supports: JSON.parse(p.supports),
        } as AssessmentValues,
      );
      for (const includeFull of [false, true]) {
        const options = { includeFull, weights: defaultWeights, limit: 20, now: new Date() };
        const filtered = await findMatchCandidates(
          db(),
          actor,
          preFilterOf(needs, { includeFull, wantedTasksOnly: false }),
        );
        // The SQL pre-filter gives the same opportunities and windows as the snapshot.
        const fromSql = await findMatchCandidates(
          db(),
          actor,
          preFilterOf(needs, { includeFull, wantedTasksOnly: false }),
          { sql: true },
        );
        const key = (list: typeof filtered) =>
          list
            .map((o) => ({
              ...o,
              windows: [...o.windows].sort((a, b) =>
                `${a.weekday}${a.start}${a.end}`.localeCompare(`${b.weekday}${b.start}${b.end}`),
              ),
            }))
            .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        expect(key(filtered)).toEqual(key(fromSql));
        // Dropping what the hard constraints exclude anyway changes neither the shortlist nor,
        // with the dropped rows added back, the considered / excluded counts.
        const hard = await findMatchCandidates(db(), actor, {
          ...preFilterOf(needs, { includeFull, wantedTasksOnly: false }),
          hardConstraints: { needs },
        });
        const fromSqlRanking = rankOpportunities(needs, fromSql, options);
        const fromHard = rankOpportunities(needs, hard, options);
        // The SQL returns an opportunity's windows in no set order, the snapshot in position order.
        const sameOrder = (value: unknown) =>
          JSON.stringify(value, (_key, v) =>
            Array.isArray(v) && v.every((w) => w && typeof w === 'object' && 'weekday' in w)
              ? [...v].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
              : v,
          );
        expect(fromHard.results.map((r) => [r.opportunity.id, r.score, sameOrder(r.factors)])).toEqual(
          fromSqlRanking.results.map((r) => [r.opportunity.id, r.score, sameOrder(r.factors)]),
        );
        expect(fromHard.considered + (hard.dropped ?? 0)).toBe(fromSqlRanking.considered);
        expect(fromHard.excluded + (hard.dropped ?? 0)).toBe(fromSqlRanking.excluded);
        if ((hard.dropped ?? 0) > 0) droppedSome += 1;
        const fromFiltered = rankOpportunities(needs, filtered, options).results;
        const fromAll = rankOpportunities(needs, everything, options).results;
        expect(fromFiltered.map((r) => [r.opportunity.id, r.score])).toEqual(
          fromAll.map((r) => [r.opportunity.id, r.score]),
        );
        if (filtered.length < everything.length) narrowed += 1;
      }
    }
    expect(narrowed).toBeGreaterThan(25);
    expect(droppedSome).toBeGreaterThan(5);
  });
});
