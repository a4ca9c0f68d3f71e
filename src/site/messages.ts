/**
 * The public site's words, Japanese first. Facts come from the program's public site
 * (../shared/reference) and SPEC.md; every sentence here is our own. Figures of the
 * accessibility statement come from measurements.ts.
 */
import { defineMessages } from '../platform/i18n';

const ja = {
  siteName: 'はたらくサポートとうきょう',
  siteNav: 'サイトメニュー',
  footerNav: 'サイトについて',
  demoSample: 'サンプル',
  furiganaOn: 'ふりがなをつける',
  furiganaOff: 'ふりがなをはずす',
  easyJapanese: 'やさしい日本語',
  staffSignIn: '関係者ログイン',
  readMore: 'くわしく見る',
  nav: {
    howItWorks: '仕組み',
    flow: '支援の流れ',
    insurance: '保険',
    corporations: '参加法人',
    workPlaces: 'はたらく場',
    stories: 'インタビュー',
    videos: '動画',
    news: 'お知らせ',
    forCorporations: '法人の方へ',
    forAgencies: '相談支援機関の方へ',
    accessibility: 'アクセシビリティ',
    privacy: 'プライバシーポリシー',
    contact: 'お問い合わせ',
  },
  top: {
    title: 'はたらくサポートとうきょう',
    description:
      '働きたいのに働きにくさを抱える方に、社会福祉法人の事業所が「はたらく場」を用意し、相談支援機関とともに支える東京都内の中間的就労の取り組みです。',
    lead: '働きたい気持ちはあるけれど、いきなり一般の職場で働くのは不安。そんな方一人ひとりに合う働き方を一緒に考え、社会福祉法人の事業所で実際に働ける場を用意し、ともに働く取り組みです。',
    whoTitle: 'どんな方のための取り組みですか',
    who: [
      '長いあいだ仕事から離れていた方、体調や生活の事情で短い時間から始めたい方など、働くことに難しさを感じているすべての方が対象です。',
      'ご利用の相談は、お住まいの地域の相談支援機関(自立相談支援機関など)が窓口になります。相談員がお話を伺い、合いそうな「はたらく場」を一緒に探します。',
    ],
    formsTitle: '二つの働き方',
    forms: [
      {
        name: '就労訓練',
        text: '生活困窮者自立支援法にもとづく就労訓練事業です。事業所が「就労訓練事業所」として、その方の状況に合わせた柔軟な働き方で受け入れます。',
      },
      {
        name: '短期就労型',
        text: '社会参加の最初の一歩として、より気軽に参加できる形です。',
      },
    ],
    byTitle: '運営',
    by: '東京都地域公益活動推進協議会(事務局:東京都社会福祉協議会)が、都内の社会福祉法人と相談支援機関と力を合わせて進めています。',
    exploreTitle: 'このサイトでわかること',
    latestNews: '新しいお知らせ',
    latestStories: 'インタビュー',
    noNews: '現在、お知らせはありません。',
    forYouTitle: '関係機関の方へ',
  },
  howItWorks: {
    title: '仕組み',
    description:
      '社会福祉法人の事業所、相談支援機関、協議会がそれぞれ何を担うのか、はたらくサポートとうきょうの仕組みを図と文章で説明します。',
    intro: 'はたらくサポートとうきょうは、三つの立場が役割を分けて、働きたい方を支える仕組みです。',
    diagramTitle: 'はたらくサポートとうきょうの仕組み図',
    diagramDesc:
      '中央に働きたい方。左に相談支援機関、右に社会福祉法人の事業所、上に協議会。相談支援機関は相談・アセスメント・継続した支援を、事業所ははたらく場の提供とともに働くことを担い、協議会は両者を仕組みづくりや研修、保険、はたらく場情報で支えます。',
    diagramTextTitle: '図の内容(文章)',
    labels: {
      person: '働きたい方',
      agency: '相談支援機関',
      corporation: '社会福祉法人の事業所',
      council: '協議会(事務局)',
      agencyRole: '相談・アセスメント・継続支援',
      corporationRole: 'はたらく場・ともに働く',
      councilRole: 'しくみづくり・研修・保険・はたらく場情報',
    },
    roles: [
      {
        who: '社会福祉法人の事業所',
        what: '施設や事業所で「はたらく場」を用意し、働く方を受け入れて、職員とともに働きながら支えます。生活困窮者自立支援法にもとづく「就労訓練事業所」として取り組む事業所もあります。',
      },
      {
        who: '相談支援機関',
        what: '自立相談支援機関などの相談員が、働きたい方のアセスメントを行い、はたらく場を一緒に探し、働き始めてからも継続して支援します。',
      },
      {
        who: '協議会(東京都地域公益活動推進協議会)',
        what: '仕組みづくり、研修、行事保険の運用、はたらく場情報の配信などを通じて、法人と相談支援機関の取り組みを広域で後押しします。',
      },
    ],
    formsTitle: '就労訓練と短期就労型',
    training:
      '就労訓練事業(生活困窮者自立支援法)の対象は、自立相談支援機関のアセスメントで、将来は一般就労ができると見込まれるものの、まずは本人の状況に合わせた柔軟な働き方が必要とされ、福祉事務所を設置する自治体から支援の決定を受けた方です。',
    shortTerm: '短期就労型は、社会参加の最初の一歩として、より気軽に参加できる形です。',
  },
  flow: {
    title: '支援の流れ',
    description:
      'アセスメントから、はたらく場の決定まで。相談支援機関・事業所・ご本人の三者で進める4つのステップです。',
    intro: 'はたらく場が決まるまでは、次の4つのステップで進みます。',
    steps: [
      {
        name: 'アセスメント',
        text: '相談支援機関の相談員が、働きたい方のお話を伺います。希望、得意なこと、体調や生活の状況などを一緒に整理します。',
      },
      {
        name: 'はたらく場情報の確認',
        text: '相談員が「はたらく場情報」(事業所と仕事の一覧)の中から、その方に合いそうな事業所や仕事を探します。',
      },
      {
        name: '受け入れ依頼',
        text: '相談員から事業所へ、受け入れをお願いします。必要に応じて見学や面談を行います。',
      },
      {
        name: 'はたらく場の決定',
        text: 'ご本人の希望、相談支援機関の支援方針、事業所が受け入れられるかどうかをふまえて、三者で話し合って決めます。',
      },
    ],
    after: '働き始めたあとも、相談員と事業所が連絡を取り合いながら支えます。',
  },
  insurance: {
    title: '保険(行事保険)',
    description:
      'はたらくサポートとうきょうに参加する方のけがと、事業を行う側の賠償責任は、東京都社会福祉協議会の行事保険制度で補償されます。',
    intro:
      '参加する方が安心して働けるよう、東京都社会福祉協議会の「行事保険制度」を受け皿にした補償を用意しています。',
    coversTitle: '補償されること',
    covers: [
      '参加する方が、はたらく場での活動中にけがをしたときの補償(傷害補償)',
      '事業を行う側が、活動にともなって損害を与え、賠償の責任を負ったときの補償(賠償責任補償)',
    ],
    rules:
      '補償の内容は行事保険の規定にならいますが、はたらくサポートとうきょうのための独自の取り決めも一部あります。',
    askTitle: '保険についてのお問い合わせ先',
    ask: '補償の範囲や手続きなど、くわしい内容は次の窓口にお問い合わせください。',
    agentLabel: '東京都社会福祉協議会 指定保険代理店',
    agent: '有限会社 東京福祉企画',
    holderLabel: '団体契約者',
    holder: '社会福祉法人 東京都社会福祉協議会 福祉部 経営支援担当',
  },
  corporations: {
    title: '参加法人',
    description:
      'はたらくサポートとうきょうに参加している社会福祉法人の一覧と、各事業所が公開しているはたらく場の概要です。',
    intro: 'はたらくサポートとうきょうには、次の社会福祉法人が参加しています。',
    asOf: (label: string) => `${label}現在`,
    count: (n: number) => `${n}法人`,
    opportunitiesOf: (name: string) => `${name}のはたらく場`,
    noOpportunities: '公開中のはたらく場はまだありません。',
    tableCaption: '参加法人と公開中のはたらく場',
    corporation: '法人名',
    workPlaces: '公開中のはたらく場',
    othersTitle: 'はたらく場を公開しているその他の法人',
  },
  workPlaces: {
    title: 'はたらく場の一覧',
    description:
      '参加法人の事業所で受け入れ中のはたらく場を、市区町村と作業の種類でまとめています。連絡先は掲載していません。',
    intro:
      '参加法人の事業所が、いま受け入れているはたらく場です。どんな仕事があるのかを知るための一覧です。利用を考えている方は、お住まいの地域の相談支援機関にご相談ください。',
    filterTitle: '絞り込み',
    municipality: '市区町村',
    task: '作業の種類',
    all: 'すべて',
    apply: '絞り込む',
    clear: '条件をはずす',
    summaryCaption: '市区町村ごとのはたらく場の数',
    places: 'はたらく場の数',
    tasks: '作業の種類',
    count: (n: number) => `${n}件`,
    none: '条件に合うはたらく場はありません。',
    facility: '事業所',
    forms: '働き方',
    noContacts: '事業所の連絡先や受け入れ人数は掲載していません。相談支援機関の相談員が確認します。',
  },
  stories: {
    title: 'インタビュー',
    description:
      'はたらくサポートとうきょうに参加した方や、受け入れている法人・相談支援機関の方へのインタビューです。',
    none: '現在、公開中のインタビューはありません。',
    photoNote: '写真と記事は、ご本人の同意を得て掲載しています。',
  },
  videos: {
    title: '動画',
    description: 'はたらくサポートとうきょうの仕組みの説明や、支援の実践報告の動画です。',
    none: '現在、公開中の動画はありません。',
    speakers: '報告者・出演者',
    transcript: '文字起こし',
    watchOn: (provider: string) => `${provider}で見る`,
    playerTitle: (title: string) => `動画: ${title}`,
  },
  news: {
    title: 'お知らせ',
    description: 'はたらくサポートとうきょうからのお知らせです。',
    none: '現在、お知らせはありません。',
  },
  item: {
    published: '公開日',
    japaneseOnly: 'この記事は日本語のみです。',
    backTo: (label: string) => `${label}の一覧へ戻る`,
  },
  forCorporations: {
    title: '社会福祉法人の方へ',
    description:
      '社会福祉法人が、はたらくサポートとうきょうに参加して「はたらく場」を提供するまでの流れです。',
    intro:
      '社会福祉法人の地域における公益的な取り組みとして、事業所で「はたらく場」を用意し、働きたい方を受け入れていただけます。',
    stepsTitle: '参加の流れ',
    steps: [
      {
        name: '事務局へのご相談',
        text: '参加を検討されている法人は、まず協議会の事務局にご相談ください。仕組みや受け入れの進め方をご説明します。',
      },
      {
        name: '事業所ごとの登録',
        text: 'はたらく場は事業所ごとに登録します。一つの法人が複数の事業所で受け入れることもできます。',
      },
      {
        name: 'はたらく場の登録と更新',
        text: '仕事の内容、曜日と時間、できる配慮などを登録し、内容が変わったときや定期的な確認の時期に更新します。',
      },
      {
        name: '受け入れ依頼への回答',
        text: '相談支援機関から受け入れ依頼が届いたら、見学や面談をへて、ご本人・相談支援機関と三者で話し合います。',
      },
    ],
    certificationTitle: '就労訓練(B〜D)と認定',
    certification:
      '就労訓練の形(登録票のB〜D)で受け入れるには、生活困窮者自立支援法にもとづく就労訓練事業の認定が必要です。短期就労型(A)は認定がなくても始められます。',
    insurance: '受け入れ中の活動は、協議会の行事保険で補償されます。',
    digest:
      '登録されたはたらく場は「はたらく場情報」として、相談支援機関などへ定期的にメールで届けられます。',
  },
  forAgencies: {
    title: '相談支援機関の方へ',
    description:
      '相談支援機関の方が「はたらく場情報」を使って、相談者に合うはたらく場を探し、受け入れ依頼をするまでの使い方です。',
    intro:
      '自立相談支援機関をはじめとする相談支援機関の方は、相談者に合う「はたらく場」を探し、事業所に受け入れを依頼できます。',
    listTitle: 'はたらく場情報の使い方',
    list: [
      '「はたらく場情報」は、参加法人の事業所が受け入れているはたらく場の一覧です。仕事の内容、曜日と時間、働き方、できる配慮がわかります。',
      '相談員の方はログインすると、曜日・時間・作業・地域などの条件で検索し、相談者のアセスメントに合うはたらく場を探せます。',
      'このサイトの「はたらく場」のページでは、連絡先を除いた概要を公開しています。ご本人やご家族と一緒に、どんな仕事があるのかを見るときにお使いください。',
    ],
    subscribeTitle: 'はたらく場情報のメール配信',
    subscribe:
      'はたらく場情報は、登録された相談支援機関と社会福祉法人に、定期的にメールでお届けしています。配信を希望される方は、お申し込みください。',
    subscribeLink: 'はたらく場情報の配信を申し込む',
    accountTitle: '相談員のアカウント',
    account:
      'システムを使った検索や受け入れ依頼には、相談員ごとのアカウントが必要です。事務局にお問い合わせください。',
  },
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
  pages: { title: 'ページ' },
  easy: {
    label: 'やさしい日本語',
    standard: 'ふつうの日本語のページ',
    inJapanese: 'This page is in easy Japanese (やさしい日本語).',
  },
  notFound: 'ページが見つかりません',
};

const en: typeof ja = {
  siteName: 'Hataraku Support Tokyo',
  siteNav: 'Site menu',
  footerNav: 'About this site',
  demoSample: 'Sample',
  furiganaOn: 'Show furigana',
  furiganaOff: 'Hide furigana',
  easyJapanese: 'Easy Japanese',
  staffSignIn: 'Sign in (staff)',
  readMore: 'Read more',
  nav: {
    howItWorks: 'How it works',
    flow: 'Support flow',
    insurance: 'Insurance',
    corporations: 'Corporations',
    workPlaces: 'Work places',
    stories: 'Interviews',
    videos: 'Videos',
    news: 'News',
    forCorporations: 'For corporations',
    forAgencies: 'For support agencies',
    accessibility: 'Accessibility',
    privacy: 'Privacy policy',
    contact: 'Contact',
  },
  top: {
    title: 'Hataraku Support Tokyo',
    description:
      'An intermediate employment programme in Tokyo: social welfare corporations offer places to work, and support agencies stand by people who want to work but find it hard.',
    lead: 'You want to work, but an ordinary job feels like too big a step for now. This programme works out with each person a way of working that suits them, offers a real place to work at a social welfare corporation, and works alongside them.',
    whoTitle: 'Who is it for?',
    who: [
      'Anyone who finds working difficult: people who have been away from work for a long time, or who need to start with short hours because of their health or circumstances.',
      'To take part, talk to a support agency where you live (for example a self-reliance support centre). A counsellor listens and looks for a suitable place to work with you.',
    ],
    formsTitle: 'Two ways of working',
    forms: [
      {
        name: 'Work training',
        text: 'Work training under the Act on Self-Reliance Support for Needy Persons: the facility accepts the person as a certified work-training provider, with flexible hours that fit their situation.',
      },
      {
        name: 'Short-term work',
        text: 'A lighter first step into social participation, easier to join.',
      },
    ],
    byTitle: 'Who runs it',
    by: 'The Tokyo Council for the Promotion of Community Public-Interest Activities (secretariat: Tokyo Council of Social Welfare), together with social welfare corporations and support agencies across Tokyo.',
    exploreTitle: 'On this site',
    latestNews: 'Latest news',
    latestStories: 'Interviews',
    noNews: 'There is no news at the moment.',
    forYouTitle: 'For partner organisations',
  },
  howItWorks: {
    title: 'How it works',
    description:
      'What the facilities of social welfare corporations, support agencies and the council each do in Hataraku Support Tokyo, as a diagram and in words.',
    intro: 'Three parties share the work of supporting a person who wants to work.',
    diagramTitle: 'Diagram: how Hataraku Support Tokyo works',
    diagramDesc:
      'The person who wants to work is in the centre. A support agency on the left gives consultation, assessment and continuing support; a facility of a social welfare corporation on the right offers a place to work and works alongside the person; the council above backs both with the scheme, training, insurance and the work-place list.',
    diagramTextTitle: 'The diagram in words',
    labels: {
      person: 'Person who wants to work',
      agency: 'Support agency',
      corporation: 'Corporation facility',
      council: 'Council (secretariat)',
      agencyRole: 'Consultation, assessment, support',
      corporationRole: 'Place to work, working together',
      councilRole: 'Scheme, training, insurance, work-place list',
    },
    roles: [
      {
        who: 'Facilities of social welfare corporations',
        what: 'Offer a place to work at their facilities, accept people and support them by working alongside them. Some act as certified work-training providers under the Act on Self-Reliance Support for Needy Persons.',
      },
      {
        who: 'Support agencies',
        what: 'Counsellors, for example at self-reliance support centres, assess the person, look for a place to work together and keep supporting them after they start.',
      },
      {
        who: 'The council',
        what: 'Backs corporations and agencies across Tokyo: it builds the scheme, trains, runs the event insurance and sends out the work-place list.',
      },
    ],
    formsTitle: 'Work training and short-term work',
    training:
      'Work training under the Act is for people whom the self-reliance support agency has assessed as likely to manage ordinary work in future but who first need a flexible way of working that fits their situation, and who have a support decision from a municipality with a welfare office.',
    shortTerm: 'Short-term work is a lighter way to take a first step into social participation.',
  },
  flow: {
    title: 'Support flow',
    description:
      'From assessment to the decision on a place to work: four steps taken by the person, the agency and the facility together.',
    intro: 'A place to work is found in four steps.',
    steps: [
      {
        name: 'Assessment',
        text: 'A counsellor at a support agency listens to the person and sorts out together their wishes, strengths, health and circumstances.',
      },
      {
        name: 'Checking the work-place list',
        text: 'The counsellor looks through the work-place list (facilities and the work they offer) for places that may suit the person.',
      },
      {
        name: 'Acceptance request',
        text: 'The counsellor asks the facility to accept the person. A visit or an interview may come first.',
      },
      {
        name: 'Placement decided',
        text: "The three parties talk it through and decide, weighing the person's wishes, the agency's support plan and whether the facility can accept.",
      },
    ],
    after: 'After the person starts, the counsellor and the facility stay in touch and keep supporting them.',
  },
  insurance: {
    title: 'Insurance (event insurance)',
    description:
      "Injuries of participants and the operator's liability are covered through the event insurance scheme of the Tokyo Council of Social Welfare.",
    intro:
      'So that participants can work with peace of mind, cover is provided through the event insurance scheme (行事保険) of the Tokyo Council of Social Welfare.',
    coversTitle: 'What is covered',
    covers: [
      'Injury of a participant during activities at the place of work (accident cover)',
      'Liability of the operator for damage caused in the course of the activities (liability cover)',
    ],
    rules:
      'The cover follows the rules of the event insurance, with some arrangements specific to Hataraku Support Tokyo.',
    askTitle: 'Questions about the insurance',
    ask: 'For the scope of cover and the procedures, please ask:',
    agentLabel: 'Appointed insurance agent of the Tokyo Council of Social Welfare',
    agent: 'Tokyo Fukushi Kikaku Co., Ltd. (有限会社 東京福祉企画)',
    holderLabel: 'Group policyholder',
    holder:
      'Tokyo Council of Social Welfare, Welfare Department, Management Support (社会福祉法人 東京都社会福祉協議会 福祉部 経営支援担当)',
  },
  corporations: {
    title: 'Participating corporations',
    description:
      'The social welfare corporations taking part in Hataraku Support Tokyo, with summaries of the work places their facilities publish.',
    intro: 'These social welfare corporations take part in Hataraku Support Tokyo.',
    asOf: (label: string) => `As of ${label}`,
    count: (n: number) => `${n} corporations`,
    opportunitiesOf: (name: string) => `Work places of ${name}`,
    noOpportunities: 'No work places published yet.',
    tableCaption: 'Participating corporations and their published work places',
    corporation: 'Corporation',
    workPlaces: 'Published work places',
    othersTitle: 'Other corporations publishing work places',
  },
  workPlaces: {
    title: 'Work places',
    description:
      'Work places now accepting people at the facilities of participating corporations, by municipality and kind of task. No contact details are shown.',
    intro:
      'These are the work places the facilities of participating corporations are accepting people for now, to show what kinds of work exist. If you are thinking of taking part, please talk to a support agency where you live.',
    filterTitle: 'Filter',
    municipality: 'Municipality',
    task: 'Kind of task',
    all: 'All',
    apply: 'Filter',
    clear: 'Clear filter',
    summaryCaption: 'Work places by municipality',
    places: 'Work places',
    tasks: 'Kinds of task',
    count: (n: number) => `${n}`,
    none: 'No work places match.',
    facility: 'Facility',
    forms: 'Ways of working',
    noContacts:
      "Facilities' contact details and numbers of places are not shown here; a counsellor checks them.",
  },
  stories: {
    title: 'Interviews',
    description:
      'Interviews with people who took part in Hataraku Support Tokyo and with the corporations and agencies involved.',
    none: 'No interviews are published at the moment.',
    photoNote: 'Photos and articles are published with the consent of the people shown.',
  },
  videos: {
    title: 'Videos',
    description: 'Videos explaining how Hataraku Support Tokyo works, and practice reports.',
    none: 'No videos are published at the moment.',
    speakers: 'Speakers',
    transcript: 'Transcript',
    watchOn: (provider: string) => `Watch on ${provider}`,
    playerTitle: (title: string) => `Video: ${title}`,
  },
  news: {
    title: 'News',
    description: 'News from Hataraku Support Tokyo.',
    none: 'There is no news at the moment.',
  },
  item: {
    published: 'Published',
    japaneseOnly: 'This article is available in Japanese only.',
    backTo: (label: string) => `Back to ${label}`,
  },
  forCorporations: {
    title: 'For social welfare corporations',
    description: 'How a social welfare corporation joins Hataraku Support Tokyo and offers places to work.',
    intro:
      'As part of their community public-interest activities, social welfare corporations offer places to work at their facilities and accept people who want to work.',
    stepsTitle: 'How to join',
    steps: [
      {
        name: 'Talk to the secretariat',
        text: "If your corporation is considering taking part, first contact the council's secretariat. We explain the scheme and how accepting people works.",
      },
      {
        name: 'Register each facility',
        text: 'Work places are registered per facility. One corporation may accept people at several facilities.',
      },
      {
        name: 'Register and update work places',
        text: 'Enter the work, the days and times and the support you can give; update them when they change and at the regular check.',
      },
      {
        name: 'Answer acceptance requests',
        text: 'When an agency sends a request, a visit or interview may follow, then the person, the agency and your facility decide together.',
      },
    ],
    certificationTitle: 'Work training (forms B–D) and certification',
    certification:
      'Accepting people in the work-training forms (B–D on the registration sheet) requires certification as a work-training provider under the Act on Self-Reliance Support for Needy Persons. Short-term work (A) can start without it.',
    insurance: "Activities during a placement are covered by the council's event insurance.",
    digest:
      'Registered work places are sent regularly by e-mail to support agencies and others as the work-place list.',
  },
  forAgencies: {
    title: 'For support agencies',
    description:
      'How support agencies use the work-place list to find suitable places for the people they support, and send acceptance requests.',
    intro:
      'Support agencies, above all self-reliance support centres, can look for places to work that suit the people they support and ask facilities to accept them.',
    listTitle: 'Using the work-place list',
    list: [
      'The work-place list shows the places to work that the facilities of participating corporations offer: the work, the days and times, the ways of working and the support available.',
      'Counsellors who sign in can search by day, time, task and area, and find places that fit the assessment of the person they support.',
      'The "Work places" page of this site shows a public summary without contact details, to look at together with the person and their family.',
    ],
    subscribeTitle: 'The work-place list by e-mail',
    subscribe:
      'The work-place list is e-mailed regularly to registered support agencies and social welfare corporations. Please apply if you would like to receive it.',
    subscribeLink: 'Apply for the work-place list by e-mail',
    accountTitle: 'Accounts for counsellors',
    account:
      'Searching and sending requests in the system needs an account for each counsellor. Please contact the secretariat.',
  },
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
  pages: { title: 'Pages' },
  easy: {
    label: 'Easy Japanese',
    standard: 'The page in English',
    inJapanese: 'This page is in easy Japanese (やさしい日本語).',
  },
  notFound: 'Page not found',
};

export const siteMessages = defineMessages(ja, en);
export type SiteMessages = typeof ja;
