/** Strings of the sign-in pages (password, second factor, first enrolment). */
import { defineMessages } from '../../platform/i18n';

export const signInMessages = defineMessages(
  {
    /** The one message for every failed password step: wrong password, unknown, locked, deactivated. */
    failed:
      'メールアドレスまたはパスワードが正しくありません。続けて5回まちがえると、安全のため15分間ログインできなくなります。その場合は時間をおいてお試しください。',
    rateLimited:
      'このネットワークからのログインの試行が多すぎます。10分ほど時間をおいてから、もう一度お試しください。',
    signedOutEverywhere: 'すべての端末からログアウトしました。',
    expired: 'ログインの手続きの有効期限が切れました。もう一度メールアドレスとパスワードを入力してください。',
    twoFactor: {
      title: '2段階認証',
      intro: 'スマートフォンの認証アプリに表示されている6桁の確認コードを入力してください。',
      code: '確認コード',
      codeHint:
        '6桁の数字です(例: 123456)。認証アプリを使えない場合は、2段階認証を設定したときに控えた回復コード(例: abcd-efgh-jkmn)を入力できます。',
      submit: '確認する',
      failed:
        '確認コードが正しくありません。新しいコードを入力してください。続けて5回まちがえると、安全のため15分間ログインできなくなります。',
      restart: 'ログインをやり直す',
    },
    setup: {
      title: '2段階認証の設定',
      intro:
        '所属する組織の設定により、ログインには2段階認証が必要です。はじめに、スマートフォンの認証アプリを設定してください。設定が終わるまで、ほかの画面は表示できません。',
    },
  },
  {
    failed:
      'The e-mail address or password is incorrect. After 5 failed attempts in a row, the account cannot sign in for 15 minutes, for safety; if that happens, please try again later.',
    rateLimited: 'Too many sign-in attempts from this network. Please wait about 10 minutes and try again.',
    signedOutEverywhere: 'You have been signed out on all devices.',
    expired: 'The sign-in has expired. Please enter your e-mail address and password again.',
    twoFactor: {
      title: 'Two-step verification',
      intro: 'Enter the 6-digit code shown in the authenticator app on your phone.',
      code: 'Verification code',
      codeHint:
        'Six digits (e.g. 123456). If you cannot use the app, enter one of the recovery codes you kept when you set up two-step verification (e.g. abcd-efgh-jkmn).',
      submit: 'Verify',
      failed:
        'The code is incorrect. Please enter a new code. After 5 failed attempts in a row, the account cannot sign in for 15 minutes, for safety.',
      restart: 'Start signing in again',
    },
    setup: {
      title: 'Set up two-step verification',
      intro:
        'Your organisation requires two-step verification to sign in. First set up an authenticator app on your phone. No other page is available until this is done.',
    },
  },
);

export type SignInMessages = (typeof signInMessages)['ja'];
