/**
 * Who hears of a referral's change: the other side (the agency's counsellor, or the facility's
 * staff), the facility when a request is sent, and the facility when the system withdraws it
 * because the case closed. Titles carry no personal data.
 */
import { facilityStaffIds, notify } from '../../notifications/notify';
import { referralMessages } from '../messages';
import type { Party } from '../state-machine';
import { agencyRecipients } from '../store/case';
import type { Executor, ReferralSummary } from '../store/referrals';

const link = (id: string) => `/referrals/${id}`;

/** Tells the side(s) other than `from` (never the acting user). */
export async function notifyOtherSide(
  trx: Executor,
  referral: ReferralSummary,
  from: Party,
  actingUserId: string | null,
  kind: string,
  title: (m: (typeof referralMessages)['ja']) => string,
): Promise<void> {
  const userIds =
    from === 'facility' || from === 'system'
      ? await agencyRecipients(trx, referral)
      : from === 'agency'
        ? await facilityStaffIds(trx, referral.facilityId)
        : [...(await agencyRecipients(trx, referral)), ...(await facilityStaffIds(trx, referral.facilityId))];
  const recipients = userIds.filter((id) => id !== actingUserId);
  if (recipients.length === 0) return;
  await notify(trx, {
    userIds: recipients,
    kind,
    title: { ja: title(referralMessages.ja), en: title(referralMessages.en) },
    link: link(referral.id),
  });
}

/** Tells the facility's staff that a request was sent to them. */
export async function afterSend(
  trx: Executor,
  referral: ReferralSummary,
  actorUserId: string,
): Promise<void> {
  const staff = await facilityStaffIds(trx, referral.facilityId);
  const recipients = staff.filter((id) => id !== actorUserId);
  if (recipients.length === 0) return;
  await notify(trx, {
    userIds: recipients,
    kind: 'referral.sent',
    title: {
      ja: referralMessages.ja.notify.sent(referral.facilityName, referral.opportunityTitle),
      en: referralMessages.en.notify.sent(referral.facilityName, referral.opportunityTitle),
    },
    link: link(referral.id),
  });
}

/**
 * The case closed and the system withdrew the request: the facility hears that it ended (no
 * personal data in the title). A draft was never sent, so nobody there knew of it.
 */
export async function notifyCaseWithdrawn(trx: Executor, referral: ReferralSummary): Promise<void> {
  if (referral.state === 'draft') return;
  const staff = await facilityStaffIds(trx, referral.facilityId);
  if (staff.length === 0) return;
  await notify(trx, {
    userIds: staff,
    kind: 'referral.withdraw',
    title: {
      ja: referralMessages.ja.notify.changed(
        referral.facilityName,
        referral.opportunityTitle,
        referralMessages.ja.states.withdrawn,
      ),
      en: referralMessages.en.notify.changed(
        referral.facilityName,
        referral.opportunityTitle,
        referralMessages.en.states.withdrawn,
      ),
    },
    link: link(referral.id),
  });
}
