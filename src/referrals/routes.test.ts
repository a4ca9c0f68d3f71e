import { beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, TestClient } from '../../test/app';
import { describeEachDatabase } from '../../test/databases';
import { signedInClient, testApp } from '../accounts/users/test-support';
import { postFields } from '../participants/test-support';
import { buildReferralWorld, consentFor, type ReferralWorld, sendTestReferral } from './test-support';

const message = 'ご本人は午前の清掃を希望しています(ルートのテスト)。';

function formFields(
  world: ReferralWorld,
  key: string,
  overrides: [string, string][] = [],
): [string, string][] {
  const base: [string, string][] = [
    ['opportunity_id', world.opportunityId],
    ['idempotency_key', key],
    ['message', message],
    ['proposed_start_date', '令和81年4月1日'],
    ['day_1_start', '9:00'],
    ['day_1_end', '11:00'],
    ['day_3_start', '９:００'],
    ['day_3_end', '11:00'],
    ['data_groups', 'basic_identity'],
    ['data_groups', 'assessment_summary'],
    ['intent', 'send'],
  ];
  const names = new Set(overrides.map(([k]) => k));
  return [...base.filter(([k]) => !names.has(k)), ...overrides];
}

describeEachDatabase('referrals: pages', (current) => {
  const db = () => current().db;
  let app: TestApp;
  let world: ReferralWorld;
  const clients: Record<string, TestClient> = {};
  let referralId = '';

  beforeAll(async () => {
    world = await buildReferralWorld(db());
    app = testApp(current());
    for (const [who, email] of Object.entries(world.emails)) clients[who] = await signedInClient(app, email);
  });

  const client = (who: string) => {
    const found = clients[who];
    if (!found) throw new Error(who);
    return found;
  };

  describe('the request form', () => {
    it('offers the candidate list, or the way to matching when it is empty', async () => {
      const response = await client('counsellor').request(
        `/participants/${world.participantId}/referrals/new`,
      );
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('受け入れ依頼を作成');
      expect(html).toContain(`/participants/${world.participantId}/matches`);
    });

    it('shows the form for a chosen opportunity with only consented groups to tick', async () => {
      const response = await client('counsellor').request(
        `/participants/${world.participantId}/referrals/new?opportunity=${world.opportunityId}`,
      );
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('name="idempotency_key"');
      expect(html).toContain('施設内の清掃(午前)');
      expect(html).toContain(`/participants/${world.participantId}/consents/new`);
      expect(html).not.toContain('name="data_groups"');
    });

    it('refuses to send without consent, explains why and links to the consent form', async () => {
      const response = await postFields(
        client('counsellor'),
        `/participants/${world.participantId}/referrals`,
        formFields(world, 'route-key-0001'),
      );
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain('本人の同意');
      expect(html).toContain(`/participants/${world.participantId}/consents/new`);
      expect(html).toContain(message);
      const count = await db()
        .selectFrom('referral')
        .select('id')
        .where('participant_id', '=', world.participantId)
        .execute();
      expect(count).toHaveLength(0);
    });

    it('refuses a paused opportunity with a message', async () => {
      await consentFor(db(), world, ['basic_identity', 'assessment_summary']);
      const response = await postFields(
        client('counsellor'),
        `/participants/${world.participantId}/referrals`,
        formFields(world, 'route-key-0002', [['opportunity_id', world.pausedOpportunityId]]),
      );
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('受け入れを停止');
    });

    it('shows field errors and keeps the values', async () => {
      const response = await postFields(
        client('counsellor'),
        `/participants/${world.participantId}/referrals`,
        formFields(world, 'route-key-0003', [
          ['proposed_start_date', '2020-01-01'],
          ['day_1_end', '8:00'],
        ]),
      );
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain('今日以降の日付を入れてください');
      expect(html).toContain('終了は開始より後にしてください');
      expect(html).toContain('2020-01-01');
    });

    it('sends once for a double-clicked send', async () => {
      const fields = formFields(world, 'route-key-0004');
      const first = await postFields(
        client('counsellor'),
        `/participants/${world.participantId}/referrals`,
        fields,
      );
      expect(first.status).toBe(303);
      const location = first.headers.get('location') ?? '';
      expect(location).toMatch(/^\/referrals\/[0-9a-f-]{36}\?sent=1$/);
      referralId = location.slice('/referrals/'.length, location.indexOf('?'));
      const second = await postFields(
        client('counsellor'),
        `/participants/${world.participantId}/referrals`,
        fields,
      );
      expect(second.status).toBe(303);
      expect(second.headers.get('location')).toBe(`/referrals/${referralId}?repeated=1`);
      expect(
        await db()
          .selectFrom('referral')
          .select('id')
          .where('participant_id', '=', world.participantId)
          .execute(),
      ).toHaveLength(1);
      const page = await client('counsellor').request(`/referrals/${referralId}?repeated=1`);
      expect(await page.text()).toContain('二重送信');
    });

    it('lists the request on the participant page', async () => {
      const html = await (await client('counsellor').request(`/participants/${world.participantId}`)).text();
      expect(html).toContain(`/referrals/${referralId}`);
      expect(html).toContain(`/participants/${world.participantId}/referrals/new`);
    });
  });

  describe('the facility answers', () => {
    it('lists it as waiting for the coordinator, without the participant name', async () => {
      const html = await (await client('coordinator').request('/referrals')).text();
      expect(html).toContain('あなたの回答待ち');
      expect(html).toContain(`/referrals/${referralId}`);
      expect(html).not.toContain('架空 一郎');
    });

    it('opens it (viewed), with exactly the shared data', async () => {
      const response = await client('coordinator').request(`/referrals/${referralId}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('事業所が確認済み');
      expect(html).toContain('架空 一郎');
      expect(html).toContain('提供された情報');
      expect(html).not.toContain('090-0000-0001'); // contact was not shared (ids may hold '090-')
    });

    it('asks; the counsellor answers; a decline needs a reason', async () => {
      const ask = await client('coordinator').postForm(`/referrals/${referralId}/transitions`, {
        event: 'ask',
      });
      expect(ask.status).toBe(303);
      const msg = await client('coordinator').postForm(`/referrals/${referralId}/messages`, {
        body: '週2日からで大丈夫ですか?',
      });
      expect(msg.status).toBe(303);
      const answer = await client('counsellor').postForm(`/referrals/${referralId}/transitions`, {
        event: 'answer',
      });
      expect(answer.status).toBe(303);
      const noReason = await client('coordinator').postForm(`/referrals/${referralId}/transitions`, {
        event: 'decline',
      });
      expect(noReason.status).toBe(400);
      expect(await noReason.text()).toContain('理由を選んでください');
      const declined = await client('coordinator').postForm(`/referrals/${referralId}/transitions`, {
        event: 'decline',
        reason_code: 'no_capacity',
        note: '春まで空きがありません',
      });
      expect(declined.status).toBe(303);
      const html = await (await client('counsellor').request(`/referrals/${referralId}`)).text();
      expect(html).toContain('事業所がお断り');
      expect(html).toContain('受け入れ枠に空きがない');
      expect(html).toContain('週2日からで大丈夫ですか?');
    });

    it('refuses a transition that is not allowed now, changing nothing', async () => {
      const response = await client('counsellor').postForm(`/referrals/${referralId}/transitions`, {
        event: 'withdraw',
        reason_code: 'participant_wish',
      });
      expect(response.status).toBe(409);
      expect(await response.text()).toContain('今の状態ではできません');
      const row = await db()
        .selectFrom('referral')
        .select('state')
        .where('id', '=', referralId)
        .executeTakeFirst();
      expect(row?.state).toBe('declined');
    });

    it('hides the shared data once the request is closed', async () => {
      const html = await (await client('coordinator').request(`/referrals/${referralId}`)).text();
      expect(html).not.toContain('架空 一郎');
      expect(html).toContain('終了したため');
    });
  });

  describe('who sees it', () => {
    it('another agency, another facility and an unrelated corporation get 404 with nothing of it', async () => {
      for (const who of ['otherCounsellor', 'otherCoordinator', 'strangerAdmin']) {
        const response = await client(who).request(`/referrals/${referralId}`);
        expect(response.status, who).toBe(404);
        expect(await response.text()).not.toContain(message);
        const list = await (await client(who).request('/referrals')).text();
        expect(list).not.toContain(referralId);
        const post = await client(who).postForm(`/referrals/${referralId}/messages`, { body: 'x' });
        expect(post.status, who).toBe(404);
      }
    });

    it('the council reads state and timeline, not the name, and adds mediation notes', async () => {
      const response = await client('councilStaff').request(`/referrals/${referralId}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('事業所がお断り');
      expect(html).not.toContain('架空 一郎');
      const note = await client('councilStaff').postForm(`/referrals/${referralId}/messages`, {
        body: '双方と電話で確認しました。',
      });
      expect(note.status).toBe(303);
      const after = await (await client('councilStaff').request(`/referrals/${referralId}`)).text();
      expect(after).toContain('調整メモ');
      const list = await (await client('councilStaff').request('/referrals')).text();
      expect(list).toContain(`/referrals/${referralId}`);
      expect(list).toContain('状態ごとの件数');
      expect(list).not.toContain('架空 一郎');
    });
  });

  describe('closing reasons', () => {
    it('the council edits the list; others may not', async () => {
      const page = await client('councilStaff').request('/referrals/reasons');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('受け入れ枠に空きがない');
      expect((await client('coordinator').request('/referrals/reasons')).status).toBe(403);
      const reasons = await db()
        .selectFrom('referral_close_reason')
        .select(['code'])
        .orderBy('sort_order')
        .execute();
      const fields: [string, string][] = [];
      reasons.forEach((r, i) => {
        fields.push(
          [`reason_${i}_code`, r.code],
          [`reason_${i}_label_ja`, `理由${i}`],
          [`reason_${i}_label_en`, `Reason ${i}`],
        );
        fields.push(
          [`reason_${i}_for_declined`, '1'],
          [`reason_${i}_active`, '1'],
          [`reason_${i}_sort_order`, String(i)],
        );
      });
      const n = reasons.length;
      fields.push(
        [`reason_${n}_code`, 'transport_cost'],
        [`reason_${n}_label_ja`, '交通費の負担'],
        [`reason_${n}_label_en`, 'Transport cost'],
        [`reason_${n}_for_withdrawn`, '1'],
        [`reason_${n}_active`, '1'],
        [`reason_${n}_sort_order`, '999'],
      );
      const saved = await postFields(client('councilStaff'), '/referrals/reasons', fields);
      expect(saved.status).toBe(303);
      const row = await db()
        .selectFrom('referral_close_reason')
        .select(['label_ja', 'for_withdrawn'])
        .where('code', '=', 'transport_cost')
        .executeTakeFirst();
      expect(row).toEqual({ label_ja: '交通費の負担', for_withdrawn: 1 });
      const bad = await postFields(client('councilStaff'), '/referrals/reasons', [
        ['reason_0_code', 'Bad Code'],
        ['reason_0_label_ja', ''],
        ['reason_0_label_en', 'x'],
      ]);
      expect(bad.status).toBe(400);
    });
  });

  describe('the appointment form', () => {
    it('offers a visit or a trial day only where the opportunity does, and says why', async () => {
      await consentFor(db(), world, ['basic_identity', 'assessment_summary']);
      const id = await sendTestReferral(db(), world);
      const setOffers = (visit: number, trial: number) =>
        db()
          .updateTable('opportunity')
          .set({ visit_possible: visit, trial_possible: trial })
          .where('id', '=', world.opportunityId)
          .execute();
      const before = await db()
        .selectFrom('opportunity')
        .select(['visit_possible', 'trial_possible'])
        .where('id', '=', world.opportunityId)
        .executeTakeFirstOrThrow();
      await setOffers(0, 1);
      try {
        const page = await client('coordinator').request(`/referrals/${id}/appointments/new?kind=visit`);
        expect(page.status).toBe(200);
        const html = await page.text();
        expect(html).not.toContain('value="visit"');
        expect(html).toContain('value="interview"');
        expect(html).toContain('value="trial"');
        expect(html).toContain('このはたらく場は見学を受け付けていません');
        const posted = await client('coordinator').postForm(`/referrals/${id}/appointments/new`, {
          kind: 'visit',
          date: '2099-01-05',
          start_time: '10:00',
          end_time: '11:00',
          place: '相談室',
        });
        expect(posted.status).toBe(400);
        expect(await posted.text()).toContain('このはたらく場は見学を受け付けていません');
        expect(
          await db().selectFrom('appointment').select('id').where('referral_id', '=', id).execute(),
        ).toEqual([]);
      } finally {
        await setOffers(before.visit_possible, before.trial_possible);
      }
    });
  });
});
