/** Test data and PDF helpers for the listing tests: an entry states only what matters to a test. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpportunityValues } from '../opportunities/opportunity';
import type { ListingEntry } from './listing';

let counter = 0;

export function buildListingEntry(
  overrides: Partial<Omit<ListingEntry, 'values'>> & { values?: Partial<OpportunityValues> } = {},
): ListingEntry {
  counter += 1;
  const { values, ...rest } = overrides;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    facilityId: 'f1',
    facilityName: 'みどりの杜 ケアセンター',
    corporationId: 'c1',
    corporationName: '社会福祉法人 みどり会',
    municipalityCode: '131041',
    municipalityName: '新宿区',
    status: 'published',
    version: 1,
    isDemo: 0,
    createdAt: '2026-10-01T00:00:00.000Z',
    updatedAt: '2026-10-01T00:00:00.000Z',
    publishedAt: '2026-10-01T00:00:00.000Z',
    statusChangedAt: '2026-10-01T00:00:00.000Z',
    lastConfirmedAt: '2026-11-01T00:00:00.000Z',
    contactName: '山田 花子',
    contactEmail: 'yamada@example.jp',
    phone: '03-1234-5678',
    address: '東京都新宿区西新宿2-8-1',
    nearestStation: '都庁前駅',
    walkMinutes: 5,
    ...rest,
    values: {
      title: '施設内の清掃(午前)',
      description: '共用部分の床や手すりの清掃です。職員と一緒に作業します。',
      tasks: ['cleaning'],
      setting: 'indoor',
      physical_load: 'light',
      work_forms: ['a_unpaid'],
      min_daily_minutes: 120,
      max_daily_minutes: 210,
      min_days_per_week: 1,
      max_days_per_week: 3,
      works_on_holidays: 0,
      year_end_closed: 1,
      holiday_note: null,
      earliest_start_date: null,
      pay_type: 'none',
      pay_yen: null,
      transport_allowance: 1,
      transport_cap_yen: 500,
      meals: 'none',
      uniform: 'lent',
      what_to_bring: null,
      health_check_required: 0,
      documents_required: null,
      supports: ['short_hours', 'supervision'],
      supports_unavailable: ['wheelchair'],
      support_note: null,
      visit_possible: 1,
      trial_possible: 1,
      interview_required: 0,
      windows: [
        { weekday: 1, start: '08:30', end: '12:00', capacity: 2 },
        { weekday: 3, start: '08:30', end: '12:00', capacity: 2 },
        { weekday: 5, start: '08:30', end: '12:00', capacity: 2 },
      ],
      ...values,
    },
  };
}

/** Whether a poppler tool (pdftotext, pdfinfo, pdftoppm) is on the PATH. */
export function hasPoppler(tool = 'pdftotext'): boolean {
  try {
    execFileSync(tool, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Pages of a PDF: pdfinfo when present, else the page objects pdfkit writes uncompressed. */
export function pdfPageCount(pdf: Buffer): number {
  if (hasPoppler('pdfinfo')) {
    const dir = mkdtempSync(join(tmpdir(), 'listing-'));
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file]).toString();
    return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  }
  return (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;
}

/** The text of a PDF (pdftotext -layout); undefined without poppler. */
export function pdfText(pdf: Buffer): string | undefined {
  if (!hasPoppler('pdftotext')) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'listing-'));
  const file = join(dir, 'doc.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-']).toString();
}

/**
 * Renders pages of a PDF as PNG files (pdftoppm -r 60) into `dir`, for a person to look at;
 * returns their paths, or [] without poppler.
 */
export function renderPagesAsPng(pdf: Buffer, dir: string, pages: readonly number[]): string[] {
  if (!hasPoppler('pdftoppm')) return [];
  const file = join(dir, 'listing.pdf');
  writeFileSync(file, pdf);
  return pages.map((page) => {
    const prefix = join(dir, `page-${page}`);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      file,
      prefix,
    ]);
    const png = `${prefix}.png`;
    readFileSync(png); // exists
    return png;
  });
}
