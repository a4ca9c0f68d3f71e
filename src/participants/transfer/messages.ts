/** Strings of the transfer page (移管). */
import { defineMessages } from '../../platform/i18n';
import type { FieldErrors } from '../../platform/ui/form';

export const transferMessages = defineMessages(
  {
    link: '他の相談支援機関へ移管する',
    title: '他の相談支援機関へ移管',
    intro:
      '本人が転居したときなどに、本人の同意を得て、このケースを他の相談支援機関へ移します。アセスメント・支援経過記録・同意の記録も一緒に移り、移管後はこの機関からは見られなくなります。',
    submit: '移管する',
    cancel: '戻る',
    done: '就労希望者を他の相談支援機関へ移管しました。この機関からは見られなくなりました。',
    notActive: '終結したケースは移管できません。',
    placeholder: '選択してください',
    fields: {
      to_agency: '移管先の相談支援機関',
      consented: '本人から移管の同意を得た',
      consent_on: '同意を得た日',
      reason: '移管の理由',
    },
    hints: { consent_on: '例: 2026-11-25', reason: '例: 転居したため(新宿区から八王子市へ)' },
    errors: {
      required: '入力してください',
      invalidChoice: '一覧から選んでください',
      invalidDate: '2026-04-01 や 令和8年4月1日 のような日付を入力してください',
      dateInFuture: '未来の日付は入力できません',
      tooLong: '長すぎます。短くしてください',
      consentRequired: '本人の同意を得てからチェックを入れてください',
    },
  },
  {
    link: 'Transfer to another agency',
    title: 'Transfer to another agency',
    intro:
      'When the person moves, transfer the case to another agency with their consent. Assessments, the support log and consents move with it; afterwards this agency no longer sees it.',
    submit: 'Transfer',
    cancel: 'Back',
    done: 'The participant was transferred to another agency and is no longer visible here.',
    notActive: 'A closed case cannot be transferred.',
    placeholder: 'Choose',
    fields: {
      to_agency: 'Agency to transfer to',
      consented: 'The person agreed to the transfer',
      consent_on: 'Agreed on',
      reason: 'Reason',
    },
    hints: { consent_on: 'e.g. 2026-11-25', reason: 'e.g. moved from Shinjuku to Hachioji' },
    errors: {
      required: 'Enter a value',
      invalidChoice: 'Choose from the list',
      invalidDate: 'Enter a date such as 2026-04-01 or 令和8年4月1日',
      dateInFuture: 'The date cannot be in the future',
      tooLong: 'Too long; shorten it',
      consentRequired: 'Tick once the person has agreed',
    },
  },
);

export type TransferMessages = (typeof transferMessages)['ja'];

export function transferFieldMessages(
  m: TransferMessages,
  errors: Partial<Record<string, string>>,
): FieldErrors {
  const messages: FieldErrors = {};
  for (const [field, code] of Object.entries(errors)) {
    if (code) messages[field] = m.errors[code as keyof TransferMessages['errors']] ?? m.errors.required;
  }
  return messages;
}
