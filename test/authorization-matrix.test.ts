/**
 * The authorization matrix: for every role and every route that shows or changes one record,
 * a record of the caller's own organisation and one of a foreign organisation. The expected
 * answer comes from the policy itself (`can`), so the routes are held to the table in
 * policy.ts: allowed → 200; refused → 403 or 404 with nothing of the record in the body.
 * The API runs the same cases with personal API tokens.
 */
import { beforeAll, expect, it } from 'vitest';
import { notify } from '../src/notifications/notify';
import { can } from '../src/platform/auth/policy';
import { buildTestApp, TestClient } from './app';
import { buildMatrix, type Matrix, PASSWORD } from './authorization-matrix-fixtures';
import { describeEachDatabase } from './databases';

describeEachDatabase('authorization matrix', (current) => {
  let matrix: Matrix;
  beforeAll(async () => {
    matrix = await buildMatrix(current().db);
  });

  it('answers every role on every record page as the policy says, leaking nothing when refused', async () => {
    const failures: string[] = [];
    for (const user of matrix.users) {
      const client = new TestClient(buildTestApp(current()));
      const signedIn = await client.postForm('/login', { email: user.email, password: PASSWORD });
      expect(signedIn.status, `${user.role} signs in`).toBe(303);
      for (const entry of matrix.cases) {
        const response = await client.request(entry.path);
        const body = await response.text();
        const allowed = entry.allowed(user.actor);
        if (allowed && response.status !== 200)
          failures.push(`${user.role} ${entry.path} (${entry.label}): expected 200, got ${response.status}`);
        if (!allowed && ![403, 404].includes(response.status))
          failures.push(
            `${user.role} ${entry.path} (${entry.label}): expected 403/404, got ${response.status}`,
          );
        if (!allowed && body.includes(entry.secret))
          failures.push(`${user.role} ${entry.path} (${entry.label}): refused page shows "${entry.secret}"`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('applies exactly the same rules to the API with personal tokens', async () => {
    const app = buildTestApp(current());
    const failures: string[] = [];
    for (const user of matrix.users) {
      for (const entry of matrix.cases) {
        if (!entry.apiPath) continue;
        const response = await app.request(entry.apiPath, {
          headers: { authorization: `Bearer ${user.token}` },
        });
        const body = await response.text();
        const allowed = entry.allowed(user.actor);
        if (allowed && response.status !== 200)
          failures.push(`${user.role} ${entry.apiPath}: expected 200, got ${response.status}`);
        if (!allowed && ![403, 404].includes(response.status))
          failures.push(`${user.role} ${entry.apiPath}: expected 403/404, got ${response.status}`);
        if (!allowed && body.includes(entry.secret))
          failures.push(`${user.role} ${entry.apiPath}: refused answer shows "${entry.secret}"`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses to deactivate a foreign user unless the policy allows it, changing nothing', async () => {
    for (const user of matrix.users) {
      const subject = {
        kind: 'user',
        id: matrix.strangerB,
        organisationId: matrix.world.corpB,
        role: 'corporation_admin',
      } as const;
      if (can(user.actor, 'user.deactivate', subject)) continue;
      const client = new TestClient(buildTestApp(current()));
      await client.postForm('/login', { email: user.email, password: PASSWORD });
      const response = await client.postForm(`/users/${matrix.strangerB}/deactivate`, {});
      expect([403, 404], `${user.role} deactivating a foreign user`).toContain(response.status);
    }
    const stranger = await current()
      .db.selectFrom('app_user')
      .select('active')
      .where('id', '=', matrix.strangerB)
      .executeTakeFirstOrThrow();
    expect(stranger.active).toBe(1);
  });

  it('opens a notification (通知) for its owner only, on the page and the API', async () => {
    const owner = matrix.users.find((user) => user.role === 'counsellor');
    if (!owner) throw new Error('matrix: no counsellor');
    const title = '行列テストの通知 あおば作業所';
    await current()
      .db.transaction()
      .execute((trx) =>
        notify(trx, {
          userIds: [owner.actor.userId],
          kind: 'test',
          title: { ja: title, en: title },
          link: '/inbox',
        }),
      );
    const { id } = await current()
      .db.selectFrom('notification')
      .select('id')
      .where('title_ja', '=', title)
      .executeTakeFirstOrThrow();
    const app = buildTestApp(current());
    for (const user of matrix.users) {
      const isOwner = user.actor.userId === owner.actor.userId;
      const client = new TestClient(app);
      await client.postForm('/login', { email: user.email, password: PASSWORD });
      const page = await client.request(`/inbox/${id}`);
      expect(page.status, `${user.role} opens the counsellor's notification`).toBe(isOwner ? 303 : 404);
      expect(await page.text()).not.toContain(title);
      const api = await app.request(`/api/v1/notifications/${id}/read`, {
        method: 'POST',
        headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(api.status, `${user.role} marks the counsellor's notification read`).toBe(isOwner ? 200 : 404);
      if (!isOwner) expect(await api.text()).not.toContain(title);
    }
  });
});
