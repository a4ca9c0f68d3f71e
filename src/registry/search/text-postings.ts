/**
 * The free-text side of the snapshot's columns (columns.ts): for each 2-character piece of the
 * stored search text, the positions of the entries that hold it. A term's entries are among those
 * of its rarest piece, so the search checks `includes` on those alone instead of reading all
 * 28,000 search texts (~1 ms of cache misses a search; decision 033). Terms of one character have
 * no piece: those searches still read every text. Built on the first text search after a change.
 */
import type { RegistryEntry } from './snapshot';

export type TextPostings = {
  /**
   * Positions (ascending) of every entry whose search text may hold `term`: a superset, to be
   * checked with `includes`; undefined when the term is too short to narrow anything.
   */
  candidatesOf(term: string): Int32Array | undefined;
};

const none = new Int32Array(0);

/** A 2-code-point piece as one number (no string made): code points are below 0x110000. */
const pieceKey = (first: number, second: number) => first * 0x110000 + second;

/** Calls `each` with the key of every overlapping 2-code-point piece of `text`. */
function forEachPiece(text: string, each: (key: number) => void): void {
  let previous = -1;
  for (let i = 0; i < text.length; i++) {
    const point = text.codePointAt(i) as number;
    if (point > 0xffff) i++; // the low half of a surrogate pair
    if (previous >= 0) each(pieceKey(previous, point));
    previous = point;
  }
}

export function textPostingsOf(order: readonly RegistryEntry[]): TextPostings {
  const lists = new Map<number, number[]>();
  for (let p = 0; p < order.length; p++) {
    forEachPiece((order[p] as RegistryEntry).searchText, (key) => {
      const list = lists.get(key);
      if (!list) lists.set(key, [p]);
      // A piece met again in the same text is listed once.
      else if (list[list.length - 1] !== p) list.push(p);
    });
  }
  // Typed arrays hold a position in 4 bytes rather than 8.
  const postings = new Map<number, Int32Array>();
  for (const [key, list] of lists) postings.set(key, Int32Array.from(list));
  return {
    candidatesOf(term) {
      let rarest: Int32Array | undefined;
      forEachPiece(term, (key) => {
        const list = postings.get(key) ?? none;
        if (!rarest || list.length < rarest.length) rarest = list;
      });
      return rarest;
    },
  };
}
