import { expect, it } from 'vitest';
import { buildTestApp, TestClient } from '../../test/app';
import { describeEachDatabase } from '../../test/databases';
import { createContent, publishContent } from '../content/service';
import { syncReferenceCorporations } from '../reference/corporations';
import { DEMO_PASSWORD, seedDemo } from '../seed/demo';
import { staticPaths } from './routes';

const audit = { userId: null, organisationId: null, requestId: 'test', ip: '127.0.0.1' };

describeEachDatabase('the public site', (current) => {
  const client = () => new TestClient(buildTestApp(current()));

  async function signedIn(email: string) {
    await seedDemo(current().db);
    const c = client();
    const response = await c.postForm('/login', { email, password: DEMO_PASSWORD });
    expect(response.status).toBe(303);
    return c;
  }

  it('serves every fixed page in Japanese and English with one h1, a description and OpenGraph tags', async () => {
    await seedDemo(current().db);
    for (const locale of ['ja', 'en'] as const) {
      const c = client();
      if (locale === 'en') await c.postForm('/language', { locale: 'en', next: '/' });
      for (const path of staticPaths) {
        const response = await c.request(path);
        expect(response.status, `${locale} ${path}`).toBe(200);
        const html = await response.text();
        expect(html).toContain(`<html lang="${locale}">`);
        expect(html.match(/<h1[\s>]/g)?.length, `${locale} ${path}`).toBe(1);
        expect(html).toMatch(/<meta name="description" content="[^"]+"/);
        expect(html).toContain('<meta property="og:title"');
        expect(html).not.toContain('<script');
      }
    }
  });

  it('shows the participating corporations with the as-of month, and work places without contacts', async () => {
    await seedDemo(current().db);
    await syncReferenceCorporations(current().db);
    const corporations = await (await client().request('/corporations')).text();
    expect(corporations).toContain('社会福祉法人 賛育会');
    expect(corporations).toContain('令和7年1月現在');
    expect(corporations).toContain('<strong>31法人</strong>');
    const places = await (await client().request('/work-places')).text();
    expect(places).toContain('/p/opportunities/');
    expect(places).not.toMatch(/042-000-000\d/);
    const filtered = await client().request('/work-places?task=cleaning&municipality=999999');
    expect(filtered.status).toBe(200);
  });

  it('keeps drafts and scheduled items away from the public, the sitemap lists published ones only', async () => {
    const { db } = current();
    const draft = await createContent(
      db,
      'news',
      { slug: 'draft-news', title_ja: '下書きのお知らせ', body_ja: '本文' },
      audit,
    );
    const live = await createContent(
      db,
      'news',
      { slug: 'live-news', title_ja: '公開のお知らせ', body_ja: '本文' },
      audit,
    );
    const later = await createContent(
      db,
      'news',
      { slug: 'later-news', title_ja: '予約のお知らせ', body_ja: '本文' },
      audit,
    );
    if (draft.status !== 'ok' || live.status !== 'ok' || later.status !== 'ok')
      throw new Error('not created');
    await publishContent(db, live.id, audit);
    await publishContent(db, later.id, audit, { publishAt: '2999-01-01T00:00:00.000Z' });
    expect((await client().request('/news/draft-news')).status).toBe(404);
    expect((await client().request('/news/later-news')).status).toBe(404);
    const page = await client().request('/news/live-news');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('公開のお知らせ');
    const list = await (await client().request('/news')).text();
    expect(list).toContain('公開のお知らせ');
    expect(list).not.toContain('下書きのお知らせ');
    const sitemap = await client().request('/sitemap.xml');
    expect(sitemap.headers.get('content-type')).toContain('application/xml');
    const xml = await sitemap.text();
    expect(xml).toContain('/news/live-news</loc>');
    expect(xml).toContain('/how-it-works</loc>');
    expect(xml).not.toContain('draft-news');
    expect(xml).not.toContain('later-news');
    const robots = await (await client().request('/robots.txt')).text();
    expect(robots).toContain('Disallow: /council/');
    expect(robots).toMatch(/Sitemap: http.*\/sitemap\.xml/);
  });

  it('lets a published CMS page with the slug contact replace the built-in contact text', async () => {
    const { db } = current();
    const before = await (await client().request('/contact')).text();
    expect(before).toContain('働きたい方・ご家族の方');
    const page = await createContent(
      db,
      'page',
      { slug: 'contact', title_ja: 'お問い合わせ(事務局)', body_ja: '受付時間は事務局が記入します。' },
      audit,
    );
    if (page.status !== 'ok') throw new Error('not created');
    expect(await (await client().request('/contact')).text()).not.toContain('事務局が記入します');
    await publishContent(db, page.id, audit);
    const after = await (await client().request('/contact')).text();
    expect(after).toContain('お問い合わせ(事務局)');
    expect(after).toContain('受付時間は事務局が記入します。');
  });

  it('adds ruby readings when the reader switches furigana on, and on easy-Japanese pages', async () => {
    const c = client();
    const off = await (await c.request('/flow')).text();
    expect(off).not.toContain('<ruby>');
    const toggled = await c.request('/furigana?on=1&next=/flow');
    expect(toggled.status).toBe(303);
    expect(toggled.headers.get('location')).toBe('/flow');
    const on = await (await c.request('/flow')).text();
    expect(on).toContain('<ruby>支援<rp>(</rp><rt>しえん</rt><rp>)</rp></ruby>');
    expect(on).toContain('ふりがなをはずす');
    // Nothing outside the text changes: attributes keep their kanji.
    expect(on).toMatch(/<meta name="description" content="[^"<]*アセスメント/);
    const easy = await (await client().request('/easy')).text();
    expect(easy).toContain('<ruby>');
    expect(
      (await client().request('/furigana?on=1&next=https://evil.example/')).headers.get('location'),
    ).toBe('/');
  }, 30_000);

  it('lets council staff write, preview and publish a story, refusing it without consent', async () => {
    const c = await signedIn('council-staff@demo.hataraku.example');
    const created = await c.postForm('/council/content/new/story', {
      _action: 'save',
      slug: 'demo-story',
      title_ja: '【デモ】サンプルのインタビュー',
      title_en: '[Demo] Sample interview',
      body_ja: '# 見出し\n\n本文です。<script>alert(1)</script>',
      body_en: 'Body.',
    });
    expect(created.status).toBe(303);
    const editPath = created.headers.get('location')?.split('?')[0] ?? '';
    expect(editPath).toMatch(/^\/council\/content\/[0-9a-f-]{36}$/);
    const duplicate = await c.postForm('/council/content/new/story', { slug: 'demo-story', title_ja: '別' });
    expect(duplicate.status).toBe(400);
    expect(await duplicate.text()).toContain('このURLの名前は、同じ種類の別の記事ですでに使われています');
    const preview = await c.postForm(editPath, {
      _action: 'preview',
      slug: 'demo-story',
      title_ja: 'x',
      body_ja: '**太字**',
    });
    expect(await preview.text()).toContain('<strong>太字</strong>');
    const refused = await c.postForm(`${editPath}/publish`, { publish_at: '' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('同意した方・同意を得た日・同意の範囲を記録するまで');
    expect((await c.request('/stories/demo-story')).status).toBe(404);
    const saved = await c.postForm(editPath, {
      _action: 'save',
      slug: 'demo-story',
      title_ja: '【デモ】サンプルのインタビュー',
      title_en: '[Demo] Sample interview',
      body_ja: '# 見出し\n\n本文です。<script>alert(1)</script>',
      body_en: 'Body.',
      consent_person: 'デモ用の架空の人物',
      consent_date: '2026-11-01',
      consent_scope: 'このサイトへの掲載',
    });
    expect(saved.status).toBe(303);
    expect((await c.postForm(`${editPath}/publish`, { publish_at: '' })).status).toBe(303);
    const publicPage = await client().request('/stories/demo-story');
    expect(publicPage.status).toBe(200);
    const html = await publicPage.text();
    expect(html).toContain('【デモ】サンプルのインタビュー');
    expect(html).toContain('<h2>見出し</h2>');
    expect(html).not.toContain('<script>alert');
    const video = await c.postForm('/council/content/new/video', {
      slug: 'bad-video',
      title_ja: '動画',
      video_url: 'https://evil.example/watch?v=1',
    });
    expect(video.status).toBe(400);
    expect(await video.text()).toContain('youtube.com、youtu.be、youtube-nocookie.com、vimeo.com');
  });

  it('refuses content management to anyone but council staff', async () => {
    const c = await signedIn('counsellor@demo.hataraku.example');
    expect((await c.request('/council/content')).status).toBe(403);
    expect((await client().request('/council/content')).status).toBe(303);
  });
});
