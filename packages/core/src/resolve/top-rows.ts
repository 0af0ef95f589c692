/**
 * The `n` best rows by `better` (a strict order: negative when a comes first), without sorting
 * them all: a bounded max-heap of the best so far, O(rows × log n). Returns them best first.
 */
export function topRows(rows: Iterable<number>, n: number, better: (a: number, b: number) => number): number[] {
  if (n <= 0) return [];
  const heap: number[] = [];
  // The heap's root is the worst of the best so far.
  const worse = (a: number, b: number) => better(a, b) > 0;
  const up = (i: number) => {
    for (let parent = (i - 1) >> 1; i > 0 && worse(heap[i] as number, heap[parent] as number); i = parent, parent = (i - 1) >> 1) {
      [heap[i], heap[parent]] = [heap[parent] as number, heap[i] as number];
    }
  };
  const down = (i: number) => {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < heap.length && worse(heap[left] as number, heap[worst] as number)) worst = left;
      if (right < heap.length && worse(heap[right] as number, heap[worst] as number)) worst = right;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst] as number, heap[i] as number];
      i = worst;
    }
  };
  for (const row of rows) {
    if (heap.length < n) {
      heap.push(row);
      up(heap.length - 1);
    } else if (better(row, heap[0] as number) < 0) {
      heap[0] = row;
      down(0);
    }
  }
  return heap.sort(better);
}
