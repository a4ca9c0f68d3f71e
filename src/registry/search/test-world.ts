/**
 * A small registry for the search tests: three facilities in three municipalities (one with
 * its own coordinates) and named opportunities that each filter tells apart, plus 25 more for
 * pagination (all titled 「ページ送り確認」). Everything is invented.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import { recordCertification } from '../certifications/service';
import { createFacility } from '../facilities/service';
import { buildWorld, facilityInput, noAudit } from '../facilities/test-world';
import type { OpportunityInput } from '../opportunities/opportunity';
import { changeOpportunityStatus, createOpportunity } from '../opportunities/service';
import { opportunityInput } from '../opportunities/test-support';

/** 東村山市 (the world's facilities), 新宿区, 八王子市 (a facility with its own position). */
export const HIGASHIMURAYAMA = '132136';
export const SHINJUKU = '131041';
export const HACHIOJI = '132012';
/** The 八王子 facility's own position, near 高尾 (about 6 km west of 八王子市役所). */
export const TAKAO = { lat: 35.632, lng: 139.27 };

export type SearchWorld = Awaited<ReturnType<typeof buildSearchWorld>>;

export async function buildSearchWorld(db: Kysely<Database>, suffix: string, now = new Date()) {
  const world = await buildWorld(db, suffix);
  const facility = async (corporationId: string, name: string, municipality: string) => {
    const outcome = await createFacility(
      db,
      world.council,
      corporationId,
      facilityInput({ name, municipality_code: municipality, postal_code: '' }),
      noAudit,
    );
    if (outcome.status !== 'ok') throw new Error(`search world: ${JSON.stringify(outcome)}`);
    return outcome.id;
  };
  const shinjuku = await facility(world.corpB, `しんじゅく工房${suffix}(架空)`, SHINJUKU);
  const takao = await facility(world.corpA, `たかお農園${suffix}(架空)`, HACHIOJI);
  await db.updateTable('facility').set(TAKAO).where('id', '=', takao).execute();
  const certified = await recordCertification(
    db,
    world.council,
    shinjuku,
    { number: `架空-${suffix}`, certified_on: '2024-04-01', authority: '東京都', status: 'certified' },
    noAudit,
  );
  if (certified.status !== 'ok') throw new Error(`search world: ${JSON.stringify(certified)}`);

  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const published = async (facilityId: string, input: OpportunityInput, at = now) => {
    const outcome = await createOpportunity(db, world.council, facilityId, opportunityInput(input), noAudit, {
      status: 'published',
      now: at,
    });
    if (outcome.status !== 'ok') throw new Error(`search world: ${JSON.stringify(outcome)}`);
    return outcome.id;
  };

  const ids = {
    /** 東村山市: 清掃, A 非雇用型, 月水 8:30–12:00 (2 places), 短時間から可 + 見守り, visit. */
    cleaning: await published(
      world.facilityA,
      {
        title: '施設内の清掃(午前)',
        description: '共用部分をきれいにします。',
        tasks: ['cleaning'],
        work_forms: ['a_unpaid'],
        windows: [
          { weekday: 1, start: '08:30', end: '12:00', capacity: 2 },
          { weekday: 3, start: '08:30', end: '12:00', capacity: 2 },
        ],
        supports: { short_hours: 'yes', supervision: 'yes' },
        visit_possible: 1,
        trial_possible: 0,
      },
      daysAgo(2),
    ),
    /** 新宿区: katakana セイソウ in the title, 洗濯, B 雇用型, 火 9:00–15:00 with 0 places, trial. */
    linen: await published(
      shinjuku,
      {
        title: 'リネンのセイソウと洗濯',
        description: 'タオルやシーツを扱います。',
        tasks: ['laundry'],
        work_forms: ['b_employed'],
        pay_type: 'hourly',
        pay_yen: '1200',
        windows: [{ weekday: 2, start: '09:00', end: '15:00', capacity: 0 }],
        supports: { short_hours: 'yes' },
        visit_possible: 0,
        trial_possible: 1,
      },
      daysAgo(1),
    ),
    /** 八王子市 (own position near 高尾): 調理補助 + 清掃, 月 10:00–14:00, three supports, stale. */
    kitchen: await published(
      takao,
      {
        title: '厨房での調理補助',
        description: '野菜の下ごしらえと食器洗いです。',
        tasks: ['cooking_assist', 'cleaning'],
        work_forms: ['a_unpaid'],
        windows: [{ weekday: 1, start: '10:00', end: '14:00', capacity: 1 }],
        supports: { short_hours: 'yes', supervision: 'yes', wheelchair: 'yes' },
        visit_possible: 1,
        trial_possible: 1,
      },
      daysAgo(130),
    ),
    /** 新宿区, 満員 (listed, never "open"): 事務補助, 金 13:00–16:00. */
    full: '',
    /** 東村山市, a draft: never found. */
    draft: '',
  };
  ids.full = await published(
    shinjuku,
    {
      title: '書類の整理(事務補助)',
      description: 'ファイルの整理とスキャンです。',
      tasks: ['office_assist'],
      work_forms: ['a_unpaid'],
      windows: [{ weekday: 5, start: '13:00', end: '16:00', capacity: 1 }],
      supports: {},
    },
    daysAgo(3),
  );
  const toFull = await changeOpportunityStatus(db, world.council, ids.full, 'full', noAudit, {
    now: daysAgo(3),
  });
  if (toFull.status !== 'ok') throw new Error(`search world: ${JSON.stringify(toFull)}`);
  const draft = await createOpportunity(
    db,
    world.council,
    world.facilityA,
    opportunityInput({ title: '下書きの清掃', description: '未公開です。' }),
    noAudit,
  );
  if (draft.status !== 'ok') throw new Error('search world: draft');
  ids.draft = draft.id;

  const paged: string[] = [];
  for (let i = 1; i <= 25; i += 1) {
    paged.push(
      await published(
        world.facilityB,
        {
          title: `ページ送り確認 ${i}`,
          description: '件数とページ送りの確認用です。',
          tasks: ['light_work'],
          windows: [{ weekday: 4, start: '09:00', end: '12:00', capacity: 1 }],
          supports: {},
        },
        // One second apart, newest last, so "updated" order is known.
        new Date(now.getTime() - (100 - i) * 1000),
      ),
    );
  }
  return { world, facilities: { shinjuku, takao }, ids, paged };
}
