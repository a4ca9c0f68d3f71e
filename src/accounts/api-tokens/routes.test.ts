import { beforeAll, expect, it } from 'vitest';
import { TestClient } from '../../../test/app';
import { describeEachDatabase } from '../../../test/databases';
import { hashToken } from '../../platform/auth/tokens';
import { nowIso } from '../../platform/db/time';
import { type DemoIds, demoEmails, seedAndFindDemo, signedInClient, testApp } from '../users/test-support';

describeEachDatabase('API tokens page', (current) => {
  let ids: DemoIds;
  beforeAll(async () => {
    ids = await seedAndFindDemo(current().db);
  });
  const db = () => current().db;
  const app = () => testApp(current());

  it('creates a token shown once, lists it by prefix, uses it, and revokes it', async () => {
    const user = await signedInClient(app(), demoEmails.counsellor);
    const empty = await user.request('/account/tokens');
    expect(empty.status).toBe(200);
    expect(await empty.text()).toContain('有効なトークンはありません');

    const invalid = await user.postForm('/account/tokens', { name: '', lifetime: '7' });
    expect(invalid.status).toBe(400);
    const invalidHtml = await invalid.text();
    expect(invalidHtml).toContain('入力してください');
    expect(invalidHtml).toContain('有効期間を選んでください');

    const created = await user.postForm('/account/tokens', {
      name: '集計用スプレッドシート',
      lifetime: '90',
    });
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toBe('/account/tokens');
    const shown = await (await user.request('/account/tokens')).text();
    const token = /value="(hk_[A-Za-z0-9_-]{43})"/.exec(shown)?.[1] ?? '';
    expect(token).not.toBe('');
    expect(shown).toContain('このトークンは今だけ表示されます');
    expect(shown).toContain('集計用スプレッドシート');
    expect(shown).toContain(`${token.slice(0, 9)}…`);

    // Shown once: the next visit lists it by prefix only.
    const later = await (await user.request('/account/tokens')).text();
    expect(later).not.toContain(token);
    expect(later).toContain(`${token.slice(0, 9)}…`);
    expect(later).toContain('未使用');

    const row = await db()
      .selectFrom('api_token')
      .select(['id', 'token_hash', 'token_prefix', 'created_at', 'expires_at'])
      .where('user_id', '=', ids.users[demoEmails.counsellor] ?? '')
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashToken(token));
    expect(row.token_prefix).toBe(token.slice(0, 9));
    expect(Date.parse(row.expires_at) - Date.parse(row.created_at)).toBe(90 * 24 * 60 * 60 * 1000);

    const me = await app().request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      email: demoEmails.counsellor,
      role: 'counsellor',
      organisationId: ids.agency,
    });
    expect(await (await user.request('/account/tokens')).text()).not.toContain('未使用');

    // Another user cannot revoke it.
    const other = await signedInClient(app(), demoEmails.coordinator);
    await other.postForm(`/account/tokens/${row.id}/revoke`, {});
    expect(
      (await app().request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(200);

    const revoked = await user.postForm(`/account/tokens/${row.id}/revoke`, {});
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get('location')).toBe('/account/tokens?notice=revoked');
    expect(await (await user.request('/account/tokens?notice=revoked')).text()).toContain(
      'トークンを無効にしました',
    );
    expect(
      (await app().request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(401);

    const audit = await db()
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', row.id)
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['api_token.create', 'api_token.revoke']);
  });

  it('refuses an expired token', async () => {
    const user = await signedInClient(app(), demoEmails.councilStaff);
    await user.postForm('/account/tokens', { name: '短期', lifetime: '30' });
    const token =
      /value="(hk_[A-Za-z0-9_-]{43})"/.exec(await (await user.request('/account/tokens')).text())?.[1] ?? '';
    await db()
      .updateTable('api_token')
      .set({ expires_at: nowIso(new Date(Date.now() - 1000)) })
      .where('token_hash', '=', hashToken(token))
      .execute();
    const response = await app().request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(401);
    expect(await (await user.request('/account/tokens')).text()).toContain('期限切れ');
  });

  it('needs a signed-in user', async () => {
    const response = await new TestClient(app()).request('/account/tokens');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login?next=%2Faccount%2Ftokens');
  });
});
