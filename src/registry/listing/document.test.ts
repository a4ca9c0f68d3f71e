import { mkdirSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildListingDocument } from './document';
import { renderListingCsv, renderListingPdf, renderListingXlsx } from './export';
import {
  groupByMunicipality,
  hoursText,
  type ListingEntry,
  listingText,
  payText,
  transportText,
  windowLines,
} from './listing';
import { buildListingEntry, pdfPageCount, pdfText, renderPagesAsPng } from './test-support';

const t = listingText('ja');
const now = new Date('2026-11-25T03:00:00Z');

describe('listing text', () => {
  it('writes weekly windows as 月水金 8:30–12:00, one line per time', () => {
    const entry = buildListingEntry({
      values: {
        windows: [
          { weekday: 5, start: '08:30', end: '12:00', capacity: 2 },
          { weekday: 1, start: '08:30', end: '12:00', capacity: 2 },
          { weekday: 3, start: '08:30', end: '12:00', capacity: 2 },
          { weekday: 2, start: '13:00', end: '15:30', capacity: 1 },
        ],
      },
    });
    expect(windowLines(t, entry.values.windows)).toEqual([
      '月水金 8:30–12:00(各日 定員2人)',
      '火 13:00–15:30(定員1人)',
    ]);
  });

  it('writes hours, pay and transport in words', () => {
    const entry = buildListingEntry();
    expect(hoursText(t, entry)).toBe('1日2〜3.5時間・週1〜3日');
    expect(payText(t, entry)).toBe('なし');
    expect(transportText(t, entry)).toBe('あり(1日500円まで)');
    const paid = buildListingEntry({
      values: {
        pay_type: 'hourly',
        pay_yen: 1163,
        transport_allowance: 0,
        min_daily_minutes: null,
        max_daily_minutes: null,
        min_days_per_week: 2,
        max_days_per_week: 2,
      },
    });
    expect(hoursText(t, paid)).toBe('週2日');
    expect(payText(t, paid)).toBe('時給 1,163円');
    expect(transportText(t, paid)).toBe('なし');
  });

  it('groups by municipality in code order, keeping the order within each', () => {
    const groups = groupByMunicipality([
      buildListingEntry({ municipalityCode: '132012', municipalityName: '八王子市', facilityName: 'A' }),
      buildListingEntry({ municipalityCode: '131041', municipalityName: '新宿区', facilityName: 'B' }),
      buildListingEntry({ municipalityCode: '132012', municipalityName: '八王子市', facilityName: 'C' }),
    ]);
    expect(groups.map((g) => [g.name, g.entries.map((e) => e.facilityName)])).toEqual([
      ['新宿区', ['B']],
      ['八王子市', ['A', 'C']],
    ]);
  });
});

/** 36 opportunities in three municipalities: enough for several pages. */
function sampleEntries(): ListingEntry[] {
  const places = [
    { code: '131041', name: '新宿区', facility: 'みどりの杜 ケアセンター' },
    { code: '131148', name: '中野区', facility: 'なかのリサイクル工房' },
    { code: '132012', name: '八王子市', facility: '高尾の森ファーム' },
  ];
  return places.flatMap((place, p) =>
    Array.from({ length: 12 }, (_, i) =>
      buildListingEntry({
        municipalityCode: place.code,
        municipalityName: place.name,
        facilityName: `${place.facility}${i + 1}`,
        values: {
          title: `${['施設内の清掃(午前)', '野菜の袋詰め', '封入・データ入力'][p]}${i + 1}`,
          tasks: [(['cleaning', 'farming_gardening', 'office_assist'] as const)[p] ?? 'other'],
          description:
            'タオルやシーツを洗濯し、たたみます。はじめは職員と一緒に作業し、慣れてきたら一人で進めます。休憩は自由にとれます。'.repeat(
              i % 3 === 0 ? 3 : 1,
            ),
        },
      }),
    ),
  );
}

describe('the はたらく場情報 PDF', () => {
  it('has a cover with the date in 西暦 and 和暦, counts per municipality, and page numbers', () => {
    const doc = buildListingDocument(t, sampleEntries(), { now });
    const json = JSON.stringify(doc.content);
    expect(json).toContain('はたらく場情報');
    expect(json).toContain('2026年11月25日(水)現在');
    expect(json).toContain('令和8年11月25日');
    expect(json).toContain('新宿区(12件)');
    expect(json).toContain('掲載件数 36件');
    const footer = doc.footer as (page: number, count: number) => { text: string };
    expect(footer(1, 12).text).toBe('1 / 12');
  });

  it('renders an A4 PDF in BIZ UDPGothic with the Japanese text, grouped, several pages', async () => {
    const entries = sampleEntries();
    const pdf = await renderListingPdf(t, entries, { now, total: 40 });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(raw).toContain('BIZUDPGothic');
    const pages = pdfPageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(5);

    const text = pdfText(pdf);
    if (text !== undefined) {
      expect(text).toContain('はたらく場情報');
      expect(text).toContain('令和8年11月25日');
      expect(text).toContain('みどりの杜 ケアセンター1');
      expect(text).toContain('高尾の森ファーム12');
      expect(text).toContain('月水金 8:30–12:00');
      expect(text).toContain('03-1234-5678');
      expect(text).toContain('先頭の36件を掲載しています');
      expect(text).toMatch(new RegExp(`\\b1 ?/ ?${pages}\\b`));
      expect(text).toMatch(new RegExp(`\\b${pages} ?/ ?${pages}\\b`));
      // Grouped: 新宿区 before 中野区 before 八王子市.
      expect(text.indexOf('新宿区(12件)')).toBeLessThan(text.indexOf('中野区(12件)'));
      expect(text.indexOf('中野区(12件)')).toBeLessThan(text.indexOf('八王子市(12件)'));
    }

    // For a person to look at (see the task report): page 1 (cover) and 2.
    const dir = '/tmp/listing-pages';
    mkdirSync(dir, { recursive: true });
    for (const png of renderPagesAsPng(pdf, dir, [1, 2, pages])) {
      expect(readFileSync(png).subarray(1, 4).toString('latin1')).toBe('PNG');
    }
  }, 30_000);

  it('renders in English too (the labels follow the language switch)', async () => {
    const pdf = await renderListingPdf(listingText('en'), sampleEntries().slice(0, 3), { now });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    if (text !== undefined) {
      expect(text).toContain('(Hataraku-ba)');
      expect(text).toContain('Mon Wed Fri 8:30–12:00');
    }
  });

  it('says so when nothing matches', async () => {
    const pdf = await renderListingPdf(t, [], { now });
    expect(pdfPageCount(pdf)).toBe(2);
    const text = pdfText(pdf);
    if (text !== undefined) expect(text).toContain('該当するはたらく場はありません。');
  });
});

describe('the spreadsheets', () => {
  const entries = [
    buildListingEntry({
      facilityName: '工房 "みどり", 本店',
      values: { title: '封入作業', description: '1行目、カンマ,あり\n2行目' },
    }),
    buildListingEntry({ values: { title: '=HYPERLINK("http://example.com")' } }),
  ];

  it('xlsx: Japanese headers, a frozen header row, widths, one row per opportunity', async () => {
    const buffer = await renderListingXlsx(t, entries, { baseUrl: 'https://hataraku.test', now });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('はたらく場情報');
    expect(sheet).toBeDefined();
    if (!sheet) return;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 4)).toEqual(['区市町村', '事業所', '法人', 'はたらく場']);
    expect(header).toContain('曜日と時間');
    expect(header).toContain('電話番号');
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(2).width).toBe(28);
    expect(sheet.rowCount).toBe(3);
    const row = sheet.getRow(2);
    expect(row.getCell(2).value).toBe('工房 "みどり", 本店');
    expect(row.getCell(header.indexOf('曜日と時間') + 1).value).toBe('月水金 8:30–12:00(各日 定員2人)');
    expect(row.getCell(header.indexOf('仕事の説明') + 1).value).toBe('1行目、カンマ,あり\n2行目');
    // A formula-looking title stays text in xlsx.
    expect(sheet.getRow(3).getCell(4).value).toBe('=HYPERLINK("http://example.com")');
  });

  it('csv: UTF-8 with BOM, CRLF, header, quoted commas, quotes and line breaks, formulas defused', () => {
    const csv = renderListingCsv(t, entries, { baseUrl: 'https://hataraku.test' });
    expect(csv.startsWith('\uFEFF区市町村,事業所,法人,はたらく場,')).toBe(true);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv).toContain('"工房 ""みどり"", 本店"');
    expect(csv).toContain('"1行目、カンマ,あり\n2行目"');
    expect(csv).toContain(`"'=HYPERLINK(""http://example.com"")"`);
    expect(csv.split('\r\n')[0]?.split(',').length).toBeGreaterThan(20);
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
