/** Japanese text as people type it (full-/half-width, katakana/hiragana) made comparable. */

/** NFKC folds full-width ASCII and half-width katakana; trimming drops stray spaces. */
export function normaliseInput(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/\u3000/g, ' ')
    .trim();
}

export function katakanaToHiragana(value: string): string {
  return value.replace(/[\u30a1-\u30f6]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60));
}

/** The stored search form: NFKC, hiragana, lower-case, single spaces. */
export function toSearchText(...parts: (string | null | undefined)[]): string {
  return katakanaToHiragana(
    parts
      .filter((p): p is string => Boolean(p))
      .join(' ')
      .normalize('NFKC')
      .toLowerCase(),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

export function normaliseEmail(value: string): string {
  return normaliseInput(value).toLowerCase();
}
