import { expect, it } from 'vitest';
import { buildTestApp, TestClient } from '../../test/app';
import { describeEachDatabase } from '../../test/databases';
import { createApiToken } from '../accounts/api-tokens/service';
import { DEMO_PASSWORD, seedDemo } from '../seed/demo';
import { getSubscriber } from './service';
import { signUnsubscribeToken } from './tokens';

const SECRET = 'digest-route-test-secret-0123456789abcdef';
const env = { DIGEST_TOKEN_SECRET: SECRET, BASE_URL: 'https://hataraku.example' };

describeEachDatabase('digest pages', (current) => {
  let seeded = false;
  async function client(email?: string) {
    if (!seeded) {
      await seedDemo(current().db);
      seeded = true;
    }
    const c = new TestClient(buildTestApp(current(), env));
    if (email) {
      const response = await c.postForm('/login', { email, password: DEMO_PASSWORD });
      expect(response.status).toBe(303);
    }
    return c;
  }

  async function lastMailTo(to: string) {
    return current()
      .db.selectFrom('mail_message')
      .select(['subject', 'text_body'])
      .where('to_address', '=', to)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
  }

  it('applies on the public form, confirms by link, and is approved by council staff', async () => {
    const visitor = await client();
    const form = await visitor.request('/digest/apply');
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('はたらく場情報の配信を申し込む');

    const bad = await visitor.postForm('/digest/apply', {
      name: '相談 花子',
      organisation: 'みなみ市 自立相談支援センター(架空)',
      email: 'not-an-address',
      tasks: 'cleaning',
    });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('メールアドレスの形式が正しくありません');
    expect(badHtml).toContain('value="相談 花子"');
    expect(badHtml).toContain('value="not-an-address"');
    expect(badHtml).toMatch(/value="cleaning"\s+checked/);

    const ok = await visitor.postForm('/digest/apply', {
      name: '相談 花子',
      organisation: 'みなみ市 自立相談支援センター(架空)',
      email: 'Hanako@Agency.example',
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/digest/apply/sent');

    const duplicate = await visitor.postForm('/digest/apply', {
      name: '別の人',
      organisation: '別の機関',
      email: 'hanako@agency.example',
    });
    expect(duplicate.status).toBe(400);
    const duplicateHtml = await duplicate.text();
    expect(duplicateHtml).toContain('このメールアドレスはすでに登録または申し込み済みです');
    expect(duplicateHtml).toContain('value="別の人"');

    const mail = await lastMailTo('hanako@agency.example');
    const link = /https:\/\/hataraku\.example(\/digest\/confirm\/[\w-]+)/.exec(mail?.text_body ?? '')?.[1];
    if (!link) throw new Error('no confirmation link');
    const page = await visitor.request(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('確認する');
    const confirmed = await visitor.postForm(link, {});
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('申し込みを確認しました');
    const again = await visitor.request(link);
    expect(again.status).toBe(404);

    const row = await current()
      .db.selectFrom('digest_subscriber')
      .select(['id', 'status'])
      .where('email', '=', 'hanako@agency.example')
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('pending_approval');

    const council = await client('council-staff@demo.hataraku.example');
    const list = await council.request('/council/digest/subscribers?status=pending_approval');
    expect(await list.text()).toContain('hanako@agency.example');
    const approved = await council.postForm(`/council/digest/subscribers/${row.id}/approve`, {});
    expect(approved.status).toBe(303);
    expect((await getSubscriber(current().db, row.id))?.status).toBe('active');
    expect((await lastMailTo('hanako@agency.example'))?.subject).toContain('配信を開始します');
  });

  it('shows a clear page for an expired confirmation link', async () => {
    const visitor = await client();
    await visitor.postForm('/digest/apply', {
      name: '期限 切れ',
      organisation: '機関',
      email: 'late@agency.example',
    });
    const mail = await lastMailTo('late@agency.example');
    const link =
      /https:\/\/hataraku\.example(\/digest\/confirm\/[\w-]+)/.exec(mail?.text_body ?? '')?.[1] ?? '';
    await current()
      .db.updateTable('digest_subscriber')
      .set({ confirm_expires_at: '2020-01-01T00:00:00.000Z' })
      .where('email', '=', 'late@agency.example')
      .execute();
    const page = await visitor.request(link);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('確認のリンクの有効期限が切れています');
    const post = await visitor.postForm(link, {});
    expect(post.status).toBe(410);
    // An expired application may apply again.
    const retry = await visitor.postForm('/digest/apply', {
      name: '期限 切れ',
      organisation: '機関',
      email: 'late@agency.example',
    });
    expect(retry.status).toBe(303);
  });

  it('unsubscribes in one click without a session or CSRF token, and refuses a tampered link', async () => {
    const { createSubscriber } = await import('./service');
    const result = await createSubscriber(
      current().db,
      {
        name: '停止 する人',
        organisation: '機関',
        email: 'stop@agency.example',
        preferences: { municipalities: [], workForms: [], tasks: [] },
        weekly: false,
        skipEmpty: false,
      },
      { userId: null, organisationId: null },
    );
    if (!result.ok) throw new Error('subscriber');
    const token = signUnsubscribeToken(SECRET, result.id);
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;

    const anonymous = new TestClient(buildTestApp(current(), env));
    const badGet = await anonymous.request(`/digest/unsubscribe/${tampered}`);
    expect(badGet.status).toBe(400);
    expect(await badGet.text()).toContain('配信停止のリンクが正しくありません');
    const badPost = await anonymous.request(`/digest/unsubscribe/${tampered}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(badPost.status).toBe(400);
    expect((await getSubscriber(current().db, result.id))?.status).toBe('active');

    const get = await anonymous.request(`/digest/unsubscribe/${token}`);
    expect(get.status).toBe(200);
    expect(await get.text()).toContain('配信を停止する');
    expect((await getSubscriber(current().db, result.id))?.status).toBe('active');

    // What a mail client does (RFC 8058): a bare POST, no cookies.
    const oneClick = await buildTestApp(current(), env).request(
      `https://hataraku.example/digest/unsubscribe/${token}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      },
    );
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain('配信を停止しました');
    expect((await getSubscriber(current().db, result.id))?.status).toBe('unsubscribed');
  });

  it('lets agency staff subscribe from their account', async () => {
    const counsellor = await client('counsellor@demo.hataraku.example');
    const page = await counsellor.request('/digest/subscription');
    expect(page.status).toBe(200);
    const saved = await counsellor.postForm('/digest/subscription', { tasks: 'cleaning', weekly: '1' });
    expect(saved.status).toBe(303);
    const row = await current()
      .db.selectFrom('digest_subscriber')
      .select(['status', 'tasks', 'weekly', 'user_id'])
      .where('email', '=', 'counsellor@demo.hataraku.example')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'active', tasks: '["cleaning"]', weekly: 1 });
    expect(row.user_id).not.toBeNull();
    const after = await (await counsellor.request('/digest/subscription?saved=1')).text();
    expect(after).toContain('配信の設定を保存しました');
    expect((await counsellor.request('/council/digest')).status).toBe(403);
    const cancelled = await counsellor.postForm('/digest/subscription/cancel', {});
    expect(cancelled.status).toBe(303);
  });

  it('lets council staff schedule, preview, test, cancel and read an edition', async () => {
    const council = await client('council-staff@demo.hataraku.example');
    expect((await council.request('/council/digest')).status).toBe(200);
    const badDate = await council.postForm('/council/digest/editions', {
      kind: 'edition',
      at: '来月',
      mode: 'schedule',
    });
    expect(badDate.status).toBe(400);
    const scheduled = await council.postForm('/council/digest/editions', {
      kind: 'edition',
      at: '2099-01-10 09:00',
      mode: 'schedule',
    });
    expect(scheduled.status).toBe(303);
    const location = scheduled.headers.get('location') ?? '';
    const editionPath = location.split('?')[0] ?? '';
    const detail = await council.request(location);
    expect(detail.status).toBe(200);
    const html = await detail.text();
    expect(html).toContain('送信状況');
    expect(html).toContain('2099');

    const preview = await council.request(`${editionPath}/preview`);
    expect(preview.status).toBe(200);
    expect(await preview.text()).toContain('【はたらく場情報】');
    const eml = await council.request(`${editionPath}/preview/download?subscriber=&format=eml`);
    expect(eml.headers.get('content-type')).toContain('message/rfc822');
    expect(await eml.text()).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');

    const tested = await council.postForm(`${editionPath}/test`, {});
    expect(tested.status).toBe(303);
    const testMail = await current()
      .db.selectFrom('mail_message')
      .select(['subject', 'attachments'])
      .where('to_address', '=', 'council-staff@demo.hataraku.example')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(testMail.subject).toContain('【テスト送信】');
    expect(JSON.parse(testMail.attachments)).toHaveLength(2);

    const cancelled = await council.postForm(`${editionPath}/cancel`, {});
    expect(cancelled.status).toBe(303);
    const editionId = editionPath.split('/').pop() ?? '';
    const row = await current()
      .db.selectFrom('digest_edition')
      .select('status')
      .where('id', '=', editionId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('cancelled');

    const archive = await council.request('/digest/archive');
    expect(archive.status).toBe(200);
  });

  it('offers subscriptions and editions over the API, in the OpenAPI document', async () => {
    await client();
    const db = current().db;
    const tokenOf = async (email: string) => {
      const user = await db
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', email)
        .executeTakeFirstOrThrow();
      const { token } = await createApiToken(
        db,
        { id: user.id },
        { name: 'digest', lifetimeDays: 30 },
        { userId: null, organisationId: null },
      );
      return token;
    };
    const app = buildTestApp(current(), env);
    const call = async (token: string, path: string, init: RequestInit = {}) =>
      app.request(path, {
        ...init,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
      });
    const council = await tokenOf('council-admin@demo.hataraku.example');
    const counsellor = await tokenOf('counsellor@demo.hataraku.example');

    expect((await call(counsellor, '/api/v1/digest/editions')).status).toBe(403);
    const created = await call(council, '/api/v1/digest/editions', {
      method: 'POST',
      body: JSON.stringify({ kind: 'edition', at: '2099-03-10T09:00:00+09:00' }),
    });
    expect(created.status).toBe(201);
    const edition = (await created.json()) as { id: string; status: string; scheduledFor: string };
    expect(edition.status).toBe('scheduled');
    expect(edition.scheduledFor).toBe('2099-03-10T00:00:00.000Z');
    const status = (await (await call(council, `/api/v1/digest/editions/${edition.id}`)).json()) as {
      progress: { sent: number };
    };
    expect(status.progress.sent).toBe(0);
    const preview = (await (await call(council, `/api/v1/digest/editions/${edition.id}/preview`)).json()) as {
      subject: string;
      headers: Record<string, string>;
    };
    expect(preview.subject).toContain('【はたらく場情報】');
    expect(preview.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const list = (await (await call(council, '/api/v1/digest/editions')).json()) as {
      items: { id: string }[];
    };
    expect(list.items.map((e) => e.id)).toContain(edition.id);
    expect(
      (await call(council, `/api/v1/digest/editions/${edition.id}/cancel`, { method: 'POST', body: '{}' }))
        .status,
    ).toBe(200);

    const mine = await call(counsellor, '/api/v1/digest/subscriptions/mine', {
      method: 'PUT',
      body: JSON.stringify({ preferences: { workForms: ['short_term'] }, weekly: true }),
    });
    expect(mine.status).toBe(200);
    const subscription = (await mine.json()) as {
      id: string;
      status: string;
      preferences: { workForms: string[] };
    };
    expect(subscription).toMatchObject({ status: 'active', preferences: { workForms: ['short_term'] } });
    const subs = (await (await call(council, '/api/v1/digest/subscriptions?status=active')).json()) as {
      items: { id: string }[];
    };
    expect(subs.items.map((x) => x.id)).toContain(subscription.id);
    const added = await call(council, '/api/v1/digest/subscriptions', {
      method: 'POST',
      body: JSON.stringify({ name: 'API 追加', organisation: '機関', email: 'api-added@agency.example' }),
    });
    expect(added.status).toBe(201);
    const again = await call(council, '/api/v1/digest/subscriptions', {
      method: 'POST',
      body: JSON.stringify({ name: 'API 追加', organisation: '機関', email: 'API-added@agency.example' }),
    });
    expect(again.status).toBe(409);
    const addedId = ((await added.json()) as { id: string }).id;
    const patched = await call(council, `/api/v1/digest/subscriptions/${addedId}`, {
      method: 'PATCH',
      body: JSON.stringify({ preferences: { tasks: ['cleaning', 'nonsense'] } }),
    });
    expect(((await patched.json()) as { preferences: { tasks: string[] } }).preferences.tasks).toEqual([
      'cleaning',
    ]);
    expect(
      (await call(council, `/api/v1/digest/subscriptions/${addedId}`, { method: 'DELETE' })).status,
    ).toBe(204);
    // Unsubscribing oneself is DELETE …/mine, not the council's DELETE …/{id} with id "mine".
    expect((await call(counsellor, '/api/v1/digest/subscriptions/mine', { method: 'DELETE' })).status).toBe(
      204,
    );
    const after = (await (await call(counsellor, '/api/v1/digest/subscriptions/mine')).json()) as {
      status: string;
    };
    expect(after.status).toBe('unsubscribed');

    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/digest/subscriptions', '/api/v1/digest/editions/{id}/preview']),
    );
  });
});
