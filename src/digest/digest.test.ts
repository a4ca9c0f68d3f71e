import { describe, expect, it } from 'vitest';
import { buildListingEntry } from '../registry/listing/test-support';
import { contentFor, type FrozenItem, isEmptyContent } from './edition';
import { composeDigestMail, MAX_SECTION_ENTRIES } from './mail';
import { cleanPreferences, matchesPreferences, preferenceKey } from './preferences';
import { parseTokyoDateTime } from './routes/council-editions';
import { isPermanentSmtpError, RateLimiter } from './sender';
import { signUnsubscribeToken, verifyUnsubscribeToken } from './tokens';

const secret = 'unit-test-secret-0123456789abcdefghij';
const id = '01a2143c-0972-7089-bee2-f0cb41a7ff7f';

describe('unsubscribe tokens', () => {
  it('verifies its own signature and refuses any change', () => {
    const token = signUnsubscribeToken(secret, id);
    expect(verifyUnsubscribeToken(secret, token)).toBe(id);
    expect(verifyUnsubscribeToken('another-secret-0123456789abcdefghijk', token)).toBeUndefined();
    const otherId = `${id.slice(0, -1)}0`;
    expect(verifyUnsubscribeToken(secret, `${otherId}.${token.split('.')[1]}`)).toBeUndefined();
    for (let i = 0; i < token.length; i += 7) {
      const changed = token.slice(0, i) + (token[i] === 'a' ? 'b' : 'a') + token.slice(i + 1);
      if (changed !== token) expect(verifyUnsubscribeToken(secret, changed)).toBeUndefined();
    }
    expect(verifyUnsubscribeToken(secret, '')).toBeUndefined();
    expect(verifyUnsubscribeToken(secret, `${token}x`)).toBeUndefined();
  });
});

describe('preferences', () => {
  it('keeps known codes only, sorted, so equal sets share a key', () => {
    const a = cleanPreferences({
      municipalities: ['132136', '131041', 'x'],
      tasks: ['laundry', 'cleaning', 'nope'],
    });
    const b = cleanPreferences({
      municipalities: ['131041', '132136', '131041'],
      tasks: ['cleaning', 'laundry'],
    });
    expect(a).toEqual(b);
    expect(preferenceKey(a)).toBe(preferenceKey(b));
    expect(a.tasks).toEqual(['cleaning', 'laundry']);
  });

  it('selects by municipality, work form and task; empty lists select all', () => {
    const entry = buildListingEntry({
      municipalityCode: '131041',
      values: { tasks: ['cleaning'], work_forms: ['b_unpaid'] },
    });
    expect(matchesPreferences(entry, cleanPreferences({}))).toBe(true);
    expect(matchesPreferences(entry, cleanPreferences({ municipalities: ['131041'] }))).toBe(true);
    expect(matchesPreferences(entry, cleanPreferences({ municipalities: ['132136'] }))).toBe(false);
    expect(matchesPreferences(entry, cleanPreferences({ workForms: ['training_unpaid'] }))).toBe(true);
    expect(matchesPreferences(entry, cleanPreferences({ workForms: ['short_term'] }))).toBe(false);
    expect(matchesPreferences(entry, cleanPreferences({ tasks: ['laundry', 'cleaning'] }))).toBe(true);
    expect(matchesPreferences(entry, cleanPreferences({ tasks: ['laundry'] }))).toBe(false);
  });
});

describe('the mail', () => {
  const item = (change: FrozenItem['change'], title: string, isOpen = true): FrozenItem => ({
    change,
    isOpen,
    entry: buildListingEntry({ values: { title } }),
  });

  it('has sections, counts, escaped HTML and the one-click headers', () => {
    const content = contentFor(
      [
        item('new', '新しい<清掃>'),
        item('changed', '変わった洗濯'),
        item('closed', '終わった配膳', false),
        item(null, 'そのまま'),
      ],
      cleanPreferences({}),
    );
    expect(content.open).toHaveLength(3);
    expect(content.counts).toEqual([{ code: '131041', name: '新宿区', count: 3 }]);
    const mail = composeDigestMail({
      locale: 'ja',
      kind: 'edition',
      title: 'はたらく場情報 2027年1月号',
      asOf: '2027-01-10T00:00:00.000Z',
      recipientName: '相談 花子',
      preferencesText: '条件なし(すべて)',
      content,
      baseUrl: 'https://hataraku.example',
      unsubscribeUrl: 'https://hataraku.example/digest/unsubscribe/t',
      hasAttachments: true,
    });
    expect(mail.subject).toBe('【はたらく場情報】はたらく場情報 2027年1月号');
    expect(mail.text).toContain('■ 新着(1)\n・新しい<清掃>');
    expect(mail.text).toContain('■ 受付終了(1)\n・終わった配膳');
    expect(mail.text).toContain('新宿区: 3');
    expect(mail.html).toContain('新しい&lt;清掃&gt;');
    expect(mail.html).not.toContain('<清掃>');
    expect(mail.headers).toMatchObject({
      'List-Unsubscribe': '<https://hataraku.example/digest/unsubscribe/t>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it('says so when nothing matches, and cuts long sections', () => {
    const empty = contentFor([item('new', 'x')], cleanPreferences({ municipalities: ['132136'] }));
    expect(isEmptyContent(empty, 'edition')).toBe(true);
    const many = contentFor(
      Array.from({ length: MAX_SECTION_ENTRIES + 5 }, (_, i) => item('new', `新着${i}`)),
      cleanPreferences({}),
    );
    const base = {
      locale: 'ja' as const,
      kind: 'edition' as const,
      title: 't',
      asOf: '2027-01-10T00:00:00.000Z',
      recipientName: 'n',
      preferencesText: 'p',
      baseUrl: 'https://hataraku.example',
      unsubscribeUrl: 'https://hataraku.example/u',
      hasAttachments: false,
    };
    expect(composeDigestMail({ ...base, content: empty }).text).toContain('今回はありませんでした');
    expect(composeDigestMail({ ...base, content: many }).text).toContain('ほか5件は添付の一覧をご覧ください');
  });
});

describe('sending rules', () => {
  it('treats 5xx as permanent and everything else as temporary', () => {
    expect(isPermanentSmtpError(Object.assign(new Error('x'), { responseCode: 550 }))).toBe(true);
    expect(isPermanentSmtpError(Object.assign(new Error('x'), { responseCode: 451 }))).toBe(false);
    expect(isPermanentSmtpError(Object.assign(new Error('ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(
      false,
    );
  });

  it('spaces sends to the rate', async () => {
    const limiter = new RateLimiter(50);
    const started = performance.now();
    for (let i = 0; i < 6; i += 1) await limiter.take();
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
  });

  it('reads a Tokyo date and time', () => {
    expect(parseTokyoDateTime('2027-01-10 09:00')?.toISOString()).toBe('2027-01-10T00:00:00.000Z');
    expect(parseTokyoDateTime('2027-01-10T9:30')?.toISOString()).toBe('2027-01-10T00:30:00.000Z');
    expect(parseTokyoDateTime('来月')).toBeUndefined();
  });
});
