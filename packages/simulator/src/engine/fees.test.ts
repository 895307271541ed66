import { describe, expect, it } from "vitest";
import { describeEvent, testExchange } from "../../test/testExchange.js";
import { FEE_ACCOUNT } from "./exchange.js";

/** Sets a symbol's last price with a trade between two throwaway accounts. */
function tradeAt(t: ReturnType<typeof testExchange>, symbol: string, base: string, quote: string, price: string) {
  t.exchange.createAccount("priceSetter");
  t.exchange.credit("priceSetter", base, "1000");
  t.exchange.credit("priceSetter", quote, "1000000");
  const quantity = "1";
  t.exchange.placeOrder({ account: "priceSetter", symbol, side: "SELL", type: "LIMIT", price, quantity });
  t.exchange.placeOrder({ account: "priceSetter", symbol, side: "BUY", type: "LIMIT", price, quantity });
}

function setup() {
  const t = testExchange();
  t.exchange.createAccount("maker");
  t.exchange.createAccount("taker");
  t.exchange.createAccount("mxTaker", { mxFeeDeduction: true });
  for (const account of ["maker", "taker", "mxTaker"]) {
    t.exchange.credit(account, "USDT", "100000");
    t.exchange.credit(account, "BTC", "1");
    t.exchange.credit(account, "ETH", "10");
  }
  t.exchange.credit("mxTaker", "MX", "100");
  return t;
}

describe("trading fees", () => {
  it("charge the taker rate in the asset received: base for a buyer, quote for a seller", () => {
    const t = setup();
    t.exchange.placeOrder({
      account: "maker",
      symbol: "BTCUSDT",
      side: "SELL",
      type: "LIMIT",
      price: "97000",
      quantity: "0.2",
    });
    t.exchange.placeOrder({
      account: "taker",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      price: "97000",
      quantity: "0.2",
    });
    expect(t.exchange.myTrades("taker", "BTCUSDT")[0]).toMatchObject({ commission: "0.0001", commissionAsset: "BTC" });
    expect(t.exchange.myTrades("maker", "BTCUSDT")[0]).toMatchObject({ commission: "0", commissionAsset: "USDT" });

    t.exchange.placeOrder({
      account: "maker",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      price: "96000",
      quantity: "0.1",
    });
    t.exchange.placeOrder({ account: "taker", symbol: "BTCUSDT", side: "SELL", type: "MARKET", quantity: "0.1" });
    expect(t.exchange.myTrades("taker", "BTCUSDT")[1]).toMatchObject({ commission: "4.8", commissionAsset: "USDT" });
    expect(t.exchange.balances("taker")).toContainEqual({ asset: "USDT", free: "90195.2", locked: "0" });
    expect(t.exchange.balances(FEE_ACCOUNT)).toEqual([
      { asset: "BTC", free: "0.0001", locked: "0" },
      { asset: "USDT", free: "4.8", locked: "0" },
    ]);
  });

  it("charge the maker rate where the symbol has one (ETHBTC maker 0.02%)", () => {
    const t = setup();
    t.exchange.placeOrder({
      account: "maker",
      symbol: "ETHBTC",
      side: "BUY",
      type: "LIMIT",
      price: "0.035",
      quantity: "2",
    });
    t.exchange.placeOrder({
      account: "taker",
      symbol: "ETHBTC",
      side: "SELL",
      type: "LIMIT",
      price: "0.035",
      quantity: "2",
    });
    expect(t.exchange.myTrades("maker", "ETHBTC")[0]).toMatchObject({ commission: "0.0004", commissionAsset: "ETH" });
    expect(t.exchange.myTrades("taker", "ETHBTC")[0]).toMatchObject({ commission: "0.000035", commissionAsset: "BTC" });
  });

  it("are paid in MX at 80% for an mxFeeDeduction account, as a separate TRADE_FEE change", () => {
    const t = setup();
    tradeAt(t, "MXUSDT", "MX", "USDT", "4");
    t.exchange.placeOrder({
      account: "maker",
      symbol: "BTCUSDT",
      side: "SELL",
      type: "LIMIT",
      price: "97000",
      quantity: "0.2",
    });
    t.take();
    t.exchange.placeOrder({
      account: "mxTaker",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      price: "97000",
      quantity: "0.2",
    });
    const lines = t.take().map(describeEvent);
    // 0.2 * 97000 = 19400 USDT; * 0.0005 * 0.8 = 7.76 USDT; / 4 = 1.94 MX
    expect(lines.slice(-6)).toEqual([
      "fill mxTaker BUY 0.2@97000 fee=1.94 MX",
      "order mxTaker FILLED last=0.2",
      "balance mxTaker USDT ENTRUST free+0 locked-19400",
      "balance mxTaker BTC ENTRUST free+0.2 locked+0",
      "balance mxTaker MX TRADE_FEE free-1.94 locked+0",
      `balance ${FEE_ACCOUNT} MX TRADE_FEE free+1.94 locked+0`,
    ]);
    expect(t.exchange.balances("mxTaker")).toContainEqual({ asset: "MX", free: "98.06", locked: "0" });
  });

  it("convert a non-USDT quote through its USDT pair before pricing the fee in MX", () => {
    const t = setup();
    tradeAt(t, "MXUSDT", "MX", "USDT", "4");
    tradeAt(t, "BTCUSDT", "BTC", "USDT", "100000");
    t.exchange.placeOrder({
      account: "maker",
      symbol: "ETHBTC",
      side: "SELL",
      type: "LIMIT",
      price: "0.035",
      quantity: "1",
    });
    t.exchange.placeOrder({
      account: "mxTaker",
      symbol: "ETHBTC",
      side: "BUY",
      type: "LIMIT",
      price: "0.035",
      quantity: "1",
    });
    // 0.035 BTC = 3500 USDT; * 0.0005 * 0.8 / 4 = 0.35 MX
    expect(t.exchange.myTrades("mxTaker", "ETHBTC")[0]).toMatchObject({ commission: "0.35", commissionAsset: "MX" });
  });

  it("fall back to the received asset when the account lacks the MX", () => {
    const t = setup();
    tradeAt(t, "MXUSDT", "MX", "USDT", "4");
    t.exchange.credit("mxTaker", "MX", "-99", "WITHDRAW");
    t.exchange.placeOrder({
      account: "maker",
      symbol: "BTCUSDT",
      side: "SELL",
      type: "LIMIT",
      price: "97000",
      quantity: "0.2",
    });
    t.exchange.placeOrder({
      account: "mxTaker",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      price: "97000",
      quantity: "0.2",
    });
    expect(t.exchange.myTrades("mxTaker", "BTCUSDT")[0]).toMatchObject({
      commission: "0.0001",
      commissionAsset: "BTC",
    });
    expect(t.exchange.balances("mxTaker")).toContainEqual({ asset: "MX", free: "1", locked: "0" });
  });
});
