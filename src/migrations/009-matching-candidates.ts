/**
 * Matching (issue 6): a participant's candidate list (候補リスト) — work places the counsellor
 * saved from the shortlist, with who saved it, when, and an optional note. One row per
 * participant and opportunity. See docs/matching.md.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('participant_candidate')
    .addColumn('participant_id', 'text', (c) => c.notNull().references('participant.id').onDelete('cascade'))
    .addColumn('opportunity_id', 'text', (c) => c.notNull().references('opportunity.id').onDelete('cascade'))
    .addColumn('saved_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('participant_candidate_pk', ['participant_id', 'opportunity_id'])
    .execute();
}
