/**
 * Records every funded account's past for `historyDays` (simulator.ts): the prices of the recent
 * past (market/pastPrices.ts), each account's plan (market/pastTrading.ts), and the engine writing
 * them all in one go (engine/pastHistory.ts), so past ids run in time order across the accounts.
 */
import type { SimClock } from "./clock.js";
import type { EngineExchange } from "./engine/exchange.js";
import { createPastPrices, pastRanges } from "./market/pastPrices.js";
import { planPastTrading } from "./market/pastTrading.js";
import type { Random } from "./random.js";
import type { Market, SymbolConfig } from "./types.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/** An account whose past is recorded; `random` plans it (default: the shared history stream). */
export interface FundedAccount {
  readonly account: string;
  readonly balances: Readonly<Record<string, string>>;
  readonly random?: Random;
}

/** Plans and records every funded account's past (market/pastTrading.ts, engine/pastHistory.ts). */
export function recordPast(
  deps: {
    exchange: EngineExchange;
    market: Market;
    symbols: readonly SymbolConfig[];
    clock: SimClock;
    random: Random;
    days: number;
  },
  funded: readonly FundedAccount[],
): void {
  const { exchange, market, symbols, random, days } = deps;
  const now = deps.clock.now();
  const priceAt = createPastPrices({ random, path: market.past });
  const rangeAt = pastRanges(market.past);
  const plans = funded.map((entry) =>
    planPastTrading({
      account: entry.account,
      balances: entry.balances,
      symbols,
      days,
      now,
      random: entry.random ?? random,
      priceAt,
      rangeAt,
    }),
  );
  exchange.recordPast(plans, random);
}
