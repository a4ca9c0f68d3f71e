/**
 * The one ordered list of schema migrations, the same for SQLite and PostgreSQL.
 * Append only: a migration that has run anywhere is never edited.
 */
import type { Migration } from 'kysely';
import * as foundation from './001-foundation';
import * as accounts from './002-accounts';

export const migrations: Record<string, Migration> = {
  '001-foundation': foundation,
  '002-accounts': accounts,
};
