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
import { type Figures, type FiguresState, openingPositions, type PriceBook } from "../derive/index.js";
import type { GatewayStore } from "../store/index.js";

/** The market price of one unit of an asset at a moment (pastPrices.ts); null when unknown. */
export type PriceAt = (asset: string, time: number) => Decimal | null;

export function currentOpenings(store: GatewayStore, book: PriceBook, priceAt?: PriceAt): OpeningPosition[] {
  return openingPositions({
    balances: store.balances(),
    fills: store.fillHistory(),
    transfers: store.allTransfers(),
    historyFrom: store.backfill().plan?.historyFrom,
    costs: new Map(store.openingCosts().map((cost) => [cost.asset, cost.costPrice])),
    book,
    ...(priceAt === undefined ? {} : { priceAt }),
  });
}

export function rebuildFigures(figures: Figures, store: GatewayStore, book: PriceBook, priceAt?: PriceAt): void {
  figures.rebuild(store.fillHistory(), currentOpenings(store, book, priceAt));
  saveFigures(figures, store);
}

/** How the figures were loaded at start. */
export type FiguresLoad = "checkpoint" | "rebuilt";

/** Loads the figures from the checkpoint and the fills after it, or rebuilds them from every fill. */
export function loadFigures(figures: Figures, store: GatewayStore, book: PriceBook, priceAt?: PriceAt): FiguresLoad {
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
  rebuildFigures(figures, store, book, priceAt);
  return "rebuilt";
}

/** Rebuilds the figures if the opening positions are no longer those they were built on; says whether it did. */
export function refreshOpenings(figures: Figures, store: GatewayStore, book: PriceBook, priceAt?: PriceAt): boolean {
  const openings = currentOpenings(store, book, priceAt);
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
