/** Strings of the forgotten-password pages. */
import { defineMessages } from '../../platform/i18n';

export const passwordResetMessages = defineMessages(
  {
    forgot: {
      title: 'パスワードの再設定',
      intro:
        'ログインに使っているメールアドレスを入力してください。パスワードを再設定するためのリンクをメールでお送りします。',
      email: 'メールアドレス',
      submit: '再設定のリンクを送る',
      backToLogin: 'ログイン画面に戻る',
    },
    sent: {
      title: 'メールをご確認ください',
      body: '入力されたメールアドレスが登録されていれば、パスワード再設定のリンクをお送りしました。リンクの有効期限は1時間で、1回だけ使えます。',
      help: 'メールが届かない場合は、迷惑メールのフォルダをご確認ください。それでも届かない場合は、所属組織の管理者または協議会事務局にお問い合わせください。',
      again: 'メールアドレスを入力し直す',
    },
    reset: {
      title: '新しいパスワードの設定',
      intro: (email: string) => `${email} のアカウントに、新しいパスワードを設定します。`,
      password: '新しいパスワード',
      passwordConfirmation: '新しいパスワード(確認)',
      passwordConfirmationHint: '確認のため、同じパスワードをもう一度入力してください。',
      note: '変更すると、ほかの端末やブラウザでのログインはすべて終了します。',
      submit: 'パスワードを変更する',
    },
    gone: {
      title: 'このリンクは使えません',
      expired: 'リンクの有効期限(1時間)が過ぎています。お手数ですが、もう一度再設定の手続きをしてください。',
      used: 'このリンクはすでに使われています。もう一度再設定する場合は、新しく手続きをしてください。',
      unknown:
        'リンクが正しくないか、すでに使えなくなっています。メールのリンクを省略せずに開くか、もう一度手続きをしてください。',
      again: 'パスワードの再設定をやり直す',
    },
  },
  {
    forgot: {
      title: 'Reset your password',
      intro: 'Enter the e-mail address you sign in with. We will e-mail you a link to choose a new password.',
      email: 'E-mail address',
      submit: 'Send the link',
      backToLogin: 'Back to sign-in',
    },
    sent: {
      title: 'Check your e-mail',
      body: 'If the address you entered has an account, we have sent it a link to reset the password. The link works once, for 1 hour.',
      help: 'If no e-mail arrives, check your spam folder. If it still does not arrive, ask your organisation’s administrator or the council office.',
      again: 'Enter the address again',
    },
    reset: {
      title: 'Choose a new password',
      intro: (email: string) => `Set a new password for the account ${email}.`,
      password: 'New password',
      passwordConfirmation: 'New password (again)',
      passwordConfirmationHint: 'Enter the same password again to confirm it.',
      note: 'Changing it signs you out on every other device and browser.',
      submit: 'Change password',
    },
    gone: {
      title: 'This link cannot be used',
      expired: 'The link has expired (after 1 hour). Please ask for a new one.',
      used: 'This link was already used. To reset the password again, ask for a new link.',
      unknown:
        'The link is wrong or no longer works. Open the whole link from the e-mail, or ask for a new one.',
      again: 'Ask for a new link',
    },
  },
);
