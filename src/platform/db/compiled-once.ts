/**
 * A query that runs on nearly every request (the session, the header's unread count, the
 * registry's change log), built and compiled once per database and then run with new values.
 * Building and compiling a three-table select with Kysely costs ~50 µs, more than SQLite takes
 * to answer it (decision 033). Only for queries whose SQL text never depends on the values
 * (no `in` lists of varying length, no optional conditions).
 */
import type { Compilable, CompiledQuery, InferResult, Kysely, Transaction } from 'kysely';
import type { Database } from './schema';

const SLOT = '\u0000slot:';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * `compiledOnce<Values>()(build)`: `build` writes the query with `value(name)` where a value goes;
 * the result runs it on any executor of a database (a transaction included) with `values` put in
 * those places, and gives its rows typed as the query's. (Two calls so the row type is inferred.)
 */
export function compiledOnce<V extends Record<string, unknown>>() {
  return <C extends Compilable<unknown>>(
    build: (db: Executor, value: <K extends keyof V & string>(name: K) => V[K]) => C,
  ): ((db: Executor, values: V) => Promise<InferResult<C>>) => {
    // Keyed by the dialect adapter, which a database and its transactions share: SQLite and
    // PostgreSQL compile to different SQL.
    const compiled = new WeakMap<object, { query: CompiledQuery; slots: (string | undefined)[] }>();
    return async (db, values) => {
      const key = db.getExecutor().adapter;
      let entry = compiled.get(key);
      if (!entry) {
        const query = build(db, (name) => `${SLOT}${name}` as never).compile();
        const slots = query.parameters.map((p) =>
          typeof p === 'string' && p.startsWith(SLOT) ? p.slice(SLOT.length) : undefined,
        );
        entry = { query, slots };
        compiled.set(key, entry);
      }
      const { query, slots } = entry;
      const parameters = query.parameters.map((p, i) => {
        const slot = slots[i];
        return slot === undefined ? p : values[slot];
      });
      return (await db.executeQuery({ ...query, parameters })).rows as InferResult<C>;
    };
  };
}
