import { fixedDecimal, fmt } from "@mexc-live/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { fillEvent } from "../../../test/storeEvents.js";
import { type GatewayStore, openStore } from "../../store/index.js";
import { rebuildFigures } from "../figuresFromStore.js";
import { Figures, PriceBook } from "../index.js";
import { JournalKeeper, MAX_JOURNAL_INCREMENT } from "./journalKeeper.js";
import type { Trip } from "./roundTrips.js";

let store: GatewayStore;
afterEach(() => store?.close());

const T0 = Date.UTC(2025, 0, 1);
const VALUED = { feeValue: "0", feePairValue: "0", amountValue: null };

function setUp() {
  store = openStore({ path: ":memory:" });
  const book = new PriceBook();
  book.setMarkets([{ symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" }]);
  const figures = new Figures(book, "fifo");
  return { book, figures, keeper: new JournalKeeper(store, figures, book) };
}

/** A buy of 1 then a sell of 0.5 (`n`-th pair of fills, one second apart, an order each). */
function roundTrip(n: number, time: number) {
  const price = String(100 + (n % 7));
  return [
    fillEvent({
      tradeId: `b${n}`,
      orderId: `ob${n}`,
      side: "BUY",
      price,
      quantity: "1",
      amount: price,
      fee: "0",
      feeCurrency: "USDT",
      timestamp: time,
    }),
    fillEvent({
      tradeId: `s${n}`,
      orderId: `os${n}`,
      side: "SELL",
      price: "104",
      quantity: "0.5",
      amount: "52",
      fee: "0",
      feeCurrency: "USDT",
      timestamp: time + 1,
    }),
  ];
}

const realizedOf = (trips: readonly Trip[]) => trips.reduce((sum, trip) => sum + trip.realized, 0n);
const pnlRealized = (figures: Figures) => figures.pnl("fifo").find((item) => item.symbol === "BTCUSDT")?.realized;
const asDecimal = (scaled: bigint) => fmt(fixedDecimal(scaled));

describe("JournalKeeper", () => {
  it("takes in an older fill stored after a read (a backfill) by building the trips again", async () => {
    const { book, figures, keeper } = setUp();
    for (const fill of roundTrip(1, T0 + 10_000)) store.upsertFill(fill, VALUED);
    expect(await keeper.trips("fifo")).toHaveLength(1);
    // Bought earlier and cheaper: the FIFO sell now takes this lot.
    for (const fill of roundTrip(2, T0)) store.upsertFill(fill, VALUED);
    rebuildFigures(figures, store, book);
    const trips = await keeper.trips("fifo");
    expect(trips).toHaveLength(2);
    expect(asDecimal(realizedOf(trips))).toBe(pnlRealized(figures));
    expect(trips[0]?.openTime).toBe(T0);
  });

  it.each([MAX_JOURNAL_INCREMENT, MAX_JOURNAL_INCREMENT + 1])(
    "after %i or a few more new fills in one go, the trips still sum to PnL",
    async (count) => {
      const { book, figures, keeper } = setUp();
      for (const fill of roundTrip(0, T0)) store.upsertFill(fill, VALUED);
      expect(await keeper.trips("fifo")).toHaveLength(1);
      for (let n = 1; n <= Math.ceil(count / 2); n++)
        for (const fill of roundTrip(n, T0 + n * 10)) store.upsertFill(fill, VALUED);
      rebuildFigures(figures, store, book);
      const trips = await keeper.trips("fifo");
      expect(trips).toHaveLength(1 + Math.ceil(count / 2));
      expect(asDecimal(realizedOf(trips))).toBe(pnlRealized(figures));
    },
  );
});

describe("JournalKeeper's build", () => {
  it("gives the event loop a turn while it builds, and reads during a build wait for that one build", async () => {
    const { keeper } = setUp();
    for (let n = 0; n < 3_000; n++) for (const fill of roundTrip(n, T0 + n * 10)) store.upsertFill(fill, VALUED);
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    try {
      const [a, b] = await Promise.all([keeper.trips("fifo"), keeper.trips("fifo")]);
      expect(a).toHaveLength(3_000);
      expect(b).toBe(a);
    } finally {
      clearInterval(ticker);
    }
    expect(turns).toBeGreaterThan(0);
  });
});
