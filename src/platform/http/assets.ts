/**
 * Serves the app's own static files: our CSS, the デジタル庁 design tokens and the BIZ UDPGothic
 * web font, all from installed packages (no CDN). Files are read once and kept as bytes.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import type { AppEnv } from './env';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

const types: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  woff2: 'font/woff2',
  woff: 'font/woff',
  svg: 'image/svg+xml',
  png: 'image/png',
  js: 'text/javascript; charset=utf-8',
};

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

export const assetRoots = {
  app: join(here, '../ui/assets'),
  tokens: join(packageDir('@digital-go-jp/design-tokens'), 'dist'),
  font: packageDir('@fontsource/biz-udpgothic'),
};

export function mountAssets(app: Hono<AppEnv>): void {
  const cache = new Map<string, Uint8Array | null>();
  const send = (file: string, immutable: boolean) => {
    let bytes = cache.get(file);
    if (bytes === undefined) {
      try {
        bytes = new Uint8Array(readFileSync(file));
      } catch {
        bytes = null;
      }
      cache.set(file, bytes);
    }
    if (!bytes) return null;
    const ext = file.slice(file.lastIndexOf('.') + 1);
    return new Response(bytes as Uint8Array<ArrayBuffer>, {
      headers: {
        'Content-Type': types[ext] ?? 'application/octet-stream',
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
      },
    });
  };
  app.get('/assets/tokens.css', (c) => send(join(assetRoots.tokens, 'tokens.css'), false) ?? c.notFound());
  app.get(
    '/assets/fonts/biz-udpgothic/:file{(400|700)\\.css}',
    (c) => send(join(assetRoots.font, c.req.param('file')), false) ?? c.notFound(),
  );
  app.get(
    '/assets/fonts/biz-udpgothic/files/:file{biz-udpgothic-[0-9a-z-]+-(400|700)-normal\\.woff2?}',
    (c) => send(join(assetRoots.font, 'files', c.req.param('file')), true) ?? c.notFound(),
  );
  app.get(
    '/assets/:file{[a-z0-9-]+\\.(css|svg|png|js)}',
    (c) => send(join(assetRoots.app, c.req.param('file')), false) ?? c.notFound(),
  );
}
