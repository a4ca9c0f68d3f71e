/**
 * The controlled lists of a はたらく場 (task categories, work forms, supports, pay, meals,
 * uniform, statuses, weekdays), their labels where the domain owns them, what a work form
 * implies, and the size limits of its values. Codes are stable; the page labels live in
 * messages.ts (docs/decisions/010).
 */

/** Task categories (作業の種類): stable codes; the labels live in messages.ts. */
export const taskCategories = [
  'cleaning', // 清掃
  'laundry', // 洗濯
  'cooking_assist', // 調理補助
  'meal_service', // 配膳
  'care_assist', // 介護補助(身体介護なし)
  'transport_escort', // 送迎添乗
  'office_assist', // 事務補助
  'farming_gardening', // 農園芸
  'light_work', // 軽作業
  'grounds_upkeep', // 環境整備
  'other', // その他
] as const;
export type TaskCategory = (typeof taskCategories)[number];

/** The Japanese labels of the task categories, also used for the search text and imports. */
export const taskCategoryLabels: Record<TaskCategory, string> = {
  cleaning: '清掃',
  laundry: '洗濯',
  cooking_assist: '調理補助',
  meal_service: '配膳',
  care_assist: '介護補助(身体介護なし)',
  transport_escort: '送迎添乗',
  office_assist: '事務補助',
  farming_gardening: '農園芸',
  light_work: '軽作業',
  grounds_upkeep: '環境整備',
  other: 'その他',
};

export const workSettings = ['indoor', 'outdoor', 'both'] as const;
export type WorkSetting = (typeof workSettings)[number];

export const physicalLoads = ['light', 'moderate', 'heavy'] as const;
export type PhysicalLoad = (typeof physicalLoads)[number];

/**
 * The forms of work an opportunity offers: the program's registration-sheet letter (A 短期就労型,
 * B–D 就労訓練) × 雇用型 (employed) or 非雇用型 (unpaid). See docs/glossary.md for how these map
 * to the program-wide WorkForm (short_term / training_employed / training_unpaid).
 */
export const workFormOffers = [
  'a_employed',
  'a_unpaid',
  'b_employed',
  'b_unpaid',
  'c_employed',
  'c_unpaid',
  'd_employed',
  'd_unpaid',
] as const;
export type WorkFormOffer = (typeof workFormOffers)[number];
export type WorkForm = 'short_term' | 'training_employed' | 'training_unpaid';

/** The program-wide WorkForm (GLOSSARY) of an offered form. */
export function workFormOf(offer: WorkFormOffer): WorkForm {
  if (offer.startsWith('a_')) return 'short_term';
  return offer.endsWith('_employed') ? 'training_employed' : 'training_unpaid';
}

/** B–D are 就労訓練事業 and need the facility's 認定 under 生活困窮者自立支援法. */
export function needsCertification(offer: WorkFormOffer): boolean {
  return !offer.startsWith('a_');
}

export function isEmployed(offer: WorkFormOffer): boolean {
  return offer.endsWith('_employed');
}

/**
 * Support a facility can give (配慮・支援). Each is stored as offered, explicitly not available
 * (e.g. 車椅子不可), or unknown (neither), so matching can tell "no" from "not said".
 */
export const supportCodes = [
  'short_hours', // 短時間から可
  'supervision', // 見守りあり
  'visual_instructions', // 作業指示を紙や図で
  'rest_breaks', // 休憩の配慮
  'medical_visits', // 通院への配慮
  'mental_developmental', // 精神・発達特性への理解
  'japanese_learners', // 日本語に不安がある方も可
  'gender_consideration', // 性別への配慮
  'wheelchair', // 車椅子可
  'smoke_free', // 禁煙環境
  'same_mentor', // 決まった担当者が指導
  'quiet_break_space', // 静かな休憩場所
  'written_communication', // 筆談での対応
  'gradual_increase', // 時間・日数を少しずつ増やせる
  'step_up_to_employment', // 雇用への移行の可能性あり
] as const;
export type SupportCode = (typeof supportCodes)[number];
export type SupportAnswer = 'yes' | 'no';

export const payTypes = ['none', 'hourly', 'daily'] as const;
export type PayType = (typeof payTypes)[number];

export const mealOptions = ['none', 'provided', 'paid'] as const;
export type MealOption = (typeof mealOptions)[number];

export const uniformOptions = ['none', 'lent', 'own'] as const;
export type UniformOption = (typeof uniformOptions)[number];

export const opportunityStatuses = ['draft', 'published', 'paused', 'full', 'archived'] as const;
export type OpportunityStatus = (typeof opportunityStatuses)[number];

/** Statuses in which an opportunity no longer takes people ("closed" for changed-since). */
export const closedStatuses: readonly OpportunityStatus[] = ['paused', 'full', 'archived'];

/** Statuses shown on the public summary page (受付中 / 満員 / 受付休止中). */
export const publicStatuses: readonly OpportunityStatus[] = ['published', 'full', 'paused'];

/** ISO weekdays: 1 = Monday (月) … 7 = Sunday (日). */
export const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof weekdays)[number];
export const weekdayLabels: Record<Weekday, string> = {
  1: '月',
  2: '火',
  3: '水',
  4: '木',
  5: '金',
  6: '土',
  7: '日',
};

export const MAX_TITLE = 100;
export const MAX_DESCRIPTION = 2000;
export const MAX_NOTE = 500;
export const MAX_WINDOWS = 28;
export const MAX_CAPACITY = 99;
export const MAX_YEN = 100_000;
