/**
 * Benchmark of matching (issue 6, item 8): `npx tsx bench/matching.ts [--n 33334]`.
 * Seeds a throw-away database (`seed --demo` + `seed --bench N`: N facilities with 3
 * opportunities each, N participants with one assessment each), then, in this process, for a
 * sample of generated participants in turn, times
 *   - bare SQL: the pre-filter as one SQL query alone (rows returned, nothing else);
 *   - bare:  the pre-filter as the shortlist runs it: over the in-memory registry snapshot
 *            (docs/decisions/031), with its freshness check against registry_change;
 *   - rank:  what the shortlist does — the pre-filter, row mapping, hard constraints and scores
 *            for every row, the top 20 kept, and their explanations (ja);
 *   - page use case: matchParticipant for a demo participant (adds the participant read and its
 *            audit row).
 * Alternating bare/rank per iteration (this VM drifts). Prints median, p99 and the ratio of the
 * medians. Target: rank median ≤ 20 ms on SQLite and ≤ 2 × bare. Asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { explainFactors } from '../src/matching/explain';
import { defaultWeights, rankOpportunities } from '../src/matching/score';
import { matchParticipant, needsOf, preFilterOf } from '../src/matching/service';
import { findMatchCandidates, runPreFilterOnly } from '../src/matching/store';
import type { AssessmentValues } from '../src/participants/assessment';
import type { ParticipantRow } from '../src/participants/service';
import type { Actor } from '../src/platform/auth/policy';
import { openDatabase } from '../src/platform/db/connection';
import { migrateToLatest } from '../src/platform/db/migrate';
import { syncMunicipalities } from '../src/reference/store';
import { registrySnapshot } from '../src/registry/search/snapshot';
import { seedBench } from '../src/seed/bench';
import { seedDemo } from '../src/seed/demo';
import { median, percentile } from './load';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '33334' },
    iterations: { type: 'string', default: '200' },
    sample: { type: 'string', default: '50' },
    postgres: { type: 'string' },
    sqlite: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write(`usage: npx tsx bench/matching.ts [flags]
  --n N            facilities for seed --bench (3 opportunities each; default 33334 ≈ 100k)
  --iterations I   timed rankings (default 200)
  --sample S       generated participants ranked in turn (default 50)
  --postgres URL   an empty throw-away PostgreSQL database instead of a temp SQLite file
  --sqlite FILE    this SQLite file instead of a temp one (kept; to run again without seeding)
  With --postgres or --sqlite, a database seeded by an earlier run is used as it is.
`);
  process.exit(0);
}
const n = Number(values.n);
const iterations = Number(values.iterations);
const sampleSize = Number(values.sample);
const say = (line = '') => process.stdout.write(`${line}\n`);
const ms = (v: number) => v.toFixed(2);

const dir =
  values.postgres || values.sqlite ? undefined : mkdtempSync(join(tmpdir(), 'hataraku-bench-matching-'));
const url = values.postgres ?? values.sqlite ?? join(dir ?? '', 'bench.db');
const database = openDatabase(url);
const db = database.db;

try {
  say(`database: ${values.postgres ? 'PostgreSQL' : 'SQLite'}; seed --bench ${n}`);
  await migrateToLatest(db);
  let started = performance.now();
  const seededBefore = await db
    .selectFrom('participant')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('case_number', 'like', 'BENCH-%')
    .executeTakeFirstOrThrow();
  if (Number(seededBefore.n) > 0) say('seeded by an earlier run: used as it is');
  else {
    await syncMunicipalities(db);
    await seedDemo(db);
    const counts = await seedBench(db, n);
    say(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);
  }
  const opportunities = await db
    .selectFrom('opportunity')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  say(`opportunities in the registry: ${opportunities.n}`);

  // A sample of generated participants with a municipality (so the bounding box applies).
  const rows = await db
    .selectFrom('participant as p')
    .innerJoin('assessment as a', 'a.participant_id', 'p.id')
    .select([
      'p.municipality_code',
      'p.support_decision_on',
      'a.tasks',
      'a.windows',
      'a.min_daily_minutes',
      'a.max_daily_minutes',
      'a.min_days_per_week',
      'a.max_days_per_week',
      'a.travel_max_minutes',
      'a.travel_max_metres',
      'a.travel_modes',
      'a.supports',
    ])
    .where('p.municipality_code', 'is not', null)
    .where('p.case_number', 'like', 'BENCH-%')
    .orderBy('p.id')
    .limit(sampleSize)
    .execute();
  const sample = rows.map((r) =>
    needsOf(
      {
        municipality_code: r.municipality_code,
        support_decision_on: r.support_decision_on,
      } as ParticipantRow,
      {
        tasks: JSON.parse(r.tasks),
        windows: JSON.parse(r.windows),
        min_daily_minutes: r.min_daily_minutes,
        max_daily_minutes: r.max_daily_minutes,
        min_days_per_week: r.min_days_per_week,
        max_days_per_week: r.max_days_per_week,
        travel_max_minutes: r.travel_max_minutes,
        travel_max_metres: r.travel_max_metres,
        travel_modes: JSON.parse(r.travel_modes),
        supports: JSON.parse(r.supports),
      } as AssessmentValues,
    ),
  );
  const actor: Actor = { userId: 'bench', role: 'counsellor', organisationId: 'bench', facilityIds: [] };
  const options = { includeFull: false, wantedTasksOnly: false };
  const now = new Date();

  started = performance.now();
  const snapshot = await registrySnapshot(db);
  say(
    `registry snapshot loaded in ${((performance.now() - started) / 1000).toFixed(2)} s: ${snapshot.entries.length} listed opportunities`,
  );
  const bare: number[] = [];
  const bareSql: number[] = [];
  const rank: number[] = [];
  const prefiltered: number[] = [];
  const shown: number[] = [];
  const total = iterations + 20; // the first 20 warm up
  for (let i = 0; i < total; i += 1) {
    const needs = sample[i % sample.length];
    if (!needs) throw new Error('no generated participant to rank');
    const sqlFilter = preFilterOf(needs, options);
    // As matchParticipant: the in-memory pre-filter also drops what the hard constraints exclude.
    const filter = { ...sqlFilter, hardConstraints: { needs } };
    const timeBare = async () => {
      const t0 = performance.now();
      await runPreFilterOnly(db, actor, filter);
      return performance.now() - t0;
    };
    const timeBareSql = async () => {
      const t0 = performance.now();
      await runPreFilterOnly(db, actor, sqlFilter, { sql: true });
      return performance.now() - t0;
    };
    const timeRank = async () => {
      const t0 = performance.now();
      const candidates = await findMatchCandidates(db, actor, filter);
      const ranking = rankOpportunities(needs, candidates, {
        includeFull: false,
        weights: defaultWeights,
        limit: 20,
        now,
      });
      for (const r of ranking.results) explainFactors(r.factors, r.opportunity, 'ja');
      const elapsed = performance.now() - t0;
      if (i >= 20) {
        prefiltered.push(candidates.length);
        shown.push(ranking.results.length);
      }
      return elapsed;
    };
    // Alternate which goes first.
    const [a, b] = i % 2 === 0 ? [await timeBare(), await timeRank()] : [0, 0];
    const [c2, d2] = i % 2 === 1 ? [await timeRank(), await timeBare()] : [0, 0];
    const sqlTime = i % 5 === 0 ? await timeBareSql() : undefined;
    if (i < 20) continue;
    if (sqlTime !== undefined) bareSql.push(sqlTime);
    bare.push(i % 2 === 0 ? a : d2);
    rank.push(i % 2 === 0 ? b : c2);
  }
  const sorted = (xs: number[]) => [...xs].sort((x, y) => x - y);
  const bareSorted = sorted(bare);
  const rankSorted = sorted(rank);
  say(
    `rows after the pre-filter: median ${median(prefiltered)}, max ${Math.max(...prefiltered)}; shown: median ${median(shown)}`,
  );
  say(
    `bare pre-filter SQL (1 in 5)  median ${ms(median(bareSql))} ms   p99 ${ms(percentile(sorted(bareSql), 99))} ms`,
  );
  say(
    `bare pre-filter (snapshot)    median ${ms(median(bare))} ms   p99 ${ms(percentile(bareSorted, 99))} ms`,
  );
  say(
    `rank one participant          median ${ms(median(rank))} ms   p99 ${ms(percentile(rankSorted, 99))} ms`,
  );
  say(
    `ratio of medians: rank / bare (snapshot) ${(median(rank) / median(bare)).toFixed(2)}; rank / bare SQL ${(median(rank) / median(bareSql)).toFixed(2)}`,
  );

  // The page's use case for a demo participant (participant read + audit row + candidates).
  const counsellor = await db
    .selectFrom('app_user')
    .select(['id', 'organisation_id'])
    .where('email', '=', 'counsellor@demo.hataraku.example')
    .executeTakeFirstOrThrow();
  const demoActor: Actor = {
    userId: counsellor.id,
    role: 'counsellor',
    organisationId: counsellor.organisation_id,
    facilityIds: [],
  };
  const demo = await db
    .selectFrom('participant')
    .select('id')
    .where('name', '=', '架空 一郎')
    .executeTakeFirstOrThrow();
  const useCase: number[] = [];
  for (let i = 0; i < Math.min(100, iterations) + 10; i += 1) {
    started = performance.now();
    await matchParticipant(
      db,
      demoActor,
      demo.id,
      { includeFull: false, emphasis: 'balanced', wantedTasksOnly: false },
      { userId: counsellor.id, organisationId: counsellor.organisation_id, requestId: 'bench', ip: null },
    );
    if (i >= 10) useCase.push(performance.now() - started);
  }
  say(
    `page use case (demo participant, with audit) median ${ms(median(useCase))} ms   p99 ${ms(percentile(sorted(useCase), 99))} ms`,
  );
} finally {
  await database.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
