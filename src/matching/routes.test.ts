/**
 * The matching pages and service on the demo data (both databases): the shortlist with its
 * reasons, the bad inputs (no assessment, no availability), "why not", saving a candidate, the
 * pre-filter never dropping a row the hard constraints would keep, and who may see it (404 for
 * everyone but the agency's counsellors).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../../test/app';
import { describeEachDatabase } from '../../test/databases';
import { demoEmails, signedInClient, testApp } from '../accounts/users/test-support';
import { recordAssessment } from '../participants/service';
import {
  auditRows,
  buildParticipantWorld,
  otherCounsellorEmail,
  type ParticipantWorld,
} from '../participants/test-support';
import type { Actor } from '../platform/auth/policy';
import { DEMO_PASSWORD } from '../seed/demo';
import { exclusionsOf } from './constraints';
import { estimateTravel } from './facts';
import { defaultWeights, rankOpportunities } from './score';
import { matchParticipant, needsOf, preFilterOf } from './service';
import { findMatchCandidates } from './store';

const noAudit = { userId: null, organisationId: null, requestId: 'test', ip: null };

describeEachDatabase('matching', (current) => {
  const db = () => current().db;
  const app = () => testApp(current());
  let actor: Actor;
  let world: ParticipantWorld;
  const people: Record<string, string> = {};
  const opportunities: Record<string, string> = {};

  beforeAll(async () => {
    world = await buildParticipantWorld(db());
    const user = await db()
      .selectFrom('app_user')
      .select(['id', 'organisation_id'])
      .where('email', '=', demoEmails.counsellor)
      .executeTakeFirstOrThrow();
    actor = { userId: user.id, role: 'counsellor', organisationId: user.organisation_id, facilityIds: [] };
    for (const p of await db()
      .selectFrom('participant')
      .select(['id', 'name'])
      .where('is_demo', '=', 1)
      .execute())
      people[p.name] = p.id;
    for (const o of await db().selectFrom('opportunity').select(['id', 'title']).execute())
      opportunities[o.title] = o.id;
  });

  const idOf = (title: string) => opportunities[title] ?? '';
  const person = (name: string) => people[name] ?? '';
  const ichiro = () => person('架空 一郎');
  const nguyen = () => person('テスト グエン');

  describe('the shortlist', () => {
    it('ranks what fits, with reasons in Japanese, and records the read', async () => {
      const client = await signedInClient(app(), demoEmails.counsellor);
      const response = await client.request(`/participants/${ichiro()}/matches`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('施設内の清掃(午前)');
      expect(html).toContain('が本人の希望時間に合います');
      expect(html).toContain('『休憩の配慮』に対応');
      expect(html).toContain('『決まった担当者が指導』: 不明');
      expect(html).toContain('交通費: 支給(1日500円まで)');
      expect(html).toContain('区市町村役所(八王子市)');
      // Excluded: no fitting window; a draft never.
      expect(html).not.toContain('昼食の配膳と下膳の補助</a>');
      expect(html).not.toContain('園庭の環境整備');
      const reads = await auditRows(db(), 'participant.read', ichiro());
      expect(reads.some((r) => String(r.detail).includes('"matches"'))).toBe(true);
    });

    it('takes the emphasis and filters from the GET form, ignoring nonsense', async () => {
      const client = await signedInClient(app(), demoEmails.counsellor);
      const html = await (
        await client.request(
          `/participants/${ichiro()}/matches?emphasis=distance&show=include_full&show=tasks_only`,
        )
      ).text();
      expect(html).toMatch(/value="distance"[^>]*checked/);
      expect(html).toMatch(/value="include_full"[^>]*checked/);
      const odd = await client.request(`/participants/${ichiro()}/matches?emphasis=%3Cscript%3E`);
      expect(odd.status).toBe(200);
      expect(await odd.text()).toMatch(/value="balanced"[^>]*checked/);
    });

    it('without an assessment: says so, links to the form, ranks nothing', async () => {
      const client = await signedInClient(app(), demoEmails.counsellor);
      const html = await (await client.request(`/participants/${nguyen()}/matches`)).text();
      expect(html).toContain('アセスメントがまだ記録されていないため');
      expect(html).toContain(`/participants/${nguyen()}/assessments/new`);
      expect(html).not.toContain('施設内の清掃(午前)');
    });

    it('without availability: schedule is 不明 and results are still shown', async () => {
      const recorded = await recordAssessment(
        db(),
        actor,
        nguyen(),
        { assessed_on: '2026-11-01', tasks: ['cleaning'], windows: [], supports: [] },
        noAudit,
      );
      expect(recorded.status).toBe('ok');
      const client = await signedInClient(app(), demoEmails.counsellor);
      const html = await (await client.request(`/participants/${nguyen()}/matches`)).text();
      expect(html).toContain('時間が合うかどうかは判断できません');
      expect(html).toContain('曜日・時間: 不明(希望の時間帯が未記録)');
      expect(html).toContain('施設内の清掃(午前)');
    });
  });

  describe('why not', () => {
    it('names the hard constraint', async () => {
      const client = await signedInClient(app(), demoEmails.counsellor);
      const id = idOf('昼食の配膳と下膳の補助');
      const response = await client.request(`/participants/${ichiro()}/why-not?opportunity=${id}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('本人の希望の曜日・時間帯に合う時間帯がありません。');
      const fits = await client.request(
        `/participants/${ichiro()}/why-not?opportunity=${idOf('施設内の清掃(午前)')}`,
      );
      expect(await fits.text()).toContain('条件をすべて満たしています');
    });
    it('a draft or an unknown id is not found', async () => {
      const client = await signedInClient(app(), demoEmails.counsellor);
      for (const id of [idOf('園庭の環境整備'), 'not-an-id', '00000000-0000-7000-8000-000000000000']) {
        const response = await client.request(`/participants/${ichiro()}/why-not?opportunity=${id}`);
        expect(response.status).toBe(404);
      }
    });
  });

  describe('the candidate list', () => {
    it('saves once, audits, and shows it on the participant page', async () => {
      const client = await signedInClient(app(), demoEmails.counsellor);
      const id = idOf('施設内の清掃(午前)');
      const response = await client.postForm(`/participants/${ichiro()}/candidates`, {
        opportunity_id: id,
        note: '見学を提案する',
        back: '?emphasis=distance',
      });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(
        `/participants/${ichiro()}/matches?emphasis=distance&saved=1`,
      );
      await client.postForm(`/participants/${ichiro()}/candidates`, { opportunity_id: id, note: '' });
      const rows = await db().selectFrom('participant_candidate').select(['note', 'saved_by']).execute();
      expect(rows).toEqual([{ note: '見学を提案する', saved_by: actor.userId }]);
      expect(await auditRows(db(), 'candidate.save', ichiro())).toHaveLength(1);
      const matches = await (await client.request(`/participants/${ichiro()}/matches`)).text();
      expect(matches).toContain('候補リストに保存済みです');
      const page = await (await client.request(`/participants/${ichiro()}`)).text();
      expect(page).toContain('保存した候補');
      expect(page).toContain('見学を提案する');
      expect(page).toContain(`/participants/${ichiro()}/matches`);
    });
    it('refuses a draft opportunity and a missing CSRF token', async () => {
      const client = await signedInClient(app(), demoEmails.counsellor);
      const draft = await client.postForm(`/participants/${ichiro()}/candidates`, {
        opportunity_id: idOf('園庭の環境整備'),
      });
      expect(draft.status).toBe(404);
      const noCsrf = await client.postForm(
        `/participants/${ichiro()}/candidates`,
        { opportunity_id: idOf('昼食の配膳と下膳の補助') },
        { csrf: false },
      );
      expect(noCsrf.status).toBe(403);
    });
  });

  describe('the pre-filter', () => {
    it('never drops a row the hard constraints would keep', async () => {
      for (const name of ['架空 一郎', '見本 さくら']) {
        const outcome = await matchParticipant(
          db(),
          actor,
          people[name] ?? '',
          { includeFull: true, emphasis: 'balanced', wantedTasksOnly: false },
          noAudit,
        );
        if (outcome.status !== 'ok') throw new Error(outcome.status);
        const all = await findMatchCandidates(db(), actor, {
          includeFull: true,
          availability: [],
          tasks: [],
          trainingFormsUsable: true,
        });
        const everything = rankOpportunities(outcome.needs, all, {
          includeFull: true,
          weights: defaultWeights,
          limit: 20,
          now: new Date(),
        });
        expect(outcome.ranking.results.map((r) => r.opportunity.id)).toEqual(
          everything.results.map((r) => r.opportunity.id),
        );
        // Rows outside the box are exactly the ones too far.
        const box = preFilterOf(outcome.needs, { includeFull: true, wantedTasksOnly: false }).box;
        for (const o of all) {
          const inBox =
            box && o.point
              ? o.point.lat >= box.minLat &&
                o.point.lat <= box.maxLat &&
                o.point.lng >= box.minLng &&
                o.point.lng <= box.maxLng
              : true;
          if (!inBox) {
            expect(exclusionsOf(outcome.needs, o, { includeFull: true }).map((x) => x.rule)).toContain(
              'too_far',
            );
            expect(estimateTravel(outcome.needs, o)).toBeDefined();
          }
        }
      }
    });
    it('uses the municipality office as the origin and the 支援決定 for B–D', async () => {
      const participant = await db()
        .selectFrom('participant')
        .select(['municipality_code', 'support_decision_on'])
        .where('id', '=', ichiro())
        .executeTakeFirstOrThrow();
      const needs = needsOf(participant as never, {
        assessed_on: '2026-11-01',
        tasks: [],
        windows: [],
        min_daily_minutes: null,
        max_daily_minutes: null,
        min_days_per_week: null,
        max_days_per_week: null,
        travel_max_minutes: null,
        travel_max_metres: null,
        travel_modes: [],
        strengths: null,
        difficulties: null,
        supports: [],
        health_note: null,
        goal_short: null,
        goal_long: null,
        notes: null,
      });
      expect(needs.origin).toEqual({ lat: 35.6664, lng: 139.316 });
      expect(needs.hasSupportDecision).toBe(true);
    });
  });

  describe('the API', () => {
    const get = (email: string, path: string) =>
      app().request(`/api/v1${path}`, { headers: { authorization: `Bearer ${world.tokens[email]}` } });
    it('returns the shortlist with factors and explanations as data, in the OpenAPI document', async () => {
      const response = await get(
        demoEmails.counsellor,
        `/participants/${ichiro()}/matches?emphasis=distance`,
      );
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        status: string;
        origin: { municipality: string };
        items: {
          title: string;
          factors: { factor: string; weight: number }[];
          explanations: { effect: string; text: string }[];
        }[];
      };
      expect(body.status).toBe('ok');
      expect(body.origin.municipality).toBe('八王子市');
      const first = body.items[0];
      expect(first?.title).toBe('施設内の清掃(午前)');
      expect(first?.factors.find((f) => f.factor === 'travel')?.weight).toBe(50);
      expect(first?.explanations).toContainEqual({
        factor: 'supports',
        effect: 'unknown',
        text: '『決まった担当者が指導』: 不明',
      });
      const en = (await (
        await get(demoEmails.counsellor, `/participants/${ichiro()}/matches?lang=en`)
      ).json()) as {
        items: { explanations: { text: string }[] }[];
      };
      expect(en.items[0]?.explanations.some((e) => e.text.startsWith('Provides "'))).toBe(true);
      const doc = (await (await app().request('/api/openapi.json')).json()) as {
        paths: Record<string, unknown>;
      };
      expect(Object.keys(doc.paths).some((p) => p.endsWith('/participants/{id}/matches'))).toBe(true);
    });
    it('why not, no assessment, and 404 for other callers', async () => {
      const lunch = idOf('昼食の配膳と下膳の補助');
      const why = (await (
        await get(demoEmails.counsellor, `/participants/${ichiro()}/matches/${lunch}`)
      ).json()) as {
        excluded: boolean;
        exclusions: { rule: string }[];
      };
      expect(why.excluded).toBe(true);
      expect(why.exclusions.map((x) => x.rule)).toEqual(['no_fitting_window']);
      expect((await get(otherCounsellorEmail, `/participants/${ichiro()}/matches`)).status).toBe(404);
      expect((await get(demoEmails.councilAdmin, `/participants/${ichiro()}/matches`)).status).toBe(404);
      expect((await app().request(`/api/v1/participants/${ichiro()}/matches`)).status).toBe(401);
    });
  });

  describe('who may', () => {
    const emails = [
      otherCounsellorEmail,
      demoEmails.corporationAdmin,
      demoEmails.coordinator,
      demoEmails.councilAdmin,
      demoEmails.councilStaff,
    ];
    it.each(emails)('%s gets 404 on every matching path, and nothing is saved', async (email) => {
      const client = new TestClient(app());
      const login = await client.postForm('/login', { email, password: DEMO_PASSWORD });
      expect(login.status).toBe(303);
      const before = await db().selectFrom('participant_candidate').select('opportunity_id').execute();
      for (const path of [
        `/participants/${ichiro()}/matches`,
        `/participants/${ichiro()}/why-not?opportunity=${idOf('施設内の清掃(午前)')}`,
      ]) {
        const response = await client.request(path);
        expect(response.status, `${email} ${path}`).toBe(404);
        expect(await response.text()).not.toContain('架空 一郎');
      }
      const post = await client.postForm(`/participants/${ichiro()}/candidates`, {
        opportunity_id: idOf('昼食の配膳と下膳の補助'),
      });
      expect(post.status).toBe(404);
      expect(await db().selectFrom('participant_candidate').select('opportunity_id').execute()).toEqual(
        before,
      );
    });
    it('signed out: the sign-in page', async () => {
      const response = await new TestClient(app()).request(`/participants/${ichiro()}/matches`);
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toContain('/login');
    });
  });
});
