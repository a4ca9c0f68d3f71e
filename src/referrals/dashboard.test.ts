import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases';
import { signedInClient, testApp } from '../accounts/users/test-support';
import { referralActionsFor } from './dashboard';
import { transitionReferral } from './service';
import {
  buildReferralWorld,
  consentFor,
  noAudit,
  type ReferralWorld,
  sendTestReferral,
} from './test-support';

describeEachDatabase('referrals: what waits on the home page', (current) => {
  const db = () => current().db;
  let world: ReferralWorld;

  beforeAll(async () => {
    world = await buildReferralWorld(db());
    await consentFor(db(), world, ['basic_identity', 'assessment_summary']);
  });

  const actions = (who: keyof ReferralWorld['actors']) => referralActionsFor(db(), world.actors[who]);

  it('counts per role what needs their action, and nothing of others', async () => {
    const before = {
      coordinator: await actions('coordinator'),
      counsellor: await actions('counsellor'),
      council: await actions('councilStaff'),
    };
    const id = await sendTestReferral(db(), world);
    const waiting = (a: Awaited<ReturnType<typeof actions>>) => (a?.party === 'facility' ? a.waiting : -1);
    expect(waiting(await actions('coordinator'))).toBe(waiting(before.coordinator) + 1);
    expect(waiting(await actions('corpAdmin'))).toBeGreaterThanOrEqual(1);
    expect(await actions('strangerAdmin')).toEqual({ party: 'facility', waiting: 0 });
    expect(await actions('otherCoordinator')).toEqual({ party: 'facility', waiting: 0 });

    // The facility asks: the counsellor has a question to answer.
    expect((await transitionReferral(db(), world.actors.coordinator, id, 'ask', {}, noAudit)).ok).toBe(true);
    const questions = (a: Awaited<ReturnType<typeof actions>>) => (a?.party === 'agency' ? a.questions : -1);
    const answered = (a: Awaited<ReturnType<typeof actions>>) => (a?.party === 'agency' ? a.answered : -1);
    expect(questions(await actions('counsellor'))).toBe(questions(before.counsellor) + 1);
    expect(await actions('otherCounsellor')).toEqual({ party: 'agency', questions: 0, answered: 0 });

    // The counsellor answers, the facility schedules a visit: an answer waits for the counsellor.
    expect((await transitionReferral(db(), world.actors.counsellor, id, 'answer', {}, noAudit)).ok).toBe(
      true,
    );
    expect(
      (await transitionReferral(db(), world.actors.coordinator, id, 'schedule_visit', {}, noAudit)).ok,
    ).toBe(true);
    const now = await actions('counsellor');
    expect(questions(now)).toBe(questions(before.counsellor));
    expect(answered(now)).toBe(answered(before.counsellor) + 1);

    // Untouched for two weeks: stalled for the council.
    await db()
      .updateTable('referral')
      .set({ last_transition_at: new Date(Date.now() - 14 * 86_400_000).toISOString() })
      .where('id', '=', id)
      .execute();
    const stalled = (a: Awaited<ReturnType<typeof actions>>) => (a?.party === 'council' ? a.stalled : -1);
    expect(stalled(await actions('councilStaff'))).toBe(stalled(before.council) + 1);
    // The threshold is the configured reminder period: 20 business days leave it out.
    const longer = await referralActionsFor(db(), world.actors.councilStaff, { stalledAfter: 20 });
    expect(stalled(longer)).toBeLessThan(stalled(await actions('councilStaff')));
  });

  it('shows the counts on /dashboard with links to /referrals', async () => {
    const app = testApp(current());
    const coordinator = await signedInClient(app, world.emails.coordinator ?? '');
    const html = await (await coordinator.request('/dashboard')).text();
    expect(html).toContain('受け入れ依頼で対応が必要なもの');
    expect(html).toMatch(/<a href="\/referrals">回答をお待ちいただいている依頼:\d+件<\/a>/);
    const council = await signedInClient(app, world.emails.councilStaff ?? '');
    expect(await (await council.request('/dashboard')).text()).toMatch(/営業日以上動きのない依頼:[1-9]\d*件/);
    const counsellor = await signedInClient(app, world.emails.counsellor ?? '');
    expect(await (await counsellor.request('/dashboard')).text()).toContain(
      'href="/referrals?state=questions"',
    );
  });
});
