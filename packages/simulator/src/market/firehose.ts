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
/** Print sizes: 1 .. SIZE_CHOICES minimum lots. */
const SIZE_CHOICES = 10;

export interface Firehose {
  /** Trades printed so far, and the trades the rate asked for that a stall made it drop. */
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
    for (; owed >= 1; owed -= 1) {
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
