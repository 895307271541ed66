import type { TransferItem } from "@mexc-live/contract";
import { dec } from "@mexc-live/protocol";
import { describe, expect, it } from "vitest";
import { equityHistory } from "./equityHistory.js";
import { PriceBook } from "./priceBook.js";

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 5, 1);

describe("equity for the days before the gateway ran", () => {
  it("walks today's balances back through fills and deposits, at the prices traded then", () => {
    const markets = new PriceBook();
    markets.setMarkets([{ symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" }]);
    // Day 0: 1000 USDT deposited. Day 1: bought 0.01 BTC for 500 (fee 0.5 USDT). Today: 499.5 USDT, 0.01 BTC.
    const deposit: TransferItem = {
      id: "d",
      type: "deposit",
      direction: "in",
      asset: "USDT",
      amount: "1000",
      fee: "0",
      network: "",
      status: "completed",
      rawStatus: "5",
      txId: "",
      time: T0 + 3_600_000,
      updateTime: T0 + 3_600_000,
      source: "rest",
    };
    const points = equityHistory({
      balances: [
        { asset: "USDT", free: "499.5", locked: "0" },
        { asset: "BTC", free: "0.01", locked: "0" },
      ],
      fillsNewestFirst: [
        {
          symbol: "BTCUSDT",
          side: "BUY",
          quantity: "0.01",
          amount: "500",
          fee: "0.5",
          feeCurrency: "USDT",
          time: T0 + DAY + 1_000,
        },
      ],
      transfers: [deposit],
      markets,
      from: T0,
      until: T0 + 3 * DAY + 5_000,
      priceAt: (asset, time) => (asset === "USDT" ? dec("1") : time < T0 + 2 * DAY ? dec("50000") : dec("60000")),
    });
    expect(points.map((p) => [p.time, p.equity, p.byAsset, p.estimated])).toEqual([
      [T0 + DAY - 1, "1000", { USDT: "1000" }, true],
      [T0 + 2 * DAY - 1, "999.5", { USDT: "499.5", BTC: "500" }, true],
      [T0 + 3 * DAY - 1, "1099.5", { USDT: "499.5", BTC: "600" }, true],
    ]);
  });
});
