/**
 * The taxonomies of Hataraku's HSDS profile (docs/hsds-profile.md): the program's own controlled
 * lists — work forms, task categories, supports, conditions of work, the 就労訓練事業 認定 —
 * published as HSDS `taxonomy` and `taxonomy_term` objects, so each Japanese-specific fact of an
 * opportunity travels as a standard HSDS `attribute` that points at a term. Pure, no I/O: the
 * codes come from registry/opportunities/opportunity.ts, the Japanese names from its messages.
 */
import { opportunityMessages } from '../opportunities/messages';
import {
  supportCodes,
  taskCategories,
  type WorkForm,
  workFormOf,
  workFormOffers,
} from '../opportunities/opportunity';
import { hsdsId } from './ids';

export type HsdsTaxonomy = { id: string; name: string; description: string; version: string };

export type HsdsTaxonomyTerm = {
  id: string;
  code: string;
  name: string;
  description: string;
  taxonomy_id: string;
  taxonomy: string;
  language: string;
  parent_id?: string;
};

/** The taxonomies of the profile, by code (the code is also each attribute's `link_type`). */
export const taxonomyCodes = ['work_form', 'task', 'support', 'condition', 'certification'] as const;
export type TaxonomyCode = (typeof taxonomyCodes)[number];

const VERSION = '1';
const ja = opportunityMessages.ja;

const taxonomyTexts: Record<TaxonomyCode, { name: string; description: string }> = {
  work_form: {
    name: 'はたらくサポートとうきょう 就労形態',
    description:
      '受け入れの形態。A は短期就労型、B〜D は就労訓練事業(生活困窮者自立支援法)で、それぞれ雇用型か非雇用型です。上位の語は事業全体の就労形態(短期就労型・就労訓練(雇用型)・就労訓練(非雇用型))です。',
  },
  task: {
    name: 'はたらくサポートとうきょう 作業の種類',
    description: 'はたらく場で行う作業の種類(登録シートの区分)。',
  },
  support: {
    name: 'はたらくサポートとうきょう 配慮・支援',
    description:
      'はたらく場で受けられる配慮・支援。属性の value が offered なら対応できる、not_available なら対応できないことを表します。属性がなければ未回答です。',
  },
  condition: {
    name: 'はたらくサポートとうきょう 勤務条件',
    description:
      '作業環境、身体的な負担、工賃・給与、交通費、食事、制服、見学・体験・面接などの条件。金額のある語は属性の value に円で入ります。',
  },
  certification: {
    name: 'はたらくサポートとうきょう 認定',
    description: '事業所が受けている就労訓練事業の認定(生活困窮者自立支援法)。',
  },
};

export function taxonomyId(code: TaxonomyCode): string {
  return hsdsId('taxonomy', code);
}

export function termId(taxonomy: TaxonomyCode, code: string): string {
  return hsdsId('taxonomy_term', taxonomy, code);
}

export const taxonomies: readonly HsdsTaxonomy[] = taxonomyCodes.map((code) => ({
  id: taxonomyId(code),
  name: taxonomyTexts[code].name,
  description: taxonomyTexts[code].description,
  version: VERSION,
}));

const workFormTexts: Record<WorkForm, string> = {
  short_term: '短期就労型',
  training_employed: '就労訓練(雇用型)',
  training_unpaid: '就労訓練(非雇用型)',
};

/** Terms of the condition taxonomy: code → [name, description]. */
export const conditionTerms: Record<string, [name: string, description: string]> = {
  setting_indoor: [`作業場所: ${ja.settings.indoor}`, '屋内での作業です。'],
  setting_outdoor: [`作業場所: ${ja.settings.outdoor}`, '屋外での作業です。'],
  setting_both: [`作業場所: ${ja.settings.both}`, '屋内と屋外の両方で作業します。'],
  load_light: [`身体的な負担: ${ja.loads.light}`, '身体的な負担の軽い作業です。'],
  load_moderate: [`身体的な負担: ${ja.loads.moderate}`, '身体的な負担がふつうの作業です。'],
  load_heavy: [`身体的な負担: ${ja.loads.heavy}`, '力仕事を含む作業です。'],
  pay_none: ['工賃・給与: なし', '工賃・給与の支払いはありません。'],
  pay_hourly: [
    `工賃・給与: ${ja.payTypes.hourly}`,
    '時間あたりの支払いがあります。value は円(1時間あたり)。',
  ],
  pay_daily: [`工賃・給与: ${ja.payTypes.daily}`, '1日あたりの支払いがあります。value は円(1日あたり)。'],
  transport_allowance: [
    '交通費の支給あり',
    '交通費が支給されます。value は1日あたりの上限(円)で、上限がなければ value はありません。',
  ],
  meals_provided: [`食事: ${ja.meals.provided}`, '食事が無料で支給されます。'],
  meals_paid: [`食事: ${ja.meals.paid}`, '食事を有料で利用できます。'],
  uniform_lent: [`制服: ${ja.uniforms.lent}`, '制服・作業着が貸与されます。'],
  uniform_own: [`制服: ${ja.uniforms.own}`, '作業着は各自で用意します。'],
  visit_possible: ['見学できる', '事前の見学ができます。'],
  trial_possible: ['体験できる', '体験(お試しの日)ができます。'],
  interview_required: ['面接あり', '受け入れの前に面接があります。'],
  health_check_required: ['健康診断が必要', '受け入れの前に健康診断が必要です。'],
  works_on_holidays: ['祝日も活動', '祝日も活動しています。'],
  year_end_closed: ['年末年始は休み', '年末年始は休みです。'],
  what_to_bring: ['持ち物', 'value は持ち物(事業所の記入どおり)。'],
  support_note: ['配慮・支援(自由記述)', 'value は配慮・支援についての事業所の記入。'],
};

function term(taxonomy: TaxonomyCode, code: string, name: string, description: string, parent?: string) {
  const value: HsdsTaxonomyTerm = {
    id: termId(taxonomy, code),
    code,
    name,
    description,
    taxonomy_id: taxonomyId(taxonomy),
    taxonomy: taxonomyTexts[taxonomy].name,
    language: 'ja',
  };
  if (parent) value.parent_id = termId(taxonomy, parent);
  return value;
}

/** Every term of the profile, taxonomy by taxonomy, parents before their children. */
export const taxonomyTerms: readonly HsdsTaxonomyTerm[] = [
  ...(Object.keys(workFormTexts) as WorkForm[]).map((code) =>
    term('work_form', code, workFormTexts[code], `事業全体の就労形態: ${workFormTexts[code]}`),
  ),
  ...workFormOffers.map((code) =>
    term(
      'work_form',
      code,
      ja.workForms[code],
      `登録シートの就労形態: ${ja.workForms[code]}`,
      workFormOf(code),
    ),
  ),
  ...taskCategories.map((code) => term('task', code, ja.tasks[code], `作業の種類: ${ja.tasks[code]}`)),
  ...supportCodes.map((code) => term('support', code, ja.supports[code], `配慮・支援: ${ja.supports[code]}`)),
  ...Object.entries(conditionTerms).map(([code, [name, description]]) =>
    term('condition', code, name, description),
  ),
  term(
    'certification',
    'training_certified',
    '就労訓練事業の認定あり',
    '生活困窮者自立支援法による就労訓練事業の認定を受けています。value は認定日、label は認定した自治体と認定番号です。',
  ),
];

const termsById = new Map(taxonomyTerms.map((t) => [t.id, t]));
const termsByKey = new Map(taxonomyTerms.map((t) => [`${t.taxonomy_id}:${t.code}`, t]));

export function findTaxonomy(id: string): HsdsTaxonomy | undefined {
  return taxonomies.find((t) => t.id === id);
}

export function findTerm(id: string): HsdsTaxonomyTerm | undefined {
  return termsById.get(id);
}

/** The term of a taxonomy by its code (throws on a code the profile does not define). */
export function termOf(taxonomy: TaxonomyCode, code: string): HsdsTaxonomyTerm {
  const found = termsByKey.get(`${taxonomyId(taxonomy)}:${code}`);
  if (!found) throw new Error(`HSDS profile: no term ${taxonomy}/${code}`);
  return found;
}

/** Which taxonomy (by code) a term belongs to, and the term's code, for filtering by term id. */
export function termKey(id: string): { taxonomy: TaxonomyCode; code: string } | undefined {
  const found = termsById.get(id);
  if (!found) return undefined;
  const taxonomy = taxonomyCodes.find((c) => taxonomyId(c) === found.taxonomy_id);
  return taxonomy ? { taxonomy, code: found.code } : undefined;
}
