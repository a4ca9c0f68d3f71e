/** The council's list of reasons for closing a referral (declined, not agreed, withdrawn). */
import type { Executor } from './referrals';

export type CloseReason = {
  code: string;
  labelJa: string;
  labelEn: string;
  forDeclined: boolean;
  forNotAgreed: boolean;
  forWithdrawn: boolean;
  active: boolean;
  sortOrder: number;
};

export async function listCloseReasons(db: Executor): Promise<CloseReason[]> {
  const rows = await db
    .selectFrom('referral_close_reason')
    .select([
      'code',
      'label_ja',
      'label_en',
      'for_declined',
      'for_not_agreed',
      'for_withdrawn',
      'active',
      'sort_order',
    ])
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
  return rows.map((r) => ({
    code: r.code,
    labelJa: r.label_ja,
    labelEn: r.label_en,
    forDeclined: r.for_declined === 1,
    forNotAgreed: r.for_not_agreed === 1,
    forWithdrawn: r.for_withdrawn === 1,
    active: r.active === 1,
    sortOrder: r.sort_order,
  }));
}

export async function upsertCloseReason(db: Executor, reason: CloseReason, at: string): Promise<void> {
  const values = {
    label_ja: reason.labelJa,
    label_en: reason.labelEn,
    for_declined: reason.forDeclined ? 1 : 0,
    for_not_agreed: reason.forNotAgreed ? 1 : 0,
    for_withdrawn: reason.forWithdrawn ? 1 : 0,
    active: reason.active ? 1 : 0,
    sort_order: reason.sortOrder,
    updated_at: at,
  };
  const updated = await db
    .updateTable('referral_close_reason')
    .set(values)
    .where('code', '=', reason.code)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    await db
      .insertInto('referral_close_reason')
      .values({ code: reason.code, ...values })
      .execute();
  }
}
