import { describe, expect, it } from 'vitest';
import { checkPassword, passwordMessages, passwordProblemMessage } from './password-policy';

const email = 'yamada.hanako@example.jp';

describe('the password policy', () => {
  it.each([
    ['a long phrase', 'きょうは晴れて富士山がよく見える', null],
    ['twelve mixed characters', 'kumo-to-sora7', null],
    ['eleven characters', 'abcdefgh-jk', 'tooShort'],
    ['eleven full-width digits and letters folded by NFKC', 'ａｂｃｄｅｆｇｈｉｊｋ', 'tooShort'],
    ['empty', '', 'tooShort'],
    ['only digits', '123456789012345', 'onlyDigits'],
    ['only full-width digits', '１２３４５６７８９０１２', 'onlyDigits'],
    ['the e-mail address', 'yamada.hanako@example.jp', 'containsEmail'],
    ['the e-mail address in capitals, with more', 'YAMADA.HANAKO@EXAMPLE.JP!!', 'containsEmail'],
    ['the local part', 'Yamada.Hanako', 'containsEmail'],
    ['a common password', 'Password1234', 'common'],
    ['a repeated character', 'aaaaaaaaaaaaaa', 'common'],
    ['a repeated piece', 'abcabcabcabc', 'common'],
    ['too long', 'x'.repeat(201), 'tooLong'],
  ])('%s → %s', (_label, password, expected) => {
    expect(checkPassword(password, { email })).toBe(expected);
  });

  it('checks the confirmation last, once the password itself is acceptable', () => {
    expect(checkPassword('kumo-to-sora7', { email, confirmation: 'kumo-to-sora8' })).toBe('mismatch');
    expect(checkPassword('kumo-to-sora7', { email, confirmation: 'kumo-to-sora7' })).toBeNull();
    expect(checkPassword('short', { email, confirmation: 'other' })).toBe('tooShort');
  });

  it('says what is required, in Japanese and English', () => {
    expect(passwordProblemMessage('tooShort', 'ja')).toBe('12文字以上で入力してください');
    expect(passwordProblemMessage('tooShort', 'en')).toBe('Enter at least 12 characters');
    expect(Object.keys(passwordMessages.en).sort()).toEqual(Object.keys(passwordMessages.ja).sort());
  });
});
