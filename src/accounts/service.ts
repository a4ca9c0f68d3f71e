/** Use cases of accounts: create an organisation or a user (signing in: sign-in/service). Each holds its own transaction. */
import type { Kysely } from 'kysely';
import { hashPassword } from '../platform/auth/password';
import type { Database, OrganisationKind, Role } from '../platform/db/schema';
import { newId, nowIso } from '../platform/db/time';
import { normaliseEmail, normaliseInput, toSearchText } from '../platform/text/normalise';
import { emailExists, findOrganisationByName, insertOrganisation, insertUser } from './store';

export const roles: readonly Role[] = [
  'council_admin',
  'council_staff',
  'corporation_admin',
  'facility_coordinator',
  'counsellor',
] as const;

/** Which kind of organisation each role belongs to. */
export const organisationKindOfRole: Record<Role, OrganisationKind> = {
  council_admin: 'council',
  council_staff: 'council',
  corporation_admin: 'corporation',
  facility_coordinator: 'corporation',
  counsellor: 'agency',
};

export class DuplicateEmailError extends Error {}

export async function ensureOrganisation(
  db: Kysely<Database>,
  input: { kind: OrganisationKind; name: string; nameKana?: string; isDemo?: boolean },
): Promise<string> {
  const name = normaliseInput(input.name);
  const existing = await findOrganisationByName(db, input.kind, name);
  if (existing) return existing.id;
  const id = newId();
  const kana = normaliseInput(input.nameKana ?? '');
  await insertOrganisation(db, {
    id,
    kind: input.kind,
    name,
    name_kana: kana,
    search_text: toSearchText(name, kana),
    is_demo: input.isDemo ? 1 : 0,
    created_at: nowIso(),
  });
  return id;
}

export async function createUser(
  db: Kysely<Database>,
  input: {
    organisationId: string;
    email: string;
    name: string;
    password: string;
    role: Role;
    isDemo?: boolean;
  },
): Promise<string> {
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    if (await emailExists(trx, email)) throw new DuplicateEmailError(email);
    const id = newId();
    const now = nowIso();
    await insertUser(trx, {
      id,
      organisation_id: input.organisationId,
      email,
      name: normaliseInput(input.name),
      password_hash: passwordHash,
      role: input.role,
      locale: 'ja',
      active: 1,
      is_demo: input.isDemo ? 1 : 0,
      created_at: now,
      updated_at: now,
    });
    return id;
  });
}
