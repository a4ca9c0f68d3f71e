/** Strings of the audit log pages. */
import { defineMessages } from '../i18n';

export const auditMessages = defineMessages(
  {
    title: '操作記録',
    intro:
      'サインイン、権限の変更、組織データの作成・変更、個人情報の閲覧などの記録です。記録は追記のみで、誰も変更・削除できません。',
    from: '開始日',
    to: '終了日',
    action: '操作',
    actionHint: '例: auth.sign_in(「auth.」で始まる操作すべてを表示)',
    userEmail: '操作した人のメールアドレス',
    subjectType: '対象の種類',
    filter: '絞り込む',
    export: 'CSVでダウンロード',
    at: '日時',
    user: '操作した人',
    subject: '対象',
    ip: 'IPアドレス',
    detail: '詳細',
    empty: '条件に合う記録はありません。',
    count: (n: number) => `${n.toLocaleString('ja-JP')}件`,
    system: 'システム',
    invalidDate: '日付は YYYY-MM-DD の形式で入力してください(例: 2026-11-25)',
  },
  {
    title: 'Audit log',
    intro:
      'Sign-ins, permission changes, changes to organisation data and reads of personal data. The log is append-only: nobody can change or delete it.',
    from: 'From',
    to: 'To',
    action: 'Action',
    actionHint: 'e.g. auth.sign_in ("auth." shows every action starting with it)',
    userEmail: 'E-mail of the person who acted',
    subjectType: 'Subject type',
    filter: 'Filter',
    export: 'Download CSV',
    at: 'When',
    user: 'Who',
    subject: 'Subject',
    ip: 'IP address',
    detail: 'Detail',
    empty: 'No events match.',
    count: (n: number) => `${n.toLocaleString('en-GB')} events`,
    system: 'System',
    invalidDate: 'Enter a date as YYYY-MM-DD, like 2026-11-25',
  },
);
