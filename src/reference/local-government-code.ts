// Owns the arithmetic of 全国地方公共団体コード (JIS X 0401 prefecture + JIS X 0402 municipality + check digit).

/**
 * Check digit for a 5-digit code, per the 総務省 rule: weights 6..2, modulus 11, digit = 11 − remainder,
 * where 10 is written 0 and 11 is written 1 (hence the final `% 10`).
 */
export function localGovernmentCheckDigit(code5: string): number {
  if (!/^\d{5}$/.test(code5)) throw new Error(`expected 5 digits, got ${JSON.stringify(code5)}`);
  let sum = 0;
  for (let i = 0; i < 5; i++) sum += Number(code5[i]) * (6 - i);
  return (11 - (sum % 11)) % 10;
}

/** Appends the check digit: '13104' → '131041'. */
export function withCheckDigit(code5: string): string {
  return `${code5}${localGovernmentCheckDigit(code5)}`;
}

/** True for a 6-digit code whose last digit is the correct check digit. */
export function isValidLocalGovernmentCode(code6: string): boolean {
  if (!/^\d{6}$/.test(code6)) return false;
  return localGovernmentCheckDigit(code6.slice(0, 5)) === Number(code6[5]);
}
