/** Strings of two-factor enrolment and recovery codes (used on the account page and at sign-in). */
import { defineMessages } from '../../platform/i18n';

export const twoFactorMessages = defineMessages(
  {
    enrol: {
      stepApp: '1. 認証アプリを用意する',
      stepAppText:
        'スマートフォンに認証アプリ(Google Authenticator、Microsoft Authenticator など)を入れてください。',
      stepScan: '2. QRコードを読み取る',
      stepScanText: '認証アプリで次のQRコードを読み取ってください。',
      qrAlt: '認証アプリで読み取るQRコード(読み取れない場合は、下の設定キーを入力してください)',
      secretLabel: 'QRコードを読み取れない場合の設定キー',
      secretHint:
        '認証アプリで「キーを入力」を選び、この文字列を入力してください(空白は入力しなくてかまいません)。',
      stepConfirm: '3. 確認コードを入力する',
      code: '認証アプリに表示された6桁の確認コード',
      codeHint: '数字6桁です(例: 123456)。コードは30秒ごとに変わります。',
      submit: '2段階認証を有効にする',
      invalidCode: '確認コードが正しくありません。認証アプリに表示されている最新のコードを入力してください。',
    },
    recovery: {
      title: '回復コード',
      intro:
        'スマートフォンをなくしたときなど、認証アプリを使えない場合に、確認コードの代わりに入力できるコードです。それぞれ1回だけ使えます。',
      once: 'この回復コードが表示されるのは今回だけです。印刷するか書き写して、他の人が見られない場所に保管してください。',
      listLabel: '回復コードの一覧',
      continue: '控えたので次へ進む',
    },
  },
  {
    enrol: {
      stepApp: '1. Get an authenticator app',
      stepAppText:
        'Install an authenticator app (Google Authenticator, Microsoft Authenticator, etc.) on your phone.',
      stepScan: '2. Scan the QR code',
      stepScanText: 'Scan this QR code with the authenticator app.',
      qrAlt: 'QR code for the authenticator app (if it cannot be scanned, enter the setup key below)',
      secretLabel: 'Setup key, if the QR code cannot be scanned',
      secretHint: 'In the app, choose "Enter a setup key" and type this text (spaces are optional).',
      stepConfirm: '3. Enter the verification code',
      code: 'The 6-digit code shown in the authenticator app',
      codeHint: 'Six digits (e.g. 123456). The code changes every 30 seconds.',
      submit: 'Turn on two-step verification',
      invalidCode: 'The code is incorrect. Please enter the latest code shown in the authenticator app.',
    },
    recovery: {
      title: 'Recovery codes',
      intro:
        'Codes you can enter instead of a verification code when you cannot use the authenticator app, for example if you lose your phone. Each works once.',
      once: 'These recovery codes are shown only this once. Print them or write them down, and keep them where no one else can see them.',
      listLabel: 'Recovery codes',
      continue: 'I have kept them: continue',
    },
  },
);

export type TwoFactorMessages = (typeof twoFactorMessages)['ja'];
