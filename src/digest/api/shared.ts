/**
 * What the digest API's routes share besides their shapes: the bearer security, the 404 problem,
 * and paged lists (the page query, the response of one page, and reading a page with the count
 * of all rows) so each list route states only what it lists.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env';
import { problem } from '../../platform/http/problem';

export const security = [{ bearerAuth: [] }];

export function notFoundProblem(c: Context<AppEnv>, what: string) {
  return problem(c, { title: 'Not found', status: 404, detail: `No such ${what}.` });
}

/** The query fields of a paged list, to spread after the list's own filters. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};

/** The 200 response of a paged list of `item`. */
export function pageResponse<Item extends z.ZodType>(description: string, item: Item) {
  return {
    description,
    content: {
      'application/json': {
        schema: z.object({
          items: z.array(item),
          total: z.number().int(),
          page: z.number().int(),
          pageSize: z.number().int(),
        }),
      },
    },
  };
}

/** One page of rows as JSON: `read` gets the page's window, `count` the number of all rows. */
export async function pageJson<Row, Item>(
  query: { page: number; pageSize: number },
  read: (window: { limit: number; offset: number }) => Promise<Row[]>,
  count: () => Promise<number>,
  toJson: (row: Row) => Item,
) {
  const [rows, total] = await Promise.all([
    read({ limit: query.pageSize, offset: (query.page - 1) * query.pageSize }),
    count(),
  ]);
  return { items: rows.map(toJson), total, page: query.page, pageSize: query.pageSize };
}
