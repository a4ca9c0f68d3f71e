/**
 * /healthz: the process answers and its database does. /readyz: also migrated and not shutting
 * down, so a load balancer stops sending work to an instance that is stopping.
 */
import { Hono } from 'hono';
import { ping } from '../db/connection';
import type { AppEnv } from './env';

export type Readiness = { migrated: boolean; shuttingDown: boolean };

export function healthRoutes(readiness: Readiness): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const check = async (db: Parameters<typeof ping>[0]) => {
    try {
      await ping(db);
      return true;
    } catch {
      return false;
    }
  };
  app.get('/healthz', async (c) => {
    const database = await check(c.get('services').database.db);
    return c.json(
      { status: database ? 'ok' : 'error', database: database ? 'ok' : 'unreachable' },
      database ? 200 : 503,
    );
  });
  app.get('/readyz', async (c) => {
    const database = await check(c.get('services').database.db);
    const ready = database && readiness.migrated && !readiness.shuttingDown;
    return c.json(
      {
        status: ready ? 'ready' : 'not ready',
        database: database ? 'ok' : 'unreachable',
        migrated: readiness.migrated,
        shuttingDown: readiness.shuttingDown,
      },
      ready ? 200 : 503,
    );
  });
  return app;
}
