import { describe, expect, it } from 'vitest';
import { normaliseEmail, normaliseInput, toSearchText } from './normalise';

describe('text normalisation', () => {
  it('folds full-width and half-width forms', () => {
    expect(normaliseInput('　ＡＢＣ１２３　')).toBe('ABC123');
    expect(normaliseInput('ｾｲｿｳ')).toBe('セイソウ');
  });
  it('makes katakana and hiragana search alike', () => {
    expect(toSearchText('セイソウ', 'ﾀﾛｳ')).toBe('せいそう たろう');
    expect(toSearchText('Hataraku  Ｓｕｐｐｏｒｔ')).toBe('hataraku support');
  });
  it('lower-cases e-mail addresses typed in full width', () => {
    expect(normaliseEmail(' Ｔａｒｏ@Example.JP ')).toBe('taro@example.jp');
  });
});
