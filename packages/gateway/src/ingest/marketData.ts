/**
 * What every account of a gateway shares of the market's past: one candle store (store/candles.ts)
 * and one fetcher (candleFetcher.ts) asking MEXC's public klines through the shared REST budget,
 * and every account's figures, told when candles arrive. Demo mode's file is emptied at start, like
 * the demo accounts' (each demo run is a fresh simulated market).
 */
import { rmSync } from "node:fs";
import { createMexcClient, type WeightBudget } from "@mexc-live/client";
import type { Logger } from "../logging.js";
import { CandleStore } from "../store/candles.js";
import { SQLITE_SIDE_FILES } from "../store/privateFiles.js";
import type { AccountFigures } from "./accountFigures.js";
import { CandleFetcher } from "./candleFetcher.js";

export interface MarketDataOptions {
  readonly path: string;
  /** Empty the file first (demo mode). */
  readonly fresh: boolean;
  readonly restUrl: string;
  readonly budget: WeightBudget;
  readonly logger: Logger;
}

export interface MarketData {
  readonly shared: {
    readonly candles: CandleStore;
    readonly fetcher: CandleFetcher;
    readonly figuresOfAccounts: Set<AccountFigures>;
  };
  close(): Promise<void>;
}

export function openMarketData(options: MarketDataOptions): MarketData {
  if (options.fresh) for (const suffix of SQLITE_SIDE_FILES) rmSync(`${options.path}${suffix}`, { force: true });
  const candles = new CandleStore(options.path);
  // Public klines need no key: a client of its own, paced by the budget every account shares.
  const client = createMexcClient({ restUrl: options.restUrl, budget: options.budget, logger: options.logger });
  const figuresOfAccounts = new Set<AccountFigures>();
  let arrivedTimer: NodeJS.Timeout | undefined;
  const fetcher = new CandleFetcher({
    klines: (symbol, interval, range) => client.klines(symbol, interval, range),
    store: candles,
    logger: options.logger,
    onStored: () => {
      // A burst of pages is taken in once.
      if (arrivedTimer !== undefined) return;
      arrivedTimer = setTimeout(() => {
        arrivedTimer = undefined;
        for (const figures of figuresOfAccounts) figures.pricesArrived();
      }, 200);
      arrivedTimer.unref();
    },
  });
  return {
    shared: { candles, fetcher, figuresOfAccounts },
    async close() {
      clearTimeout(arrivedTimer);
      await fetcher.close();
      await client.close();
      candles.close();
    },
  };
}
