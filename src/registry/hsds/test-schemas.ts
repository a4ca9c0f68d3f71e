/**
 * For tests: an ajv (JSON Schema draft 2020-12) validator over the HSDS 3.1 schemas copied into
 * test/fixtures/hsds/schema, and the reference API's `Page` envelope from its openapi.json.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020';
import addFormatsPlugin from 'ajv-formats';

const dir = new URL('../../../test/fixtures/hsds/schema/', import.meta.url);

function load(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as Record<string, unknown>;
}

export type HsdsSchemaName =
  | 'service.json'
  | 'organization.json'
  | 'location.json'
  | 'service_at_location.json'
  | 'taxonomy.json'
  | 'taxonomy_term.json'
  | 'compiled/service_list.json'
  | 'compiled/organization_list.json'
  | 'compiled/service_at_location_list.json'
  | 'compiled/service_with_definitions.json';

function build() {
  // strict: false — the HSDS schemas carry Frictionless keys (name, constraints, core, example…).
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  (addFormatsPlugin as unknown as (a: Ajv2020) => void)(ajv);
  for (const file of readdirSync(dir)) {
    if (file.endsWith('.json') && file !== 'openapi.json') ajv.addSchema(load(file), file);
  }
  for (const file of readdirSync(new URL('compiled/', dir))) {
    ajv.addSchema(load(`compiled/${file}`), `compiled/${file}`);
  }
  const openapi = load('openapi.json') as { components: { schemas: { Page: Record<string, unknown> } } };
  const page = openapi.components.schemas.Page;
  for (const name of [
    'compiled/service_list.json',
    'compiled/organization_list.json',
    'compiled/service_at_location_list.json',
    'service.json',
    'organization.json',
    'taxonomy.json',
    'taxonomy_term.json',
  ]) {
    ajv.addSchema(
      {
        allOf: [
          page,
          {
            required: [
              'total_items',
              'total_pages',
              'page_number',
              'size',
              'first_page',
              'last_page',
              'empty',
              'contents',
            ],
            properties: { contents: { type: 'array', items: { $ref: name } } },
          },
        ],
      },
      pageKey(name),
    );
  }
  return ajv;
}

/** A page schema's key: at the root, like the HSDS files, so its relative $ref resolves to them. */
function pageKey(name: string): string {
  return `page-${name.replace('/', '-')}`;
}

let instance: Ajv2020 | undefined;

/** The validation errors of `value` against an HSDS schema ('page:<name>' for a page of them), or []. */
export function hsdsErrors(schema: HsdsSchemaName | `page:${HsdsSchemaName}`, value: unknown): string[] {
  instance ??= build();
  const validate = instance.getSchema(schema.startsWith('page:') ? pageKey(schema.slice(5)) : schema);
  if (!validate) throw new Error(`no schema ${schema}`);
  if (validate(value)) return [];
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
  );
}
