import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases';
import { startSession } from '../../accounts/sessions';
import { seedDemo } from '../../seed/demo';
import { purgeExpired } from './maintenance';
import { enqueueJob } from './queue';

describeEachDatabase('nightly purge', (current) => {
  it('deletes idle and expired sessions and old finished jobs, keeping the rest', async () => {
    const { db } = current();
    await seedDemo(db);
    const user = await db.selectFrom('app_user').select('id').executeTakeFirstOrThrow();
    const day = 86_400_000;
    const now = new Date('2026-11-25T03:00:00Z');
    await startSession(db, user.id, new Date(now.getTime() - 2 * day));
    await startSession(db, user.id, new Date(now.getTime() - 60_000));
    const oldJob = await enqueueJob(db, { name: 'x' });
    const recentJob = await enqueueJob(db, { name: 'y' });
    await db
      .updateTable('job')
      .set({ status: 'done', finished_at: new Date(now.getTime() - 40 * day).toISOString() })
      .where('id', '=', oldJob ?? '')
      .execute();
    await db
      .updateTable('job')
      .set({ status: 'done', finished_at: new Date(now.getTime() - day).toISOString() })
      .where('id', '=', recentJob ?? '')
      .execute();

    await db
      .insertInto('rate_limit')
      .values([
        { key: 'ip:old', window_start: new Date(now.getTime() - 2 * day).toISOString(), count: 3 },
        { key: 'ip:new', window_start: new Date(now.getTime() - 60_000).toISOString(), count: 1 },
      ])
      .execute();
    expect(await purgeExpired(db, 2 * 60 * 60 * 1000, now)).toEqual({ sessions: 1, jobs: 1, rateLimits: 1 });
    expect(await db.selectFrom('user_session').select('id').execute()).toHaveLength(1);
    expect(
      await db
        .selectFrom('job')
        .select('id')
        .where('id', '=', recentJob ?? '')
        .execute(),
    ).toHaveLength(1);
  });
});
