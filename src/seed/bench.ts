/**
 * Generated data for benchmarks (`seed --bench N`): N of each thing the schema holds so far,
 * with a seeded random generator so two runs produce the same data. Each area appends its
 * generator to `benchGenerators` as it gains tables.
 */

import { type Kysely, sql } from 'kysely';
import { participantsBenchGenerator } from '../participants/seed';
import type { Database } from '../platform/db/schema';
import { newId, nowIso } from '../platform/db/time';
import { toSearchText } from '../platform/text/normalise';
import { opportunitiesBenchGenerator } from '../registry/opportunities/seed';

export type Random = () => number;

/** mulberry32: small, fast and good enough to vary generated rows reproducibly. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Generator = { name: string; run(db: Kysely<Database>, n: number, random: Random): Promise<number> };

const chunk = 500;

async function insertInChunks<T>(rows: T[], insert: (part: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) await insert(rows.slice(i, i + chunk));
}

const organisations: Generator = {
  name: 'organisations',
  async run(db, n, random) {
    const now = nowIso();
    const rows = Array.from({ length: n }, (_, i) => {
      const kind = random() < 0.5 ? ('corporation' as const) : ('agency' as const);
      const name =
        kind === 'corporation'
          ? `社会福祉法人 ベンチ福祉会${i + 1}(架空)`
          : `ベンチ市 相談支援センター${i + 1}(架空)`;
      return {
        id: newId(),
        kind,
        name,
        name_kana: '',
        search_text: toSearchText(name),
        is_demo: 1,
        created_at: now,
        updated_at: now,
      };
    });
    await insertInChunks(rows, (part) => db.insertInto('organisation').values(part).execute());
    return rows.length;
  },
};

const mail: Generator = {
  name: 'mail messages',
  async run(db, n, random) {
    const statuses = ['sent', 'kept', 'failed'] as const;
    const start = Date.now() - n * 60_000;
    const rows = Array.from({ length: n }, (_, i) => ({
      id: newId(),
      to_address: `bench${i + 1}@bench.hataraku.example`,
      subject: `【はたらく場情報】ベンチマーク用メール ${i + 1}`,
      text_body: 'ベンチマーク用に生成したメールです。'.repeat(5),
      html_body: null,
      headers: '{}',
      attachments: '[]',
      status: statuses[Math.floor(random() * statuses.length)] ?? 'sent',
      attempts: 1,
      last_error: null,
      message_id: null,
      created_at: nowIso(new Date(start + i * 60_000)),
      sent_at: null,
    }));
    await insertInChunks(rows, (part) => db.insertInto('mail_message').values(part).execute());
    return rows.length;
  },
};

export const benchGenerators: Generator[] = [
  organisations,
  mail,
  opportunitiesBenchGenerator,
  participantsBenchGenerator,
];

export async function seedBench(
  db: Kysely<Database>,
  n: number,
  seed = 20261125,
): Promise<Record<string, number>> {
  const random = seededRandom(seed);
  const counts: Record<string, number> = {};
  for (const generator of benchGenerators) counts[generator.name] = await generator.run(db, n, random);
  // A bulk load leaves the planner without statistics: SQLite has none until ANALYZE (a matching
  // pre-filter at 100k took 1 s instead of 40 ms), PostgreSQL until autovacuum gets to it.
  await sql`analyze`.execute(db);
  return counts;
}
