import { describe, expect, it } from 'vitest';
import { buildTestApp, TestClient } from '../test/app';
import { describeEachDatabase } from '../test/databases';
import { DEMO_PASSWORD, seedDemo } from './seed/demo';

describeEachDatabase('the app shell', (current) => {
  const client = () => new TestClient(buildTestApp(current()));

  it('answers health and readiness', async () => {
    const app = client();
    const health = await app.request('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: 'ok' });
    expect((await app.request('/readyz')).status).toBe(200);
  });

  it('shows the 404 page in Japanese, and in English after the language switch', async () => {
    const app = client();
    const ja = await app.request('/no-such-page');
    expect(ja.status).toBe(404);
    const jaHtml = await ja.text();
    expect(jaHtml).toContain('<html lang="ja">');
    expect(jaHtml).toContain('ページが見つかりません');
    const switched = await app.postForm('/language', { locale: 'en', next: '/no-such-page' });
    expect(switched.status).toBe(303);
    expect(switched.headers.get('location')).toBe('/no-such-page');
    const en = await app.request('/no-such-page');
    expect(await en.text()).toContain('Page not found');
  });

  it('sets security headers and a request id on every response', async () => {
    const response = await client().request('/');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);
  });

  it('refuses a form post without the CSRF token', async () => {
    const app = client();
    const response = await app.postForm('/login', { email: 'x@example.jp', password: 'x' }, { csrf: false });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('画面の有効期限が切れました');
  });

  it('signs in with a demo login, shows the banner and role, and signs out', async () => {
    await seedDemo(current().db);
    const app = client();
    const landing = await app.request('/');
    expect(await landing.text()).toContain('デモ環境です');
    const bad = await app.postForm('/login', {
      email: 'counsellor@demo.hataraku.example',
      password: 'wrong',
    });
    expect(bad.status).toBe(401);
    const badHtml = await bad.text();
    expect(badHtml).toContain('メールアドレスまたはパスワードが正しくありません');
    expect(badHtml).toContain('value="counsellor@demo.hataraku.example"');
    const unknown = await app.postForm('/login', {
      email: 'nobody@demo.hataraku.example',
      password: 'wrong',
    });
    expect(unknown.status).toBe(401);

    const ok = await app.postForm('/login', {
      email: 'ＣＯＵＮＳＥＬＬＯＲ@demo.hataraku.example',
      password: DEMO_PASSWORD,
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/dashboard');
    const dashboard = await app.request('/dashboard');
    const html = await dashboard.text();
    expect(html).toContain('相談 支援健太さん');
    expect(html).toContain('相談支援員');

    expect((await app.postForm('/logout', {})).status).toBe(303);
    const after = await app.request('/dashboard');
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toBe('/login?next=%2Fdashboard');
  });

  it('keeps typed values and marks fields when the login form is empty', async () => {
    const app = client();
    const response = await app.postForm('/login', { email: 'abc', password: '' });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('入力内容に問題があります');
    expect(html).toContain('メールアドレスの形式で入力してください');
    expect(html).toContain('value="abc"');
    expect(html).toContain('aria-invalid="true"');
  });

  it('never follows a sign-in redirect to another host', async () => {
    await seedDemo(current().db);
    const app = client();
    const response = await app.postForm('/login', {
      email: 'counsellor@demo.hataraku.example',
      password: DEMO_PASSWORD,
      next: '//evil.example/',
    });
    expect(response.headers.get('location')).toBe('/dashboard');
  });
});

describeEachDatabase('the API', (current) => {
  const app = () => buildTestApp(current());

  it('answers unknown API paths with problem+json', async () => {
    const response = await app().request('/api/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect((await response.json()).status).toBe(404);
  });

  it('names malformed JSON and a wrong content type as 400 problems', async () => {
    const malformed = await app().request('/api/v1/postal-codes/lookup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"codes": [',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toContain('application/problem+json');
    expect((await malformed.json()).detail).toMatch(/malformed json/i);

    const wrongType = await app().request('/api/v1/postal-codes/lookup', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'codes=1600023',
    });
    expect(wrongType.status).toBe(400);
    expect((await wrongType.json()).detail).toContain('application/json');
  });

  it('reports validation errors with a pointer to the field', async () => {
    const response = await app().request('/api/v1/postal-codes/lookup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ codes: [] }),
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors[0].pointer).toBe('/codes');
  });

  it('looks up a postal code typed in full width', async () => {
    const response = await app().request(`/api/v1/postal-codes/${encodeURIComponent('１６０－００２３')}`);
    expect(response.status).toBe(200);
    expect((await response.json()).items[0]).toMatchObject({
      city: '新宿区',
      town: '西新宿',
      municipalityCode: '131041',
    });
  });

  it('publishes an OpenAPI 3.1 document that lists the routes', async () => {
    const doc = await (await app().request('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/municipalities',
        '/api/v1/postal-codes/{code}',
        '/api/v1/postal-codes/lookup',
      ]),
    );
  });
});

describe('configuration', () => {
  it('rejects a malformed setting with one line', async () => {
    const { loadConfig } = await import('./platform/config/config');
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/Invalid setting PORT/);
  });
});
