/**
 * An order MEXC's self-trade prevention canceled (docs/mexc/undocumented.md#fills-and-keys item
 * 11.31), read through the client from the real simulator over 127.0.0.1: the orders push ends it
 * with no reason (the protobuf order has no such field), and the next REST read that covers it
 * delivers it again, once, with cancelReason "stp_cancel"; nothing is counted unknown.
 */
import { Decimal as Big } from "@mexc-live/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../../test/soak/harness.js";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe("an order self-trade prevention canceled", () => {
  it("is CANCELED from the push, then carries cancelReason stp_cancel once a reconciliation reads it", async () => {
    harness = await startHarness({ sim: { seed: 4131, demoTrader: false } });
    const h = harness;
    await h.waitFor("the first reconciliation", () => h.stream.stats().reconciliations >= 1);
    // One tick over the best bid: the best ask, so a BUY there meets the account's own SELL first.
    const touch = h.sim.exchange.bestBidAsk("BTCUSDT")!;
    const price = new Big(touch.bidPrice).plus("0.01").toFixed(2);
    expect(new Big(price).lt(touch.askPrice)).toBe(true);
    const order = { symbol: "BTCUSDT", type: "LIMIT", price, quantity: "0.001" } as const;
    await h.client.placeOrder({ ...order, side: "SELL" });
    const taker = await h.client.placeOrder({ ...order, side: "BUY", stpMode: "cancel_taker" });

    await h.waitFor("the push ending it", () => h.view.orders.get(taker.orderId)?.status === "CANCELED");
    expect(h.view.orders.get(taker.orderId)?.cancelReason).toBeUndefined();

    await h.stream.reconcileNow("test");
    await h.waitFor("the REST read's reason", () => h.view.orders.get(taker.orderId)?.cancelReason === "stp_cancel");
    expect(h.view.orders.get(taker.orderId)).toMatchObject({ status: "CANCELED", source: "rest" });
    expect(h.stream.stats().unknownValues).toEqual({});
  });
});
