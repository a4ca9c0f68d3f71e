/**
 * Sample content for the demo site: clearly marked サンプル/デモ, describing no real person,
 * no real video. Loaded with the demo data (src/seed/demo.ts); idempotent by slug.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema';
import { createContent, publishContent } from './service';
import { slugTaken } from './store';

const audit = { userId: null, organisationId: null, requestId: 'seed', ip: null };

export async function seedSiteSamples(db: Kysely<Database>): Promise<void> {
  const samples = [
    {
      kind: 'news' as const,
      input: {
        slug: 'sample-news',
        title_ja: '【サンプル】デモサイトのお知らせ',
        title_en: '[Sample] A news item on the demo site',
        summary_ja: 'デモ環境で表示を確かめるためのサンプルのお知らせです。',
        summary_en: 'A sample news item to try the demo site.',
        body_ja:
          'これは**デモ用のサンプル**です。実際のお知らせではありません。\n\n協議会事務局の方は「サイトの記事」から、お知らせ・インタビュー・動画・ページを書いて公開できます。',
        body_en:
          'This is a **sample for the demo**, not real news.\n\nCouncil staff write and publish news, interviews, videos and pages under "Site content".',
      },
    },
    {
      kind: 'story' as const,
      input: {
        slug: 'sample-interview',
        title_ja: '【デモ】サンプルのインタビュー(架空の例)',
        title_en: '[Demo] A sample interview (fictional)',
        summary_ja: 'インタビュー記事の見え方を確かめるための架空の例です。実在の人物は登場しません。',
        summary_en: 'A fictional example to show how an interview looks. No real person appears.',
        body_ja:
          'この記事は**デモ用の架空の例**です。実在の人物・法人の話ではありません。\n\n## 記事の書き方の例\n\n- 参加した方や受け入れ担当の方のお話を、ご本人の同意を得てまとめます。\n- 写真を載せるときは、写真の説明(代替テキスト)も書きます。',
        body_en:
          'This article is a **fictional demo example**; it is not about any real person or corporation.\n\n## How an interview is written\n\n- The words of a participant or a facility coordinator, with their consent.\n- A photo always comes with a description (alt text).',
        consent_person: 'デモ用の架空の記事のため、実在の対象者はいません',
        consent_date: '2026-11-01',
        consent_scope: 'デモ環境での表示のみ',
      },
    },
  ];
  for (const sample of samples) {
    if (await slugTaken(db, sample.kind, sample.input.slug)) continue;
    const created = await createContent(db, sample.kind, sample.input, audit, { isDemo: true });
    if (created.status === 'ok') await publishContent(db, created.id, audit);
  }
}
