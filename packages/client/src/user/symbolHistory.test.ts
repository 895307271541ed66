import type { RestTrade } from "@mexc-live/protocol/rest";
import { describe, expect, it } from "vitest";
import type { Logger } from "../redact.js";
import type { RestEndpoints } from "../rest/endpoints.js";
import { ExecutionRecord } from "./executionRecord.js";
import { fetchSymbolHistory } from "./symbolHistory.js";

const silent = { info() {}, warn() {}, debug() {}, error() {} } as unknown as Logger;

function trade(id: string, time: number): RestTrade {
  return {
    symbol: "BTCUSDT",
    id,
    orderId: `order-${id}`,
    price: "100",
    qty: "1",
    quoteQty: "100",
    commission: "0.1",
    commissionAsset: "USDT",
    time,
    isBuyer: true,
    isMaker: false,
    clientOrderId: null,
  };
}

describe("fetchSymbolHistory's watermark", () => {
  it("is the newest trade time MEXC could have sent: a time of 2^53-1 (refused as a fill) never becomes the next startTime", async () => {
    const now = Date.now();
    const asked: { startTime?: number; endTime?: number }[] = [];
    const endpoints = {
      myTrades: async (_symbol: string, range: { startTime?: number; endTime?: number }) => {
        asked.push(range);
        return [trade("real", now - 2_000), trade("bad-future", 2 ** 53 - 1), trade("bad-past", -1)];
      },
    } as unknown as RestEndpoints;
    const history = await fetchSymbolHistory({
      endpoints,
      record: new ExecutionRecord(),
      logger: silent,
      symbol: "BTCUSDT",
      tradesFrom: now - 60_000,
      ordersFrom: undefined,
      to: now,
      open: [],
    });
    expect(asked.length).toBeGreaterThan(0);
    // The real fill's time: the next reconciliation asks from there, before `to`, and MEXC answers.
    expect(history.watermark).toBe(now - 2_000);
  });
});
