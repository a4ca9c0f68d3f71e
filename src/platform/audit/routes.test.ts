import { expect, it } from 'vitest';
import { buildTestApp, TestClient } from '../../../test/app';
import { describeEachDatabase } from '../../../test/databases';
import { DEMO_PASSWORD, seedDemo } from '../../seed/demo';
import { recordAudit } from './audit';

describeEachDatabase('the audit log pages', (current) => {
  async function signedIn(email: string) {
    await seedDemo(current().db);
    const client = new TestClient(buildTestApp(current()));
    expect((await client.postForm('/login', { email, password: DEMO_PASSWORD })).status).toBe(303);
    return client;
  }

  it('filters events for a council admin and exports them as CSV, recording the export', async () => {
    const { db } = current();
    await recordAudit(db, {
      action: 'organisation.update',
      subjectType: 'organisation',
      subjectId: 'org-1',
      ip: '192.0.2.7',
    });
    await recordAudit(db, { action: 'mail.read', subjectType: 'mail_message', subjectId: 'mail-1' });
    const client = await signedIn('council-admin@demo.hataraku.example');

    const page = await (await client.request('/council/audit?action=organisation.')).text();
    expect(page).toContain('organisation.update');
    expect(page).toContain('192.0.2.7');
    expect(page).not.toContain('mail-1');

    const csv = await client.request('/council/audit.csv?action=organisation.update');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const lines = text.trim().split('\n');
    expect(lines[0]).toContain('at,user_email,organisation,action');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('org-1');

    const exports = await db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'audit.export')
      .execute();
    expect(exports).toHaveLength(1);
  });

  it('says at the field when a date is not a date, keeping what was typed', async () => {
    const client = await signedIn('council-admin@demo.hataraku.example');
    const response = await client.request('/council/audit?from=2026-13-45&action=auth.');
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('日付は YYYY-MM-DD の形式で入力してください');
    expect(html).toContain('value="auth."');
  });

  it('is closed to council staff and everyone else', async () => {
    for (const email of ['council-staff@demo.hataraku.example', 'corp-admin@demo.hataraku.example']) {
      const client = await signedIn(email);
      expect((await client.request('/council/audit')).status).toBe(403);
      expect((await client.request('/council/audit.csv')).status).toBe(403);
    }
  });
});
