import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestClient } from '../../../test/app';
import { describeEachDatabase } from '../../../test/databases';
import { demoEmails, seedAndFindDemo, signedInClient, testApp } from '../../accounts/users/test-support';
import { CARE_CENTRE, csvOf, sheetRow, WORK_CENTRE } from './test-support';

/** Posts a file the way a browser's multipart form does, with the CSRF token. */
async function upload(client: TestClient, bytes: Uint8Array<ArrayBuffer> | string, name = 'sheet.csv') {
  if (!client.cookie('hataraku_csrf')) await client.request('/');
  const form = new FormData();
  form.set('_csrf', client.cookie('hataraku_csrf') ?? '');
  form.set('file', new File([bytes], name));
  return client.request('/opportunities/import', { method: 'POST', body: form });
}

const tokenIn = (html: string) => /name="token" value="([A-Za-z0-9_-]{32})"/.exec(html)?.[1] ?? '';

describeEachDatabase('import pages', (current) => {
  const db = () => current().db;
  const app = () => testApp(current());
  const dir = mkdtempSync(join(tmpdir(), 'hataraku-import-test-'));
  const opportunities = async () =>
    Number(
      (
        await db()
          .selectFrom('opportunity')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    process.env.HATARAKU_IMPORT_DIR = dir;
    await seedAndFindDemo(db());
  });
  afterAll(() => {
    delete process.env.HATARAKU_IMPORT_DIR;
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets a corporation admin download the template, upload it, check the preview and confirm', async () => {
    const admin = await signedInClient(app(), demoEmails.corporationAdmin);
    const page = await admin.request('/opportunities/import');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('href="/opportunities/import/template.xlsx"');
    expect(html).toContain('自法人の事業所のはたらく場を登録できます。');
    expect(html).toContain('enctype="multipart/form-data"');

    const xlsx = await admin.request('/opportunities/import/template.xlsx');
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(xlsx.headers.get('content-disposition')).toContain('attachment');
    const xlsxBytes = new Uint8Array(await xlsx.arrayBuffer());
    expect([...xlsxBytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const csv = await admin.request('/opportunities/import/template.csv');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const csvBytes = new Uint8Array(await csv.arrayBuffer());
    expect([...csvBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const before = await opportunities();
    const preview = await upload(admin, xlsxBytes, 'template.xlsx');
    expect(preview.status).toBe(200);
    const previewHtml = await preview.text();
    expect(previewHtml).toContain('Excel ファイルから1行を読み込みました。');
    expect(previewHtml).toContain('1件のはたらく場を登録できます');
    expect(previewHtml).toContain('リネン類のたたみと配布(午後・架空の例)');
    expect(await opportunities()).toBe(before);

    const confirmed = await admin.postForm('/opportunities/import/confirm', { token: tokenIn(previewHtml) });
    expect(confirmed.status).toBe(303);
    const location = confirmed.headers.get('location') ?? '';
    expect(location).toMatch(/^\/opportunities\/import\/done\//);
    expect(await opportunities()).toBe(before + 1);
    const done = await (await admin.request(location)).text();
    expect(done).toContain('1件のはたらく場を登録しました。');
    expect(done).toContain('リネン類のたたみと配布(午後・架空の例)');

    // The same token again registers nothing twice.
    const again = await admin.postForm('/opportunities/import/confirm', { token: tokenIn(previewHtml) });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('もう一度アップロードしてください');
    expect(await opportunities()).toBe(before + 1);
  });

  it('shows row-and-column errors in Japanese, the first 100 then a count, and writes nothing', async () => {
    const admin = await signedInClient(app(), demoEmails.corporationAdmin);
    const before = await opportunities();
    const rows = [sheetRow(), sheetRow({ windows: '月 13:00-12:00 2名' })];
    const response = await upload(admin, csvOf(rows));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('1行に誤りがあります(1か所)。何も登録していません。');
    expect(html).toContain(
      '3行目 『曜日と時間』: 「月 13:00-12:00 2名」: 終了時刻は開始時刻より後にしてください',
    );
    expect(html).not.toContain('name="token"');

    const many = Array.from({ length: 150 }, () => sheetRow({ status: '公開中かも' }));
    const long = await (await upload(admin, csvOf(many))).text();
    expect(long.match(/『状態』: 「公開中かも」は使えません/g)).toHaveLength(100);
    expect(long).toContain('ほかに50か所の誤りがあります(最初の100か所を表示しています)。');
    expect(await opportunities()).toBe(before);
  });

  it('reports 10,000 bad rows as the first 100 errors and a count', async () => {
    const admin = await signedInClient(app(), demoEmails.corporationAdmin);
    const before = await opportunities();
    const rows = Array.from({ length: 10_000 }, () => sheetRow({ tasks: '草むしり' }));
    const response = await upload(admin, csvOf(rows));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('10,000行に誤りがあります(10,000か所)。何も登録していません。');
    expect(html.match(/『作業の種類』: 「草むしり」は選べる項目にありません/g)).toHaveLength(100);
    expect(html).toContain('101行目 『作業の種類』');
    expect(html).not.toContain('102行目');
    expect(html).toContain('ほかに9,900か所の誤りがあります(最初の100か所を表示しています)。');
    expect(await opportunities()).toBe(before);
  }, 60_000);

  it('refuses a file over 10 MB before reading it', async () => {
    const admin = await signedInClient(app(), demoEmails.corporationAdmin);
    const response = await upload(admin, new Uint8Array(10 * 1024 * 1024 + 1), 'big.csv');
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('ファイルが大きすぎます(10MBまで)。');
  });

  it('refuses a missing column, a wrong file, an empty file and no file, naming the problem', async () => {
    const admin = await signedInClient(app(), demoEmails.corporationAdmin);
    const missing = await upload(admin, csvOf([sheetRow()], { without: ['windows'] }));
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('次の列がありません: 『曜日と時間』。');
    const pdf = await upload(admin, '%PDF-1.7\n', 'list.pdf');
    expect(await pdf.text()).toContain('Excel(.xlsx)または CSV のファイルではありません。');
    expect(await (await upload(admin, '', 'empty.csv')).text()).toContain('ファイルが空です。');
    const none = await admin.request('/opportunities/import', {
      method: 'POST',
      body: (() => {
        const form = new FormData();
        form.set('_csrf', admin.cookie('hataraku_csrf') ?? '');
        return form;
      })(),
    });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('ファイルを選んでください。');
  });

  it('keeps a coordinator to their facilities, and a kept upload to its owner', async () => {
    const coordinator = await signedInClient(app(), demoEmails.coordinator);
    const html = await (
      await upload(
        coordinator,
        csvOf([sheetRow({ facility: CARE_CENTRE }), sheetRow({ facility: WORK_CENTRE })]),
      )
    ).text();
    expect(html).toContain(
      `3行目 『事業所』: 「${WORK_CENTRE}」のはたらく場を登録する権限がありません(担当している事業所だけ登録できます)`,
    );
    const ok = await (await upload(coordinator, csvOf([sheetRow({ facility: CARE_CENTRE })]))).text();
    const token = tokenIn(ok);
    expect(token).not.toBe('');
    // Another user cannot confirm it.
    const admin = await signedInClient(app(), demoEmails.corporationAdmin);
    const before = await opportunities();
    expect((await admin.postForm('/opportunities/import/confirm', { token })).status).toBe(400);
    expect(await opportunities()).toBe(before);
    expect((await coordinator.postForm('/opportunities/import/confirm', { token })).status).toBe(303);
    expect(await opportunities()).toBe(before + 1);
  });

  it('is not for counsellors', async () => {
    const counsellor = await signedInClient(app(), demoEmails.counsellor);
    expect((await counsellor.request('/opportunities/import')).status).toBe(403);
    expect((await counsellor.request('/opportunities/import/template.csv')).status).toBe(403);
    expect((await upload(counsellor, csvOf([sheetRow()]))).status).toBe(403);
  });
});
