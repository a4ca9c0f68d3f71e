import { beforeAll, expect, it } from 'vitest';
import { TestClient } from '../../../test/app';
import { describeEachDatabase } from '../../../test/databases';
import { createApiToken } from '../../accounts/api-tokens/service';
import {
  type DemoIds,
  demoEmails,
  seedAndFindDemo,
  signedInClient,
  testApp,
} from '../../accounts/users/test-support';
import { buildSearchWorld, type SearchWorld } from './test-world';

const decode = (html: string) => html.replaceAll('&amp;', '&');

describeEachDatabase('search page', (current) => {
  let w: SearchWorld;
  let ids: DemoIds;
  const app = () => testApp(current());

  beforeAll(async () => {
    ids = await seedAndFindDemo(current().db);
    w = await buildSearchWorld(current().db, 'page');
  });

  it('finds opportunities for a counsellor with the filters from the URL', async () => {
    const client = await signedInClient(app(), demoEmails.counsellor);
    // A submitted form sends every field, empty ones too: the page answers with the canonical URL.
    const submitted = await client.request(
      `/search?q=${encodeURIComponent('ｾｲｿｳ')}&near=&within=&lat=&lng=&task=cleaning&weekday=1&from=&to=&sort=`,
    );
    expect(submitted.status).toBe(302);
    const canonical = submitted.headers.get('location') ?? '';
    expect(canonical).toBe(`/search?q=${encodeURIComponent('セイソウ')}&weekday=1&task=cleaning`);
    const response = await client.request(canonical);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<h1>はたらく場を探す</h1>');
    // The filters come back ticked, so the next change starts from this search.
    expect(html).toMatch(/<input type="checkbox" id="field-task" name="task" value="cleaning" checked/);
    expect(html).toContain('0件見つかりました');

    const cleaning = await (await client.request('/search?weekday=1&task=cleaning&sort=fit')).text();
    expect(cleaning).toContain(`/opportunities/${w.ids.cleaning}`);
    expect(cleaning).toContain(`/opportunities/${w.ids.kitchen}`);
    expect(cleaning).not.toContain(`/opportunities/${w.ids.linen}`);
    expect(cleaning).toContain('情報が古い可能性');
    expect(cleaning).toMatch(/<option value="fit" selected/);
  });

  it('keeps the search in the URL: the share link and pagination round-trip', async () => {
    const client = await signedInClient(app(), demoEmails.councilStaff);
    const html = decode(
      await (await client.request(`/search?q=${encodeURIComponent('ページ送り')}&sort=updated`)).text(),
    );
    expect(html).toContain('25件見つかりました');
    expect(html).toContain('1〜20件目を表示しています。');
    const query = `q=${encodeURIComponent('ページ送り')}&sort=updated`;
    expect(html).toContain(`href="/search?${query}"`);
    expect(html).toContain(`href="/search?${query}&page=2"`);
    const second = decode(await (await client.request(`/search?${query}&page=2`)).text());
    expect(second).toContain('21〜25件目を表示しています。');
    expect(second).toContain(`href="/search?${query}"`);
    for (const id of w.paged.slice(0, 5)) expect(second).toContain(`/opportunities/${id}`);
    expect(second).not.toContain(`/opportunities/${w.paged[5]}`);
  });

  it('answers bad input with 400, Japanese messages at the fields and the values kept', async () => {
    const client = await signedInClient(app(), demoEmails.counsellor);
    const response = await client.request(
      `/search?q=${encodeURIComponent('清掃')}&municipality=999999&near=132136&within=abc&from=${encodeURIComponent('9時')}&to=10:00`,
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('入力内容に問題があります');
    expect(html).toContain('東京都の区市町村から選んでください');
    expect(html).toContain('半角の数字で入力してください');
    expect(html).toContain('時刻は「9:00」のように');
    expect(html).toContain('href="#field-within"');
    expect(html).toMatch(/id="field-within" name="within" type="text" value="abc"/);
    expect(html).toMatch(/id="field-q" name="q" type="search" value="清掃"/);
    expect(html).toMatch(/id="field-from" name="from" type="text" value="9時"/);
    expect(html).toMatch(/<option value="132136" selected/);
    expect(html).not.toContain('件見つかりました');
  });

  it('is for counsellors and council staff only', async () => {
    const coordinator = await signedInClient(app(), demoEmails.coordinator);
    expect((await coordinator.request('/search')).status).toBe(403);
    const admin = await signedInClient(app(), demoEmails.corporationAdmin);
    expect((await admin.request('/search')).status).toBe(403);
    const anonymous = new TestClient(app());
    const response = await anonymous.request('/search?task=cleaning');
    expect([302, 303]).toContain(response.status);
    expect(response.headers.get('location')).toContain('/login');
  });

  it('offers the whole result as PDF, xlsx and csv, with the search on the cover and in the audit trail', async () => {
    const client = await signedInClient(app(), demoEmails.councilStaff);
    const query = `q=${encodeURIComponent('ページ送り')}&sort=updated`;
    const page = decode(await (await client.request(`/search?${query}&page=2`)).text());
    // The links export every page of the search, not only the one shown.
    expect(page).toContain(`href="/search/export.csv?${query}"`);
    expect(page).toContain(`href="/search/export.pdf?${query}"`);

    const csv = await client.request(`/search/export.csv?${query}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('cache-control')).toBe('no-store');
    const text = await csv.text();
    for (const id of w.paged) expect(text).toContain(id);
    expect(text).not.toContain(w.ids.kitchen);
    // In the search's order (most recently updated first), as on the pages.
    const shown = decode(await (await client.request(`/search?${query}`)).text());
    const firstShown = w.paged.filter((id) => shown.includes(id));
    expect(firstShown).toHaveLength(20);
    for (const id of firstShown) expect(text.indexOf(id)).toBeLessThan(text.indexOf(w.paged[0] ?? ''));

    const xlsx = await client.request(`/search/export.xlsx?task=cleaning`);
    expect(xlsx.status).toBe(200);
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    const pdf = await client.request(`/search/export.pdf?task=cleaning&weekday=1`);
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    const audit = await current()
      .db.selectFrom('audit_event')
      .select(['detail'])
      .where('action', '=', 'opportunity.export')
      .execute();
    const details = audit.map(
      (a) => JSON.parse(a.detail) as { search?: string; format: string; total: number },
    );
    expect(details).toContainEqual(expect.objectContaining({ format: 'csv', search: query, total: 25 }));
    expect(details).toContainEqual(
      expect.objectContaining({ format: 'pdf', search: 'weekday=1&task=cleaning' }),
    );

    // A bad search goes back to the page that explains it; others may not export.
    const bad = await client.request('/search/export.csv?within=abc');
    expect(bad.status).toBe(303);
    const coordinator = await signedInClient(app(), demoEmails.coordinator);
    expect((await coordinator.request('/search/export.csv')).status).toBe(403);
  });

  it('answers the same search as JSON at /api/v1/opportunities/search', async () => {
    const tokenOf = async (email: string) =>
      (
        await createApiToken(
          current().db,
          { id: ids.users[email] ?? '' },
          { name: 'テスト', lifetimeDays: 90 },
          { userId: null, organisationId: null, requestId: 'test', ip: null },
        )
      ).token;
    const bearer = (token: string) => ({
      request: (path: string) => app().request(path, { headers: { authorization: `Bearer ${token}` } }),
    });
    const client = bearer(await tokenOf(demoEmails.counsellor));
    const response = await client.request('/api/v1/opportunities/search?weekday=1&task=cleaning&sort=fit');
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      items: { id: string; stale: boolean; windows: unknown[]; distanceKm: number | null }[];
      total: number;
      sort: string;
      query: string;
    };
    expect(body.items.map((i) => i.id)).toEqual(expect.arrayContaining([w.ids.cleaning, w.ids.kitchen]));
    expect(body.items.map((i) => i.id)).not.toContain(w.ids.linen);
    expect(body.total).toBe(body.items.length);
    expect(body.sort).toBe('fit');
    expect(body.query).toBe('weekday=1&task=cleaning&sort=fit');
    expect(body.items[0]?.windows.length).toBeGreaterThan(0);

    const paged = (await (
      await client.request(
        `/api/v1/opportunities/search?q=${encodeURIComponent('ページ送り')}&sort=updated&pageSize=10&page=3`,
      )
    ).json()) as { items: { id: string }[]; total: number; page: number };
    expect(paged).toMatchObject({ total: 25, page: 3 });
    expect(paged.items.map((i) => i.id).sort()).toEqual(w.paged.slice(0, 5).sort());

    const bad = await client.request('/api/v1/opportunities/search?within=abc&municipality=999999');
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { errors: { pointer: string }[] };
    expect(problem.errors.map((e) => e.pointer)).toEqual(
      expect.arrayContaining(['/within', '/municipality']),
    );

    const coordinator = bearer(await tokenOf(demoEmails.coordinator));
    expect((await coordinator.request('/api/v1/opportunities/search')).status).toBe(403);
    expect((await app().request('/api/v1/opportunities/search')).status).toBe(401);
    const document = (await (await app().request('/api/openapi.json')).json()) as { paths: object };
    expect(Object.keys(document.paths)).toContain('/api/v1/opportunities/search');
  });
});
