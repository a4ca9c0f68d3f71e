/**
 * The free-text pre-filter over the bigram index of migration 017 (docs/decisions/030): an
 * opportunity whose search_text contains a term holds every 2-character piece of that term, so
 * "holds all the pieces" never loses a row; the exact `LIKE` that follows removes the few that
 * hold the pieces apart. Terms of one character have no piece and are left to `LIKE` alone.
 */
import { type Kysely, type SqlBool, SqliteAdapter, sql } from 'kysely';

/** The overlapping 2-character pieces of a term, in code points (as SQL substr counts). */
export function bigramsOf(term: string): string[] {
  const chars = Array.from(term);
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(`${chars[i]}${chars[i + 1]}`);
  return [...grams];
}

const wordChar = /^[\p{L}\p{N}]$/u;

/**
 * The FTS5 query for SQLite: each piece of two letters or digits as a quoted string, all of them
 * required. Pieces with a space or a punctuation mark are left out: the unicode61 tokenizer would
 * cut them differently in the stored text and in the query (fewer pieces still lose no row).
 */
export function ftsQueryOf(terms: readonly string[]): string | undefined {
  const pieces = new Set<string>();
  for (const term of terms) {
    for (const gram of bigramsOf(term)) {
      if (Array.from(gram).every((ch) => wordChar.test(ch))) pieces.add(gram);
    }
  }
  if (pieces.size === 0) return undefined;
  return [...pieces].map((p) => `"${p.replaceAll('"', '""')}"`).join(' ');
}

/** `o.id` is among the opportunities holding every piece of the terms; undefined when no piece. */
// biome-ignore lint/suspicious/noExplicitAny: works for any executor over the app's database
export function textIndexCondition(db: Kysely<any>, terms: readonly string[]) {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    const query = ftsQueryOf(terms);
    if (query === undefined) return undefined;
    return sql<SqlBool>`${sql.ref('o.id')} in (select d.opportunity_id from opportunity_search_doc d where d.key in (select rowid from opportunity_search_gram where opportunity_search_gram match ${query}))`;
  }
  const grams = [...new Set(terms.flatMap(bigramsOf))];
  if (grams.length === 0) return undefined;
  return sql<SqlBool>`${sql.ref('o.id')} in (select g.opportunity_id from opportunity_search_gram g where g.grams @> ${grams}::text[])`;
}
