import { expect, it } from 'vitest';
import { buildTestApp, TestClient } from '../../../test/app';
import { describeEachDatabase } from '../../../test/databases';
import { DEMO_PASSWORD, seedDemo } from '../../seed/demo';
import { queueMail } from './outbox';

describeEachDatabase('the sent-mail pages', (current) => {
  async function signedIn(email: string) {
    await seedDemo(current().db);
    const client = new TestClient(buildTestApp(current()));
    const response = await client.postForm('/login', { email, password: DEMO_PASSWORD });
    expect(response.status).toBe(303);
    return client;
  }

  it('lists kept mail for council staff and audits opening one', async () => {
    const id = await queueMail(current().db, {
      to: 'agency@example.jp',
      subject: '【はたらく場情報】11月号のお知らせ',
      text: '新しいはたらく場が3件あります。',
      attachments: [
        { filename: 'はたらく場一覧.csv', contentType: 'text/csv', content: Buffer.from('a,b\n') },
      ],
    });
    const client = await signedIn('council-staff@demo.hataraku.example');
    const list = await (await client.request('/council/mail')).text();
    expect(list).toContain('【はたらく場情報】11月号のお知らせ');
    expect(list).toContain('送信待ち');

    const detail = await client.request(`/council/mail/${id}`);
    expect(detail.status).toBe(200);
    expect(await detail.text()).toContain('新しいはたらく場が3件あります。');
    const attachment = await client.request(`/council/mail/${id}/attachments/0`);
    expect(attachment.headers.get('content-disposition')).toContain(encodeURIComponent('はたらく場一覧.csv'));
    expect(await attachment.text()).toBe('a,b\n');

    const audit = await current()
      .db.selectFrom('audit_event')
      .select(['action', 'subject_id'])
      .where('subject_id', '=', id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['mail.read', 'mail.attachment.read']);
  });

  it('refuses the page to a counsellor', async () => {
    const client = await signedIn('counsellor@demo.hataraku.example');
    const response = await client.request('/council/mail');
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('このページを表示する権限がありません');
  });

  it('sends a signed-out visitor to the sign-in page', async () => {
    const client = new TestClient(buildTestApp(current()));
    const response = await client.request('/council/mail');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login?next=%2Fcouncil%2Fmail');
  });
});
