import { beforeAll, expect, it } from 'vitest';
import { TestClient } from '../../../test/app';
import { describeEachDatabase } from '../../../test/databases';
import { demoEmails, seedAndFindDemo, signedInClient, testApp } from '../../accounts/users/test-support';
import { buildSearchWorld, type SearchWorld } from './test-world';

const decode = (html: string) => html.replaceAll('&amp;', '&');

describeEachDatabase('search page', (current) => {
  let w: SearchWorld;
  const app = () => testApp(current());

  beforeAll(async () => {
    await seedAndFindDemo(current().db);
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
});
