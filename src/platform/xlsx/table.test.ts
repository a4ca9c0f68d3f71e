import { describe, expect, it } from 'vitest';
import { type TableColumn, tableToCsv } from './table';

type Row = { name: string; note: string };
const columns: TableColumn<Row>[] = [
  { header: '名称', width: 20, value: (r) => r.name },
  { header: '備考', width: 40, value: (r) => r.note },
];

describe('CSV for Excel', () => {
  it('quotes a cell with a lone line feed, so the row stays one row', () => {
    const csv = tableToCsv(columns, [{ name: '清掃', note: '午前のみ\n雨天中止' }]);
    expect(csv).toBe('\uFEFF名称,備考\r\n清掃,"午前のみ\n雨天中止"\r\n');
  });
  it('quotes commas and doubles quotes', () => {
    const csv = tableToCsv(columns, [{ name: '工房 "みどり", 本店', note: '' }]);
    expect(csv.split('\r\n')[1]).toBe('"工房 ""みどり"", 本店",');
  });
});
