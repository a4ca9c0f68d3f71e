/**
 * The HSDS views of the published registry, as the reference API serves them (paginated lists,
 * one record fully nested) and as one document for the CLI export. Reads only; public data only
 * (see store.ts). Every list is ordered by id, so pages are stable.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import { nowIso } from '../../platform/db/time';
import { workFormOf, workFormOffers } from '../opportunities/opportunity';
import { hsdsId } from './ids';
import {
  HSDS_VERSION,
  type MappingContext,
  serviceStatus,
  toLocation,
  toOrganization,
  toOrganizationSummary,
  toService,
  toServiceSummary,
} from './mapping';
import {
  countOrganizationRows,
  countServiceRows,
  findOrganizationRow,
  findServiceRow,
  type ListCondition,
  listLocationRows,
  listLocationRowsOfOrganizations,
  listOrganizationRows,
  listServiceHeads,
  listServiceIds,
  listServiceRows,
  listWindowsOf,
  type ServiceFilter,
  type ServiceRow,
} from './store';
import { type HsdsTaxonomy, type HsdsTaxonomyTerm, taxonomies, taxonomyTerms, termKey } from './taxonomy';

type Db = Kysely<Database>;
type Json = Record<string, unknown>;

/** HSDS's page envelope (the reference API's `Page` schema) around `contents`. */
export type HsdsPage<T> = {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
};

export type PageRequest = { page: number; perPage: number };

export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 500;
const EXPORT_BATCH = 1000;

export function pageOf<T>(contents: T[], total: number, request: PageRequest): HsdsPage<T> {
  const totalPages = Math.ceil(total / request.perPage);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: request.page,
    size: contents.length,
    first_page: request.page === 1,
    last_page: request.page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

function slice(request: PageRequest) {
  return { limit: request.perPage, offset: (request.page - 1) * request.perPage };
}

/**
 * The condition a taxonomy term puts on the services: a work form (or a program-wide WorkForm,
 * which covers its forms), a task category, or a support offered. `null`: the profile has the
 * term but it cannot filter services; `undefined`: no such term.
 */
export function listConditionOfTerm(termId: string): ListCondition | null | undefined {
  const key = termKey(termId);
  if (!key) return undefined;
  if (key.taxonomy === 'task') return { column: 'tasks', anyOf: [key.code] };
  if (key.taxonomy === 'support') return { column: 'supports', anyOf: [key.code] };
  if (key.taxonomy === 'work_form') {
    const offers = workFormOffers.filter((o) => o === key.code || workFormOf(o) === key.code);
    return { column: 'work_forms', anyOf: offers };
  }
  return null;
}

async function organizationsById(db: Db, ids: readonly string[]): Promise<Map<string, Json>> {
  const unique = [...new Set(ids)];
  const rows = await listOrganizationRows(db, { ids: unique, limit: unique.length || 1, offset: 0 });
  return new Map(rows.map((r) => [r.id, toOrganizationSummary(r)]));
}

async function fullServices(db: Db, rows: readonly ServiceRow[], context: MappingContext): Promise<Json[]> {
  const windows = await listWindowsOf(
    db,
    rows.map((r) => r.id),
  );
  const organizations = await organizationsById(
    db,
    rows.map((r) => r.corporation_id),
  );
  const locations = new Map(
    (await listLocationRows(db, [...new Set(rows.map((r) => r.facility_id))])).map((l) => [
      l.id,
      toLocation(l, context.nestTerms ?? true),
    ]),
  );
  return rows.map((row) =>
    toService(
      row,
      windows.get(row.id) ?? [],
      organizations.get(row.corporation_id) ?? {},
      locations.get(row.facility_id),
      context,
    ),
  );
}

async function summaries(db: Db, rows: readonly ServiceRow[], context: MappingContext): Promise<Json[]> {
  const organizations = await organizationsById(
    db,
    rows.map((r) => r.corporation_id),
  );
  return rows.map((row) => toServiceSummary(row, organizations.get(row.corporation_id) ?? {}, context));
}

/** GET /services: one page of services, one-to-one fields (or fully nested with `full`). */
export async function servicePage(
  db: Db,
  request: PageRequest & { filter: ServiceFilter; full: boolean },
  context: MappingContext,
): Promise<HsdsPage<Json>> {
  const rows = await listServiceRows(db, { ...request.filter, ...slice(request) });
  const total = await countServiceRows(db, request.filter);
  const contents = request.full
    ? await fullServices(db, rows, { ...context, nestTerms: false })
    : await summaries(db, rows, context);
  return pageOf(contents, total, request);
}

/** GET /services/{id}: a fully nested service, if listed. */
export async function findService(db: Db, id: string, context: MappingContext): Promise<Json | undefined> {
  const row = await findServiceRow(db, id);
  if (!row) return undefined;
  return (await fullServices(db, [row], context))[0];
}

/** GET /service_at_locations: one link per listed service (a はたらく場 is at one facility). */
export async function serviceAtLocationPage(
  db: Db,
  request: PageRequest & { filter: ServiceFilter; full: boolean },
  context: MappingContext,
): Promise<HsdsPage<Json>> {
  const page = await servicePage(db, { ...request, full: true }, context);
  return { ...page, contents: page.contents.map((s) => serviceAtLocationOf(s, request.full)) };
}

function serviceAtLocationOf(service: Json, full: boolean): Json {
  const [link] = service.service_at_locations as Json[];
  const { service_at_locations: _links, ...rest } = service;
  if (!full) {
    const { location: _location, ...plain } = link ?? {};
    return plain;
  }
  return { ...link, service: rest };
}

/** GET /service_at_locations/{id}: the link with its location and its fully nested service. */
export async function findServiceAtLocation(
  db: Db,
  id: string,
  context: MappingContext,
): Promise<Json | undefined> {
  // The link's id is derived from its service's (ids.ts): find the service whose link it is.
  const serviceId = (await listServiceIds(db)).find((s) => hsdsId('service_at_location', s) === id);
  const row = serviceId ? await findServiceRow(db, serviceId) : undefined;
  if (!row) return undefined;
  const [service] = await fullServices(db, [row], context);
  return service ? serviceAtLocationOf(service, true) : undefined;
}

/** GET /organizations: corporations with listed opportunities, their list fields. */
export async function organizationPage(
  db: Db,
  request: PageRequest & { search?: string; full: boolean; fullService: boolean },
  context: MappingContext,
): Promise<HsdsPage<Json>> {
  const rows = await listOrganizationRows(db, { search: request.search, ...slice(request) });
  const total = await countOrganizationRows(db, { search: request.search });
  if (!request.full && !request.fullService) return pageOf(rows.map(toOrganizationSummary), total, request);
  const contents: Json[] = [];
  for (const row of rows) {
    const organization = await findOrganization(
      db,
      row.id,
      { fullService: request.fullService },
      { ...context, nestTerms: false },
    );
    if (organization) contents.push(organization);
  }
  return pageOf(contents, total, request);
}

/**
 * GET /organizations/{id}: the corporation with its locations (facilities with listed
 * opportunities) and its services — `{id, name, status}` each, or fully nested with fullService.
 */
export async function findOrganization(
  db: Db,
  id: string,
  options: { fullService: boolean },
  context: MappingContext,
): Promise<Json | undefined> {
  const row = await findOrganizationRow(db, id);
  if (!row) return undefined;
  const locations = (await listLocationRowsOfOrganizations(db, [id])).map((l) =>
    toLocation(l, context.nestTerms ?? true),
  );
  const serviceRows = await listServiceRows(db, { organizationId: id, limit: 100_000, offset: 0 });
  const services = options.fullService
    ? await fullServices(db, serviceRows, context)
    : (await summaries(db, serviceRows, context)).map(({ organization: _o, ...s }) => s);
  return toOrganization(row, locations, services);
}

/** GET /taxonomies. */
export function taxonomyPage(request: PageRequest & { search?: string }): HsdsPage<HsdsTaxonomy> {
  const matching = taxonomies.filter(
    (t) => !request.search || `${t.name}${t.description}`.includes(request.search),
  );
  const { limit, offset } = slice(request);
  return pageOf(matching.slice(offset, offset + limit), matching.length, request);
}

/** GET /taxonomy_terms, filtered by taxonomy, parent, top level only, or a search word. */
export function taxonomyTermPage(
  request: PageRequest & { taxonomyId?: string; parentId?: string; topOnly: boolean; search?: string },
): HsdsPage<HsdsTaxonomyTerm> {
  const matching = taxonomyTerms.filter(
    (t) =>
      (!request.taxonomyId || t.taxonomy_id === request.taxonomyId) &&
      (!request.parentId || t.parent_id === request.parentId) &&
      (!request.topOnly || t.parent_id === undefined) &&
      (!request.search || `${t.code}${t.name}${t.description}`.includes(request.search)),
  );
  const { limit, offset } = slice(request);
  return pageOf(matching.slice(offset, offset + limit), matching.length, request);
}

export type ExportCounts = { services: number; organizations: number };

/**
 * The whole published registry as one HSDS document (the CLI's `export-hsds`), as text chunks so
 * a registry of any size streams to a file: `{version, profile, generated_at, organizations,
 * services, taxonomies, taxonomy_terms}` — every organization with its locations and its services'
 * ids, every service fully nested (one a line), and the profile's vocabulary. `counts` is filled in.
 */
export async function* registryExportChunks(
  db: Db,
  context: MappingContext,
  counts: ExportCounts = { services: 0, organizations: 0 },
  now = new Date(),
): AsyncGenerator<string> {
  const header = {
    version: HSDS_VERSION,
    profile: `${context.baseUrl}/api/hsds/profile`,
    generated_at: nowIso(now),
  };
  yield `${JSON.stringify(header).slice(0, -1)},\n"organizations":[`;
  const organizationRows = await listOrganizationRows(db, { limit: 1_000_000, offset: 0 });
  const locationsOf = new Map<string, Json[]>();
  for (const row of await listLocationRowsOfOrganizations(db)) {
    locationsOf.set(row.corporation_id, [
      ...(locationsOf.get(row.corporation_id) ?? []),
      toLocation(row, false),
    ]);
  }
  const servicesOf = new Map<string, Json[]>();
  for (const head of await listServiceHeads(db)) {
    const list = servicesOf.get(head.corporation_id) ?? [];
    list.push({ id: head.id, name: head.title, status: serviceStatus(head.status) });
    servicesOf.set(head.corporation_id, list);
  }
  for (const [index, row] of organizationRows.entries()) {
    const organization = toOrganization(row, locationsOf.get(row.id) ?? [], servicesOf.get(row.id) ?? []);
    yield `${index === 0 ? '' : ','}\n${JSON.stringify(organization)}`;
    counts.organizations += 1;
  }
  yield '\n],\n"services":[';
  // Services in batches, so no query carries more ids than a database takes as parameters.
  for (let offset = 0; ; offset += EXPORT_BATCH) {
    const rows = await listServiceRows(db, { limit: EXPORT_BATCH, offset });
    for (const service of await fullServices(db, rows, { ...context, nestTerms: false })) {
      yield `${counts.services === 0 ? '' : ','}\n${JSON.stringify(service)}`;
      counts.services += 1;
    }
    if (rows.length < EXPORT_BATCH) break;
  }
  yield `\n],\n"taxonomies":${JSON.stringify(taxonomies)},\n"taxonomy_terms":${JSON.stringify(taxonomyTerms)}}\n`;
}

/** The export document in memory (tests, small registries). */
export async function exportRegistry(db: Db, context: MappingContext, now = new Date()) {
  let text = '';
  for await (const chunk of registryExportChunks(db, context, undefined, now)) text += chunk;
  return JSON.parse(text) as {
    version: string;
    profile: string;
    generated_at: string;
    organizations: Json[];
    services: Json[];
    taxonomies: HsdsTaxonomy[];
    taxonomy_terms: HsdsTaxonomyTerm[];
  };
}
