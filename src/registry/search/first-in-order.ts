/** Choosing a page from many matches without sorting them all (snapshot-search.ts). */

/**
 * The first `wanted` of `count` items in the order `before` gives, in that order: a heap of the
 * best `wanted` so far, so a page near the start of a long result costs ~count × log(wanted).
 */
export function firstInOrder(
  count: number,
  wanted: number,
  before: (i: number, j: number) => boolean,
): number[] {
  const size = Math.min(count, wanted);
  if (size <= 0) return [];
  // heap[0] is the worst kept item: a child never comes after its parent.
  const heap: number[] = [];
  const worse = (i: number, j: number) => before(j, i);
  const siftDown = (at: number) => {
    let i = at;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < heap.length && worse(heap[l] as number, heap[top] as number)) top = l;
      if (r < heap.length && worse(heap[r] as number, heap[top] as number)) top = r;
      if (top === i) return;
      [heap[i], heap[top]] = [heap[top] as number, heap[i] as number];
      i = top;
    }
  };
  for (let item = 0; item < count; item++) {
    if (heap.length < size) {
      heap.push(item);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!worse(heap[i] as number, heap[parent] as number)) break;
        [heap[i], heap[parent]] = [heap[parent] as number, heap[i] as number];
        i = parent;
      }
    } else if (before(item, heap[0] as number)) {
      heap[0] = item;
      siftDown(0);
    }
  }
  return heap.sort((i, j) => (before(i, j) ? -1 : before(j, i) ? 1 : 0));
}
