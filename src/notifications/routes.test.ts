import { beforeAll, beforeEach, expect, it } from 'vitest';
import { buildTestApp, TestClient } from '../../test/app';
import { describeEachDatabase } from '../../test/databases';
import { createApiToken } from '../accounts/api-tokens/service';
import { noAudit } from '../registry/facilities/test-world';
import { notify } from './notify';
import { readDelivery } from './store';
import { buildNotifyWorld, TEST_PASSWORD } from './test-support';

describeEachDatabase('inbox and notification settings', (current) => {
  let world: Awaited<ReturnType<typeof buildNotifyWorld>>;
  beforeAll(async () => {
    world = await buildNotifyWorld(current().db, 'R');
  });
  beforeEach(async () => {
    await current().db.deleteFrom('notification').execute();
  });

  async function signedIn(email: string) {
    const client = new TestClient(buildTestApp(current()));
    const response = await client.postForm('/login', { email, password: TEST_PASSWORD });
    expect(response.status).toBe(303);
    return client;
  }

  async function send(userIds: string[], title: string, link = '/dashboard') {
    await current()
      .db.transaction()
      .execute((trx) =>
        notify(trx, { userIds, kind: 'test', title: { ja: title, en: `EN ${title}` }, link }),
      );
    const row = await current()
      .db.selectFrom('notification')
      .select('id')
      .where('title_ja', '=', title)
      .where('user_id', '=', userIds[0] ?? '')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** The markup rules axe checks that a string test can: one h1, scoped headers, labelled fields. */
  function expectAccessibleMarkup(html: string) {
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    for (const th of html.match(/<th[\s>][^>]*>/g) ?? []) expect(th).toMatch(/scope="(col|row)"/);
    for (const input of html.match(/<(input|select)\b[^>]*>/g) ?? []) {
      if (/type="(hidden|submit)"/.test(input)) continue;
      const id = /id="([^"]+)"/.exec(input)?.[1];
      expect(id, input).toBeDefined();
      expect(html).toContain(`for="${id}"`);
    }
  }

  it('shows the unread count in the header on every page, as text', async () => {
    const { users } = world;
    await send([users.coordinatorA.id], '一件目の通知');
    await send([users.coordinatorA.id], '二件目の通知');
    await send([users.counsellor.id], '別の人への通知');
    const client = await signedIn(users.coordinatorA.email);
    const dashboard = await (await client.request('/dashboard')).text();
    expect(dashboard).toMatch(
      /<a href="\/inbox" class="inbox-link">通知 <span class="tag" data-unread="2">未読 2件<\/span><\/a>/,
    );
    const account = await (await client.request('/account')).text();
    expect(account).toContain('未読 2件');
    expect(account).toContain('href="/account/notifications"');
  });

  it('lists the caller’s notices newest first, marks unread in words, and opens one', async () => {
    const { users } = world;
    const older = await send([users.coordinatorA.id], '古い通知', '/opportunities');
    await new Promise((resolve) => setTimeout(resolve, 5));
    await send([users.coordinatorA.id], '新しい通知');
    await send([users.counsellor.id], '相談員だけの通知');
    const client = await signedIn(users.coordinatorA.email);
    const response = await client.request('/inbox');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html.indexOf('新しい通知')).toBeLessThan(html.indexOf('古い通知'));
    expect(html).not.toContain('相談員だけの通知');
    expect(html.match(/>未読</g)).toHaveLength(2);
    expectAccessibleMarkup(html);

    const opened = await client.request(`/inbox/${older}`);
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe('/opportunities');
    const after = await (await client.request('/inbox')).text();
    expect(after.match(/>未読</g)).toHaveLength(1);
    expect(after.match(/>既読</g)).toHaveLength(1);
    expect(after).toContain('未読 1件');

    const unreadOnly = await (await client.request('/inbox?filter=unread')).text();
    expect(unreadOnly).toContain('新しい通知');
    expect(unreadOnly).not.toContain('古い通知');
  });

  it('answers 404 for another user’s notice, in the page and the API, and changes nothing', async () => {
    const { users } = world;
    const theirs = await send([users.counsellor.id], '相談員の通知');
    const client = await signedIn(users.coordinatorA.email);
    const page = await client.request(`/inbox/${theirs}`);
    expect(page.status).toBe(404);
    expect(await page.text()).not.toContain('相談員の通知');
    const { token } = await createApiToken(
      current().db,
      { id: users.coordinatorA.id },
      { name: 'test', lifetimeDays: 30 },
      noAudit,
    );
    const api = await buildTestApp(current()).request(`/api/v1/notifications/${theirs}/read`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: '{}',
    });
    expect(api.status).toBe(404);
    expect(await api.text()).not.toContain('相談員の通知');
    const row = await current()
      .db.selectFrom('notification')
      .select('read_at')
      .where('id', '=', theirs)
      .executeTakeFirstOrThrow();
    expect(row.read_at).toBeNull();
  });

  it('never redirects off-site, even from a bad stored link', async () => {
    const { users } = world;
    const id = await send([users.coordinatorA.id], '壊れたリンク');
    await current()
      .db.updateTable('notification')
      .set({ link: '//evil.example/x' })
      .where('id', '=', id)
      .execute();
    const client = await signedIn(users.coordinatorA.email);
    const opened = await client.request(`/inbox/${id}`);
    expect(opened.headers.get('location')).toBe('/inbox');
  });

  it('shows the English title and count to a user who chose English', async () => {
    const { users } = world;
    await send([users.coordinatorA.id], '英語表示のテスト');
    const client = await signedIn(users.coordinatorA.email);
    await client.postForm('/language', { locale: 'en', next: '/inbox' });
    const html = await (await client.request('/inbox')).text();
    expect(html).toContain('<h1>Notifications</h1>');
    expect(html).toContain('EN 英語表示のテスト');
    expect(html).toContain('1 unread');
  });

  it('marks all read', async () => {
    const { users } = world;
    await send([users.coordinatorA.id], 'その1');
    await send([users.coordinatorA.id], 'その2');
    const client = await signedIn(users.coordinatorA.email);
    const response = await client.postForm('/inbox/read-all', {});
    expect(response.status).toBe(303);
    const html = await (await client.request(response.headers.get('location') ?? '/inbox')).text();
    expect(html).toContain('2件の通知を既読にしました。');
    expect(html).not.toContain('data-unread');
    expect(html).not.toContain('>未読<');
  });

  it('pages through a long inbox', async () => {
    const { users } = world;
    for (let n = 1; n <= 21; n += 1) await send([users.coordinatorA.id], `通知番号${n}番`);
    const client = await signedIn(users.coordinatorA.email);
    const first = await (await client.request('/inbox')).text();
    expect(first).toContain('href="/inbox?page=2"');
    const second = await (await client.request('/inbox?page=2')).text();
    expect(second.match(/<tr class="notification-unread">/g)).toHaveLength(1);
  });

  it('saves the delivery choice with a message, and refuses an empty one', async () => {
    const { users } = world;
    const client = await signedIn(users.corpAdminA.email);
    const form = await client.request('/account/notifications');
    const html = await form.text();
    expect(html).toContain('<legend');
    expect(html).toMatch(/value="immediate"[^>]*checked/);
    expectAccessibleMarkup(html);

    const saved = await client.postForm('/account/notifications', { delivery: 'daily' });
    expect(saved.status).toBe(303);
    const page = await (await client.request(saved.headers.get('location') ?? '')).text();
    expect(page).toContain('通知の受け取り方を保存しました。');
    expect(page).toMatch(/value="daily"[^>]*checked/);
    expect(await readDelivery(current().db, users.corpAdminA.id)).toBe('daily');

    const refused = await client.postForm('/account/notifications', { delivery: 'hourly' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('メールの受け取り方を選んでください。');
    expect(await readDelivery(current().db, users.corpAdminA.id)).toBe('daily');
  });

  it('serves the caller’s notices over the API, with an unread filter, and marks one read', async () => {
    const { users } = world;
    const id = await send([users.coordinatorA.id], 'API の通知');
    await send([users.coordinatorA.id], 'API の通知 2');
    await send([users.counsellor.id], '他人の通知');
    const { token } = await createApiToken(
      current().db,
      { id: users.coordinatorA.id },
      { name: 'test', lifetimeDays: 30 },
      noAudit,
    );
    const app = buildTestApp(current());
    const client = {
      request: (path: string, init: RequestInit = {}) =>
        app.request(path, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } }),
    };
    const list = await client.request('/api/v1/notifications?unread=true');
    expect(list.status).toBe(200);
    const body = (await list.json()) as { items: { id: string; title: { ja: string } }[]; unread: number };
    expect(body.unread).toBe(2);
    expect(body.items.map((item) => item.title.ja).sort()).toEqual(['API の通知', 'API の通知 2']);

    const read = await client.request(`/api/v1/notifications/${id}/read`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { readAt: string | null }).readAt).not.toBeNull();
    const after = (await (await client.request('/api/v1/notifications?unread=1')).json()) as {
      unread: number;
    };
    expect(after.unread).toBe(1);
  });

  it('describes both operations in the OpenAPI document', async () => {
    const app = buildTestApp(current());
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/notifications', '/api/v1/notifications/{id}/read']),
    );
  });
});
