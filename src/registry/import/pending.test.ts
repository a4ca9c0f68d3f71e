import { mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importedIds, keepUpload, markImported, sweepExpired, takeUpload } from './pending';

describe('kept uploads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hataraku-pending-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const owner = { userId: 'u1', sessionId: 's1' };
  const bytes = new Uint8Array([1, 2, 3]);

  it('gives the bytes back to the same user in the same session, for 30 minutes', async () => {
    const now = new Date('2026-11-25T10:00:00Z');
    const token = await keepUpload(bytes, owner, 'a.csv', { now, dir });
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await takeUpload(token, owner, { now, dir })).toEqual({
      bytes: Buffer.from(bytes),
      fileName: 'a.csv',
    });
    expect(await takeUpload(token, { ...owner, sessionId: 's2' }, { now, dir })).toBeUndefined();
    expect(await takeUpload(token, { ...owner, userId: 'u2' }, { now, dir })).toBeUndefined();
    const later = new Date(now.getTime() + 31 * 60_000);
    expect(await takeUpload(token, owner, { now: later, dir })).toBeUndefined();
    expect(await takeUpload('../../etc/passwd', owner, { now, dir })).toBeUndefined();
  });

  it('forgets the bytes once imported, keeping the ids for the result page', async () => {
    const now = new Date();
    const token = await keepUpload(bytes, owner, 'b.csv', { now, dir });
    await markImported(token, ['id-1'], { dir });
    expect(await takeUpload(token, owner, { now, dir })).toBeUndefined();
    expect(await importedIds(token, owner, { now, dir })).toEqual(['id-1']);
    expect(readdirSync(dir).filter((f) => f.startsWith(token))).toEqual([`${token}.json`]);
  });

  it('sweeps files older than 30 minutes', async () => {
    const token = await keepUpload(bytes, owner, 'c.csv', { dir });
    const old = new Date(Date.now() - 40 * 60_000);
    for (const name of readdirSync(dir).filter((f) => f.startsWith(token)))
      utimesSync(join(dir, name), old, old);
    await sweepExpired(dir, new Date());
    expect(readdirSync(dir).filter((f) => f.startsWith(token))).toEqual([]);
  });
});
