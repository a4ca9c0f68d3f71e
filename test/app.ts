/** Builds the real app over a test database, and a tiny cookie-keeping client for app.request. */
import pino from 'pino';
import { createApp } from '../src/app';
import { loadConfig } from '../src/platform/config/config';
import type { Db } from '../src/platform/db/connection';
import { demoFlag } from '../src/platform/db/settings';
import type { Services } from '../src/platform/http/env';

export function buildTestApp(database: Db, env: Record<string, string> = {}) {
  const config = loadConfig({ DATABASE_URL: database.label, ...env });
  const services: Services = {
    config,
    database,
    logger: pino({ level: 'silent' }),
    isDemo: demoFlag(database.db, 0),
  };
  return createApp(services);
}

export type TestApp = ReturnType<typeof buildTestApp>;

/** Keeps cookies between requests, like a browser, and reads the CSRF token from it. */
export class TestClient {
  private cookies = new Map<string, string>();
  constructor(private readonly app: TestApp) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) {
      headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    }
    const response = await this.app.request(path, { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair?.indexOf('=') ?? -1;
      if (!pair || index < 0) continue;
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** Posts a form the way a browser does, with the CSRF token from the cookie. */
  async postForm(
    path: string,
    fields: Record<string, string>,
    options: { csrf?: boolean } = {},
  ): Promise<Response> {
    if (!this.cookies.has('hataraku_csrf')) await this.request('/');
    const body = new URLSearchParams(fields);
    if (options.csrf !== false) body.set('_csrf', this.cookies.get('hataraku_csrf') ?? '');
    return this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
  }
}
