/**
 * Stop-limit and OCO orders (docs/mexc/undocumented.md#orders item 11.8). MEXC's Spot V3 API has no endpoint that
 * places them (its order types are LIMIT, MARKET, LIMIT_MAKER, IMMEDIATE_OR_CANCEL, FILL_OR_KILL,
 * docs/mexc/enums.md#in-rest), but traders place them in MEXC's web and app, and the orders push carries them:
 * orderType 100 and the optional fields triggerType (18), triggerPrice (19), state (20) and
 * ocoId (21) of PrivateOrdersV3Api (S1 schema; Mexc.Net's MexcUpdateOrder maps them). MEXC's spot
 * docs give those codes no meaning; MEXC's futures API uses the same names for its trigger
 * orders: triggerType 1 "more than or equal", 2 "less than or equal"; state 1 untriggered,
 * 2 cancelled, 3 executed, 4 invalid, 5 execution failed (mexcdevelop/apidocs contract_v1,
 * "trigger order list"). We model spot the same way [DERIVED].
 *
 * Modelled (the simulator's admin routes stand in for the web, routes/admin.ts):
 * - a stop-limit order locks its funds like a limit order and is announced NEW, state 1, with
 *   triggerType 1 when its trigger is at or above the last price, else 2;
 * - when the last price reaches the trigger it is triggered (state 3) and works as a limit order
 *   at its price, same id: it fills, rests, or both;
 * - an OCO pair is a limit leg and a stop-limit leg with one ocoId; when either leg trades or the
 *   stop leg triggers, the other is canceled. Each leg locks its own funds [UNCONFIRMED: how MEXC
 *   shares an OCO's funds is not documented].
 */
import type { SimTrigger } from "../types.js";
import type { Big } from "./decimals.js";
import type { LiveOrder } from "./liveOrder.js";

/** Untriggered stop orders per symbol, and live OCO pairs; the exchange acts on what this tells it. */
export class StopOrderBook {
  private readonly waiting = new Map<string, LiveOrder[]>();
  private readonly ocoPairs = new Map<string, LiveOrder[]>();

  /** A new stop-limit order, untriggered. */
  hold(order: LiveOrder): void {
    const list = this.waiting.get(order.view.symbol) ?? [];
    list.push(order);
    this.waiting.set(order.view.symbol, list);
  }

  /** Takes the orders whose trigger `lastPrice` has reached, oldest first, out of waiting. */
  reached(symbol: string, lastPrice: Big): LiveOrder[] {
    const list = this.waiting.get(symbol);
    if (!list || list.length === 0) return [];
    const due = list.filter((order) => isReached(order.view.trigger!, lastPrice));
    if (due.length > 0)
      this.waiting.set(
        symbol,
        list.filter((order) => !due.includes(order)),
      );
    return due;
  }

  /** Forgets an untriggered order (canceled); true when it was waiting. */
  release(order: LiveOrder): boolean {
    const list = this.waiting.get(order.view.symbol);
    const index = list?.indexOf(order) ?? -1;
    if (index === -1) return false;
    list!.splice(index, 1);
    return true;
  }

  pair(ocoId: string, legs: LiveOrder[]): void {
    this.ocoPairs.set(ocoId, legs);
  }

  /**
   * The legs to cancel now: of each pair where one leg traded, was triggered or ended, the other
   * legs still open. Pairs with nothing left open are forgotten.
   */
  legsToCancel(isOpen: (order: LiveOrder) => boolean): LiveOrder[] {
    const cancel: LiveOrder[] = [];
    for (const [ocoId, legs] of this.ocoPairs) {
      const working = legs.find((leg) => leg.executedQty.gt(0) || leg.view.trigger?.state === 3 || !isOpen(leg));
      if (working) cancel.push(...legs.filter((leg) => leg !== working && isOpen(leg)));
      if (working || legs.every((leg) => !isOpen(leg))) this.ocoPairs.delete(ocoId);
    }
    return cancel;
  }
}

/** 1: at or above the trigger; 2: at or below. */
export function triggerTypeFor(triggerPrice: Big, lastPrice: Big): SimTrigger["type"] {
  return triggerPrice.gte(lastPrice) ? 1 : 2;
}

function isReached(trigger: SimTrigger, lastPrice: Big): boolean {
  return trigger.type === 1 ? lastPrice.gte(trigger.price) : lastPrice.lte(trigger.price);
}
