import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases';
import { renderMarkdown, sanitize } from './render';
import {
  createContent,
  furiganaCorrections,
  publishContent,
  restoreRevision,
  saveFuriganaCorrection,
  unpublishContent,
  updateContent,
  uploadStoryPhoto,
} from './service';
import { findContent, findVisibleContent, listRevisions, listVisibleContent } from './store';
import { parseVideoSource } from './video';

const audit = { userId: null, organisationId: null, requestId: 'test', ip: '127.0.0.1' };
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

describe('the sanitiser', () => {
  it('removes scripts, event handlers and iframes from hosts not on the list', () => {
    const html = sanitize(
      '<p onclick="x()">本文<script>alert(1)</script></p><iframe src="https://evil.example/x"></iframe>' +
        '<iframe src="https://www.youtube-nocookie.com/embed/abcdefghijk" title="動画"></iframe><a href="javascript:alert(1)">x</a>',
    );
    expect(html).not.toContain('script');
    expect(html).not.toContain('alert');
    expect(html).not.toContain('onclick');
    expect(html).not.toContain('evil.example');
    expect(html).toContain(
      '<iframe src="https://www.youtube-nocookie.com/embed/abcdefghijk" title="動画"></iframe>',
    );
    expect(html).toContain('<p>本文</p>');
  });

  it('renders Markdown without raw HTML and moves headings one level down', () => {
    const html = renderMarkdown(
      '# 見出し\n\n<script>alert(1)</script>\n\n**太字** [リンク](https://example.jp)',
    );
    expect(html).toContain('<h2>見出し</h2>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<strong>太字</strong>');
    expect(html).toContain('<a href="https://example.jp">リンク</a>');
  });
});

describe('video sources', () => {
  it('accepts YouTube and Vimeo URLs and embed codes', () => {
    expect(parseVideoSource('https://youtu.be/dQw4w9WgXcQ')).toMatchObject({
      ok: true,
      embedUrl: 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
    });
    expect(parseVideoSource('https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1')).toMatchObject({ ok: true });
    expect(
      parseVideoSource(
        '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" allowfullscreen></iframe>',
      ),
    ).toMatchObject({ ok: true });
    expect(parseVideoSource('https://vimeo.com/123456789')).toMatchObject({
      ok: true,
      embedUrl: 'https://player.vimeo.com/video/123456789',
    });
  });

  it('refuses other hosts and look-alikes', () => {
    expect(parseVideoSource('https://evil.example/watch?v=dQw4w9WgXcQ')).toEqual({
      ok: false,
      reason: 'host',
    });
    expect(parseVideoSource('https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ')).toEqual({
      ok: false,
      reason: 'host',
    });
    expect(parseVideoSource('not a url')).toEqual({ ok: false, reason: 'invalid' });
  });
});

describeEachDatabase('site content', (current) => {
  const story = {
    slug: 'sample-story',
    title_ja: '【サンプル】インタビュー',
    title_en: '[Sample] Interview',
    body_ja: 'サンプルの本文です。',
    body_en: 'Sample body.',
  };

  it('creates a draft with its first revision and refuses a slug already in use', async () => {
    const { db } = current();
    const created = await createContent(db, 'story', story, audit);
    expect(created.status).toBe('ok');
    const again = await createContent(db, 'story', { ...story, title_ja: '別の記事' }, audit);
    expect(again).toEqual({ status: 'invalid', errors: { slug: 'slug_taken' } });
    // The same slug in another kind is a different URL.
    expect((await createContent(db, 'news', story, audit)).status).toBe('ok');
    const bad = await createContent(db, 'news', { ...story, slug: 'Not OK!' }, audit);
    expect(bad).toMatchObject({ status: 'invalid', errors: { slug: 'slug_format' } });
  });

  it('refuses to publish a story without the recorded consent, then publishes with it', async () => {
    const { db } = current();
    const created = await createContent(db, 'story', { ...story, slug: 'consent-story' }, audit);
    if (created.status !== 'ok') throw new Error('not created');
    expect(await publishContent(db, created.id, audit)).toEqual({
      status: 'refused',
      refusals: ['story_consent'],
    });
    expect(await findVisibleContent(db, 'story', 'consent-story', new Date().toISOString())).toBeUndefined();
    await updateContent(
      db,
      created.id,
      {
        ...story,
        slug: 'consent-story',
        consent_person: 'デモ用の架空の人物(実在しません)',
        consent_date: '2026-11-01',
        consent_scope: 'このサイトへの写真と記事の掲載',
      },
      audit,
    );
    const photo = await uploadStoryPhoto(db, created.id, PNG, audit);
    expect(photo.status).toBe('ok');
    // A photo needs its text alternative before publishing.
    expect(await publishContent(db, created.id, audit)).toEqual({
      status: 'refused',
      refusals: ['story_photo_alt'],
    });
    const item = await findContent(db, created.id);
    await updateContent(
      db,
      created.id,
      { ...(item as unknown as Record<string, string>), photo_alt_ja: '作業中の手元の写真' },
      audit,
    );
    expect((await publishContent(db, created.id, audit)).status).toBe('ok');
    expect(await findVisibleContent(db, 'story', 'consent-story', new Date().toISOString())).toBeDefined();
    expect(await uploadStoryPhoto(db, created.id, new Uint8Array([1, 2, 3]), audit)).toEqual({
      status: 'invalid',
      reason: 'type',
    });
  });

  it('refuses a video from a host not on the list', async () => {
    const { db } = current();
    const refused = await createContent(
      db,
      'video',
      { ...story, slug: 'bad-video', video_url: 'https://evil.example/v/1' },
      audit,
    );
    expect(refused).toEqual({ status: 'invalid', errors: { video_url: 'video_host' } });
    const created = await createContent(db, 'video', { ...story, slug: 'no-url-video' }, audit);
    if (created.status !== 'ok') throw new Error('not created');
    expect(await publishContent(db, created.id, audit)).toEqual({
      status: 'refused',
      refusals: ['video_url'],
    });
  });

  it('shows a scheduled item only from its publishing time, and hides a withdrawn one', async () => {
    const { db } = current();
    const created = await createContent(db, 'news', { ...story, slug: 'scheduled-news' }, audit);
    if (created.status !== 'ok') throw new Error('not created');
    const now = new Date('2026-11-25T00:00:00Z');
    const outcome = await publishContent(db, created.id, audit, {
      publishAt: '2026-12-01T00:00:00.000Z',
      now,
    });
    expect(outcome).toEqual({ status: 'ok', publishAt: '2026-12-01T00:00:00.000Z' });
    expect(
      await findVisibleContent(db, 'news', 'scheduled-news', '2026-11-30T23:59:59.000Z'),
    ).toBeUndefined();
    expect(await findVisibleContent(db, 'news', 'scheduled-news', '2026-12-01T00:00:00.000Z')).toBeDefined();
    const listed = await listVisibleContent(db, 'news', '2026-12-02T00:00:00.000Z');
    expect(listed.map((i) => i.slug)).toContain('scheduled-news');
    await unpublishContent(db, created.id, audit);
    expect(
      await findVisibleContent(db, 'news', 'scheduled-news', '2026-12-02T00:00:00.000Z'),
    ).toBeUndefined();
  });

  it('keeps every save as a revision and restores an earlier one as a new revision', async () => {
    const { db } = current();
    const created = await createContent(db, 'page', { ...story, slug: 'revisions' }, audit);
    if (created.status !== 'ok') throw new Error('not created');
    await updateContent(db, created.id, { ...story, slug: 'revisions', title_ja: '二版目' }, audit);
    await updateContent(db, created.id, { ...story, slug: 'revisions', title_ja: '三版目' }, audit);
    expect((await findContent(db, created.id))?.title_ja).toBe('三版目');
    expect((await restoreRevision(db, created.id, 1, audit)).status).toBe('ok');
    const restored = await findContent(db, created.id);
    expect(restored?.title_ja).toBe(story.title_ja);
    expect(restored?.revision).toBe(4);
    const revisions = await listRevisions(db, created.id);
    expect(revisions.map((r) => [r.revision, r.note])).toEqual([
      [4, 'restore:1'],
      [3, 'update'],
      [2, 'update'],
      [1, 'create'],
    ]);
    const audits = await db
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', created.id)
      .execute();
    expect(audits.map((a) => a.action)).toContain('content.restore');
  });

  it('keeps furigana corrections in hiragana', async () => {
    const { db } = current();
    expect(await saveFuriganaCorrection(db, { surface: '村山苑', reading: 'ムラヤマエン' }, audit)).toEqual({
      status: 'ok',
    });
    expect(await saveFuriganaCorrection(db, { surface: '村山苑', reading: 'むらやまえん' }, audit)).toEqual({
      status: 'ok',
    });
    expect((await saveFuriganaCorrection(db, { surface: '', reading: 'abc' }, audit)).status).toBe('invalid');
    expect((await furiganaCorrections(db)).get('村山苑')).toBe('むらやまえん');
  });
});
