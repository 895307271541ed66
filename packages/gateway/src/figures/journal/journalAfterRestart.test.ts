import type { Fill } from "@mexc-live/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { minuteCandles } from "../../../test/candles.js";
import { testKeeper } from "../../../test/figuresKeeper.js";
import { fillEvent } from "../../../test/storeEvents.js";
import { type GatewayStore, openStore } from "../../store/index.js";
import { accountReads } from "../accountReads.js";
import { PriceBook, valueFill } from "../index.js";
import type { FiguresKeeper } from "../keeper.js";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const T0 = Date.UTC(2025, 0, 1);
/** The checkpoint a restart resumes from: the start of this day (the first keeper's last day). */
const CHECKPOINT_DAY = 55;
/** The range the panel asks first: from 06:00 of day 40 (its rows from day 40 on). */
const FROM = T0 + 40 * DAY + 6 * HOUR;

let store: GatewayStore | undefined;
afterEach(() => store?.close());

/**
 * 100 BTC bought at T0, then a sell order a day at a price that rises and falls, and orders whose
 * fills straddle days: A before the range and in it, B long before the range and after the
 * checkpoint, C in the range and after the checkpoint, D on the range's first day before `FROM`.
 */
function history(): {
  store: GatewayStore;
  book: PriceBook;
  sell: (order: string, time: number, client?: string) => void;
} {
  const opened = openStore({ path: ":memory:" });
  store = opened;
  const book = new PriceBook();
  book.setMarkets([{ symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" }]);
  book.update("BTCUSDT", "100", T0);
  let trade = 0;
  const put = (fill: Partial<Fill>) => {
    const event = fillEvent({ tradeId: `t${trade++}`, fee: "0", feeCurrency: "USDT", source: "rest", ...fill });
    opened.upsertFill(event, valueFill(event, book));
  };
  put({ orderId: "buy", side: "BUY", price: "100", quantity: "100", amount: "10000", timestamp: T0 });
  const sell = (orderId: string, time: number, clientOrderId = "") => {
    const price = String(90 + (Math.floor(time / DAY) % 23));
    put({
      orderId,
      clientOrderId,
      side: "SELL",
      price,
      quantity: "0.5",
      amount: String(Number(price) / 2),
      timestamp: time,
    });
  };
  for (let day = 1; day <= CHECKPOINT_DAY; day++) sell(`o${day}`, T0 + day * DAY + HOUR, day % 3 === 0 ? "bot-1" : "");
  sell("A", T0 + 20 * DAY + 5 * HOUR);
  sell("A", T0 + 45 * DAY + 5 * HOUR, "bot-2");
  sell("B", T0 + 10 * DAY + 5 * HOUR);
  sell("C", T0 + 50 * DAY + 5 * HOUR);
  sell("D", T0 + 30 * DAY + 5 * HOUR);
  sell("D", T0 + 40 * DAY + 2 * HOUR);
  return { store: opened, book, sell };
}

/** The journal's first screen as the panel asks it (JournalPanel.tsx): the summary and a page of trips, and the next page. */
async function firstScreen(keeper: FiguresKeeper, s: GatewayStore, book: PriceBook) {
  const reads = accountReads({ store: s, book, keeper });
  const range = { from: FROM, strategyPrefix: ["bot-1", "bot-2", "bot-3"] };
  const [summary, page] = await Promise.all([reads.journal(range), reads.journalTrips({ ...range, limit: 5 })]);
  const next = await reads.journalTrips({ ...range, limit: 5, cursor: page.nextCursor ?? undefined });
  const fifo = await reads.journalTrips({ ...range, limit: 100, method: "fifo" });
  return { summary, page, next, fifo };
}

describe("the journal after a restart", () => {
  it("answers a range from its rows since the range's day and the orders straddling it, without reading every trip back", async () => {
    const { store: s, book, sell } = history();
    const candles = minuteCandles({ BTCUSDT: () => "100" });
    const first = testKeeper(s, book, { candles, now: T0 + CHECKPOINT_DAY * DAY + 2 * HOUR });
    first.start();
    await first.ready();
    first.close();
    // After the checkpoint (the start of the first keeper's last day): B and C end, and a new order.
    sell("B", T0 + CHECKPOINT_DAY * DAY + 3 * HOUR, "bot-3");
    sell("C", T0 + CHECKPOINT_DAY * DAY + 4 * HOUR);
    sell("E", T0 + CHECKPOINT_DAY * DAY + 5 * HOUR);

    const now = T0 + CHECKPOINT_DAY * DAY + 6 * HOUR;
    const keeper = testKeeper(s, book, { candles, now });
    expect(keeper.load()).toBe("checkpoint");
    keeper.start();
    await keeper.ready();
    expect(keeper.stats().lastPassFrom).toBe(T0 + CHECKPOINT_DAY * DAY);
    expect(keeper.journal.readingBack).toBe(true);
    const partial = await firstScreen(keeper, s, book);
    // Answered without the trips of before the checkpoint read back (half a million at a million fills).
    expect(keeper.journal.readingBack).toBe(true);

    await keeper.journal.load();
    expect(keeper.journal.readingBack).toBe(false);
    const full = await firstScreen(keeper, s, book);
    keeper.close();
    expect(partial).toEqual(full);
    // The trips straddling the range's start and the checkpoint, whole: their two sells each.
    const trips = [...full.page.items, ...full.next.items, ...full.fifo.items];
    for (const order of [
      { closeTime: T0 + 45 * DAY + 5 * HOUR, openTime: T0, strategy: "bot-2" },
      { closeTime: T0 + CHECKPOINT_DAY * DAY + 3 * HOUR, openTime: T0, strategy: "bot-3" },
      { closeTime: T0 + CHECKPOINT_DAY * DAY + 4 * HOUR, openTime: T0, strategy: "manual" },
    ])
      expect(trips.find((trip) => trip.closeTime === order.closeTime)).toMatchObject({ ...order, quantity: "1" });
    // D closed on the range's first day before it: not in it. The trips closed from day 40 on, B and E.
    expect(full.fifo.items.map((trip) => trip.closeTime)).not.toContain(T0 + 40 * DAY + 2 * HOUR);
    expect(full.summary.stats.count).toBe(CHECKPOINT_DAY - 40 + 4);
    expect(full.fifo.total).toBe(full.summary.stats.count);
  });

  it("reads every trip back for a journal of all time", async () => {
    const { store: s, book } = history();
    const candles = minuteCandles({ BTCUSDT: () => "100" });
    const first = testKeeper(s, book, { candles, now: T0 + CHECKPOINT_DAY * DAY + 2 * HOUR });
    first.start();
    await first.ready();
    first.close();
    const keeper = testKeeper(s, book, { candles, now: T0 + CHECKPOINT_DAY * DAY + 3 * HOUR });
    expect(keeper.load()).toBe("checkpoint");
    keeper.start();
    await keeper.ready();
    expect(keeper.journal.readingBack).toBe(true);
    const all = await accountReads({ store: s, book, keeper }).journalTrips({ limit: 100 });
    expect(keeper.journal.readingBack).toBe(false);
    expect(all.total).toBe(CHECKPOINT_DAY + 4);
    keeper.close();
  });
});
