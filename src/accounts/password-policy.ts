/**
 * What a new password must be: long enough, not only digits, not the e-mail address, and not one
 * of the passwords people pick first. Used wherever a password is chosen (accepting an
 * invitation, resetting a forgotten password). Length beats composition rules (NIST SP 800-63B),
 * so there is no "one capital, one symbol" rule.
 */
import { defineMessages, type Locale } from '../platform/i18n';
import { normaliseEmail } from '../platform/text/normalise';

export const PASSWORD_MIN_LENGTH = 12;
/** scrypt reads every character; a cap keeps one request from costing seconds. */
export const PASSWORD_MAX_LENGTH = 200;

export type PasswordProblem = 'tooShort' | 'tooLong' | 'onlyDigits' | 'containsEmail' | 'common' | 'mismatch';

export const passwordMessages = defineMessages(
  {
    hint: '12文字以上で設定してください。数字だけのもの、メールアドレス、よく使われるパスワードは使えません。長い文やことばの組み合わせがおすすめです。',
    tooShort: '12文字以上で入力してください',
    tooLong: '200文字以内で入力してください',
    onlyDigits: '数字だけでなく、文字も含めてください',
    containsEmail: 'メールアドレス(またはその@より前の部分)はパスワードに使えません',
    common: 'よく使われていて推測されやすいパスワードです。別のパスワードにしてください',
    mismatch: '確認用のパスワードが一致しません。同じパスワードをもう一度入力してください',
  },
  {
    hint: 'At least 12 characters. Not only digits, not your e-mail address, and not a common password. A long phrase works well.',
    tooShort: 'Enter at least 12 characters',
    tooLong: 'Enter 200 characters or fewer',
    onlyDigits: 'Use letters as well as digits',
    containsEmail: 'Do not use your e-mail address (or the part before the @) as your password',
    common: 'This password is common and easy to guess. Choose another one',
    mismatch: 'The two passwords do not match. Enter the same password twice',
  },
);

/**
 * Passwords of 12 or more characters that appear near the top of leaked-password lists, plus
 * ones tempting for this program. Shorter common passwords are already refused by the length.
 */
const commonPasswords = new Set([
  'password1234',
  'password12345',
  'password123456',
  'passwordpassword',
  'qwertyuiop12',
  'qwertyuiop123',
  'qwerty123456',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'qazwsxedcrfv',
  'asdfghjkl123',
  'abcdefghijkl',
  'abcd12345678',
  'abc123456789',
  'iloveyou1234',
  'letmein12345',
  'welcome12345',
  'administrator',
  'admin1234567',
  'changeme1234',
  'trustno11234',
  'sunshine1234',
  'football1234',
  'baseball1234',
  'princess1234',
  'dragon123456',
  'monkey123456',
  'hataraku1234',
  'hataraku-demo-2026',
  'hatarakusupport',
  'tokyo1234567',
  'tokyotokyo12',
]);

function isCommon(password: string): boolean {
  const lower = password.toLowerCase();
  // One character, or one short piece, repeated: "aaaaaaaaaaaa", "abcabcabcabc".
  if (/^(.{1,4})\1+$/u.test(lower)) return true;
  return commonPasswords.has(lower);
}

/**
 * The first problem with a new password, or null when it is acceptable. `confirmation`, when
 * given, must equal the password.
 */
export function checkPassword(
  password: string,
  context: { email: string; confirmation?: string },
): PasswordProblem | null {
  const normalised = password.normalize('NFKC');
  const length = [...normalised].length;
  if (length < PASSWORD_MIN_LENGTH) return 'tooShort';
  if (length > PASSWORD_MAX_LENGTH) return 'tooLong';
  if (/^[0-9]+$/.test(normalised)) return 'onlyDigits';
  const email = normaliseEmail(context.email);
  const localPart = email.split('@')[0] ?? '';
  const lower = normalised.toLowerCase();
  if (email && (lower.includes(email) || lower === localPart)) return 'containsEmail';
  if (isCommon(normalised)) return 'common';
  if (context.confirmation !== undefined && context.confirmation !== password) return 'mismatch';
  return null;
}

/** The message for a problem, in the caller's language. */
export function passwordProblemMessage(problem: PasswordProblem, locale: Locale): string {
  return passwordMessages[locale][problem];
}

export function passwordHint(locale: Locale): string {
  return passwordMessages[locale].hint;
}
