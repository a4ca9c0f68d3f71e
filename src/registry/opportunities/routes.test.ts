import { beforeAll, expect, it } from 'vitest';
import { TestClient } from '../../../test/app';
import { describeEachDatabase } from '../../../test/databases';
import { createApiToken } from '../../accounts/api-tokens/service';
import {
  type DemoIds,
  demoEmails,
  seedAndFindDemo,
  signedInClient,
  testApp,
} from '../../accounts/users/test-support';
import { seedDemoOpportunities } from './seed';

/** Posts a form with repeated names (checkbox lists), as a browser does. */
async function postFields(client: TestClient, path: string, fields: [string, string][]) {
  if (!client.cookie('hataraku_csrf')) await client.request('/');
  const body = new URLSearchParams(fields);
  body.set('_csrf', client.cookie('hataraku_csrf') ?? '');
  return client.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
}

const validForm = (overrides: [string, string][] = []): [string, string][] => [
  ['title', 'リネン類の洗濯とたたみ'],
  ['description', '施設のタオルやシーツを洗濯し、たたみます。'],
  ['tasks', 'laundry'],
  ['tasks', 'light_work'],
  ['setting', 'indoor'],
  ['physical_load', 'light'],
  ['work_forms', 'a_unpaid'],
  ['window_0_weekday', '2'],
  ['window_0_start', '9:00'],
  ['window_0_end', '11:30'],
  ['window_0_capacity', '2'],
  ['window_1_weekday', ''],
  ['window_1_start', ''],
  ['window_1_end', ''],
  ['window_1_capacity', ''],
  ['pay_type', 'none'],
  ['meals', 'none'],
  ['uniform', 'lent'],
  ['support_wheelchair', 'no'],
  ['support_supervision', 'yes'],
  ['visit_possible', '1'],
  ...overrides,
];

describeEachDatabase('opportunity pages and API', (current) => {
  let ids: DemoIds;
  const facility: Record<string, string> = {};
  const opportunity: Record<string, string> = {};
  const db = () => current().db;
  const app = () => testApp(current());

  beforeAll(async () => {
    ids = await seedAndFindDemo(db());
    await seedDemoOpportunities(db());
    // Idempotent.
    expect(await seedDemoOpportunities(db())).toBe(0);
    for (const f of await db()
      .selectFrom('facility')
      .select(['id', 'name'])
      .where('is_demo', '=', 1)
      .execute()) {
      facility[f.name] = f.id;
    }
    for (const o of await db().selectFrom('opportunity').select(['id', 'title']).execute())
      opportunity[o.title] = o.id;
  });

  const care = () => facility['みどりの杜 ケアセンター(架空)'] ?? '';

  it('lists the coordinator’s opportunities and asks to confirm old ones', async () => {
    const coordinator = await signedInClient(app(), demoEmails.coordinator);
    const html = await (await coordinator.request('/opportunities')).text();
    expect(html).toContain('施設内の清掃(午前)');
    expect(html).toContain('昼食の配膳と下膳の補助');
    // Another facility's, even in the same corporation, is not the coordinator's.
    expect(html).not.toContain('畑の手入れと野菜の袋詰め');
    expect(html).toContain('内容が最新か確認してください');
    expect(html).toContain('情報が古い可能性');
    const due = await (await coordinator.request('/opportunities?needs_confirmation=1')).text();
    expect(due).toContain('昼食の配膳と下膳の補助');
    expect(due).not.toContain('施設内の清掃(午前)');

    const counsellor = await signedInClient(app(), demoEmails.counsellor);
    const list = await (await counsellor.request('/opportunities')).text();
    expect(list).toContain('畑の手入れと野菜の袋詰め');
    expect(list).not.toContain('園庭の環境整備'); // a draft
  });

  it('keeps what was typed and shows Japanese errors at the right row; writes nothing', async () => {
    const coordinator = await signedInClient(app(), demoEmails.coordinator);
    const form = await (await coordinator.request(`/facilities/${care()}/opportunities/new`)).text();
    for (const row of [0, 1, 2, 3, 4]) expect(form).toContain(`name="window_${row}_weekday"`);
    expect(form).toContain('就労訓練事業の認定: 架空-就訓-0001');

    const before = (await db().selectFrom('opportunity').select('id').execute()).length;
    const response = await postFields(coordinator, `/facilities/${care()}/opportunities/new`, [
      ...validForm().filter(([k]) => !k.startsWith('window_1')),
      ['window_1_weekday', '4'],
      ['window_1_start', '13:00'],
      ['window_1_end', '12:00'],
      ['window_1_capacity', '120'],
      ['tasks', 'juggling'],
      ['min_daily_minutes', '5'],
      ['max_daily_minutes', '2'],
    ]);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('終了時刻は開始時刻より後にしてください');
    expect(html).toContain('定員は0から99までの整数で入力してください');
    expect(html).toContain('作業の種類は一覧から選んでください');
    expect(html).toContain('最短(最少)は最長(最多)以下にしてください');
    expect(html).toContain('id="field-windows.1.end-error"');
    expect(html).toContain('href="#field-windows.1.capacity"');
    expect(html).toContain('value="リネン類の洗濯とたたみ"');
    expect(html).toContain('value="120"');
    expect((await db().selectFrom('opportunity').select('id').execute()).length).toBe(before);
  });

  it('registers, publishes and confirms an opportunity, each a version', async () => {
    const coordinator = await signedInClient(app(), demoEmails.coordinator);
    const response = await postFields(coordinator, `/facilities/${care()}/opportunities/new`, validForm());
    expect(response.status).toBe(303);
    const location = response.headers.get('location') ?? '';
    expect(location).toMatch(/^\/opportunities\/[0-9a-f-]{36}\?created=1$/);
    const id = location.split('/')[2]?.split('?')[0] ?? '';
    const page = await (await coordinator.request(location)).text();
    expect(page).toContain('下書きとして登録しました');
    expect(page).toContain('受入 担当美咲');
    expect(page).toContain('車椅子可: 対応できない');

    expect(
      (await postFields(coordinator, `/opportunities/${id}/status`, [['status', 'published']])).status,
    ).toBe(303);
    expect((await postFields(coordinator, `/opportunities/${id}/confirm`, [])).status).toBe(303);
    const edit = await (await coordinator.request(`/opportunities/${id}/edit`)).text();
    expect(edit).toContain('name="version" value="3"');
    const saved = await postFields(coordinator, `/opportunities/${id}/edit`, [
      ...validForm().filter(([k]) => k !== 'title'),
      ['title', 'リネン類の洗濯(午前)'],
      ['version', '3'],
    ]);
    expect(saved.status).toBe(303);
    const history = await db()
      .selectFrom('opportunity_version')
      .select(['version', 'kind', 'changed_by'])
      .where('opportunity_id', '=', id)
      .orderBy('version')
      .execute();
    expect(history.map((h) => h.kind)).toEqual(['create', 'status', 'confirm', 'update']);
    expect(history.every((h) => h.changed_by === ids.users[demoEmails.coordinator])).toBe(true);
    const audit = await db()
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', id)
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'opportunity.create',
      'opportunity.status',
      'opportunity.confirm',
      'opportunity.update',
    ]);
    // A second save from the old form (version 3) is refused, not silently lost.
    const stale = await postFields(coordinator, `/opportunities/${id}/edit`, [
      ...validForm(),
      ['version', '3'],
    ]);
    expect(stale.status).toBe(409);
  });

  it('refuses another facility’s opportunity without showing anything of it', async () => {
    const coordinator = await signedInClient(app(), demoEmails.coordinator);
    const farm = opportunity['畑の手入れと野菜の袋詰め'] ?? '';
    for (const path of [`/opportunities/${farm}`, `/opportunities/${farm}/edit`]) {
      const response = await coordinator.request(path);
      expect(response.status).toBe(404);
      const html = await response.text();
      expect(html).not.toContain('畑の手入れ');
      expect(html).not.toContain('workcenter@demo.hataraku.example');
    }
    expect((await postFields(coordinator, `/opportunities/${farm}/confirm`, [])).status).toBe(404);
    expect((await postFields(coordinator, `/opportunities/${farm}/edit`, validForm())).status).toBe(404);
    const workcenter = facility['みどりの杜 ワークセンター(架空)'] ?? '';
    expect((await coordinator.request(`/facilities/${workcenter}/opportunities/new`)).status).toBe(403);

    // Counsellors read published ones with the contact person, but do not edit.
    const counsellor = await signedInClient(app(), demoEmails.counsellor);
    const page = await counsellor.request(`/opportunities/${farm}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('workcenter@demo.hataraku.example');
    expect((await counsellor.request(`/opportunities/${farm}/edit`)).status).toBe(403);
    const draft = opportunity['園庭の環境整備'] ?? '';
    expect((await counsellor.request(`/opportunities/${draft}`)).status).toBe(404);

    // The corporation admin keeps every facility's.
    const admin = await signedInClient(app(), demoEmails.corporationAdmin);
    expect((await admin.request(`/opportunities/${farm}/edit`)).status).toBe(200);
  });

  it('records the facility’s 認定 with Japanese errors, and refuses other facilities', async () => {
    const coordinator = await signedInClient(app(), demoEmails.coordinator);
    const bad = await postFields(coordinator, `/facilities/${care()}/certification`, [
      ['number', ''],
      ['certified_on', '2024-02-30'],
      ['authority', '東京都'],
      ['status', 'certified'],
    ]);
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('日付は「2024-04-01」のように入力してください');
    expect(html).toContain('value="東京都"');
    const good = await postFields(coordinator, `/facilities/${care()}/certification`, [
      ['number', '架空-就訓-0001'],
      ['certified_on', '2023-04-01'],
      ['authority', '東京都'],
      ['status', 'certified'],
    ]);
    expect(good.status).toBe(303);
    const workcenter = facility['みどりの杜 ワークセンター(架空)'] ?? '';
    expect((await coordinator.request(`/facilities/${workcenter}/certification`)).status).toBe(403);
    const counsellor = await signedInClient(app(), demoEmails.counsellor);
    expect((await counsellor.request(`/facilities/${care()}/certification`)).status).toBe(403);
  });

  it('shows a public summary without contacts or capacity, only while listed', async () => {
    const anonymous = new TestClient(app());
    const farm = await anonymous.request(`/p/opportunities/${opportunity['畑の手入れと野菜の袋詰め']}`);
    expect(farm.status).toBe(200);
    const html = await farm.text();
    expect(html).toContain('畑の手入れと野菜の袋詰め');
    expect(html).toContain('受付中');
    expect(html).toContain('月 09:30〜15:00');
    expect(html).not.toContain('workcenter@demo.hataraku.example');
    expect(html).not.toContain('作業 指導次郎');
    expect(html).not.toContain('03-0000-0002');
    expect(html).not.toContain('定員');
    const full = await (
      await anonymous.request(`/p/opportunities/${opportunity['事務補助(封入・データ入力)']}`)
    ).text();
    expect(full).toContain('満員');
    expect((await anonymous.request(`/p/opportunities/${opportunity['園庭の環境整備']}`)).status).toBe(404);
    // Staff pages need sign-in.
    expect(
      (await anonymous.request(`/opportunities/${opportunity['畑の手入れと野菜の袋詰め']}`)).status,
    ).toBe(303);
  });

  it('serves the API with the same rules, and a 400 problem for bad windows', async () => {
    const { token } = await createApiToken(
      db(),
      { id: ids.users[demoEmails.coordinator] ?? '' },
      { name: 'テスト', lifetimeDays: 90 },
      { userId: null, organisationId: null, requestId: 'test', ip: null },
    );
    const call = (path: string, init: RequestInit = {}) =>
      app().request(`/api/v1${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
      });
    const body = {
      title: '送迎車の添乗',
      tasks: ['transport_escort'],
      setting: 'outdoor',
      physicalLoad: 'light',
      workForms: ['a_unpaid'],
      windows: [{ weekday: 1, start: '08:00', end: '09:30', capacity: 1 }],
      supports: ['supervision'],
      supportsUnavailable: ['wheelchair'],
      visitPossible: true,
    };
    const bad = await call(`/facilities/${care()}/opportunities`, {
      method: 'POST',
      body: JSON.stringify({
        ...body,
        windows: [{ weekday: 1, start: '10:00', end: '09:00', capacity: 100 }],
      }),
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await bad.json()) as { errors: { pointer: string }[] };
    expect(problem.errors.map((e) => e.pointer).sort()).toEqual(['/windows/0/capacity', '/windows/0/end']);

    const created = await call(`/facilities/${care()}/opportunities`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    expect(created.status).toBe(201);
    const opp = (await created.json()) as {
      id: string;
      status: string;
      windows: { openPlaces: number }[];
      supportsUnavailable: string[];
    };
    expect(opp.status).toBe('draft');
    expect(opp.windows[0]?.openPlaces).toBe(1);
    expect(opp.supportsUnavailable).toEqual(['wheelchair']);

    const since = new Date().toISOString();
    const published = await call(`/opportunities/${opp.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ status: 'published' }),
    });
    expect(published.status).toBe(200);
    const patched = await call(`/opportunities/${opp.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ title: '送迎車の添乗(朝)' }),
    });
    expect(((await patched.json()) as { title: string; windows: unknown[] }).title).toBe('送迎車の添乗(朝)');
    expect((await call(`/opportunities/${opp.id}/confirm`, { method: 'POST' })).status).toBe(200);

    const changed = await call(`/opportunities?changed_since=${encodeURIComponent(since)}`);
    const items = ((await changed.json()) as { items: { id: string; change: string | null }[] }).items;
    expect(items.find((i) => i.id === opp.id)?.change).toBe('new');

    const farm = opportunity['畑の手入れと野菜の袋詰め'] ?? '';
    const refused = await call(`/opportunities/${farm}`, {
      method: 'PATCH',
      body: JSON.stringify({ title: 'x' }),
    });
    expect(refused.status).toBe(404);
    expect(await refused.text()).not.toContain('畑');
    expect((await call(`/opportunities/${farm}`)).status).toBe(404);

    const document = await (await app().request('/api/openapi.json')).json();
    expect(Object.keys((document as { paths: object }).paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/opportunities',
        '/api/v1/opportunities/{id}',
        '/api/v1/facilities/{facilityId}/opportunities',
        '/api/v1/opportunities/{id}/confirm',
      ]),
    );
  });
});
