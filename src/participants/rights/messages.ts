/** Strings of the person's-rights pages: export, closing a case. */
import { defineMessages } from '../../platform/i18n';
import type { FieldErrors } from '../../platform/ui/form';

export const rightsMessages = defineMessages(
  {
    section: '本人の権利と終結',
    sectionIntro:
      '本人から求められたときは、記録しているすべての情報を本人に渡せます(PDF)。他の機関への移管にはJSONを使います。訂正は「就労希望者の情報を編集」から行えます。',
    exportPdf: '本人に渡す記録(PDF)',
    exportJson: '記録の書き出し(JSON・移管用)',
    closeLink: 'ケースを終結する',
    closeTitle: 'ケースを終結',
    closeIntro:
      '支援が終わったときに記録します。終結したケースは、保存期間(初期設定5年)が過ぎると自動で匿名化され、統計に必要な項目だけが残ります。',
    close: '終結する',
    cancel: '戻る',
    closed: 'ケースを終結しました。',
    notActive: 'このケースはすでに終結しています。',
    closedNotice: (on: string) => `このケースは ${on} に終結しました。`,
    fields: { closed_on: '終結日', reason: '終結の理由' },
    hints: { closed_on: '例: 2026-11-25', reason: '例: 就職した、転居した、本人の希望で終了' },
    errors: {
      required: '入力してください',
      invalidDate: '2026-04-01 や 令和8年4月1日 のような日付を入力してください',
      dateInFuture: '未来の日付は入力できません',
      tooLong: '長すぎます。短くしてください',
    },
    pdf: {
      title: 'あなたについて記録している情報',
      intro: (agency: string, date: string) =>
        `${agency}が、はたらくサポートとうきょうの支援のために記録している情報のすべてです(${date}現在)。間違いがあれば担当者に伝えてください。直します。`,
      person: 'あなたの情報',
      assessments: 'アセスメント(聞き取りの記録)',
      log: '支援の記録',
      consents: '情報提供の同意',
      none: 'ありません',
      version: (n: number, date: string) => `第${n}版(${date})`,
    },
  },
  {
    section: 'The person’s rights and closing',
    sectionIntro:
      'On request, give the person everything held about them (PDF). Use JSON to transfer to another agency. Corrections: edit the participant.',
    exportPdf: 'Record for the person (PDF)',
    exportJson: 'Export (JSON, for transfer)',
    closeLink: 'Close the case',
    closeTitle: 'Close the case',
    closeIntro:
      'Record when support ends. Closed cases are anonymised after the retention period (5 years by default), keeping only statistics.',
    close: 'Close',
    cancel: 'Back',
    closed: 'The case was closed.',
    notActive: 'This case is already closed.',
    closedNotice: (on: string) => `This case was closed on ${on}.`,
    fields: { closed_on: 'Closed on', reason: 'Reason' },
    hints: { closed_on: 'e.g. 2026-11-25', reason: 'e.g. found work, moved, ended at their wish' },
    errors: {
      required: 'Enter a value',
      invalidDate: 'Enter a date such as 2026-04-01 or 令和8年4月1日',
      dateInFuture: 'The date cannot be in the future',
      tooLong: 'Too long; shorten it',
    },
    pdf: {
      title: 'What we hold about you',
      intro: (agency: string, date: string) => `Everything ${agency} holds about you (as of ${date}).`,
      person: 'About you',
      assessments: 'Assessments',
      log: 'Support log',
      consents: 'Consents',
      none: 'None',
      version: (n: number, date: string) => `Version ${n} (${date})`,
    },
  },
);

export type RightsMessages = (typeof rightsMessages)['ja'];

export function rightsFieldMessages(m: RightsMessages, errors: Partial<Record<string, string>>): FieldErrors {
  const messages: FieldErrors = {};
  for (const [field, code] of Object.entries(errors)) {
    if (code) messages[field] = m.errors[code as keyof RightsMessages['errors']] ?? m.errors.required;
  }
  return messages;
}
