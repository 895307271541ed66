/**
 * Records every funded account's past for `historyDays` (simulator.ts): the prices of the recent
 * past (market/pastPrices.ts), each account's plan (market/pastTrading.ts), and the engine writing
 * them all in one go (engine/pastHistory.ts), so past ids run in time order across the accounts.
 */
import type { SimClock } from "./clock.js";
import type { EngineExchange } from "./engine/exchange.js";
import { createPastPrices } from "./market/pastPrices.js";
import { planPastTrading } from "./market/pastTrading.js";
import type { Random } from "./random.js";
import type { Market, SymbolConfig } from "./types.js";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Min1 bars asked of the market for the prices of the recent past (more than its default day). */
const RECENT_BARS_LIMIT = 10_000;

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
    dailyVolatility: number;
  },
  funded: readonly FundedAccount[],
): void {
  const { exchange, market, symbols, random, days } = deps;
  const now = deps.clock.now();
  const from = now - days * DAY_MS;
  const priceAt = createPastPrices({
    random,
    dailyVolatility: deps.dailyVolatility,
    from,
    now,
    bars: (symbol) => market.klines(symbol, "Min1", { startTime: from, endTime: now, limit: RECENT_BARS_LIMIT }),
  });
  const plans = funded.map((entry) =>
    planPastTrading({
      account: entry.account,
      balances: entry.balances,
      symbols,
      days,
      now,
      random: entry.random ?? random,
      priceAt,
    }),
  );
  exchange.recordPast(plans, random);
}
