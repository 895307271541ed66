import { describe, expect, it } from "vitest";
import { DOCUMENTED_FILLS, describeEvent, testExchange } from "../../test/testExchange.js";
import type { ExchangeEvent } from "../types.js";

describe("exchange events", () => {
  it("credit: DEPOSIT by default, WITHDRAW for a negative amount, refused beyond the free balance", () => {
    const t = testExchange();
    t.exchange.createAccount("a");
    t.exchange.credit("a", "USDT", "100.5");
    t.exchange.credit("a", "USDT", "-0.5");
    t.exchange.credit("a", "MX", "7", "SUGAR");
    expect(t.take().map(describeEvent)).toEqual([
      "balance a USDT DEPOSIT free+100.5 locked+0",
      "balance a USDT WITHDRAW free-0.5 locked+0",
      "balance a MX SUGAR free+7 locked+0",
    ]);
    expect(() => t.exchange.credit("a", "USDT", "-101")).toThrow(expect.objectContaining({ mexcCode: 10101 }));
    expect(() => t.exchange.credit("a", "USDT", "1e3")).toThrow(/not a decimal/);
    expect(t.exchange.balances("a")).toEqual([
      { asset: "USDT", free: "100", locked: "0" },
      { asset: "MX", free: "7", locked: "0" },
    ]);
    expect(t.exchange.credited()).toEqual(
      new Map([
        ["USDT", "100"],
        ["MX", "7"],
      ]),
    );
  });

  it("an order placed by a listener is handled after the current call's events, in one ordered stream", () => {
    const t = testExchange({ behaviours: DOCUMENTED_FILLS });
    t.exchange.createAccount("a");
    t.exchange.createAccount("b");
    t.exchange.credit("a", "SOL", "10");
    t.exchange.credit("b", "USDT", "10000");
    const seen: string[] = [];
    let reacted = false;
    t.exchange.onEvent((event: ExchangeEvent) => {
      seen.push(describeEvent(event));
      if (event.kind === "depth" && !reacted) {
        reacted = true; // a "market maker" hitting the new ask as soon as it appears
        t.exchange.placeOrder({ account: "b", symbol: "SOLUSDT", side: "BUY", type: "MARKET", quantity: "1" });
      }
    });
    t.exchange.placeOrder({
      account: "a",
      symbol: "SOLUSDT",
      side: "SELL",
      type: "LIMIT",
      price: "190",
      quantity: "1",
    });
    expect(seen.slice(0, 5)).toEqual([
      "order a NEW",
      "balance a SOL ENTRUST_PLACE free-1 locked+1",
      "depth ask 190=1",
      "order b NEW",
      "balance b USDT ENTRUST_PLACE free-190 locked+190",
    ]);
    expect(seen).toContain("order a FILLED last=1");
    expect(t.exchange.balances("a")).toEqual([
      { asset: "SOL", free: "9", locked: "0" },
      { asset: "USDT", free: "190", locked: "0" },
    ]);
  });

  it("a failing listener does not stop the others nor leave the call half done", () => {
    const t = testExchange();
    t.exchange.createAccount("a");
    const unsubscribe = t.exchange.onEvent(() => {
      throw new Error("listener bug");
    });
    expect(() => t.exchange.credit("a", "USDT", "5")).toThrow("listener bug");
    expect(t.take()).toHaveLength(1);
    expect(t.exchange.balances("a")).toEqual([{ asset: "USDT", free: "5", locked: "0" }]);
    unsubscribe();
    t.exchange.credit("a", "USDT", "5");
    expect(t.take()).toHaveLength(1);
  });

  it("on a fill the order push goes out before its deal, for maker and taker (item 11.26); switched off, the deal first", () => {
    const fillLines = (behaviours: { ordersBeforeDeals: boolean }) => {
      const t = testExchange({ behaviours });
      for (const account of ["a", "b"]) {
        t.exchange.createAccount(account);
        t.exchange.credit(account, "USDT", "1000");
        t.exchange.credit(account, "SOL", "10");
      }
      t.exchange.placeOrder({
        account: "a",
        symbol: "SOLUSDT",
        side: "SELL",
        type: "LIMIT",
        price: "190",
        quantity: "1",
      });
      t.take();
      t.exchange.placeOrder({
        account: "b",
        symbol: "SOLUSDT",
        side: "BUY",
        type: "LIMIT",
        price: "190",
        quantity: "1",
      });
      return t
        .take()
        .map(describeEvent)
        .filter((line) => line.startsWith("order") || line.startsWith("fill"));
    };
    expect(fillLines({ ordersBeforeDeals: true })).toEqual([
      "order b NEW",
      "order a FILLED last=1",
      "fill a SELL 1@190 fee=0 USDT",
      "order b FILLED last=1",
      "fill b BUY 1@190 fee=0.095 USDT",
    ]);
    expect(fillLines({ ordersBeforeDeals: false })).toEqual([
      "order b NEW",
      "fill a SELL 1@190 fee=0 USDT",
      "order a FILLED last=1",
      "fill b BUY 1@190 fee=0.095 USDT",
      "order b FILLED last=1",
    ]);
  });
});
