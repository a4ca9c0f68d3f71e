/**
 * The downloadable import template: the sheet 「はたらく場」 with the layout's headers and one
 * filled, fictional example row, and a 「記入方法」 sheet saying how to fill each column; the same
 * headers and row as a CSV (UTF-8 with BOM, CRLF, so Excel opens it in Japanese).
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { opportunityMessages } from '../opportunities/messages';
import { supportCodes } from '../opportunities/opportunity';
import { type ColumnKey, columnHeaders, columnKeys } from './layout';
import { SHEET_NAME } from './sheet-file';

/** Whether a value is needed, and how to write it (shown in the 記入方法 sheet and the page). */
export const columnHelp: Record<ColumnKey, { required: boolean; how: string }> = {
  facility: { required: true, how: '事業所の名前(登録どおり正確に)または事業所ID' },
  title: { required: true, how: '100文字まで' },
  description: { required: false, how: '2000文字まで。セル内で改行できます' },
  tasks: {
    required: true,
    how: '清掃、洗濯、調理補助、配膳、介護補助(身体介護なし)、送迎添乗、事務補助、農園芸、軽作業、環境整備、その他 から。複数は「、」で区切る',
  },
  setting: { required: true, how: '屋内 / 屋外 / 屋内と屋外' },
  physical_load: { required: true, how: '軽い / ふつう / 重い' },
  work_forms: {
    required: true,
    how: '「A 非雇用型」のように、A〜D と 雇用型/非雇用型。複数は「、」で区切る。B〜Dは事業所の就労訓練事業の認定が必要',
  },
  windows: {
    required: true,
    how: '「月水金 8:30-12:00 2名」のように、曜日・時間・人数。複数は「;」で区切る(平日・毎日・土日も使えます)',
  },
  min_daily_hours: { required: false, how: '時間(0.25時間単位。例: 1.5)' },
  max_daily_hours: { required: false, how: '時間(0.25時間単位。例: 3.5)' },
  min_days: { required: false, how: '1〜7' },
  max_days: { required: false, how: '1〜7' },
  works_on_holidays: { required: false, how: '○ / ×(はい / いいえ も可。空欄は ×)' },
  year_end_closed: { required: false, how: '○ / ×(空欄は ×)' },
  holiday_note: { required: false, how: '500文字まで' },
  earliest_start_date: {
    required: false,
    how: '2026-04-01 または 令和8年4月1日。空欄はいつでも開始できることを表します',
  },
  pay: { required: false, how: 'なし / 時給1,100円 / 日給5,000円(雇用型は必須)' },
  transport: { required: false, how: 'なし / あり / あり(上限500円)' },
  meals: { required: false, how: 'なし / 支給(無料) / 有料で利用できる' },
  uniform: { required: false, how: '不要 / 貸与 / 各自で用意' },
  what_to_bring: { required: false, how: '500文字まで' },
  health_check_required: { required: false, how: '○ / ×' },
  documents_required: { required: false, how: '500文字まで' },
  supports: {
    required: false,
    how: `${supportCodes.map((code) => opportunityMessages.ja.supports[code]).join('、')} から。複数は「、」で区切る`,
  },
  supports_unavailable: { required: false, how: '対応できない配慮を同じ一覧から(例: 車椅子可)' },
  support_note: { required: false, how: '500文字まで' },
  visit_possible: { required: false, how: '○ / ×' },
  trial_possible: { required: false, how: '○ / ×' },
  interview_required: { required: false, how: '○ / ×' },
  status: { required: false, how: '下書き / 公開(空欄は下書き)' },
};

/** The example row (fictional); `facility` is one the downloader keeps, so it imports as is. */
export function exampleRow(facility: string): Record<ColumnKey, string> {
  return {
    facility,
    title: 'リネン類のたたみと配布(午後・架空の例)',
    description: '洗濯済みのタオルやシーツをたたみ、各フロアに配ります。\n職員が一緒に作業します。',
    tasks: '洗濯、軽作業',
    setting: '屋内',
    physical_load: '軽い',
    work_forms: 'A 非雇用型',
    windows: '月水金 13:00-15:00 2名; 土 10:00-12:00 1名',
    min_daily_hours: '1',
    max_daily_hours: '2',
    min_days: '1',
    max_days: '3',
    works_on_holidays: '×',
    year_end_closed: '○',
    holiday_note: '年末年始(12月29日〜1月3日)は休みです。',
    earliest_start_date: '令和8年4月1日',
    pay: 'なし',
    transport: 'あり(上限500円)',
    meals: 'なし',
    uniform: '貸与',
    what_to_bring: '上履き、飲み物',
    health_check_required: '×',
    documents_required: '',
    supports: '短時間から可、見守りあり、休憩の配慮',
    supports_unavailable: '車椅子可',
    support_note: '作業の手順は写真付きのカードで説明します。',
    visit_possible: '○',
    trial_possible: '○',
    interview_required: '×',
    status: '下書き',
  };
}

export const FALLBACK_FACILITY = 'みどりの杜 ケアセンター(架空)';

/** The template workbook. */
export async function templateXlsx(facility: string, now = new Date()): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Hataraku';
  workbook.created = now;
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columnKeys.map((key) => ({
    header: columnHeaders[key],
    key,
    width: ['description', 'windows', 'tasks', 'supports', 'support_note', 'title'].includes(key) ? 36 : 16,
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
  const example = exampleRow(facility);
  const row = sheet.addRow(columnKeys.map((key) => example[key]));
  row.alignment = { vertical: 'top', wrapText: true };
  // Every cell is text: Excel would otherwise turn 2026-04-01 into a date serial or drop a 0.
  for (let col = 1; col <= columnKeys.length; col += 1) sheet.getColumn(col).numFmt = '@';

  const help = workbook.addWorksheet('記入方法');
  help.columns = [
    { header: '列', key: 'header', width: 26 },
    { header: '必須', key: 'required', width: 8 },
    { header: '書き方', key: 'how', width: 90 },
    { header: '例', key: 'example', width: 40 },
  ];
  help.getRow(1).font = { bold: true };
  for (const key of columnKeys) {
    const added = help.addRow({
      header: columnHeaders[key],
      required: columnHelp[key].required ? '必須' : '',
      how: columnHelp[key].how,
      example: example[key],
    });
    added.alignment = { vertical: 'top', wrapText: true };
  }
  help.addRow([]);
  help.addRow(['1行に1つのはたらく場を書きます。1行目の見出しは変えないでください(列の順番は自由です)。']);
  help.addRow(['10,000行まで読み込めます。すべての行に誤りがないときだけ登録されます。']);
  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer as ArrayBuffer);
}

/** The template as CSV: UTF-8 with a BOM and CRLF line ends, headers and the example row. */
export function templateCsv(facility: string): string {
  const example = exampleRow(facility);
  return `\uFEFF${stringify(
    [columnKeys.map((key) => columnHeaders[key]), columnKeys.map((key) => example[key])],
    { record_delimiter: '\r\n', quoted_match: /[\r\n]/ },
  )}`;
}
