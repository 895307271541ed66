import { fixedDecimal, fmt } from "@mexc-live/protocol";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { fillEvent } from "../../../test/storeEvents.js";
import { type GatewayStore, openStore } from "../../store/index.js";
import { rebuildFigures } from "../figuresFromStore.js";
import { Figures, PriceBook } from "../index.js";
import { byCloseTime, JournalKeeper, MAX_JOURNAL_INCREMENT, SAVE_EVERY_MS, TRIPS_PER_CHUNK } from "./journalKeeper.js";
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

/** Every fill the keepers read from the store, and whether each walk started after a checkpoint's last fill. */
function countReads() {
  const reads = { fills: 0, walks: [] as ("first fill" | "after checkpoint")[] };
  const read = store.journalFills.bind(store);
  store.journalFills = function* (upToRow, after) {
    reads.walks.push(after === undefined ? "first fill" : "after checkpoint");
    for (const fill of read(upToRow, after)) {
      reads.fills++;
      yield fill;
    }
  };
  return reads;
}

/** The trips as the API would show them: every field, amounts as decimals. */
const shown = (trips: readonly Trip[]) =>
  trips.map((trip) => ({
    symbol: trip.symbol,
    orderId: trip.orderId,
    clientOrderId: trip.clientOrderId,
    openTime: trip.openTime,
    closeTime: trip.closeTime,
    quantity: String(trip.quantity),
    cost: String(trip.cost),
    proceeds: String(trip.proceeds),
    realized: String(trip.realized),
    fees: String(trip.fees),
    amount: String(trip.amount),
    amountValue: String(trip.amountValue),
  }));

/** The trips a keeper with no checkpoint to read (a first start) builds from every fill. */
async function fromEveryFill(book: PriceBook, figures: Figures) {
  const saved = store.journal.get("fifo");
  store.journal.clear("fifo");
  const trips = await new JournalKeeper(store, figures, book).trips("fifo");
  expect(saved).toBeDefined();
  return trips;
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

describe("JournalKeeper's checkpoint", () => {
  it("a restart reads the trips back, reading no fill again, the same to the last digit", async () => {
    const { book, figures, keeper } = setUp();
    for (let n = 0; n < 50; n++) for (const fill of roundTrip(n, T0 + n * 10)) store.upsertFill(fill, VALUED);
    const before = await keeper.trips("fifo");
    await keeper.settled();
    const reads = countReads();
    const after = await new JournalKeeper(store, figures, book).trips("fifo");
    expect(reads).toEqual({ fills: 0, walks: ["after checkpoint"] });
    expect(after).toHaveLength(50);
    expect(shown(after)).toEqual(shown(before));
  });

  it("fills stored after the checkpoint are applied to it, a later fill of an order joining the trip read back", async () => {
    const { book, figures, keeper } = setUp();
    for (let n = 0; n < 20; n++) for (const fill of roundTrip(n, T0 + n * 10)) store.upsertFill(fill, VALUED);
    await keeper.trips("fifo");
    await keeper.settled();
    // The sell order of the last round trip fills once more, then two more round trips.
    const again = fillEvent({
      tradeId: "s19-2",
      orderId: "os19",
      side: "SELL",
      price: "105",
      quantity: "0.25",
      amount: "26.25",
      fee: "0",
      feeCurrency: "USDT",
      timestamp: T0 + 500,
    });
    store.upsertFill(again, VALUED);
    for (let n = 20; n < 22; n++) for (const fill of roundTrip(n, T0 + 1_000 + n * 10)) store.upsertFill(fill, VALUED);
    rebuildFigures(figures, store, book);
    const reads = countReads();
    const restarted = await new JournalKeeper(store, figures, book).trips("fifo");
    expect(reads).toEqual({ fills: 5, walks: ["after checkpoint"] });
    expect(restarted).toHaveLength(22);
    expect(restarted.find((trip) => trip.orderId === "os19")?.quantity).toBe(750_000_000_000_000_000n);
    expect(asDecimal(realizedOf(restarted))).toBe(pnlRealized(figures));
    expect(shown(restarted)).toEqual(shown(await fromEveryFill(book, figures)));
  });

  it("an older fill stored since the checkpoint (a backfill) has the trips built from the first fill", async () => {
    const { book, figures, keeper } = setUp();
    for (const fill of roundTrip(1, T0 + 10_000)) store.upsertFill(fill, VALUED);
    await keeper.trips("fifo");
    await keeper.settled();
    for (const fill of roundTrip(2, T0)) store.upsertFill(fill, VALUED);
    rebuildFigures(figures, store, book);
    const reads = countReads();
    const trips = await new JournalKeeper(store, figures, book).trips("fifo");
    expect(reads.walks).toEqual(["first fill"]);
    expect(trips).toHaveLength(2);
    expect(asDecimal(realizedOf(trips))).toBe(pnlRealized(figures));
  });

  it("fills deleted by retention: the kept trips are built again, and a restart does not read back a checkpoint holding them", async () => {
    const { book, figures } = setUp();
    store.close();
    store = openStore({ path: ":memory:", retention: { fillsDays: 1 } });
    const keeper = new JournalKeeper(store, figures, book);
    const DAY = 86_400_000;
    for (let n = 0; n < 6; n++) for (const fill of roundTrip(n, T0 + n * DAY)) store.upsertFill(fill, VALUED);
    expect(await keeper.trips("fifo")).toHaveLength(6);
    await keeper.settled(); // the checkpoint holds all 6
    expect((await store.applyRetention(T0 + 4.5 * DAY)).fills).toBe(8); // the first four days' fills
    rebuildFigures(figures, store, book);
    // A restart builds them from the first fill: the checkpoint holds fills the store no longer does.
    const reads = countReads();
    const restarted = await new JournalKeeper(store, figures, book).trips("fifo");
    expect(reads.walks).toEqual(["first fill"]);
    expect(restarted).toHaveLength(2);
    expect(asDecimal(realizedOf(restarted))).toBe(pnlRealized(figures));
    // The running keeper does too.
    expect(shown(await keeper.trips("fifo"))).toEqual(shown(restarted));
  });

  it("a fill valued at the prices of its time after a read: the trips are built again, and no checkpoint holds the old value", async () => {
    const { keeper } = setUp();
    const [buy, sell] = roundTrip(1, T0);
    store.upsertFill(buy as ReturnType<typeof fillEvent>, VALUED);
    store.upsertFill(sell as ReturnType<typeof fillEvent>); // arrived late: to be valued at its time
    expect((await keeper.trips("fifo"))[0]?.amountValue).toBeNull();
    await keeper.settled();
    expect(store.journal.get("fifo")).toBeUndefined();
    store.setValuations([
      { tradeId: "s1", time: T0 + 1, valuation: { feeValue: "0", feePairValue: "0", amountValue: "52" } },
    ]);
    expect((await keeper.trips("fifo"))[0]?.amountValue).toBe(52_000_000_000_000_000_000n);
    await keeper.settled();
    expect(store.journal.get("fifo")?.fills).toBe(2);
  });

  it("keeps the trips in chunks, and a save after a new trip writes the last chunk alone", async () => {
    let now = 0;
    const { book, figures } = setUp();
    const keeper = new JournalKeeper(store, figures, book, () => now);
    const trips = TRIPS_PER_CHUNK + 10;
    for (let n = 0; n < trips; n++) for (const fill of roundTrip(n, T0 + n * 10)) store.upsertFill(fill, VALUED);
    await keeper.trips("fifo");
    await keeper.settled();
    const first = store.journal.get("fifo")?.chunks;
    expect(first).toHaveLength(2);
    for (const fill of roundTrip(trips, T0 + trips * 10)) store.upsertFill(fill, VALUED);
    await keeper.trips("fifo");
    await keeper.settled();
    expect(store.journal.get("fifo")?.chunks).toEqual(first); // not due yet
    now += SAVE_EVERY_MS;
    await keeper.trips("fifo");
    await keeper.settled();
    const second = store.journal.get("fifo")?.chunks;
    expect(second?.[0]).toBe(first?.[0]);
    expect(second?.[1]).toBeGreaterThan(first?.[1] as number);
    const reads = countReads();
    expect(await new JournalKeeper(store, figures, book).trips("fifo")).toHaveLength(trips + 1);
    expect(reads.fills).toBe(0);
  });

  it("builds one after another (a backfill's) write the checkpoint once a minute, not at each build", async () => {
    let now = 0;
    const { book, figures } = setUp();
    const keeper = new JournalKeeper(store, figures, book, () => now);
    for (const fill of roundTrip(1, T0 + 10_000)) store.upsertFill(fill, VALUED);
    await keeper.trips("fifo");
    await keeper.settled();
    expect(store.journal.get("fifo")?.fills).toBe(2);
    for (const fill of roundTrip(2, T0)) store.upsertFill(fill, VALUED); // older: built again
    expect(await keeper.trips("fifo")).toHaveLength(2);
    await keeper.settled();
    expect(store.journal.get("fifo")?.fills).toBe(2);
    now += SAVE_EVERY_MS;
    await keeper.trips("fifo");
    await keeper.settled();
    expect(store.journal.get("fifo")?.fills).toBe(4);
  });

  it("a checkpoint that does not read as written (a chunk cut short, a damaged state) is built again from the first fill", async () => {
    const { book, figures, keeper } = setUp();
    for (let n = 0; n < 30; n++) for (const fill of roundTrip(n, T0 + n * 10)) store.upsertFill(fill, VALUED);
    const before = shown(await keeper.trips("fifo"));
    await keeper.settled();
    const saved = store.journal.get("fifo");
    const generation = saved?.chunks[0] as number;
    const lines = store.journal.chunk("fifo", 0, generation) as string;
    for (const damage of [
      () => store.journal.putChunk("fifo", 0, generation, lines.split("\n").slice(1).join("\n")),
      () => store.journal.putChunk("fifo", 0, generation, `x${lines}`),
      () => store.journal.put("fifo", { ...(saved as NonNullable<typeof saved>), state: "{" }),
    ]) {
      damage();
      const reads = countReads();
      expect(shown(await new JournalKeeper(store, figures, book).trips("fifo"))).toEqual(before);
      expect(reads.walks).toEqual(["first fill"]);
      store.journal.put("fifo", saved as NonNullable<typeof saved>, [{ chunk: 0, generation, lines }]);
    }
  });
});

describe("byCloseTime", () => {
  it("orders trips as a stable sort by close time does, whatever their order", () => {
    const trip = (closeTime: number, n: number) => ({ closeTime, n }) as unknown as Trip;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 200 }), (closes) => {
        const trips = closes.map(trip);
        const expected = [...trips].sort((a, b) => a.closeTime - b.closeTime);
        expect(byCloseTime(trips)).toEqual(expected);
        // Nearly in order (a few closes moved on), as the model keeps them.
        const near = [...expected].map((t, i) => (i % 17 === 3 ? trip(t.closeTime + 25, i) : t));
        expect(byCloseTime(near)).toEqual([...near].sort((a, b) => a.closeTime - b.closeTime));
      }),
      { numRuns: 500 },
    );
  });
});
