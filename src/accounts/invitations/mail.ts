/**
 * The invitation e-mail: Japanese first, with an English line for staff who read English. Plain
 * text only, so it reads the same in every mail program.
 */

import type { Role } from '../../platform/db/schema';
import { messagesFor } from '../../platform/i18n';
import { formatDateTime } from '../../platform/i18n/format';

export function invitationMail(input: {
  name: string;
  role: Role;
  organisationName: string;
  inviterName: string;
  inviterOrganisationName: string;
  link: string;
  expiresAt: string;
}): { subject: string; text: string } {
  const ja = messagesFor('ja');
  const en = messagesFor('en');
  const expiresJa = formatDateTime(input.expiresAt, 'ja');
  const expiresEn = formatDateTime(input.expiresAt, 'en');
  const text = [
    `${input.name} 様`,
    '',
    `${input.inviterOrganisationName}の${input.inviterName}さんから、「はたらくサポートとうきょう」の業務システムへの招待が届いています。`,
    '',
    `所属: ${input.organisationName}`,
    `役割: ${ja.roles[input.role]}`,
    '',
    '次のリンクを開いて、パスワードを設定してください。設定が終わると、このメールアドレスでログインできるようになります。',
    '',
    input.link,
    '',
    `このリンクの有効期限は ${expiresJa} までです。期限を過ぎた場合は、お手数ですが招待した方にもう一度招待を依頼してください。`,
    'お心当たりのない場合は、このメールを破棄してください。リンクを開かない限り、アカウントは作成されません。',
    '',
    `(English) ${input.inviterOrganisationName} has invited you to Hataraku as ${en.roles[input.role]} of ${input.organisationName}. Open the link above to set your password; it expires on ${expiresEn} (Japan time).`,
    '',
    '--',
    '東京都地域公益活動推進協議会 はたらくサポートとうきょう',
    '※このメールは送信専用のアドレスから送信しています。',
  ].join('\n');
  return { subject: '【はたらくサポートとうきょう】アカウントへのご招待', text };
}
