/**
 * Holding time per pair (GET /api/journal/holding-times) against round trips worked out by hand:
 * fills stored, the one keeper's journal reading them, the API table's read answering.
 */
import { DAY_MS, HOUR_MS } from "@mexc-live/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { minuteCandles } from "../../../test/candles.js";
import { balanceEvent, fillEvent } from "../../../test/storeEvents.js";
import { createFieldMask } from "../../http/fieldMask.js";
import { askRead } from "../../http/queries/gatewayQueries.js";
import { storeQueries } from "../../http/queries/storeQueries.js";
import { type GatewayStore, openStore } from "../../store/index.js";
import { valueFill } from "../fees.js";
import { type FiguresKeeper, standaloneKeeper } from "../keeper.js";
import { PriceBook } from "../priceBook.js";

const T0 = Date.UTC(2026, 2, 2);
let store: GatewayStore | undefined;
let keeper: FiguresKeeper | undefined;
afterEach(() => {
  // The keeper first: its balance checks read the store.
  keeper?.close();
  store?.close();
  store = undefined;
  keeper = undefined;
});

/**
 * BTCUSDT: 1 bought at T0 and 1 at T0+2d; order s1 sells 1 at T0+3d (the first lot: 3 days) and
 * 0.5 at T0+3.5d (half the second: 1.5 days), so 1 x 3 + 0.5 x 1.5 = 3.75 days over 1.5 = 2.5
 * days; order s2 sells the last 0.5 at T0+5d (3 days). Average (2.5 + 3) / 2 = 2.75, median 2.75.
 * ETHUSDT: 2 bought at T0, sold 1 after a day, 0.5 after 2 days and 0.5 after 6: 1, 2 and 6 days,
 * average 3, median 2. XRPUSDT: 10 held from before the history (the balance says 6 after 4 sold),
 * 4 sold at T0+1d: one trip, its units' purchase unknown, not measured.
 */
function history() {
  store = openStore({ path: ":memory:" });
  const book = new PriceBook();
  book.setMarkets([
    { symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" },
    { symbol: "ETHUSDT", baseAsset: "ETH", quoteAsset: "USDT" },
    { symbol: "XRPUSDT", baseAsset: "XRP", quoteAsset: "USDT" },
  ]);
  let trade = 0;
  const fill = (symbol: string, orderId: string, side: "BUY" | "SELL", quantity: string, time: number) => {
    const event = fillEvent({
      symbol,
      tradeId: `t${++trade}`,
      orderId,
      side,
      price: "10",
      quantity,
      amount: String(Number(quantity) * 10),
      fee: "0",
      feeCurrency: "USDT",
      timestamp: time,
    });
    book.update(symbol, "10");
    (store as GatewayStore).upsertFill(event, valueFill(event, book));
  };
  fill("BTCUSDT", "b1", "BUY", "1", T0);
  fill("ETHUSDT", "e1", "BUY", "2", T0 + HOUR_MS);
  fill("XRPUSDT", "x1", "SELL", "4", T0 + DAY_MS);
  fill("ETHUSDT", "e2", "SELL", "1", T0 + HOUR_MS + DAY_MS);
  fill("BTCUSDT", "b2", "BUY", "1", T0 + 2 * DAY_MS);
  fill("ETHUSDT", "e3", "SELL", "0.5", T0 + HOUR_MS + 2 * DAY_MS);
  fill("BTCUSDT", "s1", "SELL", "1", T0 + 3 * DAY_MS);
  fill("BTCUSDT", "s1", "SELL", "0.5", T0 + 3.5 * DAY_MS);
  fill("BTCUSDT", "s2", "SELL", "0.5", T0 + 5 * DAY_MS);
  fill("ETHUSDT", "e4", "SELL", "0.5", T0 + HOUR_MS + 6 * DAY_MS);
  const balance = (asset: string, free: string) =>
    (store as GatewayStore).applyBalance(balanceEvent({ asset, free, source: "rest", timestamp: T0 + 7 * DAY_MS }));
  balance("XRP", "6");
  balance("USDT", "1000");
  // Candles price the units held before the history (their opening cost): all at 10.
  const candles = minuteCandles({ BTCUSDT: () => "10", ETHUSDT: () => "10", XRPUSDT: () => "10" });
  keeper = standaloneKeeper(store, book, "avg", candles);
  return storeQueries(store, keeper, book, createFieldMask([]));
}

describe("holding time per pair", () => {
  it("each pair's trips, those measured, and their mean and median days, as worked out by hand", async () => {
    const queries = history();
    expect(await askRead(queries, "holdingTimes", {})).toEqual([
      { symbol: "BTCUSDT", trips: 2, measured: 2, averageDays: "2.75", medianDays: "2.75" },
      { symbol: "ETHUSDT", trips: 3, measured: 3, averageDays: "3", medianDays: "2" },
      { symbol: "XRPUSDT", trips: 1, measured: 0, averageDays: null, medianDays: null },
    ]);
  });

  it("the trips closed in the range only (a date alone is midnight in tz), and one pair when asked", async () => {
    const queries = history();
    const from = T0 + 4 * DAY_MS;
    expect(await askRead(queries, "holdingTimes", { from })).toEqual([
      { symbol: "BTCUSDT", trips: 1, measured: 1, averageDays: "3", medianDays: "3" },
      { symbol: "ETHUSDT", trips: 1, measured: 1, averageDays: "6", medianDays: "6" },
    ]);
    // 2026-03-05 in Tokyo starts at 15:00 UTC on the 4th: the ETH trip of T0+2d+1h is out, s1 in.
    expect(await askRead(queries, "holdingTimes", { from: "2026-03-04", to: "2026-03-05", tz: "Asia/Tokyo" })).toEqual([
      { symbol: "ETHUSDT", trips: 1, measured: 1, averageDays: "2", medianDays: "2" },
    ]);
    expect(await askRead(queries, "holdingTimes", { symbol: "ETHUSDT" })).toEqual([
      { symbol: "ETHUSDT", trips: 3, measured: 3, averageDays: "3", medianDays: "2" },
    ]);
  });
});
