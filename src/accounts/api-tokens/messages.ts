/** Strings of the API token page (/account/tokens). */
import { defineMessages } from '../../platform/i18n';

export const apiTokenMessages = defineMessages(
  {
    title: 'APIトークン',
    account: 'アカウント',
    intro:
      'ほかのシステムから Hataraku の API を使うためのトークンです。トークンはあなたと同じ権限で動作します。パスワードと同じように、第三者に知られないよう管理してください。',
    create: {
      title: '新しいトークンを作成する',
      name: 'トークンの名前',
      nameHint: '何に使うトークンかわかる名前を付けてください(例: 集計用スプレッドシート)。',
      lifetime: '有効期間',
      lifetimes: { 30: '30日', 90: '90日', 365: '1年(365日)' },
      submit: 'トークンを作成する',
      lifetimeRequired: '有効期間を選んでください',
    },
    created: {
      title: 'トークンを作成しました',
      warning:
        'このトークンは今だけ表示されます。この画面を離れると二度と表示できません。コピーして安全な場所に保管してください。',
      label: '新しいトークン',
      usage:
        'API を呼び出すときは、リクエストの Authorization ヘッダーに「Bearer」とトークンを付けてください。',
    },
    list: {
      title: '作成済みのトークン',
      empty: '有効なトークンはありません。',
      name: '名前',
      prefix: 'トークン(先頭)',
      createdAt: '作成日時',
      expiresAt: '有効期限',
      lastUsedAt: '最終使用',
      actions: '操作',
      neverUsed: '未使用',
      expired: '期限切れ',
      revoke: '無効にする',
      revokeLabel: (name: string) => `トークン「${name}」を無効にする`,
    },
    notices: {
      revoked: 'トークンを無効にしました。このトークンでは API を使えなくなりました。',
    },
  },
  {
    title: 'API tokens',
    account: 'Account',
    intro:
      'Tokens let other systems use the Hataraku API. A token acts with your permissions: keep it as secret as your password.',
    create: {
      title: 'Create a token',
      name: 'Token name',
      nameHint: 'A name that says what the token is for (e.g. statistics spreadsheet).',
      lifetime: 'Valid for',
      lifetimes: { 30: '30 days', 90: '90 days', 365: '1 year (365 days)' },
      submit: 'Create token',
      lifetimeRequired: 'Choose how long the token is valid',
    },
    created: {
      title: 'Token created',
      warning:
        'This token is shown only now. Once you leave this page it cannot be shown again. Copy it and keep it safe.',
      label: 'New token',
      usage: 'Send it in the Authorization header of each API request: "Bearer" followed by the token.',
    },
    list: {
      title: 'Your tokens',
      empty: 'You have no active tokens.',
      name: 'Name',
      prefix: 'Token (start)',
      createdAt: 'Created',
      expiresAt: 'Expires',
      lastUsedAt: 'Last used',
      actions: 'Actions',
      neverUsed: 'Never',
      expired: 'Expired',
      revoke: 'Revoke',
      revokeLabel: (name: string) => `Revoke the token "${name}"`,
    },
    notices: {
      revoked: 'Token revoked. It no longer works with the API.',
    },
  },
);

export type ApiTokenMessages = (typeof apiTokenMessages)['ja'];
