/**
 * An index for the registry search (issue 4, item 4; see registry/search/store.ts): a time window
 * that fits, looked up per opportunity (opportunity, weekday, start, end, capacity), so the
 * correlated EXISTS reads only that opportunity's windows, from the index alone. (Facilities by
 * municipality are indexed since 002.) Measured with bench/registry-search.ts (10,000 facilities,
 * 30,000 opportunities): without it, SQLite checked each opportunity against every window of the
 * weekday, and a filtered search took seconds.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('opportunity_window_fit')
    .on('opportunity_window')
    .columns(['opportunity_id', 'weekday', 'start_time', 'end_time', 'capacity'])
    .execute();
}
