/** Test helpers: an exchange on the default symbols with a settable clock and a recorded event log. */
import type { Behaviours } from "../src/behaviours.js";
import type { SimClock } from "../src/clock.js";
import { createClock } from "../src/clock.js";
import { createExchange, type EngineExchange } from "../src/engine/exchange.js";
import { createRandom } from "../src/random.js";
import { DEFAULT_SYMBOLS } from "../src/symbols.js";
import type { ExchangeEvent, SymbolConfig } from "../src/types.js";

export interface TestExchange {
  readonly exchange: EngineExchange;
  /** Every event since the last `take()`. */
  readonly events: ExchangeEvent[];
  take(): ExchangeEvent[];
  clock: SimClock & { set(ms: number): void };
}

export const START_TIME = 1_750_000_000_000;

/**
 * Fills as MEXC's docs describe them (a buyer's fee in base, the deal pushed before its order, a
 * MARKET order at price 0 walking the whole book), for
 * the tests written about matching, locks and event order before round 4: they keep proving that,
 * while fees.test.ts and events.test.ts prove the behaviours (docs/mexc/undocumented.md#fills-and-keys).
 */
export const DOCUMENTED_FILLS = { buyFeeInQuote: false, ordersBeforeDeals: false, marketProtection: false } as const;

export function testExchange(
  options: {
    symbols?: SymbolConfig[];
    seed?: number;
    /** The clock's first reading (default START_TIME): a restart is a later one. */
    startTime?: number;
    behaviours?: Partial<
      Pick<Behaviours, "buyFeeInQuote" | "ordersBeforeDeals" | "marketProtection" | "selfTradePrevention">
    >;
  } = {},
): TestExchange {
  let now = options.startTime ?? START_TIME;
  const clock = {
    ...createClock(1),
    now: () => now,
    set: (ms: number) => {
      now = ms;
    },
  };
  const exchange = createExchange({
    symbols: options.symbols ?? [...DEFAULT_SYMBOLS],
    clock,
    random: createRandom(options.seed ?? 7),
    ...(options.behaviours ? { behaviours: options.behaviours } : {}),
  });
  const events: ExchangeEvent[] = [];
  exchange.onEvent((event) => events.push(event));
  return {
    exchange,
    events,
    take: () => events.splice(0, events.length),
    clock,
  };
}

/** A compact line per event, for asserting sequences. */
export function describeEvent(event: ExchangeEvent): string {
  switch (event.kind) {
    case "order":
      return `order ${event.account} ${event.order.status}${event.lastDealQuantity ? ` last=${event.lastDealQuantity}` : ""}`;
    case "balance":
      return `balance ${event.account} ${event.asset} ${event.changeType} free${signed(event.freeChange)} locked${signed(event.lockedChange)}`;
    case "fill":
      return `fill ${event.account} ${event.side} ${event.trade.qty}@${event.trade.price} fee=${event.trade.commission} ${event.trade.commissionAsset}`;
    case "publicTrade":
      return `publicTrade ${event.takerSide} ${event.quantity}@${event.price}`;
    case "depth":
      return `depth ${event.side} ${event.price}=${event.quantity}`;
  }
}

const signed = (value: string) => (value.startsWith("-") ? value : `+${value}`);
