/**
 * The はたらく場 import (登録シート): `previewImport` reads an uploaded xlsx/csv, finds each row's
 * facility within the importer's scope and checks every row with the domain's rules, writing
 * nothing; `importOpportunities` does the same again and, only when every row is good, registers
 * them all in ONE transaction with the checks and rows of the form's path (createOpportunityIn:
 * policy, 認定, validation, version 1 and an audit row each) written as multi-row INSERTs
 * (insertBatch), plus one 'opportunity.import' audit row.
 */
import type { Insertable, Kysely, Transaction } from 'kysely';
import { recordAudit } from '../../platform/audit/audit';
import { type Actor, can } from '../../platform/auth/policy';
import type {
  AuditEventTable,
  Database,
  OpportunityTable,
  OpportunityVersionTable,
  OpportunityWindowTable,
} from '../../platform/db/schema';
import { newId, nowIso } from '../../platform/db/time';
import { normaliseInput } from '../../platform/text/normalise';
import { facilityHasValidCertification } from '../certifications/service';
import { getFacility, listFacilitiesFor } from '../facilities/service';
import {
  diffValues,
  type OpportunityInput,
  type TimeWindow,
  validateOpportunity,
  weekdayLabels,
} from '../opportunities/opportunity';
import { type AuditContext, opportunitySearchText } from '../opportunities/service';
import { columnsOf } from '../opportunities/store';
import {
  type CellError,
  type ColumnKey,
  columnKeys,
  columnOfField,
  mapHeaders,
  type ParsedRow,
  parseRow,
} from './layout';
import { type FileProblem, readSheetFile } from './sheet-file';

/** More data rows than this and the file is refused as a whole. */
export const MAX_ROWS = 10_000;
/** The preview lists this many errors, then says how many more there are. */
export const ERRORS_SHOWN = 100;

/** Why a file is refused before any row is looked at. */
export type Refusal =
  | { problem: FileProblem; line?: number }
  | { problem: 'missingColumns'; columns: ColumnKey[] }
  | { problem: 'noKnownHeaders' }
  | { problem: 'noRows' }
  | { problem: 'tooManyRows'; rows: number };

/** A row that passed every check, as the preview lists it. */
export type ReadyRow = {
  row: number;
  facilityId: string;
  facilityName: string;
  title: string;
  status: 'draft' | 'published';
  windowCount: number;
  /** The windows as the sheet writes them: 「月水金 13:00-15:00 2名; 土 10:00-12:00 1名」. */
  windows: string;
};

/** Windows grouped by time and headcount, in the sheet's own format. */
export function windowsText(windows: readonly TimeWindow[]): string {
  const groups = new Map<string, string>();
  for (const w of windows) {
    const key = `${w.start}-${w.end} ${w.capacity}名`;
    groups.set(key, (groups.get(key) ?? '') + weekdayLabels[w.weekday]);
  }
  return [...groups].map(([times, days]) => `${days} ${times}`).join('; ');
}

export type Preview = {
  format: 'xlsx' | 'csv';
  encoding: 'utf-8' | 'shift_jis' | null;
  /** Data rows read (blank rows not counted). */
  rowCount: number;
  ready: ReadyRow[];
  /** Every error, in row then column order (the page shows the first ERRORS_SHOWN). */
  errors: CellError[];
  /** How many rows have at least one error. */
  rowsWithErrors: number;
  ignoredHeaders: string[];
};

export type PreviewOutcome =
  | { status: 'refused'; refusal: Refusal }
  | { status: 'checked'; preview: Preview };

type FacilityRef = { id: string; name: string; corporationId: string; active: number };

/** The facilities the actor can see, by id and by exact (NFKC, trimmed) name. */
async function facilityIndex(db: Kysely<Database>, actor: Actor) {
  const { items } = await listFacilitiesFor(db, actor, { limit: 1_000_000, offset: 0 });
  const byId = new Map<string, FacilityRef>();
  const byName = new Map<string, FacilityRef[]>();
  for (const f of items) {
    const ref = { id: f.id, name: f.name, corporationId: f.corporationId, active: f.active };
    byId.set(f.id, ref);
    const key = normaliseInput(f.name);
    byName.set(key, [...(byName.get(key) ?? []), ref]);
  }
  return { byId, byName };
}

const columnOrder = (key: ColumnKey) => columnKeys.indexOf(key);

/** Reads and checks a file; writes nothing. */
export async function previewImport(
  db: Kysely<Database>,
  actor: Actor,
  bytes: Uint8Array,
): Promise<PreviewOutcome> {
  const checked = await checkFile(db, actor, bytes);
  return checked.status === 'refused' ? checked : { status: 'checked', preview: checked.preview };
}

type Checked =
  | { status: 'refused'; refusal: Refusal }
  | { status: 'checked'; preview: Preview; parsed: Map<number, ParsedRow> };

async function checkFile(db: Kysely<Database>, actor: Actor, bytes: Uint8Array): Promise<Checked> {
  const file = await readSheetFile(bytes);
  if (!file.ok) return { status: 'refused', refusal: { problem: file.problem, line: file.line } };
  const [header, ...data] = file.rows;
  if (!header) return { status: 'refused', refusal: { problem: 'empty' } };
  const headers = mapHeaders(header.cells);
  if (headers.missing.length === columnKeys.length) {
    return { status: 'refused', refusal: { problem: 'noKnownHeaders' } };
  }
  if (headers.missing.length > 0) {
    return { status: 'refused', refusal: { problem: 'missingColumns', columns: headers.missing } };
  }
  if (data.length === 0) return { status: 'refused', refusal: { problem: 'noRows' } };
  if (data.length > MAX_ROWS)
    return { status: 'refused', refusal: { problem: 'tooManyRows', rows: data.length } };

  const facilities = await facilityIndex(db, actor);
  const certified = new Map<string, boolean>();
  const errors: CellError[] = [];
  const ready: ReadyRow[] = [];
  const parsedRows = new Map<number, ParsedRow>();
  let rowsWithErrors = 0;

  for (const { row, cells } of data) {
    const parsed = parseRow(row, (key) => {
      const index = headers.index[key];
      return index === undefined ? '' : (cells[index] ?? '');
    });
    const rowErrors = [...parsed.errors];
    const facility = findFacility(parsed, facilities, actor, rowErrors);
    let hasValidCertification = false;
    if (facility) {
      if (!certified.has(facility.id)) {
        certified.set(facility.id, await facilityHasValidCertification(db, facility.id));
      }
      hasValidCertification = certified.get(facility.id) ?? false;
    }
    const checked = validateOpportunity(parsed.input, { hasValidCertification });
    if (!checked.ok) {
      for (const [field, code] of Object.entries(checked.errors)) {
        const column = columnOfField(field);
        if (rowErrors.some((e) => e.column === column)) continue;
        const windowIndex = /^windows\.(\d+)\./.exec(field)?.[1];
        const detail = windowIndex === undefined ? undefined : parsed.windowEntries[Number(windowIndex)];
        rowErrors.push({ row, column, code, detail });
      }
    }
    if (rowErrors.length > 0) {
      rowsWithErrors += 1;
      rowErrors.sort((a, b) => columnOrder(a.column) - columnOrder(b.column));
      errors.push(...rowErrors);
    } else if (facility && checked.ok) {
      parsedRows.set(row, parsed);
      ready.push({
        row,
        facilityId: facility.id,
        facilityName: facility.name,
        title: checked.value.title,
        status: parsed.status,
        windowCount: checked.value.windows.length,
        windows: windowsText(checked.value.windows),
      });
    }
  }
  return {
    status: 'checked',
    preview: {
      format: file.format,
      encoding: file.encoding,
      rowCount: data.length,
      ready,
      errors,
      rowsWithErrors,
      ignoredHeaders: headers.ignored,
    },
    parsed: parsedRows,
  };
}

/** The row's facility: by id or exact name, in the actor's scope, active, and theirs to keep. */
function findFacility(
  parsed: ParsedRow,
  facilities: Awaited<ReturnType<typeof facilityIndex>>,
  actor: Actor,
  errors: CellError[],
): FacilityRef | undefined {
  if (parsed.facilityRef === '') return undefined;
  const fail = (code: CellError['code']) => {
    errors.push({ row: parsed.row, column: 'facility', code, detail: parsed.facilityRef });
    return undefined;
  };
  const byId = facilities.byId.get(parsed.facilityRef.toLowerCase());
  const byName = facilities.byName.get(parsed.facilityRef) ?? [];
  if (!byId && byName.length > 1) return fail('facilityAmbiguous');
  const facility = byId ?? byName[0];
  if (!facility) return fail('facilityNotFound');
  if (
    !can(actor, 'opportunity.create', {
      kind: 'facility',
      id: facility.id,
      corporationId: facility.corporationId,
    })
  ) {
    return fail('facilityForbidden');
  }
  if (!facility.active) return fail('facilityInactive');
  return facility;
}

export type ImportOutcome =
  | { status: 'ok'; ids: string[] }
  | { status: 'refused'; refusal: Refusal }
  | { status: 'invalid'; preview: Preview };

class RollBack extends Error {}

/** Rows per multi-row INSERT: well under SQLite's and PostgreSQL's limits on bound values. */
const BATCH = 200;

async function insertChunked<T>(items: readonly T[], insert: (part: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH) await insert(items.slice(i, i + BATCH));
}

/**
 * Registers the checked rows in the caller's transaction with a few multi-row INSERTs instead of
 * createOpportunityIn's eight statements a row (docs/decisions/032): the same checks (each
 * facility read again in scope, the policy, its 認定, the domain's validation) and the same rows —
 * opportunity, windows, version 1 ('create', every value as the change, the values and status as
 * the snapshot) and an 'opportunity.create' audit row each. batch.test.ts compares the rows with
 * createOpportunityIn's for the same input. Any refusal throws RollBack: nothing is kept.
 */
async function insertBatch(
  trx: Transaction<Database>,
  actor: Actor,
  rows: readonly {
    row: number;
    facilityId: string;
    input: OpportunityInput;
    status: 'draft' | 'published';
  }[],
  audit: AuditContext,
  at: Date,
): Promise<string[]> {
  const now = nowIso(at);
  const facilities = new Map<
    string,
    { id: string; name: string; corporationId: string; certified: boolean }
  >();
  for (const facilityId of new Set(rows.map((r) => r.facilityId))) {
    const facility = await getFacility(trx, actor, facilityId);
    if (!facility) throw new RollBack(`facility ${facilityId}: not_found`);
    if (
      !can(actor, 'opportunity.create', {
        kind: 'facility',
        id: facility.id,
        corporationId: facility.corporationId,
      })
    )
      throw new RollBack(`facility ${facilityId}: forbidden`);
    facilities.set(facilityId, {
      id: facility.id,
      name: facility.name,
      corporationId: facility.corporationId,
      certified: await facilityHasValidCertification(trx, facility.id),
    });
  }
  const opportunities: Insertable<OpportunityTable>[] = [];
  const windows: Insertable<OpportunityWindowTable>[] = [];
  const versions: Insertable<OpportunityVersionTable>[] = [];
  const audits: Insertable<AuditEventTable>[] = [];
  for (const r of rows) {
    const facility = facilities.get(r.facilityId);
    if (!facility) throw new RollBack(`row ${r.row}: no facility`);
    const parsed = validateOpportunity(r.input, { hasValidCertification: facility.certified });
    // Checked a moment ago; anything else now (a 認定 withdrawn meanwhile) undoes the lot.
    if (!parsed.ok) throw new RollBack(`row ${r.row}: invalid`);
    const values = parsed.value;
    const id = newId();
    opportunities.push({
      ...columnsOf(values),
      id,
      facility_id: facility.id,
      status: r.status,
      search_text: opportunitySearchText(values, facility.name),
      is_demo: 0,
      created_at: now,
      updated_at: now,
      published_at: r.status === 'published' ? now : null,
      status_changed_at: now,
      last_confirmed_at: now,
      version: 1,
      last_reminded_at: null,
    });
    for (const [position, w] of values.windows.entries()) {
      windows.push({
        id: newId(),
        opportunity_id: id,
        weekday: w.weekday,
        start_time: w.start,
        end_time: w.end,
        capacity: w.capacity,
        position,
        open_places: w.capacity,
      });
    }
    const changes = diffValues({}, { ...values, status: r.status });
    versions.push({
      id: newId(),
      opportunity_id: id,
      version: 1,
      kind: 'create',
      changed_by: audit.userId ?? null,
      changed_at: now,
      changes: JSON.stringify(changes),
      snapshot: JSON.stringify({ ...values, status: r.status }),
    });
    audits.push({
      id: newId(),
      at: nowIso(),
      user_id: audit.userId ?? null,
      organisation_id: audit.organisationId ?? null,
      action: 'opportunity.create',
      subject_type: 'opportunity',
      subject_id: id,
      detail: JSON.stringify({
        facilityId: facility.id,
        corporationId: facility.corporationId,
        version: 1,
        fields: Object.keys(changes),
      }),
      request_id: audit.requestId ?? null,
      ip: audit.ip ?? null,
    });
  }
  await insertChunked(opportunities, (part) => trx.insertInto('opportunity').values(part).execute());
  await insertChunked(windows, (part) => trx.insertInto('opportunity_window').values(part).execute());
  await insertChunked(versions, (part) => trx.insertInto('opportunity_version').values(part).execute());
  await insertChunked(audits, (part) => trx.insertInto('audit_event').values(part).execute());
  return opportunities.map((o) => o.id);
}

/**
 * Registers every row of the file, all or nothing: checks the file again (facilities, 認定 or
 * rights may have changed since the preview), and writes only when no row has an error.
 */
export async function importOpportunities(
  db: Kysely<Database>,
  actor: Actor,
  bytes: Uint8Array,
  audit: AuditContext,
  options: { now?: Date; fileName?: string } = {},
): Promise<ImportOutcome> {
  const checked = await checkFile(db, actor, bytes);
  if (checked.status === 'refused') return checked;
  const { preview } = checked;
  if (preview.errors.length > 0) return { status: 'invalid', preview };
  try {
    const ids = await db.transaction().execute(async (trx) => {
      const rows = preview.ready.map((ready) => {
        const parsed = checked.parsed.get(ready.row);
        if (!parsed) throw new RollBack(`row ${ready.row} vanished`);
        return { row: ready.row, facilityId: ready.facilityId, input: parsed.input, status: parsed.status };
      });
      const created = await insertBatch(trx, actor, rows, audit, options.now ?? new Date());
      await recordAudit(trx, {
        ...audit,
        action: 'opportunity.import',
        subjectType: 'opportunity_import',
        subjectId: null,
        detail: {
          count: created.length,
          format: preview.format,
          encoding: preview.encoding,
          fileName: options.fileName ?? null,
          facilityIds: [...new Set(preview.ready.map((r) => r.facilityId))],
        },
      });
      return created;
    });
    return { status: 'ok', ids };
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
    const again = await previewImport(db, actor, bytes);
    return again.status === 'refused' ? again : { status: 'invalid', preview: again.preview };
  }
}
