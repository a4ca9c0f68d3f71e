import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RegistryEntry } from './snapshot';
import { textPostingsOf } from './text-postings';

const entries = (texts: string[]) => texts.map((searchText) => ({ searchText }) as RegistryEntry);

describe('text postings', () => {
  it('narrows a term to the entries holding its rarest piece, in position order', () => {
    const postings = textPostingsOf(entries(['清掃 洗濯', '清掃', '調理補助', '清らか 掃除', '清掃清掃']));
    expect([...(postings.candidatesOf('清掃') ?? [])]).toEqual([0, 1, 4]);
    expect([...(postings.candidatesOf('補助') ?? [])]).toEqual([2]);
    expect([...(postings.candidatesOf('配膳') ?? [])]).toEqual([]);
    // One character has no piece: nothing to narrow with.
    expect(postings.candidatesOf('清')).toBeUndefined();
  });

  it('counts characters outside the BMP as one (𠮷 is two UTF-16 units)', () => {
    const postings = textPostingsOf(entries(['𠮷野家の清掃', '吉野家']));
    expect([...(postings.candidatesOf('𠮷野') ?? [])]).toEqual([0]);
    expect([...(postings.candidatesOf('野家') ?? [])]).toEqual([0, 1]);
  });

  it('never loses an entry whose text holds the term', () => {
    const alphabet = fc.constantFrom('清', '掃', '洗', '濯', 'せ', 'い', 'そ', 'う', ' ', '𠮷', 'a');
    const text = fc.array(alphabet, { maxLength: 12 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.array(text, { maxLength: 20 }), text, (texts, term) => {
        const candidates = textPostingsOf(entries(texts)).candidatesOf(term);
        if (candidates === undefined) return;
        const holding = texts.flatMap((t, i) => (t.includes(term) ? [i] : []));
        for (const position of holding) expect(candidates).toContain(position);
      }),
    );
  });
});
