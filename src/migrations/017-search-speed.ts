/**
 * Speed of the registry search and of matching (issues 4 and 6; docs/decisions/030):
 *
 * - `facility_position` on facility (lat, lng): the distance box of search and matching is
 *   `(own point in the box) or (no own point and the municipality office in the box)`, so the
 *   facilities near an origin are found from this index and from `facility_municipality`.
 * - `opportunity_search_gram`: the overlapping 2-character pieces (bigrams) of each
 *   opportunity's `search_text`, kept by database triggers on every insert, change of
 *   `search_text` and delete, whatever code writes the row. A free-text term of 2 or more
 *   characters first narrows to the opportunities holding all of its bigrams (an index lookup),
 *   then the exact `LIKE` confirms. SQLite: an FTS5 table (the default unicode61 tokenizer sees
 *   each space-separated bigram as one token; FTS5's trigram tokenizer finds nothing for
 *   2-character words such as 清掃), keyed by `opportunity_search_doc.key` (opportunity's own
 *   rowid may change on VACUUM). PostgreSQL: a `text[]` with a GIN index, queried with `@>`.
 *   `search_text_position` (1 … 8192) lets SQLite's triggers cut the text into bigrams without a
 *   recursive CTE, which triggers cannot hold; search_text is far shorter (description ≤ 2000).
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely';

export const SEARCH_TEXT_POSITIONS = 8192;

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.createIndex('facility_position').on('facility').columns(['lat', 'lng']).execute();
  await registryChangeLog(db, postgres);

  if (postgres) {
    await db.schema
      .createTable('opportunity_search_gram')
      .addColumn('opportunity_id', 'text', (c) =>
        c.primaryKey().references('opportunity.id').onDelete('cascade'),
      )
      .addColumn('grams', sql`text[]`, (c) => c.notNull())
      .execute();
    await sql`create index opportunity_search_gram_grams on opportunity_search_gram using gin (grams)`.execute(
      db,
    );
    await sql`
      create function opportunity_search_grams(t text) returns text[] language sql immutable as $$
        select coalesce(array_agg(distinct substr(t, i, 2)), '{}')
        from generate_series(1, length(t) - 1) as i
      $$`.execute(db);
    await sql`
      create function opportunity_search_gram_keep() returns trigger language plpgsql as $$
      begin
        insert into opportunity_search_gram (opportunity_id, grams)
        values (new.id, opportunity_search_grams(new.search_text))
        on conflict (opportunity_id) do update set grams = excluded.grams;
        return null;
      end
      $$`.execute(db);
    await sql`
      create trigger opportunity_search_gram_insert after insert on opportunity
      for each row execute function opportunity_search_gram_keep()`.execute(db);
    await sql`
      create trigger opportunity_search_gram_update after update of search_text on opportunity
      for each row execute function opportunity_search_gram_keep()`.execute(db);
    await sql`
      insert into opportunity_search_gram (opportunity_id, grams)
      select id, opportunity_search_grams(search_text) from opportunity`.execute(db);
    return;
  }

  await db.schema
    .createTable('search_text_position')
    .addColumn('n', 'integer', (c) => c.primaryKey())
    .execute();
  await sql`
    with recursive p(n) as (select 1 union all select n + 1 from p where n < ${sql.lit(SEARCH_TEXT_POSITIONS)})
    insert into search_text_position (n) select n from p`.execute(db);
  // FTS rows are keyed by an INTEGER PRIMARY KEY of our own: opportunity's rowid may change on VACUUM.
  await db.schema
    .createTable('opportunity_search_doc')
    .addColumn('key', 'integer', (c) => c.primaryKey())
    .addColumn('opportunity_id', 'text', (c) => c.notNull().unique())
    .execute();
  await sql`create virtual table opportunity_search_gram using fts5(grams)`.execute(db);
  const gramsOf = (row: 'new' | 'o') =>
    sql.raw(
      `(select group_concat(substr(${row}.search_text, n, 2), ' ') from search_text_position where n < length(${row}.search_text))`,
    );
  const keyOf = (row: 'new' | 'old' | 'o') =>
    sql.raw(`(select key from opportunity_search_doc where opportunity_id = ${row}.id)`);
  await sql`
    create trigger opportunity_search_gram_insert after insert on opportunity begin
      insert into opportunity_search_doc (opportunity_id) values (new.id);
      insert into opportunity_search_gram (rowid, grams) values (${keyOf('new')}, ${gramsOf('new')});
    end`.execute(db);
  await sql`
    create trigger opportunity_search_gram_update after update of search_text on opportunity begin
      delete from opportunity_search_gram where rowid = ${keyOf('old')};
      insert into opportunity_search_gram (rowid, grams) values (${keyOf('new')}, ${gramsOf('new')});
    end`.execute(db);
  await sql`
    create trigger opportunity_search_gram_delete after delete on opportunity begin
      delete from opportunity_search_gram where rowid = ${keyOf('old')};
      delete from opportunity_search_doc where opportunity_id = old.id;
    end`.execute(db);
  await sql`insert into opportunity_search_doc (opportunity_id) select id from opportunity`.execute(db);
  await sql`
    insert into opportunity_search_gram (rowid, grams)
    select ${keyOf('o')}, ${gramsOf('o')} from opportunity o`.execute(db);
}

/**
 * `registry_change`: one row per write to an opportunity, its time windows, a facility or a
 * municipality (then both ids are null: "everything"), kept by triggers. The in-memory registry
 * snapshot of search and matching (registry/search/snapshot.ts) reads the rows after the last
 * one it applied and reloads only those opportunities.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's table types
async function registryChangeLog(db: Kysely<any>, postgres: boolean): Promise<void> {
  await db.schema
    .createTable('registry_change')
    .addColumn('seq', postgres ? 'bigserial' : 'integer', (c) =>
      postgres ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('opportunity_id', 'text')
    .addColumn('facility_id', 'text')
    .execute();
  if (postgres) {
    await sql`
      create function registry_change_log() returns trigger language plpgsql as $$
      declare r record;
      begin
        if TG_OP = 'DELETE' then r := old; else r := new; end if;
        if TG_TABLE_NAME = 'opportunity' then
          insert into registry_change (opportunity_id) values (r.id);
        elsif TG_TABLE_NAME = 'opportunity_window' then
          insert into registry_change (opportunity_id) values (r.opportunity_id);
          if TG_OP = 'UPDATE' and old.opportunity_id <> new.opportunity_id then
            insert into registry_change (opportunity_id) values (old.opportunity_id);
          end if;
        elsif TG_TABLE_NAME = 'facility' then
          insert into registry_change (facility_id) values (r.id);
        else
          insert into registry_change (opportunity_id, facility_id) values (null, null);
        end if;
        return null;
      end
      $$`.execute(db);
    for (const [table, events] of [
      ['opportunity', 'insert or update or delete'],
      ['opportunity_window', 'insert or update or delete'],
      ['facility', 'update or delete'],
      ['municipality', 'insert or update or delete'],
    ] as const) {
      await sql
        .raw(
          `create trigger ${table}_registry_change after ${events} on ${table} for each row execute function registry_change_log()`,
        )
        .execute(db);
    }
    return;
  }
  const log = (name: string, event: string, table: string, values: string) =>
    sql
      .raw(
        `create trigger ${name} after ${event} on ${table} begin insert into registry_change (opportunity_id, facility_id) values ${values}; end`,
      )
      .execute(db);
  await log('opportunity_change_insert', 'insert', 'opportunity', '(new.id, null)');
  await log('opportunity_change_update', 'update', 'opportunity', '(new.id, null), (old.id, null)');
  await log('opportunity_change_delete', 'delete', 'opportunity', '(old.id, null)');
  await log('opportunity_window_change_insert', 'insert', 'opportunity_window', '(new.opportunity_id, null)');
  await log(
    'opportunity_window_change_update',
    'update',
    'opportunity_window',
    '(new.opportunity_id, null), (old.opportunity_id, null)',
  );
  await log('opportunity_window_change_delete', 'delete', 'opportunity_window', '(old.opportunity_id, null)');
  await log('facility_change_update', 'update', 'facility', '(null, new.id), (null, old.id)');
  await log('facility_change_delete', 'delete', 'facility', '(null, old.id)');
  for (const event of ['insert', 'update', 'delete'])
    await log(`municipality_change_${event}`, event, 'municipality', '(null, null)');
}
