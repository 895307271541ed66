/**
 * Stop-limit and OCO orders (docs/mexc/undocumented.md#orders item 11.8), which traders place in MEXC's web (the simulator's admin
 * routes stand in for it), reach the user stream with their trigger and pair id: waiting,
 * triggered, filled, and the other leg canceled.
 */
import type { OrderUpdate } from "@mexc-live/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../../test/soak/harness.js";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** bob rests a sell at `price` and carol takes it: BTCUSDT's last price becomes `price`. */
function tradeAt(h: Harness, price: string): void {
  h.sim.exchange.placeOrder({
    account: "bob",
    symbol: "BTCUSDT",
    side: "SELL",
    type: "LIMIT",
    price,
    quantity: "0.001",
  });
  h.sim.exchange.placeOrder({
    account: "carol",
    symbol: "BTCUSDT",
    side: "BUY",
    type: "LIMIT",
    price,
    quantity: "0.001",
  });
}

describe("stop-limit and OCO orders on the user stream", () => {
  it("arrive with trigger and OCO id; the trigger firing, the fill and the other leg's cancel follow", async () => {
    harness = await startHarness({
      sim: {
        seed: 61,
        demoTrader: false,
        market: { bookLevels: 0 },
        extraAccounts: [
          { account: "bob", balances: { BTC: "10" } },
          { account: "carol", balances: { USDT: "10000000" } },
        ],
      },
    });
    const h = harness;
    const orders: OrderUpdate[] = [];
    h.stream.on("event", (event) => {
      if (event.type === "order") orders.push(event);
    });
    tradeAt(h, "100000");
    await h.waitFor("the first reconciliation", () => h.stream.stats().reconciliations >= 1);

    const legs = (await h.admin("/_sim/ocoOrder", {
      symbol: "BTCUSDT",
      side: "SELL",
      quantity: "0.01",
      price: "105000",
      triggerPrice: "95000",
      stopLimitPrice: "94000",
    })) as { orderId: string }[];
    const [limitLeg, stopLeg] = legs.map((leg) => leg.orderId);
    const of = (orderId: string | undefined) => orders.filter((order) => order.orderId === orderId);
    await h.waitFor("both legs", () => of(limitLeg).length > 0 && of(stopLeg).length > 0);
    expect(of(stopLeg)[0]).toMatchObject({
      orderType: "STOP_LIMIT",
      status: "NEW",
      trigger: { price: "95000", type: "LTE", state: "UNTRIGGERED" },
    });
    expect(of(stopLeg)[0]!.ocoId).toBe(of(limitLeg)[0]!.ocoId);

    // A buyer at 94500 is waiting when the price falls to 95000: the stop triggers and sells to it.
    h.sim.exchange.placeOrder({
      account: "carol",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      price: "94500",
      quantity: "1",
    });
    tradeAt(h, "95000");
    await h.waitFor("the stop filled", () => of(stopLeg).some((order) => order.status === "FILLED"));
    await h.waitFor("the take-profit leg canceled", () => of(limitLeg).some((order) => order.status === "CANCELED"));
    expect(of(stopLeg).map((order) => `${order.status}/${order.trigger?.state}`)).toEqual([
      "NEW/UNTRIGGERED",
      "NEW/TRIGGERED",
      "FILLED/TRIGGERED",
    ]);
    expect(await h.settle()).toEqual([]);
  });
});
