/**
 * How history work (a figures rebuild, a portfolio recompute, the estimated equity history, an
 * import) shares the event loop: slices of at most SLICE_MS, and one slice a turn of the loop.
 *
 * The gateway promises no stall over 50 ms while such work runs (issue 31). A turn of the event
 * loop can hold a REST answer stored (a backfill window: ~10 ms for 400 fills), a slice of history
 * work and a young-generation collection on top (up to ~30 ms measured during a backfill into a
 * million fills, bench:store). At 20-25 ms a slice those added up to 45-70 ms.
 *
 * A slice used to yield with setImmediate alone; but the callbacks queued before the loop's check
 * phase all run in it, back to back: a rebuild's slice and an import's (or the portfolio's) made
 * 20 ms with no timer, socket or REST answer served between them (bench:store's backfill phase,
 * traced with a 1 ms timer). `nextTurn` lets one waiting slice go per turn, oldest first.
 */
export const SLICE_MS = 10;

/** Slices waiting for their turn, oldest first. */
const waiting: (() => void)[] = [];
let scheduled = false;

/**
 * Resolves in a later turn of the event loop than this one, and never in the same turn as another
 * history slice: the timers, sockets and REST answers that came meanwhile go first.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!scheduled) {
      scheduled = true;
      setImmediate(letOneGo);
    }
  });
}

function letOneGo(): void {
  const next = waiting.shift();
  // Queued from inside the check phase: runs in the next turn, not in this one.
  if (waiting.length > 0) setImmediate(letOneGo);
  else scheduled = false;
  next?.();
}

/** Items handled between two looks at the clock by default (a look per item would cost more than the item). */
const ITEMS_PER_CLOCK_CHECK = 64;

/**
 * The one way history work shares the event loop: `up()` after each item (a fill, an event, a
 * trip, a day) says whether the slice has run its time, and `pause()` then waits for the work's
 * turn (nextTurn). The clock is looked at every `checkEvery` items' worth (`weight`: the items
 * just done); no promise is made per item (an await per fill cost more than the fill).
 */
export class Slicer {
  /** Slices run so far (each at most about `sliceMs`). */
  slices = 1;
  private items = 0;
  private start = performance.now();

  constructor(
    private readonly sliceMs = SLICE_MS,
    private readonly checkEvery = ITEMS_PER_CLOCK_CHECK,
  ) {}

  /** Whether the slice is up, after `weight` more items. */
  up(weight = 1): boolean {
    this.items += weight;
    if (this.items < this.checkEvery) return false;
    this.items = 0;
    return this.overdue();
  }

  /**
   * Whether the slice is up now, whatever the items (after a piece of work that is not counted in
   * them); or `share` of it, before a large piece that had better begin a slice of its own.
   */
  overdue(share = 1): boolean {
    return performance.now() - this.start >= this.sliceMs * share;
  }

  /** Waits for the next turn of the work (nextTurn); the next slice starts then. */
  async pause(): Promise<void> {
    await nextTurn();
    this.start = performance.now();
    this.slices++;
  }
}

/**
 * Calls `each` on every item, giving the event loop a turn (nextTurn) whenever a slice of SLICE_MS
 * is up: a read that walks half a million trips does not hold the collector for its whole walk.
 */
export async function forEachInSlices<T>(items: Iterable<T>, each: (item: T) => void): Promise<void> {
  const slicer = new Slicer(SLICE_MS, 256);
  for (const item of items) {
    each(item);
    if (slicer.up()) await slicer.pause();
  }
}
