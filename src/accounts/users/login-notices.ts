/**
 * The confirmations the sign-in page shows after a flow that ends there:
 * `/login?notice=registered` (an invitation accepted) and `/login?notice=password-changed`
 * (a password reset). Only these keys map to text, so the query cannot inject a message.
 */
import { defineMessages, type Locale } from '../../platform/i18n';

export const loginNoticeMessages = defineMessages(
  {
    registered: 'アカウントを登録しました。メールアドレスと、設定したパスワードでログインしてください。',
    'password-changed':
      'パスワードを変更しました。新しいパスワードでログインしてください。ほかの端末のログインはすべて終了しました。',
  },
  {
    registered: 'Your account is registered. Sign in with your e-mail address and the password you chose.',
    'password-changed':
      'Your password is changed. Sign in with the new password. You were signed out everywhere else.',
  },
);

export type LoginNotice = keyof (typeof loginNoticeMessages)['ja'];

/** The text for `?notice=…` on /login, or undefined for any other value. */
export function loginNotice(key: string | undefined, locale: Locale): string | undefined {
  if (key !== 'registered' && key !== 'password-changed') return undefined;
  return loginNoticeMessages[locale][key];
}
