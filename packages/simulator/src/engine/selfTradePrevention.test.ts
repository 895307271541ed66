import type { StpMode } from "@mexc-live/protocol";
import { describe, expect, it } from "vitest";
import { testExchange } from "../../test/testExchange.js";

/**
 * Self-trade prevention (docs/mexc/undocumented.md#fills-and-keys item 11.31; MEXC's STP FAQ): an
 * API order sent with `stpMode` is kept from matching the account's own orders, and those of the
 * accounts in its main account's strategy group; the mode says which side is canceled, and the
 * canceled order reads cancelReason "stp_cancel".
 * "main" rests a SELL of 0.1 BTC at 100000 and "other" (no group) one of 0.1 at 100001.
 */
function withBook(selfTradePrevention = true) {
  const t = testExchange({ behaviours: { selfTradePrevention } });
  for (const account of ["main", "sub1", "other"]) {
    t.exchange.createAccount(account);
    t.exchange.credit(account, "USDT", "100000");
    t.exchange.credit(account, "BTC", "1");
  }
  const resting = t.exchange.placeOrder({
    account: "main",
    symbol: "BTCUSDT",
    side: "SELL",
    type: "LIMIT",
    price: "100000",
    quantity: "0.1",
  });
  t.exchange.placeOrder({
    account: "other",
    symbol: "BTCUSDT",
    side: "SELL",
    type: "LIMIT",
    price: "100001",
    quantity: "0.1",
  });
  const buy = (account: string, stpMode: StpMode, quantity = "0.2") =>
    t.exchange.placeOrder({
      account,
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      price: "100001",
      quantity,
      stpMode,
      source: "api",
    });
  const restingNow = () => t.exchange.getOrder("main", "BTCUSDT", { orderId: resting.orderId })!;
  return { t, buy, restingNow };
}

describe("self-trade prevention", () => {
  it("cancel_maker: the account's own resting order is canceled (stp_cancel), the taker walks on to the next", () => {
    const { t, buy, restingNow } = withBook();
    const taker = buy("main", "cancel_maker");
    expect(restingNow()).toMatchObject({ status: "CANCELED", cancelReason: "stp_cancel" });
    expect(t.exchange.myTrades("main", "BTCUSDT").map((trade) => [trade.price, trade.isSelfTrade])).toEqual([
      ["100001", false],
    ]);
    expect(taker).toMatchObject({ status: "PARTIALLY_FILLED", executedQty: "0.1", stpMode: "cancel_maker" });
    expect(taker.cancelReason).toBeUndefined();
    // The canceled SELL's 0.1 BTC is free again; the BUY's rest is on the book.
    expect(t.exchange.balances("main")).toContainEqual({ asset: "BTC", free: "1.1", locked: "0" });
  });

  it("cancel_taker: what is left of the taker is canceled at once (stp_cancel), the resting order stays", () => {
    const { t, buy, restingNow } = withBook();
    const taker = buy("main", "cancel_taker");
    expect(taker).toMatchObject({ status: "CANCELED", executedQty: "0", cancelReason: "stp_cancel" });
    expect(restingNow()).toMatchObject({ status: "NEW" });
    expect(restingNow().cancelReason).toBeUndefined();
    expect(t.exchange.myTrades("main", "BTCUSDT")).toEqual([]);
    expect(t.exchange.openOrders("main", "BTCUSDT").map((order) => order.orderId)).toEqual([restingNow().orderId]);
  });

  it("cancel_both: both are canceled, nothing trades", () => {
    const { t, buy, restingNow } = withBook();
    const taker = buy("main", "cancel_both");
    expect(taker).toMatchObject({ status: "CANCELED", cancelReason: "stp_cancel" });
    expect(restingNow()).toMatchObject({ status: "CANCELED", cancelReason: "stp_cancel" });
    expect(t.exchange.myTrades("main", "BTCUSDT")).toEqual([]);
  });

  it("a taker with fills before it meets its own order ends PARTIALLY_CANCELED for stp", () => {
    const { t, buy } = withBook();
    // other's SELL at 99999 comes first, then main's own at 100000 stops the BUY.
    t.exchange.placeOrder({
      account: "other",
      symbol: "BTCUSDT",
      side: "SELL",
      type: "LIMIT",
      price: "99999",
      quantity: "0.05",
    });
    const taker = buy("main", "cancel_taker");
    expect(taker).toMatchObject({ status: "PARTIALLY_CANCELED", executedQty: "0.05", cancelReason: "stp_cancel" });
  });

  it("another account's order trades unless both are in one strategy group", () => {
    const { t, buy, restingNow } = withBook();
    const ungrouped = buy("sub1", "cancel_taker", "0.05");
    expect(ungrouped).toMatchObject({ status: "FILLED" });
    expect(t.exchange.tradeGroupOf("sub1")).toBeUndefined();

    const group = t.exchange.createTradeGroup(["main", "sub1"]);
    expect(t.exchange.tradeGroupOf("main")).toBe(group);
    const grouped = buy("sub1", "cancel_maker", "0.05");
    expect(restingNow()).toMatchObject({ status: "PARTIALLY_CANCELED", cancelReason: "stp_cancel" });
    expect(grouped).toMatchObject({ status: "FILLED", executedQty: "0.05" }); // from other's 100001
  });

  it('no stpMode (the default ""): the account trades with itself, flagged isSelfTrade', () => {
    const { t, buy, restingNow } = withBook();
    buy("main", "");
    expect(restingNow()).toMatchObject({ status: "FILLED" });
    expect(t.exchange.myTrades("main", "BTCUSDT")[0]).toMatchObject({ isSelfTrade: true });
  });

  it("the market's own orders (source internal, not API) are never stopped", () => {
    const { t, restingNow } = withBook();
    t.exchange.placeOrder({
      account: "main",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      price: "100000",
      quantity: "0.1",
      stpMode: "cancel_both",
      source: "internal",
    });
    expect(restingNow()).toMatchObject({ status: "FILLED" });
  });

  it("with the behaviour self-trade-prevention off: stpMode is echoed but the orders trade", () => {
    const { buy, restingNow } = withBook(false);
    const taker = buy("main", "cancel_both");
    expect(taker).toMatchObject({ stpMode: "cancel_both", executedQty: "0.2", status: "FILLED" });
    expect(restingNow()).toMatchObject({ status: "FILLED" });
    expect(restingNow().cancelReason).toBeUndefined();
  });

  it("a strategy group needs two known accounts; an unknown stpMode is refused naming the field", () => {
    const { t, buy } = withBook();
    expect(() => t.exchange.createTradeGroup(["main"])).toThrow(/at least two/);
    expect(() => t.exchange.createTradeGroup(["main", "nobody"])).toThrow(/unknown account "nobody"/);
    expect(() => buy("main", "cancel_all" as StpMode)).toThrow(/stpMode/);
  });
});
