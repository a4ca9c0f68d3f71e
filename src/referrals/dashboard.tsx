/**
 * What needs each role's action on referrals (受け入れ依頼), for the home page (/dashboard):
 * a counsellor — questions from a facility waiting for an answer, and the facility's answers
 * (a visit, trial day or meeting scheduled, or a refusal) of the last 14 days; facility staff —
 * requests waiting for their answer; the council — open requests without a change for the
 * reminder period (REFERRAL_REMINDER_BUSINESS_DAYS, 3 by default) or longer. Counts only, no
 * personal data; each line links to the work list at /referrals.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../platform/auth/policy';
import { businessDaysBetween, tokyoDateOf } from '../platform/calendar/business-days';
import type { Database } from '../platform/db/schema';
import type { Locale } from '../platform/i18n';
import { referralMessages } from './messages';
import { awaitingFacility, isTerminal, partyOfRole } from './state-machine';
import { visibleTo } from './store/referrals';

/** Business days without a change after which an open request counts as stalled, unless configured (the reminder period, as on the work list). */
export const STALLED_BUSINESS_DAYS = 3;
/** How long a facility's answer stays on the counsellor's home page. */
export const ANSWER_DAYS = 14;
const answerEvents = ['schedule_visit', 'schedule_trial', 'schedule_meeting', 'decline'];

export type ReferralActions =
  | { party: 'agency'; questions: number; answered: number }
  | { party: 'facility'; waiting: number }
  | { party: 'council'; stalled: number; stalledAfter: number };

export async function referralActionsFor(
  db: Kysely<Database>,
  actor: Actor,
  options: { now?: Date; stalledAfter?: number } = {},
): Promise<ReferralActions | undefined> {
  const now = options.now ?? new Date();
  const stalledAfter = options.stalledAfter ?? STALLED_BUSINESS_DAYS;
  const party = partyOfRole(actor.role);
  const base = () =>
    db
      .selectFrom('referral as r')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(visibleTo(actor));
  const count = async (query: ReturnType<typeof base>) => Number((await query.executeTakeFirst())?.n ?? 0);
  if (party === 'agency') {
    if (actor.role !== 'counsellor') return undefined;
    const since = new Date(now.getTime() - ANSWER_DAYS * 86_400_000).toISOString();
    const questions = await count(base().where('r.state', '=', 'questions'));
    const answered = await count(
      base()
        .where('r.last_transition_at', '>=', since)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('referral_event as e')
              .select('e.id')
              .whereRef('e.referral_id', '=', 'r.id')
              .whereRef('e.at', '=', 'r.last_transition_at')
              .where('e.party', '=', 'facility')
              .where('e.event', 'in', answerEvents),
          ),
        ),
    );
    return { party, questions, answered };
  }
  if (party === 'facility') {
    return { party, waiting: await count(base().where('r.state', 'in', [...awaitingFacility])) };
  }
  if (actor.role !== 'council_admin' && actor.role !== 'council_staff') return undefined;
  const open = await db
    .selectFrom('referral as r')
    .select(['r.state', 'r.last_transition_at'])
    .where(visibleTo(actor))
    .where('r.closed_at', 'is', null)
    .execute();
  const today = tokyoDateOf(now.toISOString());
  const stalled = open.filter(
    (r) =>
      !isTerminal(r.state) && businessDaysBetween(tokyoDateOf(r.last_transition_at), today) >= stalledAfter,
  ).length;
  return { party: 'council', stalled, stalledAfter };
}

/** The home page's section: what waits for the user's action, with links to the work list. */
export function ReferralActionsPanel(props: { actions: ReferralActions | undefined; locale: Locale }) {
  const { actions } = props;
  if (!actions) return null;
  const m = referralMessages[props.locale].dashboard;
  const lines: { href: string; text: string }[] =
    actions.party === 'agency'
      ? [
          { href: '/referrals?state=questions', text: m.questions(actions.questions) },
          { href: '/referrals', text: m.answered(actions.answered, ANSWER_DAYS) },
        ]
      : actions.party === 'facility'
        ? [{ href: '/referrals', text: m.waiting(actions.waiting) }]
        : [{ href: '/referrals', text: m.stalled(actions.stalled, actions.stalledAfter) }];
  return (
    <section aria-labelledby="referral-actions">
      <h2 id="referral-actions">{m.title}</h2>
      <ul>
        {lines.map((l) => (
          <li>
            <a href={l.href}>{l.text}</a>
          </li>
        ))}
      </ul>
      <p>
        <a href="/referrals">{m.all}</a>
      </p>
    </section>
  );
}
