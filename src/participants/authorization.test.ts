/**
 * The authorization matrix for participants (要配慮個人情報), in the style of
 * test/authorization-matrix.test.ts: every role, a participant of the caller's own agency and
 * one of another agency, every page and API path. The expected answer comes from the policy
 * (`can`); a refusal must be a 404 (the record's existence is not confirmed either) whose body
 * holds nothing of the participant, and it writes no read audit row.
 */
import { beforeAll, expect, it } from 'vitest';
import { buildTestApp, TestClient } from '../../test/app';
import { describeEachDatabase } from '../../test/databases';
import { demoEmails } from '../accounts/users/test-support';
import { type Actor, can } from '../platform/auth/policy';
import { DEMO_PASSWORD } from '../seed/demo';
import { auditRows, buildParticipantWorld, otherCounsellorEmail, postFields } from './test-support';

describeEachDatabase('participant authorization matrix', (current) => {
  const db = () => current().db;
  let actors: { email: string; actor: Actor; token: string }[] = [];
  let targets: { id: string; agencyId: string; secrets: string[] }[] = [];

  beforeAll(async () => {
    const world = await buildParticipantWorld(db());
    const users = await db()
      .selectFrom('app_user')
      .select(['id', 'email', 'role', 'organisation_id'])
      .where('email', 'in', [...Object.values(demoEmails), otherCounsellorEmail])
      .execute();
    const assignments = await db()
      .selectFrom('facility_assignment')
      .select(['user_id', 'facility_id'])
      .execute();
    actors = users.map((u) => ({
      email: u.email,
      token: world.tokens[u.email] ?? '',
      actor: {
        userId: u.id,
        role: u.role,
        organisationId: u.organisation_id,
        facilityIds: assignments.filter((a) => a.user_id === u.id).map((a) => a.facility_id),
      },
    }));
    const make = async (email: string, name: string, caseNumber: string) => {
      const client = new TestClient(buildTestApp(current()));
      await client.postForm('/login', { email, password: DEMO_PASSWORD });
      const response = await client.postForm('/participants/new', {
        name,
        name_kana: 'ヒミツ',
        birth_date: '1990-01-01',
        case_number: caseNumber,
        phone: '090-9999-0000',
        confirm_distinct: '1',
      });
      expect(response.status).toBe(303);
      const id = /\/participants\/([0-9a-f-]{36})/.exec(response.headers.get('location') ?? '')?.[1] ?? '';
      const agency = users.find((u) => u.email === email)?.organisation_id ?? '';
      return { id, agencyId: agency, secrets: [name, caseNumber, '090-9999-0000'] };
    };
    targets = [
      await make(demoEmails.counsellor, '秘密 ひがし子', 'SECRET-EAST'),
      await make(otherCounsellorEmail, '秘密 みなみ男', 'SECRET-SOUTH'),
    ];
  });

  const pages = (id: string) => [
    { path: `/participants/${id}`, action: 'participant.read' as const },
    { path: `/participants/${id}/edit`, action: 'participant.update' as const },
    { path: `/participants/${id}/assessments`, action: 'participant.read' as const },
    { path: `/participants/${id}/assessments/new`, action: 'assessment.record' as const },
  ];

  it('answers every role on every participant page as the policy says, 404 with nothing of it otherwise', async () => {
    const failures: string[] = [];
    for (const { email, actor } of actors) {
      const client = new TestClient(buildTestApp(current()));
      expect((await client.postForm('/login', { email, password: DEMO_PASSWORD })).status).toBe(303);
      for (const target of targets) {
        const subject = { kind: 'participant', id: target.id, agencyId: target.agencyId } as const;
        const readsBefore = (await auditRows(db(), 'participant.read', target.id)).length;
        for (const page of pages(target.id)) {
          const allowed = can(actor, page.action, subject);
          const response = await client.request(page.path);
          const body = await response.text();
          if (allowed && response.status !== 200) failures.push(`${email} ${page.path}: ${response.status}`);
          if (!allowed && response.status !== 404)
            failures.push(`${email} ${page.path}: expected 404, got ${response.status}`);
          if (!allowed)
            for (const secret of target.secrets)
              if (body.includes(secret)) failures.push(`${email} ${page.path} shows "${secret}"`);
        }
        const allowedRead = can(actor, 'participant.read', subject);
        const refusedWrite = await postFields(client, `/participants/${target.id}/support-log`, [
          ['occurred_on', '2026-11-01'],
          ['kind', 'note'],
          ['body', '書けてはいけない記録'],
        ]);
        if (!can(actor, 'support_log.write', subject) && refusedWrite.status !== 404)
          failures.push(`${email} support-log POST: expected 404, got ${refusedWrite.status}`);
        const readsAfter = (await auditRows(db(), 'participant.read', target.id)).length;
        if (!allowedRead && readsAfter !== readsBefore)
          failures.push(`${email}: a refused read was audited as a read`);
      }
    }
    expect(failures).toEqual([]);
    // Only those the policy allows wrote to a support log.
    for (const target of targets) {
      const subject = { kind: 'participant', id: target.id, agencyId: target.agencyId } as const;
      const written = await db()
        .selectFrom('support_log_entry')
        .select('id')
        .where('participant_id', '=', target.id)
        .where('body', '=', '書けてはいけない記録')
        .execute();
      expect(written).toHaveLength(actors.filter((a) => can(a.actor, 'support_log.write', subject)).length);
    }
  });

  it('applies exactly the same rules to the API with personal tokens', async () => {
    const app = buildTestApp(current());
    const failures: string[] = [];
    for (const { email, actor, token } of actors) {
      for (const target of targets) {
        const subject = { kind: 'participant', id: target.id, agencyId: target.agencyId } as const;
        for (const [method, path, action, body] of [
          ['GET', `/api/v1/participants/${target.id}`, 'participant.read', undefined],
          ['GET', `/api/v1/participants/${target.id}/assessments`, 'participant.read', undefined],
          ['PATCH', `/api/v1/participants/${target.id}`, 'participant.update', { phone: '03-0000-0000' }],
          [
            'POST',
            `/api/v1/participants/${target.id}/assessments`,
            'assessment.record',
            { assessedOn: '2026-11-01' },
          ],
        ] as const) {
          const response = await app.request(path, {
            method,
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: body ? JSON.stringify(body) : undefined,
          });
          const text = await response.text();
          const allowed = can(actor, action, subject);
          if (allowed && ![200, 201].includes(response.status))
            failures.push(`${email} ${method} ${path}: ${response.status}`);
          if (!allowed && response.status !== 404)
            failures.push(`${email} ${method} ${path}: expected 404, got ${response.status}`);
          if (!allowed)
            for (const secret of target.secrets)
              if (text.includes(secret)) failures.push(`${email} ${path} shows "${secret}"`);
        }
      }
      const list = await app.request('/api/v1/participants', {
        headers: { authorization: `Bearer ${token}` },
      });
      const text = await list.text();
      for (const target of targets) {
        const own = actor.role === 'counsellor' && actor.organisationId === target.agencyId;
        for (const secret of target.secrets.slice(0, 1))
          if (!own && text.includes(secret)) failures.push(`${email} list shows "${secret}"`);
      }
      if (actor.role !== 'counsellor' && list.status !== 403) failures.push(`${email} list: ${list.status}`);
    }
    expect(failures).toEqual([]);
  });
});
