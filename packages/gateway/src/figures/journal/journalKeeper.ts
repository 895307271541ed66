/**
 * Keeps the journal's read model (figures/journal/roundTrips.ts) of one account per cost method:
 * built at the first read from the store's fills, in slices of the event loop (SLICE_MS: a
 * million fills take seconds, and the collector goes on meanwhile), then fed only the fills
 * stored since (a few rows a read), built again when an older fill arrived (the backfill, an
 * import) or the positions held before the history changed. Reads during a build wait for it. The opening positions are the figures' own (Figures
 * openingsKey), so the trips start from what GET /api/pnl starts from.
 */
import { dec, fixedOf } from "@mexc-live/protocol";
import type { GatewayStore } from "../../store/index.js";
import type { CostMethod, Figures, PriceBook } from "../index.js";
import { nextTurn, SLICE_MS } from "../sliceBudget.js";
import { type JournalOpening, RoundTrips, type Trip } from "./roundTrips.js";

/**
 * At most this many fills stored since the last read are applied to the kept trips (read in one
 * statement); more, and the trips are built again from the start (a backfill's or an import's size).
 */
export const MAX_JOURNAL_INCREMENT = 10_000;

/** Fills applied between two looks at the clock while building (a look per fill would cost more than the fill). */
const FILLS_PER_CLOCK_CHECK = 256;

interface Kept {
  readonly model: RoundTrips;
  readonly openingsKey: string;
  mark: number;
  last: { time: number; tradeId: string } | undefined;
  sorted: readonly Trip[] | undefined;
}

export class JournalKeeper {
  private readonly kept = new Map<CostMethod, Kept>();

  constructor(
    private readonly store: GatewayStore,
    private readonly figures: Figures,
    private readonly book: PriceBook,
  ) {}

  private readonly building = new Map<CostMethod, Promise<Kept>>();

  /** Every round trip of the account by `method`, in the order they closed. */
  async trips(method: CostMethod = this.figures.method): Promise<readonly Trip[]> {
    const mark = this.store.fillsMark();
    const openingsKey = this.figures.openingsKey();
    let kept = this.kept.get(method);
    if (kept !== undefined && kept.openingsKey === openingsKey && mark !== kept.mark) {
      if (!this.catchUp(kept, mark)) kept = undefined;
    }
    if (kept === undefined || kept.openingsKey !== openingsKey) {
      let pending = this.building.get(method);
      if (pending === undefined) {
        pending = this.build(method, mark, openingsKey).finally(() => this.building.delete(method));
        this.building.set(method, pending);
      }
      kept = await pending;
      this.kept.set(method, kept);
      // Fills stored while it was built: taken in now when they follow it (else the next read builds again).
      const now = this.store.fillsMark();
      if (now !== kept.mark) this.catchUp(kept, now);
    }
    kept.sorted ??= [...kept.model.trips()].sort((a, b) => a.closeTime - b.closeTime);
    return kept.sorted;
  }

  /** Applies the fills stored since; false when they are too many or one is older than the last applied. */
  private catchUp(kept: Kept, mark: number): boolean {
    const fills = this.store.journalFillsSince(kept.mark, mark, MAX_JOURNAL_INCREMENT);
    const first = fills?.[0];
    if (fills === undefined) return false;
    if (first !== undefined && kept.last !== undefined && !isAfter(first, kept.last)) return false;
    for (const fill of fills) kept.model.apply(fill);
    const last = fills[fills.length - 1];
    if (last !== undefined) kept.last = { time: last.time, tradeId: last.tradeId };
    kept.mark = mark;
    kept.sorted = undefined;
    return true;
  }

  private async build(method: CostMethod, mark: number, openingsKey: string): Promise<Kept> {
    const model = new RoundTrips(this.book, method, openingsOf(openingsKey));
    let last: Kept["last"];
    let applied = 0;
    let sliceStart = performance.now();
    for (const fill of this.store.journalFills(mark)) {
      model.apply(fill);
      last = fill;
      if (++applied % FILLS_PER_CLOCK_CHECK === 0 && performance.now() - sliceStart >= SLICE_MS) {
        await nextTurn();
        sliceStart = performance.now();
      }
    }
    return {
      model,
      openingsKey,
      mark,
      last: last === undefined ? undefined : { time: last.time, tradeId: last.tradeId },
      sorted: undefined,
    };
  }
}

function isAfter(a: { time: number; tradeId: string }, b: { time: number; tradeId: string }): boolean {
  return a.time > b.time || (a.time === b.time && a.tradeId > b.tradeId);
}

/** The figures' openings (openingsKey: [symbol, {quantity, costPrice}] pairs) opened as Figures.reset opens them. */
function openingsOf(openingsKey: string): JournalOpening[] {
  const entries = JSON.parse(openingsKey) as [string, { quantity: string; costPrice: string }][];
  return entries.map(([symbol, opening]) => {
    const quantity = dec(opening.quantity, "quantity");
    return {
      symbol,
      quantity: fixedOf(quantity),
      cost: fixedOf(quantity.times(dec(opening.costPrice, "costPrice"))),
    };
  });
}
