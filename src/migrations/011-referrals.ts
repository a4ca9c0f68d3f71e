/**
 * Referrals (受け入れ依頼, issue 7): a counsellor's request that a facility accept a participant
 * for an opportunity, its timeline (referral_event), its message thread with the council's
 * mediation notes (referral_message), and the closing reasons the council edits
 * (referral_close_reason, seeded). See docs/decisions/014–016.
 */
import { type Kysely, sql } from 'kysely';

/** The closing reasons a new installation starts with; the council edits them afterwards. */
const seedReasons: {
  code: string;
  ja: string;
  en: string;
  declined: number;
  notAgreed: number;
  withdrawn: number;
}[] = [
  {
    code: 'no_capacity',
    ja: '受け入れ枠に空きがない',
    en: 'No open place',
    declined: 1,
    notAgreed: 1,
    withdrawn: 0,
  },
  {
    code: 'schedule_mismatch',
    ja: '曜日・時間が合わない',
    en: 'Days or times do not fit',
    declined: 1,
    notAgreed: 1,
    withdrawn: 1,
  },
  {
    code: 'support_not_possible',
    ja: '必要な配慮・支援ができない',
    en: 'The support needed cannot be given',
    declined: 1,
    notAgreed: 1,
    withdrawn: 0,
  },
  {
    code: 'tasks_mismatch',
    ja: '仕事の内容が合わない',
    en: 'The tasks do not fit',
    declined: 1,
    notAgreed: 1,
    withdrawn: 1,
  },
  {
    code: 'commute',
    ja: '通勤が難しい',
    en: 'The commute is too hard',
    declined: 0,
    notAgreed: 1,
    withdrawn: 1,
  },
  {
    code: 'participant_wish',
    ja: 'ご本人の希望(辞退・見送り)',
    en: "The person's own wish",
    declined: 0,
    notAgreed: 1,
    withdrawn: 1,
  },
  { code: 'health', ja: 'ご本人の体調', en: "The person's health", declined: 0, notAgreed: 1, withdrawn: 1 },
  {
    code: 'found_elsewhere',
    ja: 'ほかのはたらく場・就職先が決まった',
    en: 'Placed or employed elsewhere',
    declined: 0,
    notAgreed: 0,
    withdrawn: 1,
  },
  {
    code: 'case_closed',
    ja: '支援の終了・移管',
    en: 'Support ended or moved',
    declined: 0,
    notAgreed: 0,
    withdrawn: 1,
  },
  {
    code: 'opportunity_closed',
    ja: 'はたらく場の募集停止',
    en: 'The opportunity stopped accepting',
    declined: 1,
    notAgreed: 0,
    withdrawn: 1,
  },
  {
    code: 'other',
    ja: 'その他(メモに記入)',
    en: 'Other (see the note)',
    declined: 1,
    notAgreed: 1,
    withdrawn: 1,
  },
];

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('referral_close_reason')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('label_ja', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('for_declined', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('for_not_agreed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('for_withdrawn', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  const now = new Date().toISOString();
  await db
    .insertInto('referral_close_reason')
    .values(
      seedReasons.map((r, index) => ({
        code: r.code,
        label_ja: r.ja,
        label_en: r.en,
        for_declined: r.declined,
        for_not_agreed: r.notAgreed,
        for_withdrawn: r.withdrawn,
        active: 1,
        sort_order: (index + 1) * 10,
        updated_at: now,
      })),
    )
    .execute();

  await db.schema
    .createTable('referral')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('participant_id', 'text', (c) => c.notNull().references('participant.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('counsellor_user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('opportunity_id', 'text', (c) => c.notNull().references('opportunity.id'))
    .addColumn('facility_id', 'text', (c) => c.notNull().references('facility.id'))
    .addColumn('corporation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('proposed_start_date', 'text')
    /** JSON array of { weekday (ISO 1–7), start 'HH:MM', end 'HH:MM' }. */
    .addColumn('proposed_schedule', 'text', (c) => c.notNull().defaultTo('[]'))
    /** JSON array of consent data groups shared with the facility. */
    .addColumn('data_groups', 'text', (c) => c.notNull().defaultTo('[]'))
    /** JSON array of the consent ids that covered the share when it was sent. */
    .addColumn('consent_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('consent_override_id', 'text', (c) => c.references('consent_override.id'))
    /** The form's hidden key: a repeated submit finds the request it already made. */
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('sent_at', 'text')
    .addColumn('viewed_at', 'text')
    .addColumn('last_transition_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('close_reason_code', 'text', (c) => c.references('referral_close_reason.code'))
    .addColumn('close_note', 'text')
    .addColumn('reminded_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('referral_agency_state')
    .on('referral')
    .columns(['agency_id', 'state'])
    .execute();
  await db.schema
    .createIndex('referral_facility_state')
    .on('referral')
    .columns(['facility_id', 'state'])
    .execute();
  await db.schema
    .createIndex('referral_corporation_state')
    .on('referral')
    .columns(['corporation_id', 'state'])
    .execute();
  await db.schema
    .createIndex('referral_state_age')
    .on('referral')
    .columns(['state', 'last_transition_at'])
    .execute();
  await db.schema.createIndex('referral_participant').on('referral').column('participant_id').execute();
  // One open (sent, not yet closed) referral per participant and opportunity: a second send —
  // a reloaded form with a new idempotency key, or two counsellors at once — is refused.
  await db.schema
    .createIndex('referral_one_open')
    .on('referral')
    .columns(['participant_id', 'opportunity_id'])
    .unique()
    .where(sql.ref('closed_at'), 'is', null)
    .where(sql.ref('state'), '!=', 'draft')
    .execute();

  await db.schema
    .createTable('referral_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('referral_id', 'text', (c) => c.notNull().references('referral.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('actor_organisation_id', 'text', (c) => c.references('organisation.id'))
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('reason_code', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createIndex('referral_event_referral')
    .on('referral_event')
    .columns(['referral_id', 'at'])
    .execute();

  await db.schema
    .createTable('referral_message')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('referral_id', 'text', (c) => c.notNull().references('referral.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('author_user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('author_organisation_id', 'text', (c) => c.references('organisation.id'))
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('referral_message_referral')
    .on('referral_message')
    .columns(['referral_id', 'created_at'])
    .execute();
}
