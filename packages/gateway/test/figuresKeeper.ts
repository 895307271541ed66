/**
 * An account's figures keeper (src/figures/keeper.ts) for a test: on `store` and `book`, with the
 * candles given (default: MEXC has none), and no fetch of candles unless a fetcher is given.
 */

import type { PriceBook } from "../src/figures/index.js";
import { FiguresKeeper, type FiguresKeeperDeps } from "../src/figures/keeper.js";
import type { CandleSource } from "../src/figures/pastPrices.js";
import type { CandleFetcher } from "../src/ingest/candleFetcher.js";
import { createLogger } from "../src/logging.js";
import type { GatewayStore } from "../src/store/index.js";

/** MEXC has no candle for anything. */
const NO_CANDLES: CandleSource = { at: () => ({ kind: "none" }) };

/** Asks for nothing: every candle wanted is dropped. */
const NO_FETCH = {
  want: () => {},
  wantNow: async () => {},
} as unknown as CandleFetcher;

export function testKeeper(
  store: GatewayStore,
  book: PriceBook,
  options: Partial<Omit<FiguresKeeperDeps, "store" | "book" | "now">> & { readonly now?: number | (() => number) } = {},
): FiguresKeeper {
  const { now, ...rest } = options;
  return new FiguresKeeper({
    candles: NO_CANDLES,
    fetcher: NO_FETCH,
    method: "avg",
    logger: createLogger({ level: "silent" }).logger,
    // A test's passes from scratch at once (the gap between them has a test of its own).
    scratchGapMs: 0,
    ...rest,
    ...(now === undefined ? {} : { now: typeof now === "number" ? () => now : now }),
    store,
    book,
  });
}
