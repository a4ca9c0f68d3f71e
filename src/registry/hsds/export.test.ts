/** The whole registry as one HSDS document, from the code and from the CLI, and of the demo data. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases';
import { seedDemo } from '../../seed/demo';
import { exportRegistry } from './export';
import { buildPublishedRegistry, type Json, type RegistryIds } from './test-registry';
import { hsdsErrors } from './test-schemas';

const run = promisify(execFile);

describeEachDatabase('HSDS export of the published registry', (current) => {
  let ids: RegistryIds;
  let corpC: string;
  const db = () => current().db;

  beforeAll(async () => {
    ({ ids, corpC } = await buildPublishedRegistry(db()));
  });

  it('exports the whole registry as one valid HSDS document', async () => {
    const document = (await exportRegistry(db(), { baseUrl: 'https://hataraku.example' })) as unknown as Json;
    expect(document.services.map((s: Json) => s.id).sort()).toEqual(
      [ids.listed, ids.employed, ids.full, ids.paused].sort(),
    );
    for (const service of document.services) expect(hsdsErrors('service.json', service)).toEqual([]);
    for (const organization of document.organizations)
      expect(hsdsErrors('organization.json', organization)).toEqual([]);
    expect(document.organizations.map((o: Json) => o.id)).not.toContain(corpC);
  });

  /** The test database's URL with its credentials (the label hides them), for a child process. */
  function databaseUrl(): string {
    const { label, dialect } = current();
    const admin = process.env.TEST_POSTGRES_URL;
    if (dialect !== 'postgres' || !admin) return label;
    const url = new URL(admin);
    url.pathname = new URL(label).pathname;
    return url.toString();
  }

  it('writes the export with the CLI', { timeout: 30_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hataraku-hsds-'));
    try {
      const file = join(dir, 'hsds.json');
      const { stderr } = await run('npx', ['tsx', 'src/cli.ts', 'export-hsds', '--output', file], {
        env: { ...process.env, DATABASE_URL: databaseUrl(), BASE_URL: 'https://hataraku.example' },
      });
      expect(stderr).toContain('wrote 4 services and 2 organizations');
      const document = JSON.parse(readFileSync(file, 'utf8')) as Json;
      expect(document.version).toBe('3.1');
      for (const service of document.services) expect(hsdsErrors('service.json', service)).toEqual([]);
      for (const organization of document.organizations)
        expect(hsdsErrors('organization.json', organization)).toEqual([]);
      const stdout = await run('npx', ['tsx', 'src/cli.ts', 'export-hsds'], {
        env: { ...process.env, DATABASE_URL: databaseUrl(), BASE_URL: 'https://hataraku.example' },
        maxBuffer: 10_000_000,
      });
      expect((JSON.parse(stdout.stdout) as Json).services).toHaveLength(4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describeEachDatabase('HSDS export of the demo data', (current) => {
  it('is valid HSDS and holds no contact person', async () => {
    await seedDemo(current().db);
    const document = (await exportRegistry(current().db, {
      baseUrl: 'https://hataraku.example',
    })) as unknown as Json;
    expect(document.services.length).toBeGreaterThan(0);
    for (const service of document.services) {
      expect(hsdsErrors('compiled/service_with_definitions.json', service)).toEqual([]);
    }
    for (const organization of document.organizations) {
      expect(hsdsErrors('organization.json', organization)).toEqual([]);
    }
    const contacts = await current()
      .db.selectFrom('facility')
      .select(['contact_name', 'contact_email'])
      .where('contact_email', 'is not', null)
      .execute();
    const text = JSON.stringify(document);
    for (const contact of contacts) {
      if (contact.contact_name) expect(text).not.toContain(contact.contact_name);
      if (contact.contact_email) expect(text).not.toContain(contact.contact_email);
    }
  });
});
