/** The API's view of the caller: GET /api/v1/me, the smallest proof that a token works. */
import { createRoute, z } from '@hono/zod-openapi';
import { requireUser } from '../../platform/auth/guard';
import type { Api } from '../../platform/http/api';

const Me = z
  .object({
    id: z.string().openapi({ example: '019a0000-0000-7000-8000-000000000000' }),
    name: z.string().openapi({ example: '相談 支援健太' }),
    email: z.string().openapi({ example: 'counsellor@example.jp' }),
    role: z.enum([
      'council_admin',
      'council_staff',
      'corporation_admin',
      'facility_coordinator',
      'counsellor',
    ]),
    organisationId: z.string(),
  })
  .openapi('Me');

const Unauthorized = z
  .object({ type: z.string(), title: z.string(), status: z.number().int(), detail: z.string().optional() })
  .openapi('UnauthorizedProblem');

export function registerAccountApi(api: Api): void {
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'A personal API token (hk_…) made on the account page /account/tokens.',
  });

  api.openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags: ['Accounts'],
      summary: 'The user the API token acts as',
      security: [{ bearerAuth: [] }],
      middleware: [requireUser()] as const,
      responses: {
        200: { description: 'The caller', content: { 'application/json': { schema: Me } } },
        401: {
          description: 'No token, or a token that is unknown, expired or revoked',
          content: { 'application/problem+json': { schema: Unauthorized } },
        },
      },
    }),
    (c) => {
      const user = c.get('user');
      // requireUser() has answered 401 already; this only narrows the type.
      if (!user) throw new Error('unreachable: /me without a user');
      return c.json(
        {
          id: user.id,
          name: user.name,
          email: user.email,
          role: user.role,
          organisationId: user.organisationId,
        },
        200,
      );
    },
  );
}
