import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstInOrder } from './first-in-order';

describe('firstInOrder', () => {
  it('gives what sorting everything and taking the first ones gives', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }),
        fc.nat(60),
        (keys, wanted) => {
          // Ties broken by index, as the search breaks them by update: a total order.
          const before = (i: number, j: number) =>
            (keys[i] as number) < (keys[j] as number) || (keys[i] === keys[j] && i < j);
          const sorted = keys.map((_, i) => i).sort((i, j) => (before(i, j) ? -1 : 1));
          expect(firstInOrder(keys.length, wanted, before)).toEqual(sorted.slice(0, wanted));
        },
      ),
    );
  });

  it('gives nothing when nothing is wanted or there is nothing', () => {
    expect(firstInOrder(5, 0, () => true)).toEqual([]);
    expect(firstInOrder(0, 5, () => true)).toEqual([]);
  });
});
