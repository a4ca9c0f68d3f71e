/**
 * Test helpers for sign-in: a fresh organisation and user per test (so lockouts and rate limits
 * of one test never touch another), and a TestClient that comes from a given client address.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type TestApp, TestClient } from '../../../test/app';
import type { Database, OrganisationKind, Role } from '../../platform/db/schema';
import { createUser, ensureOrganisation } from '../service';
import { setOrganisationTwoFactorRequired } from '../store';

export const TEST_PASSWORD = 'たんぽぽ-horse-battery-2026';

export async function createTestAccount(
  db: Kysely<Database>,
  options: { twoFactorRequired?: boolean; role?: Role; kind?: OrganisationKind } = {},
): Promise<{ userId: string; organisationId: string; email: string; password: string }> {
  const suffix = randomUUID().slice(0, 8);
  const organisationId = await ensureOrganisation(db, {
    kind: options.kind ?? 'agency',
    name: `テスト相談支援センター ${suffix}`,
  });
  await setOrganisationTwoFactorRequired(db, organisationId, options.twoFactorRequired ?? false);
  const email = `staff-${suffix}@example.jp`;
  const userId = await createUser(db, {
    organisationId,
    email,
    name: `試験 花子${suffix}`,
    password: TEST_PASSWORD,
    role: options.role ?? 'counsellor',
  });
  return { userId, organisationId, email, password: TEST_PASSWORD };
}

/** A TestClient whose requests come from `ip` (the app must run with TRUST_PROXY=on). */
export class ClientAt extends TestClient {
  constructor(
    app: TestApp,
    private readonly ip: string,
  ) {
    super(app);
  }

  override async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('x-forwarded-for', this.ip);
    headers.set('user-agent', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/130.0 Safari/537.36');
    return super.request(path, { ...init, headers });
  }
}

let addressCounter = 0;
/** A client address no other test in this run uses. */
export function freshAddress(): string {
  addressCounter += 1;
  return `2001:db8::${(process.pid % 65536).toString(16)}:${addressCounter.toString(16)}`;
}

/** Pulls the TOTP secret out of an enrolment page. */
export function secretIn(html: string): string {
  const match = html.match(/name="secret" value="([A-Z2-7]{32})"/);
  if (!match?.[1]) throw new Error('no TOTP secret on the page');
  return match[1];
}

/** Pulls the recovery codes out of the page that shows them once. */
export function recoveryCodesIn(html: string): string[] {
  return [...html.matchAll(/<code>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})<\/code>/g)].map((m) => m[1] ?? '');
}
