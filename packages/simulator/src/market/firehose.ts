/**
 * Firehose: a load mode that prints public trades at a set rate in real time, on top of the
 * simulated market, for benchmarks that need more upstream events than the matching market
 * makes (issue 3: the simulator must never be the bottleneck of the gateway's benchmarks).
 *
 * Each print is `exchange.printTrade`: a small trade at the touch against hidden liquidity. It
 * reaches recent trades, klines, tickers and the deals streams like any trade, but costs no
 * matching, moves no account and leaves the visible book alone. Symbols take turns; sides and
 * sizes (1-10 minimum lots) are drawn from the seeded PRNG. Pacing follows the wall clock, not
 * the heartbeat, so a firehose run is not reproducible trade by trade even with --seed.
 */
import type { Random } from "../random.js";
import type { Exchange, SymbolConfig } from "../types.js";
import { minLots, quantityOf, ticksOf } from "./orderSizing.js";

/** Real ms between two rounds of prints. */
const TICK_MS = 2;
/** A stalled process catches up at most this much real time; older backlog is dropped, not burst. */
const MAX_CATCH_UP_MS = 100;
/**
 * Real ms one round may print for. A rate above what the machine can print would otherwise fill
 * every round and starve the simulator's REST, WebSocket and market timers; what does not fit is
 * dropped (and counted).
 */
const ROUND_BUDGET_MS = 5;
/** Prints between two looks at the round's budget. */
const BUDGET_CHECK_EVERY = 32;
/** Print sizes: 1 .. SIZE_CHOICES minimum lots. */
const SIZE_CHOICES = 10;

export interface Firehose {
  /** Trades printed so far, and the trades the rate asked for that did not fit (a stall, a rate beyond the machine). */
  stats(): { printed: number; dropped: number };
  stop(): void;
}

export function startFirehose(deps: {
  readonly exchange: Exchange;
  readonly random: Random;
  /** Public trades per real second, over all symbols together. */
  readonly tradesPerSecond: number;
  readonly now?: () => number;
}): Firehose {
  const { exchange, random, tradesPerSecond } = deps;
  if (!(tradesPerSecond > 0) || !Number.isFinite(tradesPerSecond)) {
    throw new Error(`firehose tradesPerSecond must be a positive number, got ${tradesPerSecond}`);
  }
  const now = deps.now ?? (() => performance.now());
  const symbols = [...exchange.symbols.values()].map((config) => ({ symbol: config.symbol, sizes: sizesOf(config) }));
  let next = 0;
  let printed = 0;
  let dropped = 0;
  let owed = 0;
  let last = now();

  const tick = () => {
    const at = now();
    const elapsed = Math.min(at - last, MAX_CATCH_UP_MS);
    dropped += Math.floor(((at - last - elapsed) * tradesPerSecond) / 1000);
    last = at;
    owed += (elapsed * tradesPerSecond) / 1000;
    const budgetEnd = performance.now() + ROUND_BUDGET_MS;
    for (let round = 1; owed >= 1; owed -= 1, round += 1) {
      if (round % BUDGET_CHECK_EVERY === 0 && performance.now() > budgetEnd) {
        dropped += Math.floor(owed);
        owed -= Math.floor(owed);
        break;
      }
      const { symbol, sizes } = symbols[next]!;
      next = (next + 1) % symbols.length;
      exchange.printTrade(symbol, random.chance(0.5) ? "BUY" : "SELL", random.pick(sizes));
      printed += 1;
    }
  };
  const timer = setInterval(tick, TICK_MS);
  timer.unref();

  return {
    stats: () => ({ printed, dropped }),
    stop: () => clearInterval(timer),
  };
}

/** Quantities of 1 .. SIZE_CHOICES minimum lots at the symbol's listing price. */
function sizesOf(config: SymbolConfig): string[] {
  const lots = minLots(config, ticksOf(config, config.initialPrice));
  return Array.from({ length: SIZE_CHOICES }, (_, index) => quantityOf(config, lots * (index + 1)));
}
