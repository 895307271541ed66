/**
 * The derived figures and opening positions as the store's whole history gives them: at start,
 * after the backfill stored older fills, after new deposits or withdrawals, and when the user
 * gives an opening cost.
 */
import type { OpeningPosition } from "@mexc-live/contract";
import { type Figures, openingPositions, type PriceBook } from "../derive/index.js";
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
}
