/**
 * Meetings (issue 7): the appointments on a referral (見学・面接・体験・三者協議) with their
 * attendees and the invitation sequence number (.ics SEQUENCE), and the three-party decision
 * record (三者協議の記録) — what was agreed, each party's agreement with its date, and the
 * placement it created. See docs/decisions/017–019.
 *
 * placement_id is not a foreign key: placements (013) belong to another area.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('appointment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('referral_id', 'text', (c) => c.notNull().references('referral.id').onDelete('cascade'))
    /** visit | interview | trial | meeting. */
    .addColumn('kind', 'text', (c) => c.notNull())
    /** 'YYYY-MM-DD', Tokyo. */
    .addColumn('date', 'text', (c) => c.notNull())
    /** 'HH:MM'. */
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    /** JSON array of { name, party, userId? }. */
    .addColumn('attendees', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('note', 'text')
    /** The iCalendar SEQUENCE of the last invitation sent (0 first, +1 on each change). */
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('cancelled_at', 'text')
    .addColumn('cancelled_by', 'text', (c) => c.references('app_user.id'))
    .execute();
  await db.schema
    .createIndex('appointment_referral')
    .on('appointment')
    .columns(['referral_id', 'date'])
    .execute();
  await db.schema.createIndex('appointment_date').on('appointment').columns(['date', 'start_time']).execute();

  await db.schema
    .createTable('meeting_record')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('referral_id', 'text', (c) =>
      c.notNull().unique().references('referral.id').onDelete('cascade'),
    )
    /** 'YYYY-MM-DD': the day the three parties met. */
    .addColumn('held_on', 'text')
    /** JSON array of { name, party } (participant, agency, facility, council). */
    .addColumn('attendees', 'text', (c) => c.notNull().defaultTo('[]'))
    /** WorkFormOffer a_employed … d_unpaid. */
    .addColumn('work_form', 'text')
    .addColumn('start_date', 'text')
    /** JSON array of { weekday (ISO 1–7), start 'HH:MM', end 'HH:MM' }: the person's own days. */
    .addColumn('schedule', 'text', (c) => c.notNull().defaultTo('[]'))
    /** JSON array of task category codes. */
    .addColumn('tasks', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('task_note', 'text')
    /** JSON array of support codes. */
    .addColumn('supports', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('support_note', 'text')
    .addColumn('pay_note', 'text')
    .addColumn('transport_note', 'text')
    .addColumn('first_review_on', 'text')
    /** 行事保険 cover needed: 0/1. */
    .addColumn('insurance_needed', 'integer', (c) => c.notNull().defaultTo(1))
    /** For B–D at the time of saving: 'in_place' | 'pending' | 'not_needed'. */
    .addColumn('support_decision_status', 'text', (c) => c.notNull().defaultTo('not_needed'))
    .addColumn('participant_agreed_on', 'text')
    .addColumn('participant_agreement_recorded_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('agency_agreed_on', 'text')
    .addColumn('agency_agreed_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('facility_agreed_on', 'text')
    .addColumn('facility_agreed_by', 'text', (c) => c.references('app_user.id'))
    /** draft | agreed | not_agreed. */
    .addColumn('outcome', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('not_agreed_reason', 'text')
    .addColumn('not_agreed_note', 'text')
    .addColumn('placement_id', 'text')
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
