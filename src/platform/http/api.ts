/**
 * The JSON API under /api/v1. Routes are declared with zod schemas (@hono/zod-openapi), which
 * both validate requests and generate /api/openapi.json, so the document cannot drift.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env';
import { problem } from './problem';

export const API_BASE = '/api/v1';

export function createApi() {
  const api = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      return problem(c, {
        type: 'https://hataraku.example/problems/validation',
        title: 'Request validation failed',
        status: 400,
        detail: result.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '),
        errors: result.error.issues.map((i) => ({ pointer: `/${i.path.join('/')}`, detail: i.message })),
      });
    },
  });
  return api.basePath(API_BASE);
}

export type Api = ReturnType<typeof createApi>;

/** A body that is not JSON is refused before any route sees it. */
export function requireJsonBody(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (['POST', 'PUT', 'PATCH'].includes(c.req.method)) {
      const type = c.req.header('content-type') ?? '';
      if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
        return problem(c, {
          type: 'https://hataraku.example/problems/unsupported-content-type',
          title: 'Unsupported content type',
          status: 400,
          detail: `The request body must be JSON with Content-Type: application/json (got "${type || 'none'}").`,
        });
      }
    }
    return next();
  };
}

export function openApiDocument(api: Api, baseUrl: string) {
  return api.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Hataraku API',
      version: '1',
      description: 'The HTTP API of Hataraku, the platform behind はたらくサポートとうきょう.',
    },
    servers: [{ url: baseUrl }],
  });
}
