import { mkdirSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { TestClient } from '../../../test/app';
import { describeEachDatabase } from '../../../test/databases';
import { demoEmails, seedAndFindDemo, signedInClient, testApp } from '../../accounts/users/test-support';
import { seedDemoOpportunities } from '../opportunities/seed';
import { pdfPageCount, pdfText, renderPagesAsPng } from './test-support';

async function download(client: TestClient, path: string) {
  const response = await client.request(path);
  return { response, body: Buffer.from(await response.arrayBuffer()) };
}

async function sheetRows(body: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const rows: string[][] = [];
  sheet?.eachRow((row) => {
    rows.push(
      (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))),
    );
  });
  return rows;
}

describeEachDatabase('はたらく場情報 downloads (PDF, xlsx, csv)', (current) => {
  const db = () => current().db;
  const app = () => testApp(current());

  let users: Record<string, string> = {};

  beforeAll(async () => {
    users = (await seedAndFindDemo(db())).users;
    await seedDemoOpportunities(db());
  });

  it('needs a signed-in user', async () => {
    const anonymous = new TestClient(app());
    for (const format of ['pdf', 'xlsx', 'csv']) {
      const response = await anonymous.request(`/opportunities/export.${format}`);
      expect(response.status).toBeGreaterThanOrEqual(300);
      expect(response.status).toBeLessThan(400);
      expect(response.headers.get('location')).toContain('/login');
    }
  });

  it('gives a counsellor the published list as an A4 PDF, grouped by municipality', async () => {
    const counsellor = await signedInClient(app(), demoEmails.counsellor);
    const { response, body } = await download(counsellor, '/opportunities/export.pdf');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="hataraku-ba-\d{4}-\d{2}-\d{2}\.pdf"$/,
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdfPageCount(body);
    expect(pages).toBeGreaterThanOrEqual(2);
    const dir = `/tmp/listing-pages-http-${current().dialect}`;
    mkdirSync(dir, { recursive: true });
    renderPagesAsPng(body, dir, [1, 2]);
    const text = pdfText(body);
    if (text !== undefined) {
      expect(text).toContain('はたらく場情報');
      expect(text).toContain('掲載件数 3件');
      expect(text).toContain('公開中のはたらく場すべて');
      expect(text).toContain('みどりの杜 ケアセンター(架空)');
      expect(text).toContain('施設内の清掃(午前)');
      expect(text).toContain('畑の手入れと野菜の袋詰め');
      expect(text).toContain('042-000-0001');
      expect(text).not.toContain('園庭の環境整備'); // a draft
      expect(text).not.toContain('事務補助(封入'); // full: not in a counsellor's list
      expect(text).toMatch(new RegExp(`\\b1 ?/ ?${pages}\\b`));
      // Code order: 練馬区 (131202) before 八王子市 (132012).
      expect(text.indexOf('練馬区(1件)')).toBeGreaterThan(0);
      expect(text.indexOf('練馬区(1件)')).toBeLessThan(text.indexOf('八王子市(2件)'));
    }
  }, 30_000);

  it('limits a coordinator’s xlsx to their facilities’ opportunities', async () => {
    const coordinator = await signedInClient(app(), demoEmails.coordinator);
    const { response, body } = await download(coordinator, '/opportunities/export.xlsx');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const rows = await sheetRows(body);
    expect(rows[0]?.slice(0, 4)).toEqual(['区市町村', '事業所', '法人', 'はたらく場']);
    const titles = rows.slice(1).map((r) => r[3]);
    expect(titles).toContain('施設内の清掃(午前)');
    expect(titles).toContain('昼食の配膳と下膳の補助');
    expect(titles).not.toContain('畑の手入れと野菜の袋詰め'); // a colleague's facility
    expect(rows.slice(1).every((r) => r[1] === 'みどりの杜 ケアセンター(架空)')).toBe(true);
    // Who took the list (it carries contacts) is in the audit trail.
    const audit = await db()
      .selectFrom('audit_event')
      .select(['action', 'detail'])
      .where('user_id', '=', users[demoEmails.coordinator] ?? '')
      .where('action', '=', 'opportunity.export')
      .execute();
    expect(audit.map((a) => JSON.parse(a.detail))).toContainEqual({
      format: 'xlsx',
      statuses: 'all',
      count: 2,
      total: 2,
    });

    const pdf = await download(coordinator, '/opportunities/export.pdf?status=published');
    const text = pdfText(pdf.body);
    if (text !== undefined) {
      expect(text).toContain('状態: 公開中(受付中)');
      expect(text).toContain('施設内の清掃(午前)');
      expect(text).not.toContain('畑の手入れと野菜の袋詰め');
    }
  });

  it('gives council staff every opportunity as CSV (UTF-8 with BOM), or one status', async () => {
    const staff = await signedInClient(app(), demoEmails.councilStaff);
    const { response, body } = await download(staff, '/opportunities/export.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = body.toString('utf8');
    expect(csv.startsWith('\uFEFF区市町村,事業所,法人,はたらく場,')).toBe(true);
    for (const title of ['施設内の清掃(午前)', '畑の手入れと野菜の袋詰め', '園庭の環境整備']) {
      expect(csv).toContain(title);
    }
    expect(csv).toContain('https://hataraku.test/opportunities/');

    const published = (await download(staff, '/opportunities/export.csv?status=published')).body.toString(
      'utf8',
    );
    expect(published).toContain('畑の手入れと野菜の袋詰め');
    expect(published).not.toContain('園庭の環境整備');
  });
});
