/**
 * The referral work list of each party: the agency's grouped by state, the facility's with what
 * waits for it first, the council's with the counts by state and the longest-waiting first.
 */
import type { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { todayInTokyo } from '../../participants/japanese-date';
import { auditActor } from '../../platform/audit/audit';
import { actorOf, authorize } from '../../platform/auth/guard';
import { currentUser, dbOf } from '../../platform/http/context';
import type { AppEnv } from '../../platform/http/env';
import { renderPage } from '../../platform/http/render';
import { messagesOf } from '../http-context';
import { listReferralsFor, referralCountsByState, type WorkListItem } from '../service/work-lists';
import { awaitingFacility, partyOfRole, type ReferralState, referralStates } from '../state-machine';
import { StateFilter, StateSummary, WorkListTable } from '../views/lists';

const self = () => ({ kind: 'self' }) as const;

export function registerWorkListPages(app: Hono<AppEnv>): void {
  app.get('/referrals', authorize('referral.list', self), async (c) => {
    const t = c.get('t');
    const m = messagesOf(c);
    const locale = c.get('locale');
    const actor = actorOf(currentUser(c));
    const party = partyOfRole(actor.role);
    const stateQuery = c.req.query('state') ?? '';
    const state = referralStates.find((s) => s === stateQuery);
    const db = dbOf(c);
    const today = todayInTokyo();
    const stalledAfter = c.get('services').config.referralPeriods.reminderBusinessDays;
    const list = (states?: readonly ReferralState[]) =>
      listReferralsFor(db, actor, { states, limit: 200, offset: 0 }, auditActor(c));
    const intro =
      party === 'agency'
        ? m.listIntroAgency
        : party === 'facility'
          ? m.listIntroFacility
          : m.listIntroCouncil;
    // Every group has a table of its own, or says that it is empty.
    const tableOf = (items: WorkListItem[], caption: string) =>
      items.length === 0 ? (
        <p>{m.empty}</p>
      ) : (
        <WorkListTable
          m={m}
          locale={locale}
          party={party}
          items={items}
          today={today}
          stalledAfter={stalledAfter}
          caption={caption}
        />
      );
    let body: Child;
    if (state) {
      const { items, total } = await list([state]);
      body = (
        <>
          <p>{m.count(total)}</p>
          {tableOf(items, m.states[state])}
        </>
      );
    } else if (party === 'facility') {
      const waiting = await list(awaitingFacility);
      const others = await list(referralStates.filter((s) => !awaitingFacility.includes(s)));
      body = (
        <>
          <h2>
            {m.waitingForYou}({m.count(waiting.total)})
          </h2>
          {tableOf([...waiting.items].reverse(), m.waitingForYou)}
          <h2>{m.listTitle}</h2>
          {tableOf(others.items, m.listTitle)}
        </>
      );
    } else if (party === 'agency') {
      const { items, total } = await list();
      const groups = referralStates
        .map((s) => ({ state: s, items: items.filter((i) => i.state === s) }))
        .filter((g) => g.items.length > 0);
      body = (
        <>
          <p>{m.count(total)}</p>
          {groups.length === 0 ? <p>{m.empty}</p> : null}
          {groups.map((g) => (
            <>
              <h2>
                {m.states[g.state]}({m.count(g.items.length)})
              </h2>
              {tableOf(g.items, m.states[g.state])}
            </>
          ))}
        </>
      );
    } else {
      const { items, total } = await list();
      body = (
        <>
          <p>
            <a href="/referrals/reasons">{m.reasonsLink}</a>
          </p>
          <StateSummary m={m} counts={await referralCountsByState(db, actor)} today={today} />
          <h2>{m.stalledFirst}</h2>
          <p>{m.count(total)}</p>
          {tableOf(items, m.listTitle)}
        </>
      );
    }
    return renderPage(
      c,
      { title: m.listTitle, breadcrumbs: [{ label: t.home, href: '/dashboard' }, { label: m.listTitle }] },
      <>
        <h1>{m.listTitle}</h1>
        <p>{intro}</p>
        <StateFilter m={m} state={state ?? ''} />
        {body}
      </>,
    );
  });
}
