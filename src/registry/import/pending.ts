/**
 * Uploaded files between the preview and the confirmation. The bytes wait in a temporary file
 * named by a random token (the confirm form carries it in a hidden field), tied to the user and
 * the session that uploaded it, for at most 30 minutes; expired files are swept at each upload.
 * See docs/registry-import.md ("Between preview and confirmation") for why not a table.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PENDING_MINUTES = 30;

export type PendingOwner = { userId: string; sessionId: string };

type Meta = PendingOwner & { createdAt: string; fileName: string; importedIds?: string[] };

const TOKEN = /^[A-Za-z0-9_-]{32}$/;

/** The folder of pending uploads (one per process user; `HATARAKU_IMPORT_DIR` overrides). */
export function pendingDir(): string {
  return process.env.HATARAKU_IMPORT_DIR ?? join(tmpdir(), 'hataraku-import');
}

const paths = (dir: string, token: string) => ({
  bytes: join(dir, `${token}.upload`),
  meta: join(dir, `${token}.json`),
});

function expired(meta: Meta, now: Date): boolean {
  return now.getTime() - new Date(meta.createdAt).getTime() > PENDING_MINUTES * 60_000;
}

/** Keeps an upload for confirmation; returns its token. */
export async function keepUpload(
  bytes: Uint8Array,
  owner: PendingOwner,
  fileName: string,
  options: { now?: Date; dir?: string } = {},
): Promise<string> {
  const dir = options.dir ?? pendingDir();
  const now = options.now ?? new Date();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await sweepExpired(dir, now);
  const token = randomBytes(24).toString('base64url');
  const meta: Meta = { ...owner, createdAt: now.toISOString(), fileName };
  const p = paths(dir, token);
  await writeFile(p.bytes, bytes, { mode: 0o600 });
  await writeFile(p.meta, JSON.stringify(meta), { mode: 0o600 });
  return token;
}

async function readMeta(dir: string, token: string): Promise<Meta | undefined> {
  if (!TOKEN.test(token)) return undefined;
  try {
    return JSON.parse(await readFile(paths(dir, token).meta, 'utf8')) as Meta;
  } catch {
    return undefined;
  }
}

const owns = (meta: Meta, owner: PendingOwner) =>
  meta.userId === owner.userId && meta.sessionId === owner.sessionId;

/** The kept upload, if the token is the owner's, in the same session, and not expired. */
export async function takeUpload(
  token: string,
  owner: PendingOwner,
  options: { now?: Date; dir?: string } = {},
): Promise<{ bytes: Uint8Array; fileName: string } | undefined> {
  const dir = options.dir ?? pendingDir();
  const meta = await readMeta(dir, token);
  if (!meta || !owns(meta, owner) || meta.importedIds || expired(meta, options.now ?? new Date())) {
    return undefined;
  }
  try {
    return { bytes: await readFile(paths(dir, token).bytes), fileName: meta.fileName };
  } catch {
    return undefined;
  }
}

/** After the import: the bytes go, the ids stay (until expiry) for the result page. */
export async function markImported(token: string, ids: string[], options: { dir?: string } = {}) {
  const dir = options.dir ?? pendingDir();
  const meta = await readMeta(dir, token);
  if (!meta) return;
  const p = paths(dir, token);
  await rm(p.bytes, { force: true });
  await writeFile(p.meta, JSON.stringify({ ...meta, importedIds: ids }), { mode: 0o600 });
}

/** The ids an import registered, for its owner's result page. */
export async function importedIds(
  token: string,
  owner: PendingOwner,
  options: { now?: Date; dir?: string } = {},
): Promise<string[] | undefined> {
  const meta = await readMeta(options.dir ?? pendingDir(), token);
  if (!meta || !owns(meta, owner) || expired(meta, options.now ?? new Date())) return undefined;
  return meta.importedIds;
}

/** Removes uploads older than PENDING_MINUTES. */
export async function sweepExpired(dir: string, now: Date): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  const limit = now.getTime() - PENDING_MINUTES * 60_000;
  for (const name of names) {
    const file = join(dir, name);
    try {
      if ((await stat(file)).mtimeMs < limit) await rm(file, { force: true });
    } catch {
      // Another instance removed it first.
    }
  }
}
