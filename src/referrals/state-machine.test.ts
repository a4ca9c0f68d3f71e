import { describe, expect, it } from 'vitest';
import {
  allowedEvents,
  isTerminal,
  nextState,
  type Party,
  parties,
  partyOfRole,
  type ReferralEvent,
  type ReferralState,
  referralEvents,
  referralStates,
  terminalStates,
} from './state-machine';

/**
 * The allowed transitions written out by hand, one line each: "state event party → to".
 * Every combination not listed here must be refused (exhaustive over 12 × 12 × 4).
 */
const allowed = `
draft send agency sent
draft withdraw agency withdrawn
draft withdraw system withdrawn
sent view facility viewed
sent ask facility questions
sent schedule_visit facility visit_scheduled
sent schedule_trial facility trial_scheduled
sent decline facility declined
sent withdraw agency withdrawn
sent withdraw system withdrawn
sent expire system expired
viewed ask facility questions
viewed schedule_visit facility visit_scheduled
viewed schedule_trial facility trial_scheduled
viewed schedule_meeting agency meeting_scheduled
viewed schedule_meeting facility meeting_scheduled
viewed decline facility declined
viewed withdraw agency withdrawn
viewed withdraw system withdrawn
viewed expire system expired
questions answer agency viewed
questions schedule_visit facility visit_scheduled
questions schedule_trial facility trial_scheduled
questions schedule_meeting agency meeting_scheduled
questions schedule_meeting facility meeting_scheduled
questions decline facility declined
questions withdraw agency withdrawn
questions withdraw system withdrawn
questions expire system expired
visit_scheduled schedule_trial facility trial_scheduled
visit_scheduled schedule_meeting agency meeting_scheduled
visit_scheduled schedule_meeting facility meeting_scheduled
visit_scheduled decline facility declined
visit_scheduled withdraw agency withdrawn
visit_scheduled withdraw system withdrawn
trial_scheduled schedule_meeting agency meeting_scheduled
trial_scheduled schedule_meeting facility meeting_scheduled
trial_scheduled decline facility declined
trial_scheduled withdraw agency withdrawn
trial_scheduled withdraw system withdrawn
meeting_scheduled agree agency agreed
meeting_scheduled agree facility agreed
meeting_scheduled not_agree agency not_agreed
meeting_scheduled not_agree facility not_agreed
meeting_scheduled decline facility declined
meeting_scheduled withdraw agency withdrawn
meeting_scheduled withdraw system withdrawn
`
  .trim()
  .split('\n')
  .map((line) => line.split(' ') as [ReferralState, ReferralEvent, Party, ReferralState]);

const expected = new Map(allowed.map(([s, e, p, to]) => [`${s} ${e} ${p}`, to]));

describe('nextState', () => {
  const cases = referralStates.flatMap((state) =>
    referralEvents.flatMap((event) => parties.map((party) => [state, event, party] as const)),
  );

  it('covers 12 states × 12 events × 4 parties', () => {
    expect(cases).toHaveLength(576);
  });

  it.each(cases)('%s + %s by %s', (state, event, party) => {
    const to = expected.get(`${state} ${event} ${party}`);
    const result = nextState(state, event, party);
    if (to) {
      expect(result).toEqual({ ok: true, to });
      return;
    }
    const anyParty = parties.some((p) => expected.has(`${state} ${event} ${p}`));
    expect(result).toEqual({ ok: false, reason: anyParty ? 'wrong_party' : 'not_allowed' });
  });

  it('moves nothing out of a terminal state', () => {
    for (const state of terminalStates) {
      expect(isTerminal(state)).toBe(true);
      for (const party of parties) expect(allowedEvents(state, party)).toEqual([]);
    }
  });

  it('gives the council no transition and the system only expiry and withdrawal', () => {
    for (const state of referralStates) {
      expect(allowedEvents(state, 'council')).toEqual([]);
      for (const event of allowedEvents(state, 'system')) expect(['expire', 'withdraw']).toContain(event);
    }
  });

  it('refuses agreeing a declined request as not allowed', () => {
    expect(nextState('declined', 'agree', 'agency')).toEqual({ ok: false, reason: 'not_allowed' });
  });

  it('maps roles to parties', () => {
    expect(partyOfRole('counsellor')).toBe('agency');
    expect(partyOfRole('facility_coordinator')).toBe('facility');
    expect(partyOfRole('corporation_admin')).toBe('facility');
    expect(partyOfRole('council_staff')).toBe('council');
    expect(partyOfRole('council_admin')).toBe('council');
  });
});
