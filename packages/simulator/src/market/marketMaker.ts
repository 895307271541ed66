/**
 * A simulated market maker for one symbol: on every quote it steps the random-walk mid, cancels
 * its orders that the move left too aggressive (or too far away), cancels a few at random (churn),
 * and tops both sides back up to `levels` price levels of resting LIMIT orders of varying size.
 * Its bids stay below mid - halfSpread and its asks above mid + halfSpread, so it never trades
 * with itself; it does trade with other accounts' orders its new quotes cross.
 */

import { MINUTE_MS } from "@mexc-live/protocol";
import { SimError } from "../errors.js";
import type { Random } from "../random.js";
import type { Exchange, SimOrder, SymbolConfig } from "../types.js";
import { minLots, priceOf, quantityOf, ticksOf } from "./orderSizing.js";
import type { RandomWalk } from "./randomWalk.js";
import { roundStochastic } from "./randomWalk.js";

/** The walk's unit of time. */
/** Half the spread, as a fraction of mid (jittered x0.5..x1.5 per quote). */
const HALF_SPREAD = 0.0001;
/** Distance between price levels, as a fraction of mid. */
const LEVEL_GAP = 0.0001;
/** Resting orders per side, per price level, on average. */
const ORDERS_PER_LEVEL = 2;
/** Orders (re)placed per side on one quote, so the book refills over a few quotes, as a maker's would. */
const MAX_PLACED_PER_QUOTE = 3;
/** Random cancels per quote (each side): 0..this. */
const MAX_CHURN_PER_QUOTE = 1;
/** Chance a new order joins an existing level of ours instead of opening a new price. */
const JOIN_LEVEL_CHANCE = 0.35;
/** Order notional as a multiple of the symbol's minimum notional, at the top of the book. */
const NOTIONAL_MULTIPLE_MIN = 20;
const NOTIONAL_MULTIPLE_MAX = 400;
/** Deeper levels are larger: +15 % per level. */
const DEPTH_SIZE_GROWTH = 0.15;

export interface MarketMaker {
  readonly symbol: string;
  /** Current mid, in ticks. */
  mid(): number;
  /** One requote: move the walk over `sinceLastMs`, cancel stale orders, top the book up. */
  quote(sinceLastMs: number): void;
  /** Fill both sides completely at the current mid (at start). */
  fillBook(): void;
}

export function createMarketMaker(deps: {
  readonly exchange: Exchange;
  readonly config: SymbolConfig;
  readonly account: string;
  readonly random: Random;
  readonly walk: RandomWalk;
  readonly levels: number;
}): MarketMaker {
  const { exchange, config, account, random, walk, levels } = deps;
  const symbol = config.symbol;

  const cancel = (order: SimOrder) => {
    try {
      exchange.cancelOrder(account, symbol, { orderId: order.orderId });
    } catch (error) {
      if (!(error instanceof SimError)) throw error;
    }
  };

  const place = (side: "BUY" | "SELL", ticks: number, depthIndex: number) => {
    const price = priceOf(config, ticks);
    const multiple = NOTIONAL_MULTIPLE_MIN + (NOTIONAL_MULTIPLE_MAX - NOTIONAL_MULTIPLE_MIN) * random.next() ** 2;
    const lots = Math.ceil(minLots(config, ticks) * multiple * (1 + DEPTH_SIZE_GROWTH * depthIndex));
    try {
      exchange.placeOrder({
        account,
        symbol,
        side,
        type: "LIMIT",
        price,
        quantity: quantityOf(config, lots),
        source: "internal",
      });
    } catch (error) {
      if (!(error instanceof SimError)) throw error;
    }
  };

  /** Cancels what the mid left behind, churns, and places up to `maxPlaced` orders per side. */
  const requote = (maxPlaced: number) => {
    const mid = walk.ticks();
    const gap = Math.max(1, Math.round(mid * LEVEL_GAP));
    const half = Math.max(1, roundStochastic(mid * HALF_SPREAD * (0.5 + random.next()), random));
    const inner = { BUY: mid - half, SELL: mid + half };
    const kept: Record<"BUY" | "SELL", { order: SimOrder; ticks: number }[]> = { BUY: [], SELL: [] };

    for (const order of exchange.openOrders(account, symbol)) {
      const ticks = ticksOf(config, order.price);
      const distance = order.side === "BUY" ? inner.BUY - ticks : ticks - inner.SELL;
      if (distance < 0 || distance > gap * (levels + 2)) cancel(order);
      else kept[order.side].push({ order, ticks });
    }

    for (const side of ["BUY", "SELL"] as const) {
      const own = kept[side];
      const churn = Math.min(own.length, random.int(0, MAX_CHURN_PER_QUOTE));
      for (let i = 0; i < churn; i++) {
        const [victim] = own.splice(random.int(0, own.length - 1), 1);
        if (victim) cancel(victim.order);
      }
      const direction = side === "BUY" ? -1 : 1;
      const depthOf = (ticks: number) => Math.floor(Math.abs(ticks - inner[side]) / gap);
      const resting = own.map((entry) => entry.ticks);
      const occupied = new Set(resting.map(depthOf));
      const missing = Math.min(maxPlaced, levels * ORDERS_PER_LEVEL - resting.length);
      for (let placed = 0; placed < missing; placed++) {
        const empty = Array.from({ length: levels }, (_, depth) => depth).filter((depth) => !occupied.has(depth));
        // The touch first; then join an existing level now and then, as long as the empty levels can still all be filled.
        const join =
          occupied.has(0) &&
          (empty.length === 0 || (missing - placed > empty.length && random.chance(JOIN_LEVEL_CHANCE)));
        let ticks: number;
        if (join) {
          ticks = random.pick(resting);
        } else {
          const depth = occupied.has(0) ? random.pick(empty) : 0;
          const offset = depth === 0 ? random.int(0, Math.floor(gap / 2)) : random.int(0, gap - 1);
          ticks = inner[side] + direction * (depth * gap + offset);
        }
        if (ticks < 1) continue;
        place(side, ticks, depthOf(ticks));
        resting.push(ticks);
        occupied.add(depthOf(ticks));
      }
    }
  };

  return {
    symbol,
    mid: () => walk.ticks(),
    quote: (sinceLastMs) => {
      walk.step(sinceLastMs / MINUTE_MS);
      requote(MAX_PLACED_PER_QUOTE);
    },
    fillBook: () => requote(levels * ORDERS_PER_LEVEL),
  };
}
