/** Japanese UI strings: the product's first language. en.ts must have the same keys. */
export const ja = {
  appName: 'はたらくサポートとうきょう',
  productName: 'Hataraku',
  skipToContent: '本文へ移動',
  home: 'ホーム',
  mainNavigation: 'メインメニュー',
  breadcrumbs: 'パンくずリスト',
  language: '言語',
  switchLanguage: 'English',
  signIn: 'ログイン',
  signOut: 'ログアウト',
  signedInAs: 'ログイン中',
  demoBanner:
    'デモ環境です。表示されている事業所・相談支援機関・人物はすべて架空のデータです。実在の個人情報を入力しないでください。',
  footerCouncil: '東京都地域公益活動推進協議会',
  footerNote: '社会福祉法人による中間的就労の取り組みを支えるシステムです。',
  roles: {
    council_admin: '協議会事務局(管理者)',
    council_staff: '協議会事務局',
    corporation_admin: '法人管理者',
    facility_coordinator: '受入担当(事業所)',
    counsellor: '相談支援員',
  },
  nav: {
    search: 'はたらく場を探す',
    dashboard: 'ホーム',
    opportunities: 'はたらく場',
    participants: '就労希望者',
    referrals: '受け入れ依頼',
    placements: 'はたらく場の決定',
    calendar: '予定表',
    siteContent: 'サイトの記事',
    organisations: '法人・機関',
    users: 'アカウント管理',
    ownCorporation: '自法人',
    audit: '操作記録',
    digest: 'はたらく場情報の配信',
    mail: '送信メール',
    jobs: 'ジョブ',
    stats: '統計',
    facilities: '事業所',
  },
  form: {
    errorSummaryTitle: '入力内容に問題があります',
    required: '必須',
    optional: '任意',
    submit: '送信',
    save: '保存',
    csrfInvalid: '画面の有効期限が切れました。もう一度送信してください。',
  },
  errors: {
    required: '入力してください',
    invalidEmail: 'メールアドレスの形式で入力してください(例: name@example.jp)',
    tooLong: (max: number) => `${max}文字以内で入力してください`,
    tooShort: (min: number) => `${min}文字以上で入力してください`,
    invalid: '入力内容を確認してください',
    invalidPostalCode: '郵便番号は7桁の数字で入力してください(例: 160-0023)',
  },
  login: {
    forgotPassword: 'パスワードをお忘れの方',
    title: 'ログイン',
    email: 'メールアドレス',
    password: 'パスワード',
    submit: 'ログインする',
    failed: 'メールアドレスまたはパスワードが正しくありません',
    intro: '協議会、社会福祉法人、相談支援機関の職員の方はこちらからログインしてください。',
  },
  dashboard: {
    title: 'ホーム',
    welcome: (name: string) => `${name}さん、こんにちは`,
    organisation: '所属',
    role: '役割',
  },
  landing: {
    title: 'はたらくサポートとうきょう',
    lead: '働きたいけれど働きづらさを抱える方と、社会福祉法人の「はたらく場」をつなぐ取り組みです。',
    forStaff: '関係者の方',
    forStaffText: '協議会・社会福祉法人・相談支援機関の職員の方はログインしてご利用ください。',
  },
  mail: {
    allStatuses: 'すべて',
    filter: '絞り込む',
    sentAt: '送信日時',
    attachments: '添付ファイル',
    title: '送信メール',
    intro: 'システムが送信した(またはSMTP未設定のため保管した)メールの一覧です。',
    to: '宛先',
    subject: '件名',
    status: '状態',
    createdAt: '作成日時',
    empty: 'メールはまだありません。',
    statuses: { queued: '送信待ち', sent: '送信済み', kept: '保管(SMTP未設定)', failed: '送信失敗' },
    back: '一覧に戻る',
    body: '本文',
  },
  pages: {
    previous: '前へ',
    next: '次へ',
    page: (n: number, total: number) => `${n} / ${total} ページ`,
  },
  errorPages: {
    403: {
      title: 'このページを表示する権限がありません',
      body: '必要な場合は所属組織の管理者にお問い合わせください。',
    },
    404: {
      title: 'ページが見つかりません',
      body: 'お探しのページは移動または削除された可能性があります。URLをご確認ください。',
    },
    500: {
      title: 'システムエラーが発生しました',
      body: '申し訳ありません。時間をおいてもう一度お試しください。問題が続く場合は協議会事務局へご連絡ください。',
    },
    reference: '問い合わせ番号',
    backHome: 'ホームへ戻る',
  },
  municipality: {
    title: '区市町村',
    code: '地方公共団体コード',
    name: '名称',
    kana: 'ふりがな',
  },
} as const;

export type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : { [K in keyof T]: Widen<T[K]> };

export type Messages = Widen<typeof ja>;
