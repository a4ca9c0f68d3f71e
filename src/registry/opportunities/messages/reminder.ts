/** The mail asking a facility to confirm its はたらく場 are up to date (freshness.ts sends it). */
import { defineMessages } from '../../../platform/i18n';

export const reminderMessages = defineMessages(
  {
    reminderSubject: (facility: string) =>
      `【はたらくサポートとうきょう】はたらく場の内容確認のお願い(${facility})`,
    reminderBody: (facility: string, items: string, days: number) =>
      `${facility} ご担当者様\n\nいつもはたらくサポートとうきょうにご協力いただき、ありがとうございます。\n次のはたらく場は、最後に内容を確認してから${days}日以上たっています。\n相談支援機関の相談員が最新の情報で探せるよう、内容をご確認ください。\n変更がなければ、各ページの「内容に変更はありません」ボタンを押すだけで確認できます。\n\n${items}\n\nこのメールは送信専用です。`,
  },
  {
    reminderSubject: (facility: string) => `[Hataraku] Please confirm your work opportunities (${facility})`,
    reminderBody: (facility: string, items: string, days: number) =>
      `Dear contact at ${facility},\n\nThe following opportunities were last confirmed more than ${days} days ago. Please check them; if nothing changed, one click on "Nothing has changed" confirms each.\n\n${items}\n`,
  },
);
