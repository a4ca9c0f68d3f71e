import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases';
import { demoEmails, signedInClient, testApp } from '../accounts/users/test-support';
import { formatJapaneseEraDate } from '../platform/i18n/format';
import { ageOn, todayInTokyo } from './japanese-date';
import { seedDemoParticipants } from './seed';
import {
  auditRows,
  buildParticipantWorld,
  otherCounsellorEmail,
  type ParticipantWorld,
  postFields,
} from './test-support';

const person = (overrides: Record<string, string> = {}): Record<string, string> => ({
  name: '登録 テスト子',
  name_kana: 'トウロク テストコ',
  birth_date: '平成10年6月15日',
  gender: '',
  phone: '090-1111-2222',
  email: 'testko@example.jp',
  postal_code: '',
  municipality_code: '131041',
  address: '西新宿二丁目(架空)',
  nearest_station: '都庁前駅',
  emergency_name: '登録 母',
  emergency_relation: '母',
  emergency_phone: '03-0000-1111',
  case_number: 'T-001',
  preferred_language: '日本語',
  easy_japanese: '1',
  support_decision_on: '',
  support_decision_municipality_code: '',
  ...overrides,
});

function idOf(location: string | null): string {
  const match = /^\/participants\/([0-9a-f-]{36})/.exec(location ?? '');
  if (!match?.[1]) throw new Error(`no participant in ${location}`);
  return match[1];
}

describeEachDatabase('participant pages and API', (current) => {
  let world: ParticipantWorld;
  const db = () => current().db;
  const app = () => testApp(current());
  let registered = '';

  beforeAll(async () => {
    world = await buildParticipantWorld(db());
    // The world's seedDemo already loaded the demo participants; loading again adds none.
    expect(await seedDemoParticipants(db())).toBe(0);
    expect(await db().selectFrom('participant').select('id').where('is_demo', '=', 1).execute()).toHaveLength(
      3,
    );
  });

  describe('registering', () => {
    it('keeps what was typed and shows each field error in Japanese; writes nothing', async () => {
      const counsellor = await signedInClient(app(), demoEmails.counsellor);
      const before = (await db().selectFrom('participant').select('id').execute()).length;
      for (const [field, value, message] of [
        ['birth_date', '2099-01-01', '生年月日に未来の日付は入力できません'],
        ['birth_date', '2015-01-01', '15歳未満の方は登録できません'],
        ['email', 'testko@', 'メールアドレスの形式で入力してください'],
        ['phone', '0120', '電話番号は0から始まる10桁または11桁の数字で入力してください'],
        ['name_kana', '登録', 'カタカナまたはひらがなで入力してください'],
      ] as const) {
        const response = await counsellor.postForm('/participants/new', person({ [field]: value }));
        expect(response.status, field).toBe(400);
        const html = await response.text();
        expect(html).toContain(message);
        expect(html).toContain(`id="field-${field}-error"`);
        expect(html).toContain(`href="#field-${field}"`);
        expect(html).toContain(`value="${value}"`);
        expect(html).toContain('value="登録 テスト子"');
      }
      expect((await db().selectFrom('participant').select('id').execute()).length).toBe(before);
    });

    it('registers a person, shows age and 和暦, and audits the creation and the view', async () => {
      const counsellor = await signedInClient(app(), demoEmails.counsellor);
      const response = await counsellor.postForm('/participants/new', person());
      expect(response.status).toBe(303);
      registered = idOf(response.headers.get('location'));
      expect(response.headers.get('location')).not.toContain('elsewhere');
      const html = await (await counsellor.request(response.headers.get('location') ?? '')).text();
      expect(html).toContain('就労希望者を登録しました。');
      expect(html).toContain('登録 テスト子');
      expect(html).toContain('トウロク テストコ');
      expect(html).toContain(formatJapaneseEraDate('1998-06-15'));
      expect(html).toContain(`${ageOn('1998-06-15', todayInTokyo())}歳`);
      const create = await auditRows(db(), 'participant.create', registered);
      expect(create).toHaveLength(1);
      // The audit trail names fields, never their values.
      expect(create[0]?.detail).toContain('"name"');
      expect(create[0]?.detail).not.toContain('テスト子');
      expect(await auditRows(db(), 'participant.read', registered)).toHaveLength(1);
    });

    it('fills the address from a 郵便番号, outside Tokyo too', async () => {
      const counsellor = await signedInClient(app(), demoEmails.counsellor);
      const response = await counsellor.postForm(
        '/participants/new',
        person({ postal_code: '3300063', municipality_code: '', address: '' }),
      );
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('郵便番号から住所を入力しました');
      expect(html).toMatch(/value="埼玉県さいたま市浦和区[^"]*"/);
    });

    it('shows a possible duplicate in the agency before saving, and saves once confirmed', async () => {
      const counsellor = await signedInClient(app(), demoEmails.counsellor);
      const before = (await db().selectFrom('participant').select('id').execute()).length;
      // Same person typed differently: hiragana, half-width, no space; 西暦 instead of 和暦.
      const again = person({ name: '登録 てすと子', name_kana: 'とうろくﾃｽﾄｺ', birth_date: '1998/6/15' });
      const first = await counsellor.postForm('/participants/new', again);
      expect(first.status).toBe(400);
      const html = await first.text();
      expect(html).toContain('同じ人がすでに登録されている可能性があります');
      expect(html).toContain(`href="/participants/${registered}"`);
      expect(html).toContain('別の人として登録する');
      expect(html).not.toContain('他の相談支援機関でも');
      expect((await db().selectFrom('participant').select('id').execute()).length).toBe(before);

      const unconfirmed = await counsellor.postForm('/participants/new', { ...again, confirm_distinct: '' });
      expect(unconfirmed.status).toBe(400);
      expect(await unconfirmed.text()).toContain('「別の人として登録する」にチェックを入れてください');

      const confirmed = await counsellor.postForm('/participants/new', { ...again, confirm_distinct: '1' });
      expect(confirmed.status).toBe(303);
      const created = await auditRows(db(), 'participant.create', idOf(confirmed.headers.get('location')));
      expect(created[0]?.detail).toContain(registered);
    });

    it('tells another agency only that someone else may support the person, and records it for the council', async () => {
      const other = await signedInClient(app(), otherCounsellorEmail);
      const response = await other.postForm(
        '/participants/new',
        person({ name: '別機関 登録', case_number: 'M-9', email: '', phone: '' }),
      );
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toContain('elsewhere=1');
      const newId = idOf(response.headers.get('location'));
      const html = await (await other.request(response.headers.get('location') ?? '')).text();
      expect(html).toContain(
        '他の相談支援機関でも支援を受けている可能性があります(詳細は協議会事務局が確認します)',
      );
      for (const secret of ['登録 テスト子', registered, 'T-001', 'ひがし市'])
        expect(html).not.toContain(secret);
      const flagged = await auditRows(db(), 'participant.possible_duplicate', newId);
      expect(flagged).toHaveLength(1);
      expect(flagged[0]?.detail).toContain(registered);
      expect(flagged[0]?.detail).not.toContain('テスト子');
    });
  });

  describe('the list', () => {
    it("lists the agency's own participants, searches kana either way, and audits whose names were shown", async () => {
      const counsellor = await signedInClient(app(), demoEmails.counsellor);
      const html = await (await counsellor.request('/participants')).text();
      expect(html).toContain('架空 一郎');
      expect(html).toContain('登録 テスト子');
      expect(html).not.toContain('別機関 登録');
      const found = await (
        await counsellor.request(`/participants?q=${encodeURIComponent('かくう')}`)
      ).text();
      expect(found).toContain('架空 一郎');
      expect(found).not.toContain('見本 さくら');
      const compact = await (
        await counsellor.request(`/participants?q=${encodeURIComponent('ミホンサクラ')}`)
      ).text();
      expect(compact).toContain('見本 さくら');
      const rows = await auditRows(db(), 'participant.list');
      const last = JSON.parse(rows.at(-1)?.detail ?? '{}') as { shown: string[]; searched: boolean };
      expect(last.searched).toBe(true);
      expect(last.shown).toHaveLength(1);
    });

    it('is not for anyone but counsellors', async () => {
      for (const email of [
        demoEmails.councilAdmin,
        demoEmails.councilStaff,
        demoEmails.corporationAdmin,
        demoEmails.coordinator,
      ]) {
        const client = await signedInClient(app(), email);
        const response = await client.request('/participants');
        expect(response.status, email).toBe(403);
        expect(await response.text()).not.toContain('架空 一郎');
      }
    });
  });

  describe('assessments', () => {
    it('refuses a time window that ends before it starts, keeping every value', async () => {
      const counsellor = await signedInClient(app(), demoEmails.counsellor);
      const form = await (await counsellor.request(`/participants/${registered}/assessments/new`)).text();
      for (const row of [0, 1, 2, 3, 4, 5, 6]) expect(form).toContain(`name="window_${row}_start"`);
      const response = await postFields(counsellor, `/participants/${registered}/assessments/new`, [
        ['assessed_on', '2026-04-01'],
        ['tasks', 'cleaning'],
        ['window_0_weekday', '1'],
        ['window_0_start', '13:00'],
        ['window_0_end', '12:00'],
        ['window_1_weekday', '2'],
        ['window_1_start', ''],
        ['window_1_end', ''],
        ['strengths', '几帳面'],
      ]);
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain('終了時刻は開始時刻より後にしてください');
      expect(html).toContain('id="field-windows.0.end-error"');
      expect(html).toContain('href="#field-windows.0.end"');
      expect(html).toContain('value="13:00"');
      expect(html).toContain('几帳面');
      expect(
        await db().selectFrom('assessment').select('id').where('participant_id', '=', registered).execute(),
      ).toHaveLength(0);
    });

    it('records dated versions; the latest counts, a backdated one does not replace it', async () => {
      const counsellor = await signedInClient(app(), demoEmails.counsellor);
      const record = (date: string, task: string, start: string) =>
        postFields(counsellor, `/participants/${registered}/assessments/new`, [
          ['assessed_on', date],
          ['tasks', task],
          ['window_0_weekday', '1'],
          ['window_0_start', start],
          ['window_0_end', '12:00'],
          ['supports', 'rest_breaks'],
          ['travel_modes', 'train'],
          ['travel_max_minutes', '30'],
        ]);
      expect((await record('2026-04-01', 'cleaning', '9:00')).status).toBe(303);
      const second = await record('2026-10-01', 'laundry', '10:00');
      expect(second.status).toBe(303);
      expect(second.headers.get('location')).toBe(`/participants/${registered}?assessed=2`);
      expect((await record('2026-01-01', 'farming_gardening', '8:00')).status).toBe(303);

      const page = await (await counsellor.request(`/participants/${registered}`)).text();
      expect(page).toContain('第2版');
      expect(page).toContain('洗濯');
      expect(page).toContain('月 10:00〜12:00');
      expect(page).not.toContain('農園芸');

      const history = await (await counsellor.request(`/participants/${registered}/assessments`)).text();
      for (const version of ['第1版', '第2版', '第3版']) expect(history).toContain(version);
      expect(history.indexOf('第2版')).toBeLessThan(history.indexOf('第1版'));

      // The next form starts from the version that counts.
      const form = await (await counsellor.request(`/participants/${registered}/assessments/new`)).text();
      expect(form).toMatch(/value="laundry"\s+checked/);
      expect(form).toContain('value="10:00"');
      expect(await auditRows(db(), 'assessment.record', registered)).toHaveLength(3);
    });
  });

  describe('support log', () => {
    it('adds dated entries, newest first, and refuses an empty one', async () => {
      const counsellor = await signedInClient(app(), demoEmails.counsellor);
      const bad = await counsellor.postForm(`/participants/${registered}/support-log`, {
        occurred_on: '2026-13-01',
        kind: 'phone',
        body: '',
      });
      expect(bad.status).toBe(400);
      const badHtml = await bad.text();
      expect(badHtml).toContain('日付は 2026-04-01 や 令和8年4月1日 のように入力してください');
      expect(badHtml).toContain('value="2026-13-01"');
      for (const [date, body] of [
        ['2026-05-01', '最初の電話連絡'],
        ['2026-09-01', '二回目の面談'],
      ]) {
        const ok = await counsellor.postForm(`/participants/${registered}/support-log`, {
          occurred_on: date ?? '',
          kind: 'meeting',
          body: body ?? '',
        });
        expect(ok.status).toBe(303);
      }
      const html = await (await counsellor.request(`/participants/${registered}`)).text();
      expect(html).toContain('相談 支援健太');
      expect(html.indexOf('二回目の面談')).toBeLessThan(html.indexOf('最初の電話連絡'));
      expect(await auditRows(db(), 'support_log.write', registered)).toHaveLength(2);
    });
  });

  describe('editing', () => {
    it('saves changes, auditing the field names only', async () => {
      const counsellor = await signedInClient(app(), demoEmails.counsellor);
      const form = await (await counsellor.request(`/participants/${registered}/edit`)).text();
      expect(form).toContain('value="1998-06-15"');
      const response = await counsellor.postForm(
        `/participants/${registered}/edit`,
        person({
          phone: '080-3333-4444',
          support_decision_on: '令和8年4月1日',
          support_decision_municipality_code: '131041',
        }),
      );
      expect(response.status).toBe(303);
      const html = await (await counsellor.request(`/participants/${registered}`)).text();
      expect(html).toContain('080-3333-4444');
      const rows = await auditRows(db(), 'participant.update', registered);
      expect(JSON.parse(rows.at(-1)?.detail ?? '{}').changed).toEqual([
        'phone',
        'support_decision_on',
        'support_decision_municipality_code',
      ]);
      expect(rows.at(-1)?.detail).not.toContain('080-3333-4444');
    });
  });

  describe('in English', () => {
    it('shows the pages and field errors in English', async () => {
      const counsellor = await signedInClient(app(), demoEmails.counsellor);
      await counsellor.postForm('/language', { locale: 'en', next: '/participants' });
      const page = await (await counsellor.request(`/participants/${registered}`)).text();
      expect(page).toContain('Support log');
      expect(page).toContain('Date of birth');
      const response = await counsellor.postForm('/participants/new', person({ birth_date: '2099-01-01' }));
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('A date of birth cannot be in the future');
    });
  });

  describe('the API', () => {
    const call = (token: string, path: string, init: RequestInit = {}) =>
      app().request(`/api/v1${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      });

    it('registers, reads, patches and lists, each read audited', async () => {
      const token = world.tokens[demoEmails.counsellor] ?? '';
      const bad = await call(token, '/participants', {
        method: 'POST',
        body: JSON.stringify({
          name: 'API 太郎',
          nameKana: 'エーピーアイ タロウ',
          birthDate: '2030-01-01',
          email: 'x@',
        }),
      });
      expect(bad.status).toBe(400);
      const problem = (await bad.json()) as { errors: { pointer: string }[] };
      expect(problem.errors.map((e) => e.pointer).sort()).toEqual(['/birthDate', '/email']);

      const created = await call(token, '/participants', {
        method: 'POST',
        body: JSON.stringify({
          name: 'API 太郎',
          nameKana: 'えーぴーあい たろう',
          birthDate: 'S55.3.2',
          easyJapanese: true,
        }),
      });
      expect(created.status).toBe(201);
      const body = (await created.json()) as Record<string, unknown>;
      expect(body).toMatchObject({
        nameKana: 'エーピーアイ タロウ',
        birthDate: '1980-03-02',
        birthDateJapaneseEra: '昭和55年3月2日',
        easyJapanese: true,
        possibleDuplicateElsewhere: false,
      });
      const id = String(body.id);

      const duplicate = await call(token, '/participants', {
        method: 'POST',
        body: JSON.stringify({ name: 'API 太郎', nameKana: 'ｴｰﾋﾟｰｱｲﾀﾛｳ', birthDate: '1980-03-02' }),
      });
      expect(duplicate.status).toBe(409);
      expect(((await duplicate.json()) as { duplicates: { id: string }[] }).duplicates[0]?.id).toBe(id);

      const patched = await call(token, `/participants/${id}`, {
        method: 'PATCH',
        body: JSON.stringify({ phone: '03-5555-6666', gender: null }),
      });
      expect(patched.status).toBe(200);
      expect(await patched.json()).toMatchObject({
        phone: '03-5555-6666',
        name: 'API 太郎',
        birthDate: '1980-03-02',
      });

      const readsBefore = (await auditRows(db(), 'participant.read', id)).length;
      expect((await call(token, `/participants/${id}`)).status).toBe(200);
      expect(await auditRows(db(), 'participant.read', id)).toHaveLength(readsBefore + 1);

      const list = (await (await call(token, '/participants?q=えーぴーあい')).json()) as {
        items: { id: string }[];
      };
      expect(list.items.map((p) => p.id)).toEqual([id]);
    });

    it('records and lists assessment versions', async () => {
      const token = world.tokens[demoEmails.counsellor] ?? '';
      const invalid = await call(token, `/participants/${registered}/assessments`, {
        method: 'POST',
        body: JSON.stringify({
          assessedOn: '2026-11-01',
          windows: [{ weekday: 2, start: '15:00', end: '14:00' }],
        }),
      });
      expect(invalid.status).toBe(400);
      expect(((await invalid.json()) as { errors: { pointer: string }[] }).errors[0]?.pointer).toBe(
        '/windows/0/end',
      );
      const recorded = await call(token, `/participants/${registered}/assessments`, {
        method: 'POST',
        body: JSON.stringify({
          assessedOn: '2026-11-01',
          tasks: ['office_assist'],
          windows: [{ weekday: 2, start: '9:00', end: '11:30' }],
          minHoursPerDay: 1.5,
          travelMaxKm: 2.5,
          travelModes: ['bicycle'],
          supports: ['visual_instructions'],
        }),
      });
      expect(recorded.status).toBe(201);
      expect(await recorded.json()).toMatchObject({
        version: 4,
        counts: true,
        minHoursPerDay: 1.5,
        travelMaxKm: 2.5,
      });
      const list = (await (await call(token, `/participants/${registered}/assessments`)).json()) as {
        items: { version: number; counts: boolean }[];
      };
      expect(list.items.map((a) => [a.version, a.counts])).toEqual([
        [4, true],
        [2, false],
        [1, false],
        [3, false],
      ]);
    });
  });
});

describeEachDatabase('participant API document', (current) => {
  it('documents the participant operations', async () => {
    const document = (await (await testApp(current()).request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(document.paths['/api/v1/participants'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(document.paths['/api/v1/participants/{id}'] ?? {}).sort()).toEqual(['get', 'patch']);
    expect(Object.keys(document.paths['/api/v1/participants/{id}/assessments'] ?? {}).sort()).toEqual([
      'get',
      'post',
    ]);
  });
});
