/**
 * What an account did before the simulator started (`historyDays`, simulator.ts), as a plan the
 * engine records (pastPlan.ts, engine/pastHistory.ts): over each past day 10-40 fills
 * (tradingPace.ts, the pace the live demo trader keeps too), so 30 days is a realistic month,
 * spread over the symbols whose two assets the account holds now (API trading enabled), and now
 * and then a deposit, a withdrawal or a transfer to or from the futures
 * wallet (walletPace.ts, the pace the live demo keeps too; at least one of each from 3 days on). Seeded: the same random gives the same plan.
 *
 * - Orders follow one another (each ends, by its last fill or its cancel, before the next action):
 *   MARKET orders filled at once in one or two fills a little through the price; LIMIT orders a
 *   little behind the price, filled as maker in one to three fills over up to 20 minutes, or
 *   canceled, or partly filled and then canceled.
 * - Prices come from pastPrices.ts (inside the kline history, within the minute's bar).
 * - Sizes are a small share of what the account holds of the pair (tradingPace.ts: sized in whole
 *   lots, at least the symbol's minimum), and the side leans against the position built so far, so the account
 *   ends near where it began; the engine works the balances out exactly.
 * - Wallet amounts are a few percent of what the account holds of the asset now; a withdrawal is
 *   several times its fee.
 */
import { Decimal as Big, DAY_MS, MINUTE_MS, ROUND_DOWN } from "@mexc-live/protocol";
import type { PastAction, PastFill, PastOrder, PastPlan } from "../pastPlan.js";
import type { Random } from "../random.js";
import { assetDecimals } from "../symbols.js";
import type { SymbolConfig } from "../types.js";
import { networkOf } from "../walletNetworks.js";
import { toSteps } from "./decimalSteps.js";
import { priceOf, quantityOf } from "./orderSizing.js";
import type { PastPriceOf, PastRangeOf } from "./pastPrices.js";
import { FILLS_PER_DAY, ORDER_SHARE, orderLots, type PairBudget, pairBudgets } from "./tradingPace.js";
import { MAIN_ASSET, MAIN_ASSET_CHANCE, MIN_WITHDRAWAL_FEES, WALLET_MOVES, type WalletKind } from "./walletPace.js";

/** The initial deposits come first: trading starts this long after the history's start. */
const FIRST_ACTION_AFTER_MS = 30 * MINUTE_MS;
/** The last minute before now is left to the live market. */
const LAST_ACTION_BEFORE_MS = MINUTE_MS;
const MARKET_CHANCE = 0.3;
/** A LIMIT order's end: filled, canceled unfilled, else partly filled and canceled. */
const FILLED_CHANCE = 0.6;
const CANCELED_CHANCE = 0.25;
const SECOND_MARKET_FILL_CHANCE = 0.3;
const MAX_LIMIT_FILLS = 3;
const MAX_PARTIAL_FILLS = 2;
/** Fills an order of each shape gets on average (the number is drawn evenly from 1 to the most). */
const EXPECTED_FILLS = {
  MARKET: 1 + SECOND_MARKET_FILL_CHANCE,
  filled: (1 + MAX_LIMIT_FILLS) / 2,
  partial: (1 + MAX_PARTIAL_FILLS) / 2,
  canceled: 0,
} as const;
/** An order lives at most this long, and at most this share of the time to the next action. */
const ORDER_LIFETIME_MS = 20 * MINUTE_MS;
const LIFETIME_SHARE_OF_GAP = 0.8;
/** Price steps ("gaps") are this share of the price; a LIMIT rests up to LIMIT_REACH_GAPS behind. */
const GAP = 0.0005;
const LIMIT_REACH_GAPS = 3;
const CLIENT_ORDER_ID_CHANCE = 0.5;
const CLIENT_ORDER_ID_HEX = 16;
/** The side leans against the position built so far: fully (MAX_LEAN) at this many typical orders. */
const POSITION_LEAN_ORDERS = 6;
const MAX_LEAN = 0.4;
/** From this many days on, at least one wallet move of each kind. */
const EVERY_KIND_FROM_DAYS = 3;

export interface PastTradingInput {
  readonly account: string;
  /** What the account holds now. */
  readonly balances: Readonly<Record<string, string>>;
  readonly symbols: readonly SymbolConfig[];
  readonly days: number;
  readonly now: number;
  readonly random: Random;
  readonly priceAt: PastPriceOf;
  /** The range (ticks) the market traded in during the minute of `time`; fills stay inside it. Default: any. */
  readonly rangeAt?: PastRangeOf;
}

type OrderShape =
  | { readonly type: "MARKET" }
  | { readonly type: "LIMIT"; readonly end: "filled" | "canceled" | "partial" };
type Slot =
  | { readonly time: number; readonly kind: "order"; readonly shape: OrderShape }
  | { readonly time: number; readonly kind: WalletKind };

export function planPastTrading(input: PastTradingInput): PastPlan {
  const { random, now, days, priceAt } = input;
  const rangeAt = input.rangeAt ?? ANY_RANGE;
  const start = now - days * DAY_MS;
  const held = new Map(
    Object.entries(input.balances)
      .map(([asset, amount]) => [asset, new Big(amount)] as const)
      .filter(([, amount]) => amount.gt(0)),
  );
  const pairs = pairBudgets(input.symbols, held, (config) => priceAt(config, now - LAST_ACTION_BEFORE_MS));
  const slots = drawSlots(random, start, now, days, pairs.length > 0);

  const position = new Map<string, number>();
  const actions: PastAction[] = [];
  slots.forEach((slot, index) => {
    const next = slots[index + 1]?.time ?? now - LAST_ACTION_BEFORE_MS;
    const room = Math.min(ORDER_LIFETIME_MS, Math.floor((next - slot.time) * LIFETIME_SHARE_OF_GAP));
    const action =
      slot.kind === "order"
        ? planOrder(random, random.pick(pairs), slot.shape, slot.time, room, { priceAt, rangeAt }, position)
        : planWalletMove(random, slot.kind, slot.time, held, input.symbols);
    if (action) actions.push(action);
  });
  return { account: input.account, balances: input.balances, start, actions };
}

/** When things happen: orders (10-40 fills a day when there are pairs) and wallet moves, oldest first. */
function drawSlots(random: Random, start: number, now: number, days: number, withOrders: boolean): Slot[] {
  const first = start + FIRST_ACTION_AFTER_MS;
  const last = now - LAST_ACTION_BEFORE_MS;
  const slots: Slot[] = [];
  const timeIn = (day: number) => {
    const from = Math.max(first, start + day * DAY_MS);
    const to = Math.min(last, start + (day + 1) * DAY_MS);
    return from + Math.floor(random.next() * Math.max(1, to - from));
  };
  for (let day = 0; day < days; day++) {
    if (withOrders) {
      const target = random.int(...FILLS_PER_DAY);
      for (let fills = 0; fills < target; ) {
        const shape = drawShape(random);
        fills += EXPECTED_FILLS[shape.type === "MARKET" ? "MARKET" : shape.end];
        slots.push({ time: timeIn(day), kind: "order", shape });
      }
    }
    for (const kind of Object.keys(WALLET_MOVES) as WalletKind[]) {
      if (random.chance(WALLET_MOVES[kind].chance)) slots.push({ time: timeIn(day), kind });
    }
  }
  if (days >= EVERY_KIND_FROM_DAYS) {
    for (const kind of Object.keys(WALLET_MOVES) as WalletKind[]) {
      if (!slots.some((slot) => slot.kind === kind)) slots.push({ time: timeIn(random.int(0, days - 1)), kind });
    }
  }
  return slots.sort((a, b) => a.time - b.time);
}

function drawShape(random: Random): OrderShape {
  if (random.chance(MARKET_CHANCE)) return { type: "MARKET" };
  const roll = random.next();
  return {
    type: "LIMIT",
    end: roll < FILLED_CHANCE ? "filled" : roll < FILLED_CHANCE + CANCELED_CHANCE ? "canceled" : "partial",
  };
}

function planOrder(
  random: Random,
  pair: PairBudget,
  shape: OrderShape,
  time: number,
  room: number,
  prices: { readonly priceAt: PastPriceOf; readonly rangeAt: PastRangeOf },
  position: Map<string, number>,
): PastOrder {
  const { config, budgetLots } = pair;
  const center = prices.priceAt(config, time);
  const range = prices.rangeAt(config, time);
  const gap = Math.max(1, Math.round(center * GAP));
  const [minShare, maxShare] = ORDER_SHARE;
  const typical = budgetLots * ((minShare + maxShare) / 2);
  const held = position.get(config.symbol) ?? 0;
  const lean = Math.max(-MAX_LEAN, Math.min(MAX_LEAN, (held / (typical * POSITION_LEAN_ORDERS)) * MAX_LEAN));
  const side = random.chance(0.5 - lean) ? "BUY" : "SELL";
  const buy = side === "BUY";
  const share = minShare + (maxShare - minShare) * random.next();
  const clientOrderId = random.chance(CLIENT_ORDER_ID_CHANCE) ? random.hex(CLIENT_ORDER_ID_HEX) : undefined;
  const base = {
    kind: "order",
    symbol: config.symbol,
    side,
    time,
    ...(clientOrderId ? { clientOrderId } : {}),
  } as const;
  const fill = (ticks: number, lots: number, at: number, isMaker: boolean): PastFill => ({
    price: priceOf(config, ticks),
    quantity: quantityOf(config, lots),
    time: at,
    isMaker,
  });
  const later = () => time + random.int(0, Math.max(0, room));
  const record = (fills: readonly PastFill[]) => {
    const lots = fills.reduce((sum, entry) => sum + toSteps(entry.quantity, config.quantityPrecision), 0);
    position.set(config.symbol, held + (buy ? lots : -lots));
  };

  if (shape.type === "MARKET") {
    const lots = orderLots(pair, share, center);
    const parts = splitLots(random, lots, random.chance(SECOND_MARKET_FILL_CHANCE) ? 2 : 1);
    const fills = parts.map((part, index) => {
      // Through the price, but inside the minute's candle: the candle is made of the trades.
      const through = Math.max(1, center + (buy ? 1 : -1) * (1 + index * gap));
      return fill(Math.min(range.high, Math.max(range.low, through)), part, time, false);
    });
    record(fills);
    return { ...base, type: "MARKET", quantity: quantityOf(config, lots), fills };
  }

  const reach = random.int(0, LIMIT_REACH_GAPS * gap);
  const ticks = Math.max(1, buy ? center - reach : center + reach);
  const lots = orderLots(pair, share, ticks);
  const limit = { ...base, type: "LIMIT", price: priceOf(config, ticks), quantity: quantityOf(config, lots) } as const;
  // A resting order fills only in a minute whose candle reaches its price.
  const touches = touchingMinutes(config, ticks, time, room, prices.rangeAt);
  const end = touches.length === 0 ? "canceled" : shape.end === "partial" && lots < 2 ? "filled" : shape.end;
  if (end === "canceled") return { ...limit, fills: [], canceledAt: later() };
  const filledLots = end === "filled" ? lots : random.int(1, lots - 1);
  const parts = splitLots(random, filledLots, random.int(1, end === "filled" ? MAX_LIMIT_FILLS : MAX_PARTIAL_FILLS));
  const inMinute = (minute: number) => Math.max(time, minute + random.int(0, MINUTE_MS - 1));
  const times = parts.map(() => Math.min(time + room, inMinute(random.pick(touches)))).sort((a, b) => a - b);
  const fills = parts.map((part, index) => fill(ticks, part, times[index]!, true));
  record(fills);
  if (end === "filled") return { ...limit, fills };
  const lastFill = times[times.length - 1]!;
  return { ...limit, fills, canceledAt: lastFill + random.int(0, Math.max(0, time + room - lastFill)) };
}

/** Any price: no candle to keep inside. */
const ANY_RANGE: PastRangeOf = () => ({ low: 1, high: Number.MAX_SAFE_INTEGER });

/** The minutes (their start) in [time, time + room] whose range holds `ticks`. */
function touchingMinutes(
  config: SymbolConfig,
  ticks: number,
  time: number,
  room: number,
  rangeAt: PastRangeOf,
): number[] {
  const minutes: number[] = [];
  for (let minute = Math.floor(time / MINUTE_MS) * MINUTE_MS; minute <= time + room; minute += MINUTE_MS) {
    const range = rangeAt(config, Math.max(time, minute));
    if (ticks >= range.low && ticks <= range.high) minutes.push(minute);
  }
  return minutes;
}

/** `total` lots in `count` parts of at least one lot each (fewer parts when there are fewer lots). */
function splitLots(random: Random, total: number, count: number): number[] {
  const parts: number[] = [];
  let left = total;
  for (let remaining = Math.min(count, total); remaining > 1; remaining--) {
    const part = random.int(1, left - (remaining - 1));
    parts.push(part);
    left -= part;
  }
  parts.push(left);
  return parts;
}

function planWalletMove(
  random: Random,
  kind: WalletKind,
  time: number,
  held: ReadonlyMap<string, Big>,
  symbols: readonly SymbolConfig[],
): PastAction | undefined {
  if (held.size === 0) return undefined;
  const [min, max] = WALLET_MOVES[kind].share;
  const amountOf = (asset: string) =>
    held
      .get(asset)!
      .times(min + (max - min) * random.next())
      .round(assetDecimals(asset, symbols), ROUND_DOWN);
  const choose = () =>
    held.has(MAIN_ASSET) && random.chance(MAIN_ASSET_CHANCE) ? MAIN_ASSET : random.pick([...held.keys()]);
  let asset = choose();
  let amount = amountOf(asset);
  if (kind === "withdrawal") {
    const enough = (candidate: string, value: Big) =>
      value.gte(new Big(networkOf(candidate).withdrawFee).times(MIN_WITHDRAWAL_FEES));
    if (!enough(asset, amount) && held.has(MAIN_ASSET)) {
      asset = MAIN_ASSET;
      amount = amountOf(asset);
    }
    if (!enough(asset, amount)) return undefined;
  }
  if (amount.lte(0)) return undefined;
  if (kind === "transfer") {
    return { kind, asset, amount: amount.toFixed(), direction: random.chance(0.5) ? "in" : "out", time };
  }
  return { kind, asset, amount: amount.toFixed(), time };
}
