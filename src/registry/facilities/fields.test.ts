import { describe, expect, it } from 'vitest';
import {
  checkPostalCodeMunicipality,
  fillAddressFromPostalCode,
  parseEmail,
  parseKana,
  parseMunicipality,
  parsePhone,
  parsePostalCode,
  parseRequiredText,
  parseUrl,
  parseWalkMinutes,
} from './fields';

describe('the shared field parsers', () => {
  it.each([
    ['03-1234-5678', '03-1234-5678'],
    ['０３－１２３４－５６７８', '03-1234-5678'],
    ['０３ー１２３４ー５６７８', '03-1234-5678'],
    ['(03)1234-5678', '03-1234-5678'],
    ['090-1234-5678', '090-1234-5678'],
    ['0312345678', '0312345678'],
    ['', null],
  ])('accepts the phone number %s', (input, stored) => {
    expect(parsePhone(input)).toEqual({ ok: true, value: stored });
  });

  it.each([
    '1234-5678',
    '03-1234-567',
    '03--1234-5678',
    '03-1234-56789-0',
    'TEL 03-1234-5678',
    '03-1234-5678-',
  ])('refuses the phone number %s', (input) => {
    expect(parsePhone(input)).toEqual({ ok: false, error: 'invalidPhone' });
  });

  it.each([
    ['0', 0],
    ['１５', 15],
    ['120', 120],
    ['', null],
  ])('accepts %s minutes on foot', (input, minutes) => {
    expect(parseWalkMinutes(input)).toEqual({ ok: true, value: minutes });
  });

  it.each(['121', '-1', '5.5', '十', 'abc'])('refuses %s minutes on foot', (input) => {
    expect(parseWalkMinutes(input)).toEqual({ ok: false, error: 'invalidWalkMinutes' });
  });

  it('reads 郵便番号 in any width, and knows which exist', () => {
    expect(parsePostalCode('〒１６０－００２３')).toEqual({ ok: true, value: '1600023' });
    expect(parsePostalCode('')).toEqual({ ok: true, value: null });
    expect(parsePostalCode('160-002')).toEqual({ ok: false, error: 'invalidPostalCode' });
    expect(parsePostalCode('000-0000')).toEqual({ ok: false, error: 'unknownPostalCode' });
  });

  it('checks that a 郵便番号 is in Tokyo and in the chosen municipality', () => {
    expect(checkPostalCodeMunicipality('1600023', '131041')).toBeNull();
    expect(checkPostalCodeMunicipality('1600023', null)).toBeNull();
    expect(checkPostalCodeMunicipality('1600023', '132012')).toBe('postalCodeMunicipalityMismatch');
    // 大阪市北区
    expect(checkPostalCodeMunicipality('5300001', null)).toBe('postalCodeOutsideTokyo');
  });

  it('knows only the 62 municipalities', () => {
    expect(parseMunicipality('132136')).toEqual({ ok: true, value: '132136' });
    expect(parseMunicipality('271004')).toEqual({ ok: false, error: 'unknownMunicipality' });
    expect(parseMunicipality('新宿区')).toEqual({ ok: false, error: 'unknownMunicipality' });
    expect(parseMunicipality('', { required: true })).toEqual({ ok: false, error: 'required' });
  });

  it('normalises readings to the script the field stores', () => {
    expect(parseKana('ﾋﾀﾞﾏﾘ ｻｷﾞｮｳｼｮ', { script: 'katakana' })).toEqual({
      ok: true,
      value: 'ヒダマリ サギョウショ',
    });
    expect(parseKana('ひだまり', { script: 'katakana' })).toEqual({ ok: true, value: 'ヒダマリ' });
    expect(parseKana('アオバカイ', { script: 'hiragana' })).toEqual({ ok: true, value: 'あおばかい' });
    expect(parseKana('陽だまり', { script: 'katakana' })).toEqual({ ok: false, error: 'invalidKana' });
    expect(parseKana('', { script: 'katakana', required: true })).toEqual({ ok: false, error: 'required' });
  });

  it('folds full-width text and e-mail addresses', () => {
    expect(parseRequiredText('　ＡＢＣ作業所　')).toEqual({ ok: true, value: 'ABC作業所' });
    expect(parseRequiredText('   ')).toEqual({ ok: false, error: 'required' });
    expect(parseEmail('ＴＡＮＴＯ@Example.JP')).toEqual({ ok: true, value: 'tanto@example.jp' });
    expect(parseEmail('tanto@example')).toEqual({ ok: false, error: 'invalidEmail' });
    expect(parseUrl('javascript:alert(1)')).toEqual({ ok: false, error: 'invalidUrl' });
    expect(parseUrl('https://www.example.jp')).toEqual({ ok: true, value: 'https://www.example.jp/' });
  });

  it('fills an empty municipality and address from a 郵便番号, and nothing else', () => {
    const filled = fillAddressFromPostalCode({
      name: 'x',
      postal_code: '１６０００２３',
      municipality_code: '',
      address: '',
    });
    expect(filled).toEqual({
      filled: true,
      values: { name: 'x', postal_code: '160-0023', municipality_code: '131041', address: '西新宿' },
    });
    const kept = { postal_code: '160-0023', municipality_code: '131041', address: '西新宿2-8-1' };
    expect(fillAddressFromPostalCode(kept)).toEqual({ filled: false, values: kept });
    expect(
      fillAddressFromPostalCode({ postal_code: '000-0000', municipality_code: '', address: '' }).filled,
    ).toBe(false);
    expect(
      fillAddressFromPostalCode({ postal_code: '530-0001', municipality_code: '', address: '' }).filled,
    ).toBe(false);
  });
});
