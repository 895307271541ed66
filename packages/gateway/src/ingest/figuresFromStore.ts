/**
 * The derived figures and opening positions as the store's whole history gives them. At start
 * they come from the checkpoint and the fills stored after it (no replay of every fill); they are
 * rebuilt from every fill when there is no good checkpoint, after the backfill or an import stored
 * older fills, and when the opening positions change (a cost the user gives, a deposit that
 * explains a balance). A checkpoint is written after each rebuild, every few minutes and at
 * shutdown.
 */
import type { OpeningPosition } from "@mexc-live/contract";
import { type Decimal, dec } from "@mexc-live/protocol";
import { equityHistory } from "../derive/equityHistory.js";
import { type Figures, type FiguresState, openingPositions, type PriceBook } from "../derive/index.js";
import type { GatewayStore } from "../store/index.js";

export function currentOpenings(store: GatewayStore, book: PriceBook): OpeningPosition[] {
  return openingPositions({
    balances: store.balances(),
    fills: store.fillHistory(),
    transfers: store.allTransfers(),
    historyFrom: store.backfill().plan?.historyFrom,
    costs: new Map(store.openingCosts().map((cost) => [cost.asset, cost.costPrice])),
    book,
  });
}

export function rebuildFigures(figures: Figures, store: GatewayStore, book: PriceBook): void {
  figures.rebuild(store.fillHistory(), currentOpenings(store, book));
  saveFigures(figures, store);
}

/** How the figures were loaded at start. */
export type FiguresLoad = "checkpoint" | "rebuilt";

/** Loads the figures from the checkpoint and the fills after it, or rebuilds them from every fill. */
export function loadFigures(figures: Figures, store: GatewayStore, book: PriceBook): FiguresLoad {
  const checkpoint = store.figuresCheckpoint();
  if (checkpoint !== undefined) {
    let state: unknown;
    try {
      state = JSON.parse(checkpoint.state);
    } catch {
      state = undefined;
    }
    if (state !== undefined && figures.restore(state as FiguresState)) {
      figures.replay(store.fillHistoryAfter(checkpoint.last));
      return "checkpoint";
    }
  }
  rebuildFigures(figures, store, book);
  return "rebuilt";
}

/** Rebuilds the figures if the opening positions are no longer those they were built on; says whether it did. */
export function refreshOpenings(figures: Figures, store: GatewayStore, book: PriceBook): boolean {
  const openings = currentOpenings(store, book);
  if (figures.openingsKeyOf(openings) === figures.openingsKey()) return false;
  figures.rebuild(store.fillHistory(), openings);
  saveFigures(figures, store);
  return true;
}

export function saveFigures(figures: Figures, store: GatewayStore): void {
  store.saveFiguresCheckpoint({
    fills: figures.fills,
    last: figures.last,
    openings: figures.openingsKey(),
    state: JSON.stringify(figures.save()),
  });
}

/** One unit of `asset` in the gateway's quote near `time`: the price the account traded it at, else today's. */
export function priceAtFrom(
  store: GatewayStore,
  book: PriceBook,
): (asset: string, time: number) => Decimal | undefined {
  return (asset, time) => {
    if (asset === book.quote) return dec("1");
    const symbol = book.symbolFor(asset, book.quote);
    const traded = symbol === undefined ? undefined : store.fillPriceNear(symbol, time);
    if (traded !== undefined) return dec(traded);
    return book.priceOf(asset, book.quote) ?? undefined;
  };
}

/**
 * Equity for the days of the known history before the gateway measured any (after the backfill
 * or an import): estimated points, replacing earlier estimates.
 */
export function rebuildEquityHistory(store: GatewayStore, book: PriceBook, now = Date.now()): number {
  const from = store.backfill().plan?.historyFrom;
  if (from === undefined) return 0;
  const points = equityHistory({
    balances: store.balances(),
    fillsNewestFirst: store.fillsNewestFirst(),
    transfers: store.allTransfers(),
    markets: book,
    from,
    until: store.firstMeasuredEquityTime() ?? now,
    priceAt: priceAtFrom(store, book),
  });
  store.replaceEstimatedEquity(points);
  return points.length;
}
