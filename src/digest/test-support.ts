/**
 * Test data for the digest tests: a small registry with one opportunity of each kind of change
 * since a previous edition (new, changed, closed, unchanged), and subscribers.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema';
import { newId, nowIso } from '../platform/db/time';
import { buildWorld, noAudit } from '../registry/facilities/test-world';
import {
  changeOpportunityStatus,
  createOpportunity,
  updateOpportunity,
} from '../registry/opportunities/service';
import { opportunityInput } from '../registry/opportunities/test-support';
import { cleanPreferences } from './preferences';
import { createSubscriber } from './service';

const day = 86_400_000;

export async function buildDigestWorld(db: Kysely<Database>, suffix: string) {
  const world = await buildWorld(db, suffix);
  const now = Date.now();
  const at = (days: number) => new Date(now - days * day);
  const create = async (title: string, overrides: Parameters<typeof opportunityInput>[0] = {}) => {
    const outcome = await createOpportunity(
      db,
      world.council,
      world.facilityA,
      opportunityInput({ title, ...overrides }),
      noAudit,
      { now: at(30), status: 'published' },
    );
    if (outcome.status !== 'ok') throw new Error(`opportunity: ${JSON.stringify(outcome)}`);
    return outcome.id;
  };
  const unchanged = await create(`変わらない清掃${suffix}`);
  const changed = await create(`変わる洗濯${suffix}`, { tasks: ['laundry'] });
  const closed = await create(`終わる配膳${suffix}`, { tasks: ['meal_service'] });
  // The previous edition was frozen 10 days ago; what follows is "since the previous edition".
  const previousFrozenAt = nowIso(at(10));
  await db
    .insertInto('digest_edition')
    .values({
      id: newId(),
      kind: 'edition',
      title: `前回${suffix}`,
      status: 'sent',
      scheduled_for: previousFrozenAt,
      since: null,
      frozen_at: previousFrozenAt,
      recipients: 0,
      created_by: null,
      created_at: previousFrozenAt,
      finished_at: previousFrozenAt,
      cancelled_at: null,
    })
    .execute();
  const update = await updateOpportunity(
    db,
    world.council,
    changed,
    opportunityInput({ title: `変わった洗濯${suffix}`, tasks: ['laundry'] }),
    noAudit,
    { now: at(5) },
  );
  if (update.status !== 'ok') throw new Error(`update: ${JSON.stringify(update)}`);
  const close = await changeOpportunityStatus(db, world.council, closed, 'paused', noAudit, { now: at(5) });
  if (close.status !== 'ok') throw new Error(`close: ${JSON.stringify(close)}`);
  const outcome = await createOpportunity(
    db,
    world.council,
    world.facilityB,
    opportunityInput({
      title: `新しい事務補助${suffix}`,
      tasks: ['office_assist'],
      work_forms: ['a_employed'],
      pay_type: 'hourly',
      pay_yen: '1200',
    }),
    noAudit,
    { now: at(3), status: 'published' },
  );
  if (outcome.status !== 'ok') throw new Error(`opportunity: ${JSON.stringify(outcome)}`);
  return { world, ids: { unchanged, changed, closed, new: outcome.id } };
}

export async function addSubscriber(
  db: Kysely<Database>,
  email: string,
  options: {
    municipalities?: string[];
    workForms?: string[];
    tasks?: string[];
    skipEmpty?: boolean;
    weekly?: boolean;
    name?: string;
  } = {},
): Promise<string> {
  const result = await createSubscriber(
    db,
    {
      name: options.name ?? `配信 ${email.split('@')[0]}`,
      organisation: 'テスト相談支援センター(架空)',
      email,
      preferences: cleanPreferences(options),
      weekly: options.weekly ?? false,
      skipEmpty: options.skipEmpty ?? false,
    },
    noAudit,
  );
  if (!result.ok) throw new Error(`subscriber ${email}: ${result.reason}`);
  return result.id;
}
