/**
 * Taker flow: random MARKET (by quantity or by quote amount) and IMMEDIATE_OR_CANCEL orders
 * from one internal account that hit the makers' quotes, so every symbol prints public trades.
 * Buys are a little likelier while the walk's mid is above the last trade (and sells below), so
 * trades follow the walk. Sizes are mostly small with an occasional larger sweep.
 */
import { Decimal as Big } from "@mexc-live/protocol";
import { SimError } from "../errors.js";
import type { Random } from "../random.js";
import type { Exchange, PlaceOrderInput, SymbolConfig } from "../types.js";
import { minLots, priceOf, quantityOf, ticksOf } from "./orderSizing.js";

/** Order size as a multiple of the minimum: MIN + SPREAD * u^3 (mostly small). */
const SIZE_MULTIPLE_MIN = 2;
const SIZE_MULTIPLE_SPREAD = 150;
/** Chance of buying when the mid is above / below the last trade. */
const TREND_BUY_CHANCE = 0.65;
const MARKET_BY_QUANTITY_CHANCE = 0.55;
const MARKET_BY_QUOTE_CHANCE = 0.2;
/** IOC limit price: up to this many ticks beyond the touch (as a fraction of mid). */
const IOC_REACH = 0.0003;

export interface TakerFlow {
  /** Sends one taker order on `symbol`; `midTicks` is the walk's current mid. */
  trade(config: SymbolConfig, midTicks: number): void;
}

export function createTakerFlow(deps: {
  readonly exchange: Exchange;
  readonly account: string;
  readonly random: Random;
}): TakerFlow {
  const { exchange, account, random } = deps;

  const send = (input: PlaceOrderInput) => {
    try {
      exchange.placeOrder(input);
    } catch (error) {
      if (!(error instanceof SimError)) throw error;
    }
  };

  return {
    trade: (config, midTicks) => {
      const symbol = config.symbol;
      const touch = exchange.bestBidAsk(symbol);
      const last = exchange.lastPrice(symbol);
      const lastTicks = last === undefined ? midTicks : ticksOf(config, last);
      const buyChance = midTicks > lastTicks ? TREND_BUY_CHANCE : midTicks < lastTicks ? 1 - TREND_BUY_CHANCE : 0.5;
      const side = random.chance(buyChance) ? "BUY" : "SELL";
      const hit = side === "BUY" ? touch?.askPrice : touch?.bidPrice;
      if (!hit || new Big(hit).lte(0)) return;

      const multiple = Math.ceil(SIZE_MULTIPLE_MIN + SIZE_MULTIPLE_SPREAD * random.next() ** 3);
      const hitTicks = ticksOf(config, hit);
      const lots = minLots(config, hitTicks) * multiple;
      const roll = random.next();
      if (roll < MARKET_BY_QUANTITY_CHANCE) {
        send({ account, symbol, side, type: "MARKET", quantity: quantityOf(config, lots), source: "internal" });
      } else if (roll < MARKET_BY_QUANTITY_CHANCE + MARKET_BY_QUOTE_CHANCE) {
        const quote = new Big(config.minNotional).times(multiple).toFixed();
        send({ account, symbol, side, type: "MARKET", quoteOrderQty: quote, source: "internal" });
      } else {
        const reach = random.int(0, Math.max(1, Math.round(midTicks * IOC_REACH)));
        const ticks = hitTicks + (side === "BUY" ? reach : -reach);
        if (ticks < 1) return;
        const price = priceOf(config, ticks);
        send({
          account,
          symbol,
          side,
          type: "IMMEDIATE_OR_CANCEL",
          price,
          quantity: quantityOf(config, lots),
          source: "internal",
        });
      }
    },
  };
}
