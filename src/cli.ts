/**
 * Operator commands: `npm run cli -- <command>` or `npx hataraku <command>`.
 *   migrate                 apply pending migrations
 *   seed --demo             load the demo organisations and one login per role
 *   seed --bench N          generate N rows of each kind for benchmarks
 *   create-user --email E --name NAME --role ROLE --organisation ORG [--password P]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import {
  createUser,
  DuplicateEmailError,
  ensureOrganisation,
  organisationKindOfRole,
  roles,
} from './accounts/service';
import { ConfigError, loadConfig } from './platform/config/config';
import { DatabaseUrlError, type Db, openDatabase, ping } from './platform/db/connection';
import { migrateToLatest } from './platform/db/migrate';
import type { Role } from './platform/db/schema';
import { seedBench } from './seed/bench';
import { formatDemoLogins, seedDemo } from './seed/demo';

const usage = `usage: hataraku <command>
  migrate
  seed --demo
  seed --bench N
  create-user --email E --name NAME --role ROLE --organisation ORGANISATION [--password P]
  export-hsds [--output FILE]   the published registry as Open Referral HSDS 3.1 JSON
    ROLE is one of: ${roles.join(', ')}`;

class UsageError extends Error {}

async function withDatabase<T>(run: (database: Db, applied: string[]) => Promise<T>): Promise<T> {
  const database = openDatabase(loadConfig().databaseUrl);
  try {
    try {
      await ping(database.db);
    } catch (error) {
      throw new DatabaseUrlError(
        `cannot reach the database at ${database.label}: ${(error as Error).message}`,
      );
    }
    const applied = await migrateToLatest(database.db);
    return await run(database, applied);
  } finally {
    await database.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'migrate': {
      const applied = await withDatabase(async (_, done) => done);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      return;
    }
    case 'seed': {
      const { values } = parseArgs({
        args: rest,
        options: { demo: { type: 'boolean' }, bench: { type: 'string' } },
      });
      if (values.demo) {
        const logins = await withDatabase((d) => seedDemo(d.db));
        console.log(formatDemoLogins(logins));
        return;
      }
      if (values.bench !== undefined) {
        const n = Number(values.bench);
        if (!Number.isInteger(n) || n < 1) throw new UsageError('seed --bench needs a positive whole number');
        const counts = await withDatabase((d) => seedBench(d.db, n));
        console.log(
          Object.entries(counts)
            .map(([name, count]) => `${name}: ${count}`)
            .join('\n'),
        );
        return;
      }
      throw new UsageError('seed needs --demo or --bench N');
    }
    case 'create-user': {
      const { values } = parseArgs({
        args: rest,
        options: {
          email: { type: 'string' },
          name: { type: 'string' },
          role: { type: 'string' },
          organisation: { type: 'string' },
          password: { type: 'string' },
        },
      });
      const { email, name, role, organisation } = values;
      if (!email || !name || !role || !organisation)
        throw new UsageError('create-user needs --email, --name, --role and --organisation');
      if (!roles.includes(role as Role)) throw new UsageError(`unknown role "${role}"`);
      const password = values.password ?? randomBytes(12).toString('base64url');
      await withDatabase(async (d) => {
        const organisationId = await ensureOrganisation(d.db, {
          kind: organisationKindOfRole[role as Role],
          name: organisation,
        });
        await createUser(d.db, { organisationId, email, name, password, role: role as Role });
      });
      console.log(`created ${role} ${email}${values.password ? '' : ` with password ${password}`}`);
      return;
    }
    case 'export-hsds': {
      // export-hsds [--output FILE]: the published registry as Open Referral HSDS 3.1 JSON
      // (docs/hsds-profile.md), streamed to FILE or to stdout.
      const { values } = parseArgs({ args: rest, options: { output: { type: 'string', short: 'o' } } });
      const { registryExportChunks } = await import('./registry/hsds/export');
      const { Readable } = await import('node:stream');
      const { pipeline } = await import('node:stream/promises');
      const { createWriteStream } = await import('node:fs');
      const { baseUrl } = loadConfig();
      const counts = { services: 0, organizations: 0 };
      await withDatabase(async (d) => {
        const chunks = Readable.from(registryExportChunks(d.db, { baseUrl }, counts));
        if (values.output) await pipeline(chunks, createWriteStream(values.output));
        else await pipeline(chunks, process.stdout, { end: false });
      });
      if (values.output) {
        console.error(
          `wrote ${counts.services} services and ${counts.organizations} organizations to ${values.output}`,
        );
      }
      return;
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`hataraku: ${error.message}\n${usage}`);
    process.exit(2);
  }
  if (
    error instanceof ConfigError ||
    error instanceof DatabaseUrlError ||
    error instanceof DuplicateEmailError
  ) {
    console.error(
      `hataraku: ${error instanceof DuplicateEmailError ? `a user with e-mail ${error.message} already exists` : error.message}`,
    );
    process.exit(1);
  }
  if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    console.error(`hataraku: ${error.message}\n${usage}`);
    process.exit(2);
  }
  console.error(`hataraku: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
