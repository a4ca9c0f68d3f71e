/**
 * The measured figures the accessibility statement shows, copied by hand from the test suite
 * (test/e2e/site.spec.ts: axe on every public page kind, Japanese and English) and from
 * `npx tsx bench/lighthouse.ts --runs 3`; `date` is the day they were taken. Never rounded up:
 * update them when the pages change (docs/decisions/029).
 */
export const measurements = {
  date: '2026-11-25',
  /**
   * Kinds of public page the e2e walk checks with axe, each in ja and en, each with 0 violations:
   * the 17 fixed pages, a story, a news item, a video, a CMS page and a public work-place summary.
   */
  axePages: 22,
  lighthouse: [
    { page: { ja: 'トップページ', en: 'Top page' }, perf: 100, a11y: 100, bp: 100, seo: 100 },
    { page: { ja: 'インタビュー記事', en: 'Interview article' }, perf: 97, a11y: 100, bp: 100, seo: 100 },
  ] as { page: { ja: string; en: string }; perf: number; a11y: number; bp: number; seo: number }[],
};
