import { beforeAll, expect, it } from 'vitest';
import { buildTestApp, TestClient } from '../../../test/app';
import { describeEachDatabase } from '../../../test/databases';
import { syncReferenceCorporations } from '../../reference/corporations';
import { DEMO_PASSWORD, seedDemo } from '../../seed/demo';

describeEachDatabase('organisation and facility pages', (current) => {
  beforeAll(async () => {
    await seedDemo(current().db);
    await syncReferenceCorporations(current().db);
  });

  async function signedIn(
    who: 'council-admin' | 'council-staff' | 'corp-admin' | 'coordinator' | 'counsellor',
  ) {
    const client = new TestClient(buildTestApp(current()));
    const response = await client.postForm('/login', {
      email: `${who}@demo.hataraku.example`,
      password: DEMO_PASSWORD,
    });
    expect(response.status).toBe(303);
    return client;
  }

  const idFrom = (location: string | null) => /\/([0-9a-f-]{36})/.exec(location ?? '')?.[1] ?? '';
  const facilityCount = async () =>
    Number(
      (
        await current()
          .db.selectFrom('facility')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  const facility = {
    name: 'ひまわり作業所(架空)',
    name_kana: 'ひまわりさぎょうしょ',
    service_type: 'disability',
    postal_code: '１６０－００２３',
    municipality_code: '',
    address: '',
    nearest_station: '架空駅',
    walk_minutes: '５',
    phone: '０３－００００－１２３４',
    contact_name: '担当 花子',
    contact_email: 'himawari@example.jp',
  };

  let foreignCorporationId = '';
  let foreignFacilityId = '';

  it('lets council staff register a corporation, then a facility whose address comes from the 郵便番号', async () => {
    const client = await signedIn('council-staff');
    const list = await client.request('/organisations');
    expect(list.status).toBe(200);
    const listHtml = await list.text();
    expect(listHtml).toContain('社会福祉法人 村山苑');
    expect(listHtml).toContain('参加法人');
    expect(listHtml).toMatch(/社会福祉法人 みどりの杜会\(架空\)<\/a><span class="tag">デモ<\/span>/);

    const created = await client.postForm('/organisations/new', {
      kind: 'corporation',
      name: '社会福祉法人 ひまわり会(架空)',
      name_kana: 'ヒマワリカイ',
    });
    expect(created.status).toBe(303);
    foreignCorporationId = idFrom(created.headers.get('location'));
    const page = await (await client.request(`/organisations/${foreignCorporationId}?created=1`)).text();
    expect(page).toContain('登録しました。');
    expect(page).toContain('ひまわりかい');
    expect(page).toContain('事業所はまだ登録されていません。');

    // No municipality and address yet: they are filled in from the 郵便番号 and shown to check.
    const step = await client.postForm(`/organisations/${foreignCorporationId}/facilities/new`, facility);
    expect(step.status).toBe(200);
    const stepHtml = await step.text();
    expect(stepHtml).toContain('郵便番号から区市町村と住所を入力しました');
    expect(stepHtml).toContain('<option value="131041" selected="">新宿区</option>');
    expect(stepHtml).toContain('value="西新宿"');
    expect(stepHtml).toContain('value="160-0023"');
    expect(stepHtml).toContain('value="ひまわり作業所(架空)"');
    expect(await facilityCount()).toBe(3);

    const saved = await client.postForm(`/organisations/${foreignCorporationId}/facilities/new`, {
      ...facility,
      postal_code: '160-0023',
      municipality_code: '131041',
      address: '西新宿二丁目8番1号',
    });
    expect(saved.status).toBe(303);
    foreignFacilityId = idFrom(saved.headers.get('location'));
    const detail = await (await client.request(`/facilities/${foreignFacilityId}`)).text();
    expect(detail).toContain('ヒマワリサギョウショ');
    expect(detail).toContain('〒160-0023 東京都新宿区西新宿二丁目8番1号');
    expect(detail).toContain('架空駅 徒歩5分');
    expect(detail).toContain('03-0000-1234');
    const audit = await current()
      .db.selectFrom('audit_event')
      .select('action')
      .where('subject_id', 'in', [foreignCorporationId, foreignFacilityId])
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['organisation.create', 'facility.create']);
  });

  it('answers bad input with Japanese messages at each field, keeps the values, and writes nothing', async () => {
    const client = await signedIn('council-admin');
    const before = await facilityCount();
    const response = await client.postForm(`/organisations/${foreignCorporationId}/facilities/new`, {
      ...facility,
      name: '',
      postal_code: '199-9999',
      municipality_code: '999999',
      address: '架空町1-1',
      walk_minutes: '１２１',
      phone: '０３－１２',
      contact_email: 'himawari@',
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('入力内容に問題があります');
    expect(html).toContain('事業所名: 入力してください');
    expect(html).toContain('この郵便番号は存在しません');
    expect(html).toContain('一覧から区市町村を選んでください');
    expect(html).toContain('0から120までの整数で入力してください');
    expect(html).toContain('電話番号は0から始まる10桁または11桁の数字で入力してください');
    expect(html).toContain('メールアドレスの形式で入力してください');
    expect(html).toContain('value="１２１"');
    expect(html).toContain('value="himawari@"');
    expect(html).toContain('aria-invalid="true"');
    expect(await facilityCount()).toBe(before);

    const organisation = await client.postForm('/organisations/new', { kind: 'agency', name: '' });
    expect(organisation.status).toBe(400);
    const organisationHtml = await organisation.text();
    expect(organisationHtml).toContain('名称: 入力してください');
    expect(organisationHtml).toContain('相談支援機関の種別: 入力してください');
  });

  it('lets a corporation admin edit its own facility, and shows nothing of another corporation’s', async () => {
    const client = await signedIn('corp-admin');
    const dashboard = await (await client.request('/dashboard')).text();
    expect(dashboard).toContain('href="/organisations/mine"');
    expect(dashboard).toContain('自法人');
    expect(dashboard).toContain('href="/facilities"');
    expect(dashboard).not.toContain('href="/organisations"');

    const list = await client.request('/facilities');
    const listHtml = await list.text();
    expect(listHtml).toContain('みどりの杜 ケアセンター(架空)');
    expect(listHtml).toContain('<span class="tag">デモ</span>');
    expect(listHtml).not.toContain('ひまわり作業所');
    const own = /href="\/facilities\/([0-9a-f-]{36})">みどりの杜 ワークセンター/.exec(listHtml)?.[1] ?? '';
    expect(own).not.toBe('');

    const edit = await client.request(`/facilities/${own}/edit`);
    expect(edit.status).toBe(200);
    const editHtml = await edit.text();
    expect(editHtml).toContain('value="ミドリノモリ ワークセンター"');
    expect(editHtml).toContain('src="/assets/postal-lookup.js"');
    const fields = Object.fromEntries(
      [...editHtml.matchAll(/<input id="field-(\w+)" name="\w+" type="\w+" value="([^"]*)"/g)].map((m) => [
        m[1] ?? '',
        m[2] ?? '',
      ]),
    );
    const saved = await client.postForm(`/facilities/${own}/edit`, {
      ...fields,
      service_type: 'disability',
      municipality_code: '131202',
      walk_minutes: '11',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/facilities/${own}?saved=1`);
    expect(await (await client.request(`/facilities/${own}?saved=1`)).text()).toContain('徒歩11分');

    for (const path of [`/facilities/${foreignFacilityId}`, `/facilities/${foreignFacilityId}/edit`]) {
      const response = await client.request(path);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('ひまわり');
    }
    const post = await client.postForm(`/facilities/${foreignFacilityId}/edit`, {
      ...facility,
      name: '乗っ取り',
    });
    expect(post.status).toBe(404);
    expect(await post.text()).not.toContain('ひまわり');
    const newInForeign = await client.request(`/organisations/${foreignCorporationId}/facilities/new`);
    expect(newInForeign.status).toBe(404);
    expect(await newInForeign.text()).not.toContain('ひまわり');
    const foreignOrganisation = await client.request(`/organisations/${foreignCorporationId}`);
    expect(foreignOrganisation.status).toBe(404);
    const unchanged = await current()
      .db.selectFrom('facility')
      .select('name')
      .where('id', '=', foreignFacilityId)
      .executeTakeFirstOrThrow();
    expect(unchanged.name).toBe('ひまわり作業所(架空)');
  });

  it('shows a corporation admin its own corporation under 自法人, with the two-factor setting', async () => {
    const client = await signedIn('corp-admin');
    const mine = await client.request('/organisations/mine');
    expect(mine.status).toBe(200);
    const html = await mine.text();
    expect(html).toContain('社会福祉法人 みどりの杜会(架空)');
    expect(html).toContain('aria-current="page">自法人</a>');
    expect(html).toContain('みどりの杜 こども園(架空)');
    expect(html).toContain('アカウント数');
    expect(html).toContain('2段階認証');
    const organisationId = /action="\/organisations\/([0-9a-f-]{36})\/settings"/.exec(html)?.[1] ?? '';
    expect(organisationId).not.toBe('');

    const on = await client.postForm(`/organisations/${organisationId}/settings`, {
      two_factor_required: '1',
    });
    expect(on.status).toBe(303);
    expect(await (await client.request(`/organisations/${organisationId}?settings=1`)).text()).toContain(
      '設定を保存しました。',
    );
    // Back to the demo's setting, so the demo logins keep signing in in one step.
    expect(
      (await client.postForm(`/organisations/${organisationId}/settings`, { two_factor_required: '0' }))
        .status,
    ).toBe(303);
    const audit = await current()
      .db.selectFrom('audit_event')
      .select('detail')
      .where('action', '=', 'organisation.settings')
      .where('subject_id', '=', organisationId)
      .orderBy('at')
      .execute();
    expect(audit.map((a) => JSON.parse(a.detail).changes.two_factor_required.after)).toEqual([1, 0]);

    expect((await client.postForm('/language', { locale: 'en', next: '/organisations/mine' })).status).toBe(
      303,
    );
    const english = await (await client.request('/organisations/mine')).text();
    expect(english).toContain('aria-current="page">My corporation</a>');
    expect(english).toContain('Two-factor authentication');

    const staff = await signedIn('council-staff');
    const refused = await staff.postForm(`/organisations/${organisationId}/settings`, {
      two_factor_required: '1',
    });
    expect(refused.status).toBe(403);
  });

  it('shows a reference corporation with the public fact and nothing made up', async () => {
    const client = await signedIn('council-admin');
    const list = await (
      await client.request(`/organisations?kind=corporation&q=${encodeURIComponent('ムラヤマ')}`)
    ).text();
    expect(list).toContain('0件');
    const found = await (await client.request(`/organisations?q=${encodeURIComponent('村山苑')}`)).text();
    const id = /href="\/organisations\/([0-9a-f-]{36})">社会福祉法人 村山苑/.exec(found)?.[1] ?? '';
    expect(id).not.toBe('');
    const page = await (await client.request(`/organisations/${id}`)).text();
    expect(page).toContain('はたらくサポートとうきょう参加法人(2025年1月時点の公開情報)');
    expect(page).toContain('事業所はまだ登録されていません。');
    expect(page).not.toContain('東村山市');
    expect(page).not.toContain('<span class="tag">デモ</span>');
    const edit = await (await client.request(`/organisations/${id}/edit`)).text();
    expect(edit).toContain('参加法人一覧に基づく名称のため、ここでは変更できません。');
    expect(edit).not.toContain('id="field-name"');
  });

  it('keeps organisations from a counsellor, and facility edits from a coordinator', async () => {
    const counsellor = await signedIn('counsellor');
    const response = await counsellor.request('/organisations');
    expect(response.status).toBe(403);
    expect((await counsellor.request('/organisations/new')).status).toBe(403);
    expect((await counsellor.request('/organisations/mine')).status).toBe(200);

    const coordinator = await signedIn('coordinator');
    const list = await (await coordinator.request('/facilities')).text();
    expect(list).toContain('担当している事業所');
    expect(list).toContain('<span class="tag">担当</span>');
    const assigned =
      /担当している事業所<\/h2><ul><li><a href="\/facilities\/([0-9a-f-]{36})">/.exec(list)?.[1] ?? '';
    expect(assigned).not.toBe('');
    expect((await coordinator.request(`/facilities/${assigned}`)).status).toBe(200);
    expect((await coordinator.request(`/facilities/${assigned}/edit`)).status).toBe(403);
    expect((await coordinator.request(`/facilities/${foreignFacilityId}`)).status).toBe(404);
  });

  it('serves the 郵便番号 script as a same-origin asset (the CSP allows no inline script)', async () => {
    const response = await new TestClient(buildTestApp(current())).request('/assets/postal-lookup.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toContain('/api/v1/postal-codes/');
  });

  it('sends a signed-out visitor to the sign-in page', async () => {
    const client = new TestClient(buildTestApp(current()));
    const response = await client.request('/facilities');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login?next=%2Ffacilities');
  });

  it('keeps the demo seed idempotent: three fictional facilities, the coordinator assigned to one', async () => {
    await seedDemo(current().db);
    const rows = await current()
      .db.selectFrom('facility as f')
      .innerJoin('organisation as o', 'o.id', 'f.corporation_id')
      .select(['f.name', 'f.is_demo'])
      .where('o.name', '=', '社会福祉法人 みどりの杜会(架空)')
      .execute();
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.is_demo === 1 && r.name.endsWith('(架空)'))).toBe(true);
    const assignments = await current()
      .db.selectFrom('facility_assignment as a')
      .innerJoin('app_user as u', 'u.id', 'a.user_id')
      .select('a.facility_id')
      .where('u.email', '=', 'coordinator@demo.hataraku.example')
      .execute();
    expect(assignments).toHaveLength(1);
  });
});
