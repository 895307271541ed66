/**
 * A trading history for the journal's tests (http/journalRoutes.test.ts, redis/redisJournal.test.ts):
 * 120 orders of 1-3 fills on three pairs, buys and sells (some larger than held), fees in quote,
 * base and MX, with the clientOrderIds of a few strategies; 5000 USDT deposited the day before, 1000
 * withdrawn on the third day; four equity points. The same history for the same seed.
 */
import { DAY_MS, dec, HOUR_MS } from "@mexc-live/protocol";
import { rebuildFigures } from "../src/figures/figuresFromStore.js";
import { Figures, PriceBook, valueFill } from "../src/figures/index.js";
import { standaloneKeeper } from "../src/figures/keeper.js";
import { createFieldMask } from "../src/http/fieldMask.js";
import { storeQueries } from "../src/http/queries/storeQueries.js";
import { openStore } from "../src/store/index.js";
import { minuteCandles } from "./candles.js";
import { balanceEvent, fillEvent, transferEvent } from "./storeEvents.js";

export const T0 = Date.UTC(2025, 4, 5);
export const PAIRS = [
  { symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT", price: 100 },
  { symbol: "ETHUSDT", baseAsset: "ETH", quoteAsset: "USDT", price: 20 },
  { symbol: "ETHBTC", baseAsset: "ETH", quoteAsset: "BTC", price: 0.2 },
] as const;
const CLIENT_IDS = ["grid-1", "grid-2", "dca-7", "", "manualish"];

/** A seeded generator (mulberry32): the same history every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One account's history (`seed`), its figures, store and queries; `end` is its last fill's time. */
export function journalHistory(seed: number) {
  const store = openStore({ path: ":memory:" });
  const book = new PriceBook();
  book.setMarkets([...PAIRS, { symbol: "MXUSDT", baseAsset: "MX", quoteAsset: "USDT" }]);
  book.update("MXUSDT", "3");
  book.update("BTCUSDT", "100");
  const next = random(seed);
  let time = T0;
  let trade = 0;
  for (let order = 0; order < 120; order++) {
    const pair = PAIRS[Math.floor(next() * PAIRS.length)] as (typeof PAIRS)[number];
    const side = next() < 0.55 ? "BUY" : "SELL";
    const clientOrderId = CLIENT_IDS[Math.floor(next() * CLIENT_IDS.length)] as string;
    const fills = 1 + Math.floor(next() * 3);
    for (let f = 0; f < fills; f++) {
      time += Math.floor(next() * 6 * HOUR_MS);
      const price = (pair.price * (0.8 + next() * 0.4)).toFixed(pair.price < 1 ? 5 : 2);
      const quantity = (0.1 + next() * 2).toFixed(3);
      const amount = dec(price).times(quantity).toFixed();
      const feeKind = next();
      const [fee, feeCurrency] =
        feeKind < 0.4
          ? [dec(amount).times("0.001").toFixed(), pair.quoteAsset]
          : feeKind < 0.7
            ? [dec(quantity).times("0.001").toFixed(), pair.baseAsset]
            : ["0.01", "MX"];
      const fill = fillEvent({
        symbol: pair.symbol,
        tradeId: `t${String(++trade).padStart(5, "0")}`,
        orderId: `o${order}`,
        clientOrderId,
        side,
        price,
        quantity,
        amount,
        fee,
        feeCurrency,
        timestamp: time,
      });
      book.update(pair.symbol, price);
      store.upsertFill(fill, valueFill(fill, book));
    }
  }
  store.upsertTransfer(transferEvent({ id: "dep", amount: "5000", time: T0 - DAY_MS }));
  store.applyBalance(balanceEvent({ asset: "USDT", free: "5000", source: "rest", timestamp: time + HOUR_MS }));
  const figures = new Figures(book, "avg");
  rebuildFigures(figures, store, book);
  // 1000 withdrawn on the third day: the PnL curve (equity - net flows) is 0, 100, -100, 50.
  store.upsertTransfer(
    transferEvent({ id: "wd", type: "withdrawal", direction: "out", amount: "1000", time: T0 + 2.5 * DAY_MS }),
  );
  for (const [day, equity] of [
    [1, "5000"],
    [2, "5100"],
    [3, "3900"],
    [4, "4050"],
  ] as const)
    store.addEquitySnapshot({ time: T0 + day * DAY_MS, equity, byAsset: { USDT: equity } });
  const candles = minuteCandles({ BTCUSDT: () => "100", ETHUSDT: () => "20", ETHBTC: () => "0.2", MXUSDT: () => "3" });
  const keeper = standaloneKeeper(store, book, "avg", candles);
  const queries = storeQueries(store, keeper, book, createFieldMask([]));
  return { figures, store, queries, book, end: time };
}

/**
 * A history small enough to work out by hand: 1 BTC and 1000 USDT deposited at T0 (BTC's candles
 * at 100 all along), 1 BTC bought at 100 and 0.5 sold at 120, 100 USDT withdrawn; BTC at 150 now.
 * The balances match, so nothing was held before. Over it all: equity now 1.5 x 150 + 860 = 1085,
 * net flows 100 + 1000 - 100 = 1000, pnl 85; held still, 1 BTC and 900 USDT: 1050, holdingPnl 50;
 * in BTC, 1 + 10 - 1 = 10 BTC: 1500, benchmarkPnl 500.
 */
export function smallJournalHistory() {
  const store = openStore({ path: ":memory:" });
  const book = new PriceBook();
  book.setMarkets([{ symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" }]);
  store.upsertTransfer(transferEvent({ id: "d-btc", asset: "BTC", amount: "1", time: T0 }));
  store.upsertTransfer(transferEvent({ id: "d-usdt", asset: "USDT", amount: "1000", time: T0 }));
  const trade = (tradeId: string, side: "BUY" | "SELL", price: string, quantity: string, hours: number) => {
    const amount = dec(price).times(quantity).toFixed();
    const fill = fillEvent({
      symbol: "BTCUSDT",
      tradeId,
      orderId: `o-${tradeId}`,
      side,
      price,
      quantity,
      amount,
      fee: "0",
      feeCurrency: "USDT",
      timestamp: T0 + hours * HOUR_MS,
    });
    store.upsertFill(fill, valueFill(fill, book));
  };
  trade("b1", "BUY", "100", "1", 1);
  trade("s1", "SELL", "120", "0.5", 2);
  store.upsertTransfer(
    transferEvent({ id: "w-usdt", type: "withdrawal", direction: "out", amount: "100", time: T0 + 3 * HOUR_MS }),
  );
  for (const [asset, free] of [
    ["BTC", "1.5"],
    ["USDT", "860"],
  ] as const)
    store.applyBalance(balanceEvent({ asset, free, source: "rest", timestamp: T0 + 4 * HOUR_MS }));
  book.update("BTCUSDT", "150");
  const keeper = standaloneKeeper(store, book, "avg", minuteCandles({ BTCUSDT: () => "100" }));
  const queries = storeQueries(store, keeper, book, createFieldMask([]));
  return { store, queries, keeper };
}
