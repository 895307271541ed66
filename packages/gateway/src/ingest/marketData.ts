/**
 * What every account of a gateway shares of the market's past: one candle store (store/candles.ts)
 * and one fetcher (candleFetcher.ts) asking MEXC's public klines through the shared REST budget,
 * and every account's figures, told when candles arrive. Its public client (no key) is also the
 * one the market's present goes through (sharedMarket.ts: exchangeInfo, prices, market topics). Demo mode's file is emptied at start, like
 * the demo accounts' (each demo run is a fresh simulated market).
 */
import { rmSync } from "node:fs";
import {
  createMexcClient,
  type MexcClient,
  type MexcClientOptions,
  type ServerClock,
  type WeightBudget,
} from "@mexc-live/client";
import type { Logger } from "../logging.js";
import { CandleStore } from "../store/candles.js";
import type { DatabaseLock } from "../store/databaseLock.js";
import { SQLITE_SIDE_FILES } from "../store/privateFiles.js";
import { CandleFetcher } from "./candleFetcher.js";
import type { FiguresTold } from "./outlets.js";

export interface MarketDataOptions {
  readonly path: string;
  /**
   * Demo mode: empty the file first, under this lock (the demo's, demo.db's: it holds the whole
   * demo set). Only a held lock lets a start remove files: one refused touches nothing of the
   * gateway that holds them (issue 54 item 4).
   */
  readonly wipeUnder?: DatabaseLock;
  readonly restUrl: string;
  readonly wsUrl: string;
  /** The market streams' timers (demo mode scales them to the simulator's clock). */
  readonly connection?: MexcClientOptions["connection"];
  readonly budget: WeightBudget;
  readonly logger: Logger;
  /**
   * An account's key, for the public reads MEXC answers signed requests only (its Assessment Zone
   * pairs, docs/mexc/undocumented.md#fills-and-keys item 11.29): their exchangeInfo entries, prices and candles.
   */
  readonly key?: { readonly apiKey: string; readonly apiSecret: string };
  /** MEXC's clock against this machine's, shared with the accounts' clients (one measurement per MEXC). */
  readonly serverClock?: ServerClock;
  /** Whether a pair's candles need a signed read (the book's `signedOnly`). */
  readonly signedOnly?: (symbol: string) => boolean;
}

export interface MarketData {
  /** The gateway's one public client: klines, exchangeInfo, the market streams. */
  readonly client: MexcClient;
  readonly shared: {
    readonly candles: CandleStore;
    readonly fetcher: CandleFetcher;
    readonly figuresOfAccounts: Set<Pick<FiguresTold, "pricesArrived">>;
  };
  close(): Promise<void>;
}

export function openMarketData(options: MarketDataOptions): MarketData {
  if (options.wipeUnder !== undefined)
    for (const suffix of SQLITE_SIDE_FILES) rmSync(`${options.path}${suffix}`, { force: true });
  const candles = new CandleStore(options.path, options.logger);
  // Public klines need no key (but those of signed-only pairs): a client of its own, paced by the
  // budget every account shares.
  const client = createMexcClient({
    restUrl: options.restUrl,
    wsUrl: options.wsUrl,
    budget: options.budget,
    logger: options.logger,
    ...(options.connection === undefined ? {} : { connection: options.connection }),
    ...(options.key === undefined ? {} : options.key),
    ...(options.serverClock === undefined ? {} : { serverClock: options.serverClock }),
  });
  const signedOnly = options.signedOnly ?? (() => false);
  const figuresOfAccounts = new Set<Pick<FiguresTold, "pricesArrived">>();
  let arrivedTimer: NodeJS.Timeout | undefined;
  const fetcher = new CandleFetcher({
    klines: (symbol, interval, range) => client.klines(symbol, interval, range, { signed: signedOnly(symbol) }),
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
    client,
    shared: { candles, fetcher, figuresOfAccounts },
    async close() {
      clearTimeout(arrivedTimer);
      await fetcher.close();
      await client.close();
      candles.close();
    },
  };
}
