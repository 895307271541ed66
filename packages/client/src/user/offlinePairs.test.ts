/**
 * A pair delisted during a gap leaves exchangeInfo (docs/mexc/undocumented.md#market-data item 11.18); its fills are still reconciled: the
 * reconciler finds it in GET /api/v3/symbol/offline when the account holds both its assets.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../../test/soak/harness.js";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe("fills of a pair delisted while the stream was away", () => {
  it("are reconciled from the offline list, none dropped", async () => {
    harness = await startHarness({ sim: { seed: 91, demoTrader: false }, startStream: false });
    const h = harness;
    const order = h.sim.exchange.placeOrder({
      account: "demo",
      symbol: "SOLUSDT",
      side: "BUY",
      type: "MARKET",
      quantity: "1",
      source: "api",
    });
    await h.admin("/_sim/delist", { symbol: "SOLUSDT" });
    const trades = h.sim.exchange.myTrades("demo", "SOLUSDT").map((trade) => trade.id);
    expect(trades.length).toBeGreaterThan(0);

    const fills = new Set<string>();
    const stream = h.stream;
    stream.on("event", (event) => {
      if (event.type === "fill") fills.add(event.tradeId);
    });
    await h.waitFor("the first reconciliation", () => stream.stats().reconciliations >= 1, 20_000);
    expect([...fills].sort()).toEqual([...trades].sort());
    expect(stream.record.order(order.orderId)).toBeDefined();
  });
});
