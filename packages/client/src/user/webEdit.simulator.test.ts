/**
 * An order edited on MEXC's web arrives as a cancel push, then a new order with a new id
 * (docs/mexc/undocumented.md#orders item 11.19, ccxt/ccxt#23231): downstream sees both, the old one canceled and the new one open,
 * each under its own id, and nothing else.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../../test/soak/harness.js";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe("an order edited on MEXC's web", () => {
  it("is the old order canceled and a new one, both delivered with their own ids", async () => {
    harness = await startHarness({ sim: { seed: 95, demoTrader: false } });
    const h = harness;
    await h.waitFor("the first reconciliation", () => h.stream.stats().reconciliations >= 1);
    const placed = await h.client.placeOrder({
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      price: "1000",
      quantity: "0.01",
    });
    const edit = (await h.admin("/_sim/editOrder", { symbol: "BTCUSDT", orderId: placed.orderId, price: "1001" })) as {
      orderId: string;
    }[];
    const replacement = edit[1]!.orderId;
    await h.waitFor("both orders delivered", () => h.view.orders.get(replacement)?.status === "NEW");
    expect(h.view.orders.get(placed.orderId)?.status).toBe("CANCELED");
    expect(h.view.orders.get(replacement)).toMatchObject({ price: "1001", quantity: "0.01" });
    expect(await h.settle()).toEqual([]);
  });
});
