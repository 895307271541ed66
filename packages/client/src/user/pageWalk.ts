/**
 * Walking a time-windowed REST endpoint that answers at most `limit` items per call (myTrades
 * 100, allOrders 1000), whichever end of a full window the server keeps (MEXC does not say).
 */
import { RECONCILE_MAX_PAGES } from "../constants.js";

export interface PageWalk<T> {
  /** Every item found, oldest first, each once (by id). */
  readonly items: T[];
  /** Time of the newest item, if any; undefined when the page cap stopped the walk. */
  readonly newest: number | undefined;
  /** Set when the page cap stopped the walk: the earliest time not yet covered. */
  readonly unexploredFrom: number | undefined;
  /**
   * Instants (REST times) with at least `limit` items: a time window cannot split them, so items
   * of these instants may be missing. MEXC's REST times are whole seconds (docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.3), so this is
   * more than 100 fills in one second; the caller pages them another way (by orderId).
   */
  readonly saturated: readonly number[];
}

/**
 * All items in [from, to]: a full page splits the window at the page's oldest and newest times
 * and both remainders are asked again (ids dedup the boundaries); a full page whose items all
 * share one instant cannot be split, so that instant is reported as saturated and the walk goes
 * on either side of it. Bounded by `maxPages` (default RECONCILE_MAX_PAGES).
 */
export async function walkPages<T>(input: {
  fetch: (startTime: number, endTime: number) => Promise<T[]>;
  limit: number;
  timeOf: (item: T) => number;
  idOf: (item: T) => string;
  from: number;
  to: number;
  maxPages?: number;
}): Promise<PageWalk<T>> {
  const found = new Map<string, T>();
  const saturated = new Set<number>();
  const pending: [number, number][] = [[input.from, input.to]];
  const maxPages = input.maxPages ?? RECONCILE_MAX_PAGES;
  let pages = 0;
  while (pending.length > 0) {
    if (pages >= maxPages) {
      return {
        items: sorted(found, input.timeOf),
        newest: undefined,
        unexploredFrom: Math.min(...pending.map(([s]) => s)),
        saturated: [...saturated].sort((a, b) => a - b),
      };
    }
    const [start, end] = pending.pop()!;
    pages++;
    const page = await input.fetch(start, end);
    for (const item of page) found.set(input.idOf(item), item);
    if (page.length < input.limit) continue;
    const times = page.map(input.timeOf);
    const oldest = Math.min(...times);
    const newest = Math.max(...times);
    if (oldest === newest) {
      // One instant fills the page: asking about it again gives the same page.
      saturated.add(oldest);
      if (oldest - 1 >= start) pending.push([start, oldest - 1]);
      if (oldest + 1 <= end) pending.push([oldest + 1, end]);
      continue;
    }
    // Each remainder is strictly smaller than [start, end], so the walk ends.
    if (oldest >= start) pending.push([start, oldest]);
    if (newest <= end) pending.push([newest, end]);
  }
  const items = sorted(found, input.timeOf);
  const last = items[items.length - 1];
  return {
    items,
    newest: last === undefined ? undefined : input.timeOf(last),
    unexploredFrom: undefined,
    saturated: [...saturated].sort((a, b) => a - b),
  };
}

function sorted<T>(found: Map<string, T>, timeOf: (item: T) => number): T[] {
  return [...found.values()].sort((a, b) => timeOf(a) - timeOf(b));
}
