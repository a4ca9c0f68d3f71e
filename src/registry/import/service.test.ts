import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases';
import { addFacility, demoEmails, seedAndFindDemo } from '../../accounts/users/test-support';
import type { Actor } from '../../platform/auth/policy';
import { columnHeaders, columnKeys } from './layout';
import { importOpportunities, previewImport } from './service';
import { SHEET_NAME } from './sheet-file';
import { templateCsv, templateXlsx } from './template';
import { actorOf, audit, CARE_CENTRE, csvOf, sheetRow, utf8, WORK_CENTRE } from './test-support';

describeEachDatabase('importing はたらく場 from a spreadsheet', (current) => {
  const db = () => current().db;
  let admin: Actor;
  let coordinator: Actor;

  const count = async (table: 'opportunity' | 'opportunity_version' | 'opportunity_window') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const counts = async () => ({
    opportunities: await count('opportunity'),
    versions: await count('opportunity_version'),
    windows: await count('opportunity_window'),
  });

  beforeAll(async () => {
    await seedAndFindDemo(db());
    admin = await actorOf(db(), demoEmails.corporationAdmin);
    coordinator = await actorOf(db(), demoEmails.coordinator);
  });

  async function previewOf(actor: Actor, bytes: Uint8Array) {
    const outcome = await previewImport(db(), actor, bytes);
    if (outcome.status !== 'checked') throw new Error(`refused: ${JSON.stringify(outcome.refusal)}`);
    return outcome.preview;
  }

  it('reads the downloaded xlsx template back and registers its row with a version and audit rows', async () => {
    const bytes = new Uint8Array(await templateXlsx(CARE_CENTRE));
    const preview = await previewOf(admin, bytes);
    expect(preview).toMatchObject({ format: 'xlsx', encoding: null, rowCount: 1, errors: [] });
    expect(preview.ready).toEqual([
      expect.objectContaining({
        row: 2,
        facilityName: CARE_CENTRE,
        title: 'リネン類のたたみと配布(午後・架空の例)',
        status: 'draft',
        windowCount: 4,
        windows: '月水金 13:00-15:00 2名; 土 10:00-12:00 1名',
      }),
    ]);
    const before = await counts();
    const outcome = await importOpportunities(
      db(),
      admin,
      bytes,
      { ...audit, userId: admin.userId },
      {
        fileName: 'template.xlsx',
      },
    );
    expect(outcome.status).toBe('ok');
    if (outcome.status !== 'ok') return;
    expect(outcome.ids).toHaveLength(1);
    const id = outcome.ids[0] ?? '';
    const row = await db()
      .selectFrom('opportunity')
      .select([
        'title',
        'status',
        'earliest_start_date',
        'transport_allowance',
        'transport_cap_yen',
        'supports',
        'supports_unavailable',
        'year_end_closed',
        'description',
      ])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'draft',
      earliest_start_date: '2026-04-01',
      transport_allowance: 1,
      transport_cap_yen: 500,
      year_end_closed: 1,
      description: '洗濯済みのタオルやシーツをたたみ、各フロアに配ります。\n職員が一緒に作業します。',
    });
    expect(JSON.parse(row.supports)).toEqual(['short_hours', 'supervision', 'rest_breaks']);
    expect(JSON.parse(row.supports_unavailable)).toEqual(['wheelchair']);
    const windows = await db()
      .selectFrom('opportunity_window')
      .select(['weekday', 'start_time', 'end_time', 'capacity'])
      .where('opportunity_id', '=', id)
      .orderBy('weekday')
      .execute();
    expect(windows.map((w) => [w.weekday, w.start_time, w.end_time, w.capacity])).toEqual([
      [1, '13:00', '15:00', 2],
      [3, '13:00', '15:00', 2],
      [5, '13:00', '15:00', 2],
      [6, '10:00', '12:00', 1],
    ]);
    expect(await counts()).toEqual({
      opportunities: before.opportunities + 1,
      versions: before.versions + 1,
      windows: before.windows + 4,
    });
    const version = await db()
      .selectFrom('opportunity_version')
      .select(['version', 'kind', 'changed_by'])
      .where('opportunity_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(version).toEqual({ version: 1, kind: 'create', changed_by: admin.userId });
    const auditRows = await db()
      .selectFrom('audit_event')
      .select(['action', 'detail'])
      .where('request_id', '=', 'import-test')
      .where('user_id', '=', admin.userId)
      .orderBy('at')
      .execute();
    expect(auditRows.map((a) => a.action)).toEqual(['opportunity.create', 'opportunity.import']);
    expect(JSON.parse(auditRows[1]?.detail ?? '{}')).toMatchObject({
      count: 1,
      format: 'xlsx',
      fileName: 'template.xlsx',
    });
  });

  it('reads a workbook typed by hand: date, number, rich-text and formula cells, another sheet first', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('メモ').addRow(['このシートは読みません']);
    const sheet = workbook.addWorksheet(SHEET_NAME);
    const example = sheetRow({ title: '手入力のブック(架空)' });
    sheet.addRow(columnKeys.map((key) => columnHeaders[key]));
    const cells: ExcelJS.CellValue[] = columnKeys.map((key) => example[key]);
    const at = (key: (typeof columnKeys)[number]) => columnKeys.indexOf(key);
    cells[at('earliest_start_date')] = new Date(Date.UTC(2026, 5, 15));
    cells[at('min_daily_hours')] = 1.5;
    cells[at('max_days')] = { formula: '1+2', result: 3 };
    cells[at('description')] = { richText: [{ text: '太字の' }, { text: '説明' }] };
    cells[at('visit_possible')] = true;
    sheet.addRow(cells);
    sheet.addRow([]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const preview = await previewOf(admin, bytes);
    expect(preview.errors).toEqual([]);
    expect(preview.ready).toEqual([expect.objectContaining({ row: 2, title: '手入力のブック(架空)' })]);
    const outcome = await importOpportunities(db(), admin, bytes, audit);
    if (outcome.status !== 'ok') throw new Error(outcome.status);
    const row = await db()
      .selectFrom('opportunity')
      .select([
        'earliest_start_date',
        'min_daily_minutes',
        'max_days_per_week',
        'description',
        'visit_possible',
      ])
      .where('id', '=', outcome.ids[0] ?? '')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      earliest_start_date: '2026-06-15',
      min_daily_minutes: 90,
      max_days_per_week: 3,
      description: '太字の説明',
      visit_possible: 1,
    });
  });

  it('reads CSV in UTF-8 with a BOM, without a BOM, and in Shift_JIS', async () => {
    const withBom = templateCsv(CARE_CENTRE);
    expect(withBom.startsWith('\uFEFF')).toBe(true);
    const withoutBom = withBom.slice(1);
    const sjis = new Uint8Array(iconv.encode(withoutBom, 'cp932'));
    for (const [bytes, encoding] of [
      [utf8(withBom), 'utf-8'],
      [utf8(withoutBom), 'utf-8'],
      [sjis, 'shift_jis'],
    ] as const) {
      const preview = await previewOf(admin, bytes);
      expect(preview).toMatchObject({ format: 'csv', encoding, rowCount: 1, errors: [] });
      expect(preview.ready[0]).toMatchObject({
        title: 'リネン類のたたみと配布(午後・架空の例)',
        windowCount: 4,
      });
    }
  });

  it('refuses a garbled file, a wrong file type, an empty file and a header-only file, naming the problem', async () => {
    const refusal = async (bytes: Uint8Array) => {
      const outcome = await previewImport(db(), admin, bytes);
      return outcome.status === 'refused' ? outcome.refusal : undefined;
    };
    // Neither UTF-8 nor Shift_JIS: bytes no encoding of Japanese text produces.
    expect(
      await refusal(new Uint8Array([0x8e, 0x96, 0x8b, 0xc6, 0x8f, 0x8a, 0x0d, 0x0a, 0xa0, 0xfd, 0xfe, 0x0d])),
    ).toEqual({
      problem: 'garbled',
    });
    // UTF-8 read as Latin-1 and saved again: readable, but no header of the sheet survives.
    const mangled = new Uint8Array(
      iconv.encode(Buffer.from(csvOf([sheetRow()]), 'utf8').toString('latin1'), 'utf8'),
    );
    expect(await refusal(mangled)).toEqual({ problem: 'noKnownHeaders' });
    expect(await refusal(new Uint8Array(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')))).toEqual({
      problem: 'wrongType',
    });
    expect(await refusal(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toEqual({
      problem: 'legacyExcel',
    });
    expect(await refusal(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]))).toEqual({
      problem: 'unreadableWorkbook',
    });
    expect(await refusal(new Uint8Array())).toEqual({ problem: 'empty' });
    expect(await refusal(utf8('\uFEFF\r\n,,\r\n'))).toEqual({ problem: 'empty' });
    expect(await refusal(utf8(csvOf([])))).toEqual({ problem: 'noRows' });
    expect(await refusal(utf8('事業所,"はたらく場の名前\r\n'))).toEqual({
      problem: 'unclosedQuote',
      line: 1,
    });
  });

  it('names the missing columns', async () => {
    const outcome = await previewImport(
      db(),
      admin,
      utf8(csvOf([sheetRow()], { without: ['windows', 'status'] })),
    );
    expect(outcome).toEqual({
      status: 'refused',
      refusal: { problem: 'missingColumns', columns: ['windows', 'status'] },
    });
  });

  it('reports 10,000 bad rows (every error counted) and writes nothing; more than 10,000 rows are refused', async () => {
    const bad = sheetRow({ windows: '月 13:00-12:00 2名', setting: '宇宙' });
    const rows = Array.from({ length: 10_000 }, () => bad);
    const bytes = utf8(csvOf(rows));
    const before = await counts();
    const started = performance.now();
    const preview = await previewOf(admin, bytes);
    const elapsed = performance.now() - started;
    expect(preview.rowCount).toBe(10_000);
    expect(preview.rowsWithErrors).toBe(10_000);
    expect(preview.errors).toHaveLength(20_000);
    expect(preview.errors[0]).toEqual({ row: 2, column: 'setting', code: 'unknownLabel', detail: '宇宙' });
    expect(preview.errors[1]).toEqual({
      row: 2,
      column: 'windows',
      code: 'endBeforeStart',
      detail: '月 13:00-12:00 2名',
    });
    expect(preview.errors.at(-1)?.row).toBe(10_001);
    expect(elapsed).toBeLessThan(15_000);
    expect((await importOpportunities(db(), admin, bytes, audit)).status).toBe('invalid');
    expect(await counts()).toEqual(before);

    const tooMany = await previewImport(
      db(),
      admin,
      utf8(csvOf(Array.from({ length: 10_001 }, () => sheetRow()))),
    );
    expect(tooMany).toEqual({ status: 'refused', refusal: { problem: 'tooManyRows', rows: 10_001 } });
  }, 60_000);

  it('writes nothing while any row is bad, and all rows once every row is good', async () => {
    const good = [
      sheetRow({ title: '一括登録テスト1(架空)', status: '公開' }),
      sheetRow({
        title: '一括登録テスト2(架空)',
        windows: '平日 9:00〜11:30 1人',
        earliest_start_date: '2026/5/7',
      }),
    ];
    const bad = sheetRow({
      title: '一括登録テスト3(架空)',
      earliest_start_date: '令和元年4月1日',
      pay: '月給20万円',
    });
    const before = await counts();
    const mixed = await importOpportunities(db(), admin, utf8(csvOf([...good, bad])), audit);
    expect(mixed.status).toBe('invalid');
    if (mixed.status !== 'invalid') return;
    expect(mixed.preview.ready.map((r) => r.row)).toEqual([2, 3]);
    expect(mixed.preview.errors).toEqual([
      { row: 4, column: 'earliest_start_date', code: 'dateFormat', detail: '令和元年4月1日' },
      { row: 4, column: 'pay', code: 'payFormat', detail: '月給20万円' },
    ]);
    expect(await counts()).toEqual(before);

    const fixed = sheetRow({
      title: '一括登録テスト3(架空)',
      earliest_start_date: '令和元年5月1日',
      pay: '時給1,200円',
      work_forms: 'A 雇用型',
    });
    const outcome = await importOpportunities(db(), admin, utf8(csvOf([...good, fixed])), audit);
    expect(outcome.status).toBe('ok');
    if (outcome.status !== 'ok') return;
    expect(outcome.ids).toHaveLength(3);
    expect(await counts()).toMatchObject({
      opportunities: before.opportunities + 3,
      versions: before.versions + 3,
      windows: before.windows + 4 + 5 + 4,
    });
    const stored = await db()
      .selectFrom('opportunity')
      .select(['title', 'status', 'published_at', 'earliest_start_date', 'pay_type', 'pay_yen'])
      .where('id', 'in', outcome.ids)
      .orderBy('title')
      .execute();
    expect(
      stored.map((s) => [
        s.title,
        s.status,
        s.published_at !== null,
        s.earliest_start_date,
        s.pay_type,
        s.pay_yen,
      ]),
    ).toEqual([
      ['一括登録テスト1(架空)', 'published', true, '2026-04-01', 'none', null],
      ['一括登録テスト2(架空)', 'draft', false, '2026-05-07', 'none', null],
      ['一括登録テスト3(架空)', 'draft', false, '2019-05-01', 'hourly', 1200],
    ]);
  });

  it('keeps a coordinator to their assigned facilities (a row error), and says which facility is unknown', async () => {
    const rows = [
      sheetRow({ facility: CARE_CENTRE }),
      sheetRow({ facility: WORK_CENTRE }),
      sheetRow({ facility: '存在しない作業所(架空)' }),
      sheetRow({ facility: '' }),
    ];
    const before = await counts();
    const preview = await previewOf(coordinator, utf8(csvOf(rows)));
    expect(preview.ready.map((r) => r.row)).toEqual([2]);
    expect(preview.errors).toEqual([
      { row: 3, column: 'facility', code: 'facilityForbidden', detail: WORK_CENTRE },
      { row: 4, column: 'facility', code: 'facilityNotFound', detail: '存在しない作業所(架空)' },
      { row: 5, column: 'facility', code: 'facilityRequired', detail: undefined },
    ]);
    expect((await importOpportunities(db(), coordinator, utf8(csvOf(rows)), audit)).status).toBe('invalid');
    expect(await counts()).toEqual(before);
    // The corporation admin may import into both, by name or by id.
    const workCentreId = (
      await db().selectFrom('facility').select('id').where('name', '=', WORK_CENTRE).executeTakeFirstOrThrow()
    ).id;
    const asAdmin = await previewOf(
      admin,
      utf8(csvOf([sheetRow({ facility: WORK_CENTRE }), sheetRow({ facility: workCentreId })])),
    );
    expect(asAdmin.errors).toEqual([]);
    expect(asAdmin.ready.map((r) => r.facilityName)).toEqual([WORK_CENTRE, WORK_CENTRE]);
  });

  it('maps the domain’s rules onto columns: B–D without 認定, employed without pay, a bad window in a list', async () => {
    await addFacility(db(), admin.organisationId, '認定のない作業所(架空)');
    const preview = await previewOf(
      admin,
      utf8(
        csvOf([
          sheetRow({
            facility: '認定のない作業所(架空)',
            work_forms: 'B 非雇用型、A 雇用型',
            pay: 'なし',
            windows: '月 9:00-12:00 1名; 火 25:00-26:00 1名',
          }),
          sheetRow({
            tasks: '清掃、草むしり',
            supports: '見守りあり',
            supports_unavailable: '見守りあり',
            visit_possible: 'たぶん',
          }),
          sheetRow({ title: '', windows: '', min_daily_hours: '3', max_daily_hours: '2' }),
        ]),
      ),
    );
    expect(preview.errors).toEqual([
      { row: 2, column: 'work_forms', code: 'certificationRequired', detail: undefined },
      { row: 2, column: 'windows', code: 'invalidTime', detail: '火 25:00-26:00 1名' },
      { row: 2, column: 'pay', code: 'employedNeedsPay', detail: undefined },
      { row: 3, column: 'tasks', code: 'unknownLabel', detail: '草むしり' },
      { row: 3, column: 'supports_unavailable', code: 'supportBoth', detail: '見守りあり' },
      { row: 3, column: 'visit_possible', code: 'flagFormat', detail: 'たぶん' },
      { row: 4, column: 'title', code: 'required', detail: undefined },
      { row: 4, column: 'windows', code: 'windowRequired', detail: undefined },
      { row: 4, column: 'min_daily_hours', code: 'minAboveMax', detail: undefined },
    ]);
  });
});

describe('row numbers', () => {
  it('count blank rows in a CSV as the sheet shows them', async () => {
    const { readSheetFile } = await import('./sheet-file');
    const file = await readSheetFile(utf8('a,b\r\n\r\n1,2\r\n'));
    expect(file).toMatchObject({ ok: true, rows: [{ row: 1 }, { row: 3 }] });
  });
});
