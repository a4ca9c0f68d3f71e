import { describe, expect, it } from 'vitest';
import { isValidLocalGovernmentCode } from './local-government-code';
import {
  findMunicipality,
  findMunicipalityByName,
  listMunicipalities,
  type MunicipalityKind,
  TOKYO_MUNICIPALITIES,
} from './municipalities';

const all = listMunicipalities();

describe('TOKYO_MUNICIPALITIES', () => {
  it('has the 62 municipalities: 23 wards, 26 cities, 5 towns, 8 villages', () => {
    expect(all).toHaveLength(62);
    const count = (kind: MunicipalityKind) => all.filter((m) => m.kind === kind).length;
    expect(count('ward')).toBe(23);
    expect(count('city')).toBe(26);
    expect(count('town')).toBe(5);
    expect(count('village')).toBe(8);
  });

  it('has unique codes and names, in code order', () => {
    expect(new Set(all.map((m) => m.code)).size).toBe(62);
    expect(new Set(all.map((m) => m.name)).size).toBe(62);
    expect(all.map((m) => m.code)).toEqual(all.map((m) => m.code).sort());
  });

  it('has Tokyo codes with a correct JIS X 0401/0402 check digit', () => {
    for (const m of all) {
      expect(m.code, m.name).toMatch(/^13\d{4}$/);
      expect(isValidLocalGovernmentCode(m.code), `${m.name} ${m.code}`).toBe(true);
    }
  });

  it('has a kind matching the name and the code range', () => {
    const suffix: Record<MunicipalityKind, string> = { ward: '区', city: '市', town: '町', village: '村' };
    for (const m of all) {
      expect(m.name.endsWith(suffix[m.kind]), m.name).toBe(true);
      // JIS X 0402 numbers Tokyo's special wards 101-123 and cities 201-; towns and villages come after.
      const n = Number(m.code.slice(2, 5));
      if (m.kind === 'ward') expect(n).toBeLessThan(200);
      else if (m.kind === 'city') expect(n >= 200 && n < 300).toBe(true);
      else expect(n).toBeGreaterThanOrEqual(300);
    }
  });

  it('has hiragana readings ending as the kind is read in Tokyo', () => {
    const ending: Record<MunicipalityKind, string> = {
      ward: 'く',
      city: 'し',
      town: 'まち',
      village: 'むら',
    };
    for (const m of all) {
      expect(m.kana, m.name).toMatch(/^[ぁ-ゖー]+$/);
      expect(m.kana.endsWith(ending[m.kind]), `${m.name} ${m.kana}`).toBe(true);
    }
  });

  it('has ASCII English names', () => {
    for (const m of all) expect(m.nameEn, m.name).toMatch(/^[A-Z][a-z]+$/);
  });

  it('places every office inside Tokyo, islands included', () => {
    // Tokyo's extent: 沖ノ鳥島 (20.4°N, 136.1°E) to 南鳥島 (154.0°E) and 雲取山 (35.86°N).
    for (const m of all) {
      expect(m.lat, m.name).toBeGreaterThanOrEqual(20.4);
      expect(m.lat, m.name).toBeLessThanOrEqual(35.9);
      expect(m.lng, m.name).toBeGreaterThanOrEqual(136.0);
      expect(m.lng, m.name).toBeLessThanOrEqual(154.0);
    }
  });

  it('places mainland offices on the mainland and island offices out at sea', () => {
    // Boxes wide enough to forgive small errors, narrow enough to catch swapped lat/lng or a wrong region.
    const islands = new Set([
      '133612',
      '133621',
      '133639',
      '133647',
      '133817',
      '133825',
      '134015',
      '134023',
      '134210',
    ]);
    for (const m of all) {
      if (m.kind === 'ward') {
        expect(m.lat >= 35.52 && m.lat <= 35.82 && m.lng >= 139.56 && m.lng <= 139.92, m.name).toBe(true);
      } else if (islands.has(m.code)) {
        expect(m.lat, m.name).toBeLessThan(34.8);
      } else {
        expect(m.lat >= 35.5 && m.lat <= 35.9 && m.lng >= 138.94 && m.lng <= 139.6, m.name).toBe(true);
      }
    }
    expect(findMunicipality('134210')?.lng).toBeGreaterThan(142); // 父島
  });
});

describe('findMunicipality', () => {
  it('finds by 6-digit code', () => {
    expect(findMunicipality('131016')?.name).toBe('千代田区');
    expect(findMunicipality('134210')?.name).toBe('小笠原村');
  });

  it('finds by the 5-digit code without check digit, and by full-width digits', () => {
    expect(findMunicipality('13201')?.name).toBe('八王子市');
    expect(findMunicipality('１３１０４１')?.name).toBe('新宿区');
  });

  it('returns undefined for unknown or malformed codes', () => {
    expect(findMunicipality('131017')).toBeUndefined();
    expect(findMunicipality('271004')).toBeUndefined(); // 大阪市
    expect(findMunicipality('')).toBeUndefined();
    expect(findMunicipality('1310')).toBeUndefined();
  });
});

describe('findMunicipalityByName', () => {
  it('finds by the official name, with or without 東京都 and surrounding spaces', () => {
    expect(findMunicipalityByName('八王子市')?.code).toBe('132012');
    expect(findMunicipalityByName('東京都八王子市')?.code).toBe('132012');
    expect(findMunicipalityByName('　八王子市 ')?.code).toBe('132012');
  });

  it('accepts the names Japan Post uses, with 郡 or island prefixes', () => {
    expect(findMunicipalityByName('西多摩郡瑞穂町')?.code).toBe('133035');
    expect(findMunicipalityByName('三宅島三宅村')?.code).toBe('133817');
    expect(findMunicipalityByName('東京都八丈島八丈町')?.code).toBe('134015');
  });

  it('tolerates ケ/ヶ, half-width katakana and 桧/檜', () => {
    expect(findMunicipalityByName('青ケ島村')?.code).toBe('134023');
    expect(findMunicipalityByName('青ｹ島村')?.code).toBe('134023');
    expect(findMunicipalityByName('桧原村')?.code).toBe('133078');
  });

  it('returns undefined for names outside Tokyo or empty input', () => {
    expect(findMunicipalityByName('大阪市')).toBeUndefined();
    expect(findMunicipalityByName('区')).toBeUndefined();
    expect(findMunicipalityByName('')).toBeUndefined();
    expect(findMunicipalityByName('東京都')).toBeUndefined();
  });

  it('round-trips every municipality', () => {
    for (const m of TOKYO_MUNICIPALITIES) expect(findMunicipalityByName(m.name)).toBe(m);
  });
});
