/**
 * The form's error messages, one per error code of the domain's validation (model/values.ts),
 * and how a validation result becomes the messages shown at each field.
 */
import { defineMessages } from '../../../platform/i18n';
import type { FieldErrors } from '../../../platform/ui/form';
import type { OpportunityErrors } from '../opportunity';

export const errorMessages = defineMessages(
  {
    errors: {
      required: '入力してください',
      requiredChoice: '選んでください',
      tooLong: '文字数が多すぎます。短くしてください',
      invalidChoice: '一覧から選んでください',
      unknownTaskCategory: '作業の種類は一覧から選んでください',
      unknownWorkForm: '就労形態は一覧から選んでください',
      unknownSupport: '配慮・支援は一覧から選んでください',
      certificationRequired:
        'B〜Dの就労訓練を選ぶには、事業所の就労訓練事業の認定(有効なもの)を先に登録してください',
      employedNeedsPay: '雇用型を選んだ場合は、賃金(時給または日給)を入力してください',
      invalidWeekday: '曜日を一覧から選んでください',
      invalidTime: '時刻は「8:30」のように入力してください',
      endBeforeStart: '終了時刻は開始時刻より後にしてください',
      invalidCapacity: '定員は0から99までの整数で入力してください',
      windowRequired: '受け入れる曜日と時間を1行以上入力してください',
      tooManyWindows: '曜日と時間は28行までです',
      invalidHours: '0.25〜24の範囲で、0.25時間(15分)単位で入力してください',
      minAboveMax: '最短(最少)は最長(最多)以下にしてください',
      invalidDays: '1から7までの整数で入力してください',
      invalidDate: '日付は「2026-04-01」のように入力してください',
      invalidYen: '0から100,000までの整数(円)で入力してください',
      yenRequired: '金額を入力してください',
      invalidFlag: '「はい」か「いいえ」を選んでください',
    },
  },
  {
    errors: {
      required: 'Enter a value',
      requiredChoice: 'Choose at least one',
      tooLong: 'Too long; shorten it',
      invalidChoice: 'Choose from the list',
      unknownTaskCategory: 'Choose task kinds from the list',
      unknownWorkForm: 'Choose forms of work from the list',
      unknownSupport: 'Choose support from the list',
      certificationRequired: 'Forms B–D need the facility’s valid 就労訓練 certification; register it first',
      employedNeedsPay: 'Employed forms need pay (hourly or daily)',
      invalidWeekday: 'Choose a day from the list',
      invalidTime: 'Enter a time like 8:30',
      endBeforeStart: 'The end must be after the start',
      invalidCapacity: 'Enter a whole number from 0 to 99',
      windowRequired: 'Enter at least one day and time',
      tooManyWindows: 'At most 28 rows',
      invalidHours: 'Between 0.25 and 24, in quarter hours',
      minAboveMax: 'The minimum must not exceed the maximum',
      invalidDays: 'Enter a whole number from 1 to 7',
      invalidDate: 'Enter a date like 2026-04-01',
      invalidYen: 'Enter whole yen from 0 to 100,000',
      yenRequired: 'Enter the amount',
      invalidFlag: 'Choose yes or no',
    },
  },
);

/** Fields answered by ticking or choosing: "required" reads 選んでください there. */
const choiceFields = new Set(['tasks', 'work_forms', 'setting', 'physical_load']);

/** Error codes as the messages a form shows at each field (window rows included). */
export function opportunityFieldMessages(
  m: (typeof errorMessages)['ja'],
  errors: OpportunityErrors,
): FieldErrors {
  const messages: FieldErrors = {};
  for (const [field, code] of Object.entries(errors)) {
    // A support's answer is the form field `support_<code>`.
    const choice = code === 'required' && choiceFields.has(field);
    messages[field.replace(/^supports\.(\w+)$/, 'support_$1')] = choice
      ? m.errors.requiredChoice
      : m.errors[code];
  }
  return messages;
}
