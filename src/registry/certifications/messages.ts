/** Strings of the 就労訓練事業の認定 page and notes. */
import { defineMessages } from '../../platform/i18n';

export const certificationMessages = defineMessages(
  {
    title: '就労訓練事業の認定',
    intro: (facility: string) =>
      `${facility}の生活困窮者就労訓練事業の認定を登録します。はたらく場で就労形態B〜Dを選ぶには、状態が「認定済み」の認定が必要です。`,
    choose: '選択してください',
    save: '保存する',
    cancel: '戻る',
    saved: '認定の情報を保存しました。',
    editLink: '認定の登録・変更',
    missingNote: 'この事業所には有効な就労訓練事業の認定が登録されていません。',
    validNote: (number: string) => `この事業所の就労訓練事業の認定: ${number}(認定済み)`,
    none: '登録されていません。',
    fields: {
      number: '認定番号',
      certified_on: '認定日',
      authority: '認定した自治体',
      status: '状態',
    },
    hints: {
      certified_on: '例: 2024-04-01',
      authority: '例: 東京都、八王子市',
    },
    statuses: {
      applying: '申請中',
      certified: '認定済み',
      suspended: '停止中',
      revoked: '取消・廃止',
    },
    errors: {
      required: '入力してください',
      tooLong: '文字数が多すぎます。短くしてください',
      invalidDate: '日付は「2024-04-01」のように入力してください',
      futureDate: '今日より後の日付は入力できません',
      invalidChoice: '一覧から選んでください',
    },
  },
  {
    title: '就労訓練 certification',
    intro: (facility: string) =>
      `Register ${facility}'s certification as a 就労訓練 operator. Forms B–D need a certification with status "Certified".`,
    choose: 'Choose',
    save: 'Save',
    cancel: 'Back',
    saved: 'The certification was saved.',
    editLink: 'Register or change the certification',
    missingNote: 'This facility has no valid 就労訓練 certification registered.',
    validNote: (number: string) => `This facility's 就労訓練 certification: ${number} (certified)`,
    none: 'Not registered.',
    fields: {
      number: 'Certification number',
      certified_on: 'Date certified',
      authority: 'Certifying authority',
      status: 'Status',
    },
    hints: {
      certified_on: 'e.g. 2024-04-01',
      authority: 'e.g. Tokyo Metropolitan Government, Hachioji',
    },
    statuses: {
      applying: 'Applied for',
      certified: 'Certified',
      suspended: 'Suspended',
      revoked: 'Revoked or ended',
    },
    errors: {
      required: 'Enter a value',
      tooLong: 'Too long; shorten it',
      invalidDate: 'Enter a date like 2024-04-01',
      futureDate: 'The date cannot be in the future',
      invalidChoice: 'Choose from the list',
    },
  },
);

export type CertificationMessages = (typeof certificationMessages)['ja'];
