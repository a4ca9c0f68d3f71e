/** Reference data over the API: municipalities and 郵便番号 → address. */
import { createRoute, z } from '@hono/zod-openapi';
import type { Api } from '../platform/http/api';
import { problem } from '../platform/http/problem';
import { listMunicipalities } from './municipalities';
import { formatPostalCode, lookupPostalCode, normalisePostalCode } from './postal-codes';

const Municipality = z
  .object({
    code: z.string().openapi({ example: '131041', description: '全国地方公共団体コード (6 digits)' }),
    name: z.string().openapi({ example: '新宿区' }),
    kana: z.string().openapi({ example: 'しんじゅくく' }),
    nameEn: z.string().openapi({ example: 'Shinjuku' }),
    kind: z.enum(['ward', 'city', 'town', 'village']),
    lat: z.number(),
    lng: z.number(),
  })
  .openapi('Municipality');

const PostalAddress = z
  .object({
    postalCode: z.string().openapi({ example: '160-0023' }),
    prefecture: z.string().openapi({ example: '東京都' }),
    municipalityCode: z.string().openapi({ example: '131041' }),
    city: z.string().openapi({ example: '新宿区' }),
    town: z.string().openapi({ example: '西新宿' }),
  })
  .openapi('PostalAddress');

const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
  })
  .openapi('Problem');

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

function toApiAddress(code: string) {
  return lookupPostalCode(code).map((a) => ({
    postalCode: formatPostalCode(a.postalCode),
    prefecture: a.prefecture,
    municipalityCode: a.municipalityCode,
    city: a.city,
    town: a.town,
  }));
}

export function registerReferenceApi(api: Api): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/municipalities',
      tags: ['Reference'],
      summary: "Tokyo's 62 municipalities (区市町村) with their office coordinates",
      responses: {
        200: {
          description: 'All municipalities',
          content: { 'application/json': { schema: z.object({ items: z.array(Municipality) }) } },
        },
      },
    }),
    (c) => c.json({ items: listMunicipalities().map((m) => ({ ...m })) }, 200),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/postal-codes/{code}',
      tags: ['Reference'],
      summary: 'Addresses for a 郵便番号 (7 digits; hyphen and full-width digits accepted)',
      request: { params: z.object({ code: z.string().openapi({ example: '160-0023' }) }) },
      responses: {
        200: {
          description: 'Matching addresses',
          content: { 'application/json': { schema: z.object({ items: z.array(PostalAddress) }) } },
        },
        400: problemResponse('Not a postal code'),
        404: problemResponse('No address has this postal code'),
      },
    }),
    (c) => {
      const code = normalisePostalCode(decodeURIComponent(c.req.valid('param').code));
      if (!code) {
        return problem(c, {
          title: 'Invalid postal code',
          status: 400,
          detail: 'A postal code has 7 digits, e.g. 160-0023.',
        });
      }
      const items = toApiAddress(code);
      if (items.length === 0) {
        return problem(c, {
          title: 'Postal code not found',
          status: 404,
          detail: `No address has postal code ${formatPostalCode(code)}.`,
        });
      }
      return c.json({ items }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/postal-codes/lookup',
      tags: ['Reference'],
      summary: 'Look up many postal codes at once (e.g. while importing a spreadsheet)',
      request: {
        body: {
          required: true,
          content: {
            'application/json': { schema: z.object({ codes: z.array(z.string().max(20)).min(1).max(1000) }) },
          },
        },
      },
      responses: {
        200: {
          description: 'One result per code, in the order given',
          content: {
            'application/json': {
              schema: z.object({
                results: z.array(
                  z.object({ input: z.string(), valid: z.boolean(), items: z.array(PostalAddress) }),
                ),
              }),
            },
          },
        },
        400: problemResponse('The body is not valid'),
      },
    }),
    (c) => {
      const { codes } = c.req.valid('json');
      const results = codes.map((input) => {
        const code = normalisePostalCode(input);
        return { input, valid: code !== null, items: code ? toApiAddress(code) : [] };
      });
      return c.json({ results }, 200);
    },
  );
}
