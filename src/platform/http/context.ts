/** Small accessors every route file needs, so none keeps its own copy. */
import type { Context } from 'hono';
import type { AppEnv, CurrentUser } from './env';

/** Ids are UUIDs (v7); anything else in an `:id` position is not a record page. */
export const ID_PARAM = ':id{[0-9a-f-]{36}}';

export function dbOf(c: Context<AppEnv>) {
  return c.get('services').database.db;
}

/** The caller behind a route guarded by authorize()/requireUser(), which refused anyone else. */
export function currentUser(c: Context<AppEnv>): CurrentUser {
  const user = c.get('user');
  if (!user) throw new Error('no signed-in user behind a guarded route');
  return user;
}
