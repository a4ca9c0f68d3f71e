/**
 * The import's multi-row INSERTs (insertBatch, docs/decisions/032) write exactly what the form's
 * path (createOpportunityIn) writes for the same input: the opportunity row, its windows, version
 * 1 and the 'opportunity.create' audit row, apart from ids and times. On both databases.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases';
import { demoEmails, seedAndFindDemo } from '../../accounts/users/test-support';
import type { Actor } from '../../platform/auth/policy';
import { createOpportunityIn } from '../opportunities/service';
import { type ColumnKey, parseRow } from './layout';
import { importOpportunities, previewImport } from './service';
import { actorOf, audit, csvOf, sheetRow, utf8 } from './test-support';

describeEachDatabase('import batch insert', (current) => {
  const db = () => current().db;
  let admin: Actor;

  beforeAll(async () => {
    await seedAndFindDemo(db());
    admin = await actorOf(db(), demoEmails.corporationAdmin);
  });

  async function stored(id: string) {
    const opportunity = await db()
      .selectFrom('opportunity')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const windows = await db()
      .selectFrom('opportunity_window')
      .select(['weekday', 'start_time', 'end_time', 'capacity', 'open_places', 'position'])
      .where('opportunity_id', '=', id)
      .orderBy('position')
      .execute();
    const versions = await db()
      .selectFrom('opportunity_version')
      .select(['version', 'kind', 'changed_by', 'changes', 'snapshot'])
      .where('opportunity_id', '=', id)
      .execute();
    const audits = await db()
      .selectFrom('audit_event')
      .select(['user_id', 'organisation_id', 'action', 'subject_type', 'detail', 'request_id', 'ip'])
      .where('subject_id', '=', id)
      .execute();
    const {
      id: _id,
      created_at,
      updated_at,
      published_at,
      status_changed_at,
      last_confirmed_at,
      ...rest
    } = opportunity;
    return {
      opportunity: { ...rest, published: published_at !== null, sameTimes: created_at === updated_at },
      windows,
      versions: versions.map((v) => ({
        ...v,
        changes: JSON.parse(v.changes),
        snapshot: JSON.parse(v.snapshot),
      })),
      audits: audits.map((a) => ({ ...a, detail: JSON.parse(a.detail) })),
    };
  }

  it('writes the rows the form path writes, for drafts and published rows alike', async () => {
    const rows = [
      sheetRow({ title: '一括登録の比較(下書き)' }),
      sheetRow({ title: '一括登録の比較(公開)', status: '公開' }),
    ];
    const bytes = utf8(csvOf(rows));
    const checked = await previewImport(db(), admin, bytes);
    if (checked.status !== 'checked') throw new Error('refused');
    expect(checked.preview.errors).toEqual([]);
    const who = { ...audit, userId: admin.userId, organisationId: admin.organisationId };
    const imported = await importOpportunities(db(), admin, bytes, who);
    if (imported.status !== 'ok') throw new Error(`import: ${imported.status}`);
    expect(imported.ids).toHaveLength(2);

    for (const [index, ready] of checked.preview.ready.entries()) {
      const row = rows[index] as Record<ColumnKey, string>;
      const parsed = parseRow(ready.row, (key) => row[key]);
      const viaForm = await db()
        .transaction()
        .execute((trx) =>
          createOpportunityIn(trx, admin, ready.facilityId, parsed.input, who, { status: parsed.status }),
        );
      if (viaForm.status !== 'ok') throw new Error(`form path: ${viaForm.status}`);
      const batch = await stored(imported.ids[index] ?? '');
      expect(batch.opportunity.facility_id).toBeTruthy();
      expect(batch).toEqual(await stored(viaForm.id));
      expect(batch.windows.length).toBeGreaterThan(0);
    }
  });
});
