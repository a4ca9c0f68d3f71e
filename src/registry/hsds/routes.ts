/**
 * The Open Referral HSDS 3.1 API of the published registry, at the reference API's paths under
 * /api/hsds (docs/hsds-profile.md): `/`, `/services`, `/services/{id}`, `/service_at_locations`,
 * `/service_at_locations/{id}`, `/organizations`, `/organizations/{id}`, `/taxonomies`,
 * `/taxonomies/{id}`, `/taxonomy_terms`, `/taxonomy_terms/{id}`, plus `/profile`. Public and
 * read-only by design (open data, no sign-in, CORS open): it serves only listed opportunities
 * and public facility data, never a person's name or e-mail.
 */
import { readFile } from 'node:fs/promises';
import { type Context, Hono } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from '../../platform/http/env';
import { problem } from '../../platform/http/problem';
import { toSearchText } from '../../platform/text/normalise';
import {
  DEFAULT_PER_PAGE,
  findOrganization,
  findService,
  findServiceAtLocation,
  listConditionOfTerm,
  MAX_PER_PAGE,
  organizationPage,
  type PageRequest,
  serviceAtLocationPage,
  servicePage,
  taxonomyPage,
  taxonomyTermPage,
} from './export';
import { HSDS_VERSION, type MappingContext } from './mapping';
import type { ServiceFilter } from './store';
import { findTaxonomy, findTerm } from './taxonomy';

const PREFIX = '/api/hsds';
const profileFile = new URL('../../../docs/hsds-profile.md', import.meta.url);

class QueryError extends Error {}

function context(c: Context<AppEnv>): MappingContext {
  return { baseUrl: c.get('services').config.baseUrl };
}

function db(c: Context<AppEnv>) {
  return c.get('services').database.db;
}

function whole(c: Context<AppEnv>, name: string, fallback: number, max: number): number {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    throw new QueryError(`${name} must be a whole number from 1 to ${max}.`);
  }
  return Number(raw);
}

function flag(c: Context<AppEnv>, name: string): boolean {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  throw new QueryError(`${name} must be true or false.`);
}

function pageRequest(c: Context<AppEnv>): PageRequest {
  const format = c.req.query('format');
  if (format !== undefined && format !== '' && format !== 'json') {
    throw new QueryError('Only format=json is supported.');
  }
  return {
    page: whole(c, 'page', 1, 1_000_000),
    perPage: whole(c, 'per_page', DEFAULT_PER_PAGE, MAX_PER_PAGE),
  };
}

function serviceFilter(c: Context<AppEnv>): ServiceFilter {
  const filter: ServiceFilter = {};
  const search = toSearchText(c.req.query('search'));
  if (search) filter.search = search;
  const organizationId = c.req.query('organization_id');
  if (organizationId) filter.organizationId = organizationId;
  const modifiedAfter = c.req.query('modified_after');
  if (modifiedAfter) {
    const date = new Date(modifiedAfter);
    if (Number.isNaN(date.getTime()))
      throw new QueryError('modified_after must be an ISO 8601 date or date-time.');
    filter.modifiedAfter = date.toISOString();
  }
  const termId = c.req.query('taxonomy_term_id');
  if (termId) {
    const condition = listConditionOfTerm(termId);
    if (condition === null) {
      throw new QueryError('Services can be filtered by work form, task and support terms only.');
    }
    filter.list = condition ?? { column: 'tasks', anyOf: [] };
  }
  return filter;
}

function notFound(c: Context<AppEnv>) {
  return problem(c, { title: 'Not found', status: 404, detail: `No resource at ${c.req.path}` });
}

/** Routes answer QueryError (a bad query parameter) with a 400 problem. */
function read(handler: (c: Context<AppEnv>) => Promise<Response>) {
  return async (c: Context<AppEnv>) => {
    try {
      return await handler(c);
    } catch (error) {
      if (error instanceof QueryError) {
        return problem(c, { title: 'Bad request', status: 400, detail: error.message });
      }
      throw error;
    }
  };
}

export function hsdsRoutes() {
  const app = new Hono<AppEnv>();
  app.use(`${PREFIX}/*`, cors({ origin: '*', allowMethods: ['GET'] }));

  const info = read(async (c) =>
    c.json({ version: HSDS_VERSION, profile: `${context(c).baseUrl}${PREFIX}/profile` }),
  );
  app.get(PREFIX, info);
  app.get(`${PREFIX}/`, info);

  app.get(
    `${PREFIX}/profile`,
    read(async (c) => {
      const text = await readFile(profileFile, 'utf8').catch(() => undefined);
      if (text === undefined) return notFound(c);
      return c.body(text, 200, { 'Content-Type': 'text/markdown; charset=utf-8' });
    }),
  );

  app.get(
    `${PREFIX}/services`,
    read(async (c) => {
      const request = { ...pageRequest(c), filter: serviceFilter(c), full: flag(c, 'full') };
      return c.json(await servicePage(db(c), request, context(c)));
    }),
  );
  app.get(
    `${PREFIX}/services/:id`,
    read(async (c) => {
      const service = await findService(db(c), c.req.param('id') ?? '', context(c));
      return service ? c.json(service) : notFound(c);
    }),
  );

  app.get(
    `${PREFIX}/service_at_locations`,
    read(async (c) => {
      const request = { ...pageRequest(c), filter: serviceFilter(c), full: flag(c, 'full') };
      return c.json(await serviceAtLocationPage(db(c), request, context(c)));
    }),
  );
  app.get(
    `${PREFIX}/service_at_locations/:id`,
    read(async (c) => {
      const link = await findServiceAtLocation(db(c), c.req.param('id') ?? '', context(c));
      return link ? c.json(link) : notFound(c);
    }),
  );

  app.get(
    `${PREFIX}/organizations`,
    read(async (c) => {
      const search = toSearchText(c.req.query('search'));
      const request = {
        ...pageRequest(c),
        search: search || undefined,
        full: flag(c, 'full'),
        fullService: flag(c, 'full_service'),
      };
      return c.json(await organizationPage(db(c), request, context(c)));
    }),
  );
  app.get(
    `${PREFIX}/organizations/:id`,
    read(async (c) => {
      const organization = await findOrganization(
        db(c),
        c.req.param('id') ?? '',
        { fullService: flag(c, 'full_service') },
        context(c),
      );
      return organization ? c.json(organization) : notFound(c);
    }),
  );

  app.get(
    `${PREFIX}/taxonomies`,
    read(async (c) =>
      c.json(taxonomyPage({ ...pageRequest(c), search: c.req.query('search') || undefined })),
    ),
  );
  app.get(
    `${PREFIX}/taxonomies/:id`,
    read(async (c) => {
      const taxonomy = findTaxonomy(c.req.param('id') ?? '');
      return taxonomy ? c.json(taxonomy) : notFound(c);
    }),
  );
  app.get(
    `${PREFIX}/taxonomy_terms`,
    read(async (c) =>
      c.json(
        taxonomyTermPage({
          ...pageRequest(c),
          taxonomyId: c.req.query('taxonomy_id') || undefined,
          parentId: c.req.query('parent_id') || undefined,
          topOnly: flag(c, 'top_only'),
          search: c.req.query('search') || undefined,
        }),
      ),
    ),
  );
  app.get(
    `${PREFIX}/taxonomy_terms/:id`,
    read(async (c) => {
      const term = findTerm(c.req.param('id') ?? '');
      return term ? c.json(term) : notFound(c);
    }),
  );
  return app;
}
