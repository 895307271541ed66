/**
 * The soak's own trading through the client's REST helpers, so placeOrder meets the http5xx
 * fault: a small LIMIT buy far below the touch every tick (it never fills), cancelled on the
 * next tick. Every placement's reported outcome is kept and checked against the ledger at the
 * end: "placed" must be there (by clientOrderId), "not placed" must not.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { Decimal as Big } from "@mexc-live/protocol";
import type { MexcClient } from "../../src/client.js";
import { isClientError } from "../../src/errors.js";
import type { Ledger } from "./ledgerDiff.js";

export interface OwnOrders {
  stop(): Promise<void>;
  /** Differences between reported outcomes and the ledger. */
  check(ledger: Ledger): string[];
  counts(): OwnOrderCounts;
}

/** Reported outcomes of the placements (resolvedByQuery: placed, known only by asking after a 5XX). */
export interface OwnOrderCounts {
  readonly placed: number;
  readonly resolvedByQuery: number;
  readonly notPlaced: number;
  readonly unknown: number;
}

/** "own orders 17 placed (1 after a 5XX) 0 not placed 0 unknown", of one account or several summed. */
export function ownOrdersSummary(counts: readonly OwnOrderCounts[]): string {
  const sum = (field: keyof OwnOrderCounts) => counts.reduce((total, one) => total + one[field], 0);
  return `own orders ${sum("placed")} placed (${sum("resolvedByQuery")} after a 5XX) ${sum("notPlaced")} not placed ${sum("unknown")} unknown`;
}

const SYMBOL = "BTCUSDT";
const TICK_MS = 1_500;
/** Buy this far below the best bid: it rests and never trades. */
const PRICE_FACTOR = "0.8";
/** Notional above the minimum, so a price tick never takes it under. */
const NOTIONAL_FACTOR = "1.5";

/** big.js rounding modes. */
const ROUND_DOWN = 0;
const ROUND_UP = 3;

type Outcome = "placed" | "notPlaced" | "unknown";

export async function startOwnOrders(client: MexcClient): Promise<OwnOrders> {
  const info = await client.exchangeInfo([SYMBOL]);
  const config = info.symbols[0];
  if (!config) throw new Error(`${SYMBOL} is not listed`);
  const priceDecimals = Number(config.quotePrecision);
  const quantityDecimals = Number(config.baseAssetPrecision);
  const minNotional = new Big(String(config.quoteAmountPrecision));
  const minQuantity = new Big(String(config.baseSizePrecision));

  const outcomes = new Map<string, Outcome>();
  const toCancel: string[] = [];
  let resolvedByQuery = 0;
  let stopped = false;

  const cancelPending = async () => {
    for (const clientOrderId of toCancel.splice(0)) {
      try {
        await client.cancelOrder({ symbol: SYMBOL, clientOrderId });
      } catch (error) {
        if (isClientError(error) && error.code === "CANCEL_NOT_DONE") toCancel.push(clientOrderId);
      }
    }
  };

  const placeOne = async () => {
    const depth = await client.depth(SYMBOL, 5);
    const bid = depth.bids[0]?.[0];
    if (bid === undefined) return;
    const price = new Big(bid).times(PRICE_FACTOR).round(priceDecimals, ROUND_DOWN);
    if (price.lte(0)) return;
    const wanted = minNotional.times(NOTIONAL_FACTOR).div(price).round(quantityDecimals, ROUND_UP);
    const quantity = wanted.gt(minQuantity) ? wanted : minQuantity;
    const clientOrderId = `soak${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
    try {
      const placed = await client.placeOrder({
        symbol: SYMBOL,
        side: "BUY",
        type: "LIMIT",
        price: price.toFixed(),
        quantity: quantity.toFixed(),
        clientOrderId,
      });
      outcomes.set(clientOrderId, "placed");
      if (placed.resolvedBy === "query") resolvedByQuery++;
      toCancel.push(clientOrderId);
    } catch (error) {
      outcomes.set(clientOrderId, isClientError(error) && error.code === "ORDER_NOT_PLACED" ? "notPlaced" : "unknown");
    }
  };

  const loop = (async () => {
    while (!stopped) {
      await cancelPending().catch(() => {});
      await placeOne().catch(() => {});
      await sleep(TICK_MS);
    }
    // Leave nothing of ours resting.
    for (let attempt = 0; attempt < 5 && toCancel.length > 0; attempt++) await cancelPending().catch(() => {});
  })();

  return {
    async stop() {
      stopped = true;
      await loop;
    },
    check(ledger) {
      const inLedger = new Set(ledger.orders.map((order) => order.clientOrderId));
      const out: string[] = [];
      for (const [clientOrderId, outcome] of outcomes) {
        if (outcome === "placed" && !inLedger.has(clientOrderId))
          out.push(`own order ${clientOrderId} reported placed but not in the ledger`);
        if (outcome === "notPlaced" && inLedger.has(clientOrderId))
          out.push(`own order ${clientOrderId} reported not placed but it is in the ledger`);
      }
      return out;
    },
    counts() {
      const count = (wanted: Outcome) => [...outcomes.values()].filter((outcome) => outcome === wanted).length;
      return { placed: count("placed"), resolvedByQuery, notPlaced: count("notPlaced"), unknown: count("unknown") };
    },
  };
}
