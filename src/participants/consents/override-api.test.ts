import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app';
import { describeEachDatabase } from '../../../test/databases';
import { createApiToken } from '../../accounts/api-tokens/service';
import { seedDemo } from '../../seed/demo';

describeEachDatabase('the council override over the API', (current) => {
  async function setUp() {
    const { db } = current();
    await seedDemo(db);
    const token = async (email: string) => {
      const user = await db
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', email)
        .executeTakeFirstOrThrow();
      const audit = { userId: user.id, organisationId: null, requestId: 'test', ip: '127.0.0.1' };
      return (await createApiToken(db, { id: user.id }, { name: 'test', lifetimeDays: 30 }, audit)).token;
    };
    const participant = await db
      .selectFrom('participant')
      .select('id')
      .where('is_demo', '=', 1)
      .executeTakeFirstOrThrow();
    const corporation = await db
      .selectFrom('organisation')
      .select('id')
      .where('kind', '=', 'corporation')
      .where('is_demo', '=', 1)
      .executeTakeFirstOrThrow();
    const post = (bearer: string, body: unknown) =>
      buildTestApp(current()).request('/api/v1/consent-overrides', {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const body = (reason: string, participantId = participant.id) => ({
      participantId,
      recipient: { corporationId: corporation.id },
      dataGroups: ['basic_identity'],
      reason,
    });
    return { db, token, post, body, participant };
  }

  it('lets a council admin grant one with a written reason, audited, and refuses everyone else', async () => {
    const { db, token, post, body, participant } = await setUp();
    const reason = '本人が入院中で署名できないが、退院後すぐの受け入れ調整に必要なため。';
    const admin = await token('council-admin@demo.hataraku.example');
    const granted = await post(admin, body(reason));
    expect(granted.status).toBe(201);
    const { id } = await granted.json();
    const rows = await db
      .selectFrom('audit_event')
      .select('detail')
      .where('action', '=', 'consent.override')
      .execute();
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]?.detail ?? '{}').overrideId).toBe(id);

    const short = await post(admin, body('急ぎのため'));
    expect(short.status).toBe(400);
    expect(short.headers.get('content-type')).toContain('application/problem+json');

    expect((await post(admin, body(reason, '01900000-0000-7000-8000-000000000000'))).status).toBe(404);

    for (const email of ['council-staff@demo.hataraku.example', 'counsellor@demo.hataraku.example']) {
      const refused = await post(await token(email), body(reason));
      expect(refused.status).toBe(403);
      expect(await refused.text()).not.toContain(participant.id);
    }
  });
});
