/** Helpers every group of public-site routes uses: the current moment and the breadcrumb trail. */
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env';

export const now = () => new Date().toISOString();

/** Home first, then the given steps. */
export function crumbs(c: Context<AppEnv>, ...rest: { label: string; href?: string }[]) {
  return [{ label: c.get('t').home, href: '/' }, ...rest];
}
