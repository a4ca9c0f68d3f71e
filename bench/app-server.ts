/**
 * What every HTTP benchmark needs: the app's own server on a free loopback port (ready when
 * /readyz answers), a tsx command line, and a council-staff session cookie.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD } from '../src/seed/demo';
import { freePort, type Started, start } from './processes';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const councilStaff = 'council-staff@demo.hataraku.example';

function cookieValue(setCookies: string[], name: string): string {
  for (const line of setCookies) {
    const [pair] = line.split(';');
    const at = pair?.indexOf('=') ?? -1;
    if (pair && at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  throw new Error(`the response set no ${name} cookie`);
}

/** `node --import tsx`, not `npx tsx`: one process, so its pid is the server's for the RSS figure. */
export const tsxNode = (script: string, args: string[] = []) => [
  '--import',
  'tsx',
  join(root, script),
  ...args,
];

export async function startServer(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<{ server: Started; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = start(process.execPath, tsxNode('src/server.ts'), {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      BASE_URL: base,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      DEMO_DATA: 'off',
      JOB_WORKER: 'off',
      COOKIE_SECURE: 'off',
      SMTP_URL: '',
      ...env,
    },
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.child.exitCode !== null || server.child.signalCode !== null)
      throw new Error(`the server stopped before it was ready:\n${server.tail().trim()}`);
    if (Date.now() > deadline)
      throw new Error(`the server was not ready within 60 s:\n${server.tail().trim()}`);
    try {
      const response = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.ok) return { server, base };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function signIn(base: string): Promise<string> {
  const home = await fetch(`${base}/`);
  await home.arrayBuffer();
  const csrf = cookieValue(home.headers.getSetCookie(), 'hataraku_csrf');
  const login = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `hataraku_csrf=${csrf}` },
    body: new URLSearchParams({ email: councilStaff, password: DEMO_PASSWORD, _csrf: csrf }),
  });
  await login.arrayBuffer();
  if (login.status !== 303)
    throw new Error(`signing in as ${councilStaff} answered ${login.status}, not 303`);
  const session = cookieValue(login.headers.getSetCookie(), 'hataraku_session');
  return `hataraku_csrf=${csrf}; hataraku_session=${session}`;
}
