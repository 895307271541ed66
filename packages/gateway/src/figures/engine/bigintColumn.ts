/**
 * A growable column of Fixed numbers (bigints) kept in typed-array memory, three 64-bit words
 * each, rather than one bigint object each on the JS heap.
 *
 * Why: at a million fills the figures held about 540k volume buckets and a year of day marks of
 * FIFO lots, each number a bigint object: ~200 MB of small objects the collector traced in every
 * full collection (bench:store, issue 31: a full collection of that heap held the event loop
 * 190 ms at a start, and one during a rebuild would have done the same). A typed array's memory
 * is one object to the collector, whatever it holds.
 *
 * A number is stored zigzagged (n >= 0 as 2n, n < 0 as -2n - 1), so a short position's lots (negative
 * quantities and costs) stay in the words too. Three words then hold -2^191 <= n < 2^191: 3.1e39
 * whole units at the figures' 18 places (protocol's fixed.ts). A number outside is kept as it is in
 * a side map: nothing is ever cut.
 */
import type { Fixed } from "@mexc-live/protocol";

const WORDS = 3;
/** The first zigzagged number three words cannot hold. */
const LIMIT = 1n << 192n;

export class BigintColumn {
  private words: BigUint64Array;
  /** Numbers outside [0, LIMIT), by index (rare: none in any history we have seen). */
  private outside: Map<number, Fixed> | undefined;

  constructor(capacity: number) {
    this.words = new BigUint64Array(capacity * WORDS);
  }

  get capacity(): number {
    return this.words.length / WORDS;
  }

  get(index: number): Fixed {
    const outside = this.outside?.get(index);
    if (outside !== undefined) return outside;
    const at = index * WORDS;
    const words = this.words;
    const zigzag = (words[at] as bigint) | ((words[at + 1] as bigint) << 64n) | ((words[at + 2] as bigint) << 128n);
    return (zigzag & 1n) === 0n ? zigzag >> 1n : -(zigzag >> 1n) - 1n;
  }

  set(index: number, value: Fixed): void {
    const at = index * WORDS;
    const words = this.words;
    const zigzag = value >= 0n ? value << 1n : (-value << 1n) - 1n;
    if (zigzag < LIMIT) {
      // A typed array keeps a bigint's low 64 bits.
      words[at] = zigzag;
      words[at + 1] = zigzag >> 64n;
      words[at + 2] = zigzag >> 128n;
      this.outside?.delete(index);
      return;
    }
    words[at] = 0n;
    words[at + 1] = 0n;
    words[at + 2] = 0n;
    this.outside ??= new Map();
    this.outside.set(index, value);
  }

  /** Room for `capacity` numbers, the ones held kept. */
  grow(capacity: number): void {
    if (capacity <= this.capacity) return;
    const words = new BigUint64Array(capacity * WORDS);
    words.set(this.words);
    this.words = words;
  }

  /** A copy of the numbers [from, to), at 0 on; room for `capacity` (at least to - from). */
  slice(from: number, to: number, capacity = to - from): BigintColumn {
    const copy = new BigintColumn(Math.max(capacity, to - from));
    copy.words.set(this.words.subarray(from * WORDS, to * WORDS));
    if (this.outside !== undefined)
      for (const [index, value] of this.outside) if (index >= from && index < to) copy.set(index - from, value);
    return copy;
  }
}
