/**
 * The public site's words for the accessibility statement, privacy policy and contact page.
 * Figures of the accessibility statement come from ../measurements.ts.
 */
export const policiesJa = {
  accessibility: {
    title: 'アクセシビリティ方針',
    description: 'このサイトのアクセシビリティへの取り組みと、試験の結果です。',
    policyTitle: '方針',
    policy:
      'はたらくサポートとうきょうのサイトは、年齢や障害の有無、使う機器にかかわらず、誰もが情報を得られることを目指しています。JIS X 8341-3:2016 の適合レベルAAに準拠することを目標にしています。',
    measuresTitle: '取り組み',
    measures: [
      'JavaScriptを使わなくても、すべてのページを読み、操作できます。',
      '見出し、ランドマーク、表の見出しセルなど、内容の構造をHTMLで正しく示しています。',
      '図には文章による説明を添えています。',
      '日本語と英語で読めます。トップ、支援の流れ、保険のページには、やさしい日本語の版があります。',
      '漢字にふりがなをつける表示に切り替えられます。',
      '動画には文字起こしを添えます。',
      '印刷用の表示を用意しています。',
    ],
    resultsTitle: '試験の結果',
    results: (date: string) => `${date}に、次の自動試験を行いました。`,
    axe: (pages: number) =>
      `axe-core(WCAG 2.1 A・AAの規則)による試験:試験に含まれる公開ページ${pages}種類(日本語版と英語版)のすべてで、違反は0件でした。`,
    lighthouse: 'Lighthouse 12.2.3(モバイル設定)の得点:',
    lighthouseRow: (page: string, perf: number, a11y: number, bp: number, seo: number) =>
      `${page}:パフォーマンス ${perf}、アクセシビリティ ${a11y}、ベストプラクティス ${bp}、SEO ${seo}`,
    limitsTitle: '自動試験でわからないこと',
    limits:
      '自動試験で確認できるのは、基準の一部です。読み上げソフトでの聞き取りやすさや、文章のわかりやすさは、利用者の方の声を聞きながら改善していきます。外部サイト(YouTube、Vimeo)の動画プレーヤーの操作性は、このサイトの試験の範囲外です。',
    feedback: 'お気づきの点は、お問い合わせのページからお知らせください。',
  },
  privacy: {
    title: 'プライバシーポリシー',
    description: 'このサイトで扱う情報と、その取り扱いについて。',
    sections: [
      {
        heading: 'このサイトで記録する情報',
        text: 'ページの表示に必要な情報(接続元のIPアドレス、表示したページ、日時)を、不正な利用を防ぐための記録として一定期間保存します。アクセス解析や広告のための追跡は行っていません。',
      },
      {
        heading: 'Cookie',
        text: '表示する言語、ふりがな表示の設定、フォームを安全に送るための値、関係者がログインしたときのセッションを保存するためにCookieを使います。',
      },
      {
        heading: '動画',
        text: '動画はYouTubeまたはVimeoのプレーヤーで再生します。再生すると、それぞれの事業者のプライバシーポリシーにもとづいて情報が送られます。YouTubeは、再生するまでCookieを保存しない埋め込み方式を使っています。',
      },
      {
        heading: 'インタビュー記事',
        text: 'インタビューに登場する方の写真や記事は、ご本人の同意(同意した方、日付、掲載の範囲)を記録したうえで掲載しています。写真に含まれる撮影場所などの情報は、保存するときに取り除いています。掲載の取りやめを希望される場合は、事務局にご連絡ください。',
      },
      {
        heading: '関係者向けの機能',
        text: '法人・相談支援機関・協議会の関係者がログインして使う機能では、支援に必要な個人情報を扱います。ご本人の同意の範囲でのみ共有し、閲覧の記録を残しています。',
      },
    ],
  },
  contact: {
    title: 'お問い合わせ',
    description: 'はたらくサポートとうきょうへのお問い合わせ先です。',
    sections: [
      {
        heading: '働きたい方・ご家族の方',
        text: 'まずは、お住まいの地域の相談支援機関(自立相談支援機関など)にご相談ください。相談員がお話を伺い、一緒にはたらく場を探します。',
      },
      {
        heading: '事業について(法人・相談支援機関の方)',
        text: '東京都地域公益活動推進協議会の事務局(東京都社会福祉協議会)にお問い合わせください。',
      },
      {
        heading: '保険について',
        text: '行事保険のお問い合わせ先は、保険のページをご覧ください。',
      },
    ],
  },
};

export const policiesEn: typeof policiesJa = {
  accessibility: {
    title: 'Accessibility statement',
    description: 'How this site approaches accessibility, and the results of our tests.',
    policyTitle: 'Policy',
    policy:
      'This site aims to let everyone get its information, whatever their age, disability or device. Our target is conformance level AA of JIS X 8341-3:2016.',
    measuresTitle: 'What we do',
    measures: [
      'Every page can be read and used without JavaScript.',
      'Headings, landmarks and table header cells mark up the structure in HTML.',
      'Diagrams come with a description in words.',
      'The site is in Japanese and English; the top, support flow and insurance pages also have an easy-Japanese version.',
      'Readings (furigana) can be shown over kanji.',
      'Videos come with a transcript.',
      'Pages have a print layout.',
    ],
    resultsTitle: 'Test results',
    results: (date: string) => `On ${date} we ran these automated tests.`,
    axe: (pages: number) =>
      `axe-core with the WCAG 2.1 A and AA rules: 0 violations on every one of the ${pages} kinds of public page in the test suite, in Japanese and in English.`,
    lighthouse: 'Lighthouse 12.2.3 scores (mobile settings):',
    lighthouseRow: (page: string, perf: number, a11y: number, bp: number, seo: number) =>
      `${page}: performance ${perf}, accessibility ${a11y}, best practices ${bp}, SEO ${seo}`,
    limitsTitle: 'What automated tests cannot tell',
    limits:
      'Automated tests check only part of the guidelines. How well the pages work with screen readers and how clear the writing is, we improve by listening to the people who use them. The video players of external sites (YouTube, Vimeo) are outside the scope of our tests.',
    feedback: 'Please tell us what you notice through the contact page.',
  },
  privacy: {
    title: 'Privacy policy',
    description: 'What information this site handles, and how.',
    sections: [
      {
        heading: 'What this site records',
        text: 'To prevent misuse we keep, for a limited time, what is needed to serve pages: the connecting IP address, the page and the time. There is no analytics or advertising tracking.',
      },
      {
        heading: 'Cookies',
        text: 'Cookies keep your language, the furigana setting, a value that lets forms be sent safely, and the session of staff who sign in.',
      },
      {
        heading: 'Videos',
        text: 'Videos play in the YouTube or Vimeo player; playing one sends information to that company under its privacy policy. YouTube videos use the embedding that stores no cookies until you play.',
      },
      {
        heading: 'Interviews',
        text: 'Photos and articles about people in the interviews are published only after their consent (who, when, and for what) is recorded. Information inside photos, such as where they were taken, is removed when they are stored. To have an article withdrawn, please contact the secretariat.',
      },
      {
        heading: 'Functions for staff',
        text: 'The functions that corporation, agency and council staff use after signing in handle personal information needed for support. It is shared only within the consent of the person, and every look at it is recorded.',
      },
    ],
  },
  contact: {
    title: 'Contact',
    description: 'Where to ask about Hataraku Support Tokyo.',
    sections: [
      {
        heading: 'People who want to work, and their families',
        text: 'Please start by talking to a support agency where you live (for example a self-reliance support centre). A counsellor will listen and look for a place to work with you.',
      },
      {
        heading: 'About the programme (corporations and agencies)',
        text: 'Please contact the secretariat of the Tokyo Council for the Promotion of Community Public-Interest Activities (Tokyo Council of Social Welfare).',
      },
      {
        heading: 'About the insurance',
        text: 'See the insurance page for whom to ask.',
      },
    ],
  },
};
