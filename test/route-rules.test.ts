/**
 * Every route either is public on purpose (listed here, with the reason) or carries a policy
 * rule (authorize()/requireUser()/authorizeCouncil(), tagged by guard.ts). A new page without a
 * rule fails this test before it can leak anything.
 */
import { describe, expect, it } from 'vitest';
import { ruleTag } from '../src/platform/auth/guard';
import { openDatabase } from '../src/platform/db/connection';
import { buildTestApp } from './app';

/** Public routes: pages anyone may see, and the steps of signing in. */
const publicRoutes: [method: string, path: RegExp, why: string][] = [
  ['GET', /^\/$/, 'landing page'],
  ['GET', /^\/(healthz|readyz)$/, 'health checks for the load balancer'],
  ['GET', /^\/assets\//, 'stylesheets, fonts, scripts'],
  ['GET', /^\/api\/openapi\.json$/, 'the API description'],
  ['GET', /^\/api\/v1\/(municipalities|postal-codes)/, 'reference data, no personal data'],
  ['POST', /^\/api\/v1\/postal-codes\/lookup$/, 'reference data, no personal data'],
  ['POST', /^\/language$/, 'the language switch'],
  [
    'GET|POST',
    /^\/login(\/two-factor(\/setup)?|\/restart)?$/,
    'signing in (a pending session is checked inside)',
  ],
  ['POST', /^\/logout$/, 'signing out'],
  ['GET|POST', /^\/invitations\/:token$/, 'accepting an invitation: the token is the credential'],
  [
    'GET|POST',
    /^\/password\/(forgot(\/sent)?|reset\/:token)$/,
    'password reset: the token is the credential',
  ],
  ['GET', /^\/p\//, 'public summaries for the program site'],
  [
    'GET',
    /^\/(about|how-it-works|flow|insurance|corporations|work-places|stories|videos|news|for-corporations|for-agencies|accessibility|privacy|contact|easy|easy\/flow|easy\/insurance|furigana|robots\.txt|sitemap\.xml)$/,
    'the public site (src/site): program pages, lists, furigana switch, robots and sitemap',
  ],
  ['GET', /^\/(stories|videos|news|pages)\/:slug/, 'published content by its friendly URL (drafts are 404)'],
  ['GET', /^\/site\/photos\/:id/, 'photos of published stories only'],
  ['GET', /^\/api\/hsds(\/|$)/, 'Open Referral HSDS export: published registry only, no personal data'],
  ['GET|POST', /^\/digest\/apply(\/sent)?$/, 'applying for はたらく場情報 without an account'],
  ['GET|POST', /^\/digest\/confirm\/:token$/, 'digest double opt-in: the token is the credential'],
  [
    'GET|POST',
    /^\/digest\/unsubscribe\/:token$/,
    'RFC 8058 one-click unsubscribe: the signed token is the credential',
  ],
];

describe('route rules', () => {
  it('every non-public route declares a policy rule', async () => {
    const database = openDatabase(':memory:');
    const app = buildTestApp(database);
    const groups = new Map<string, unknown[]>();
    for (const route of app.routes) {
      if (route.method === 'ALL') continue;
      const key = `${route.method} ${route.path}`;
      groups.set(key, [...(groups.get(key) ?? []), route.handler]);
    }
    const undeclared: string[] = [];
    for (const [key, handlers] of groups) {
      const [method = '', path = ''] = key.split(' ');
      const isPublic = publicRoutes.some(
        ([m, pattern]) => m.split('|').includes(method) && pattern.test(path),
      );
      const tagged = handlers.some((h) => typeof h === 'function' && ruleTag in h);
      if (!isPublic && !tagged) undeclared.push(key);
    }
    await database.close();
    expect(undeclared).toEqual([]);
  });
});
