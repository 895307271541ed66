import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DAY_MS, fixedText, HOUR_MS } from "@mexc-live/protocol";
import type Database from "better-sqlite3";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { minuteCandles } from "../../../test/candles.js";
import { balanceEvent, fillEvent, transferEvent } from "../../../test/storeEvents.js";
import { type GatewayStore, openStore } from "../../store/index.js";
import { PastPrices } from "../pastPrices.js";
import { PriceBook } from "../priceBook.js";
import type { AssetTotals } from "./portfolio.js";
import { checkpointDue, MAX_KEPT_READINGS, PortfolioModel } from "./portfolioModel.js";
import { totalsOfText, totalsText } from "./totalsText.js";

const T0 = Date.UTC(2026, 9, 1, 9);
/** A total as the API writes it. */
const text = (value: bigint | undefined) => (value === undefined ? undefined : fixedText(value));

function setUp(path = ":memory:", logger = pino({ level: "silent" }), readAheadFrom?: number) {
  const store = openStore({ path });
  const book = new PriceBook();
  book.setMarkets([{ symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" }]);
  const prices = new PastPrices({
    quote: "USDT",
    markets: book,
    candles: minuteCandles({ BTCUSDT: (time) => String(60_000 + (Math.floor(time / DAY_MS) % 7) * 100) }),
    now: () => T0 + 30 * DAY_MS,
  });
  let now = T0 + 4 * DAY_MS + 12 * HOUR_MS;
  const sync = () => new PortfolioModel({ store, prices, book, logger, now: () => now, readAheadFrom });
  return { store, sync, setNow: (time: number) => (now = time) };
}

/** A buy and a sell of 0.1 BTC on `day`, 100 higher than the day before, 0.01 USDT fee each. */
function tradeDay(store: GatewayStore, day: number): void {
  for (const [side, hour] of [
    ["BUY", 1],
    ["SELL", 5],
  ] as const) {
    const time = T0 + day * DAY_MS + hour * HOUR_MS;
    store.upsertFill(
      fillEvent({
        tradeId: `${day}-${side}`,
        side,
        price: String(60_000 + day * 100),
        quantity: "0.1",
        amount: String((60_000 + day * 100) / 10),
        fee: "0.01",
        feeCurrency: "USDT",
        timestamp: time,
        localTimestamp: time,
      }),
      "0.01",
    );
  }
}

/** 100 000 USDT deposited the day before T0, then `days` of trading (tradeDay). */
function depositAndTrade(store: GatewayStore, days: readonly number[]): void {
  store.upsertTransfer(transferEvent({ id: "d", amount: "100000", time: T0 - DAY_MS }));
  for (const day of days) tradeDay(store, day);
}

/** `sync` started and caught up with everything its store holds. */
async function started(sync: PortfolioModel): Promise<PortfolioModel> {
  sync.start();
  await sync.ready();
  return sync;
}

/** The USDT balance after a 100 000 deposit and `days` days of trading. */
function balance(store: GatewayStore, days: number, at: number): void {
  store.applyBalance(
    balanceEvent({ asset: "USDT", free: String(100_000 - days * 0.02), source: "rest", timestamp: at }),
  );
}

/** Three days of trading, the portfolio started on them; day 1's start and a day after them all (UTC). */
async function threeDaysStarted() {
  const { store, sync } = setUp();
  depositAndTrade(store, [0, 1, 2]);
  balance(store, 3, T0 + 3 * DAY_MS);
  const live = await started(sync());
  const day1 = Math.floor((T0 + DAY_MS) / DAY_MS) * DAY_MS;
  const later = Math.floor((T0 + 10 * DAY_MS) / DAY_MS) * DAY_MS;
  return { store, sync, live, day1, later };
}

const snapshotOf = (totals: ReadonlyMap<string, AssetTotals>) =>
  Object.fromEntries([...totals].map(([asset, t]) => [asset, totalsText(t)]));
const snapshot = (sync: PortfolioModel) => snapshotOf(sync.headTotals());

describe("the portfolio kept current with its store", () => {
  it("recomputes a fill that arrives out of order from the checkpoint before its day, and ends where a recompute from scratch does", async () => {
    const { store, sync, setNow } = setUp();
    depositAndTrade(store, [0, 1, 2, 3, 4]);
    balance(store, 5, T0 + 4 * DAY_MS + 12 * HOUR_MS);
    const live = await started(sync());
    expect(live.stats().lastRecomputeFrom).toBe(Number.NEGATIVE_INFINITY);

    // The days after, as they happen; day 7's fills reach the store last (a gap reconciled).
    for (const day of [5, 6, 8, 9]) {
      tradeDay(store, day);
      live.poll();
    }
    tradeDay(store, 7);
    setNow(T0 + 10 * DAY_MS);
    balance(store, 10, T0 + 10 * DAY_MS);
    await live.ready();
    // From the checkpoint at the start of day 6 (day 7 had no event before): not from the first fill.
    const day6 = Math.floor((T0 + 6 * DAY_MS) / DAY_MS) * DAY_MS;
    expect(live.stats().lastRecomputeFrom).toBe(day6);
    expect(live.checkBalances()).toEqual([]);
    // The readings it left at each midnight after the checkpoint hold what the marks hold then.
    for (let time = day6 + DAY_MS; time <= T0 + 10 * DAY_MS; time += DAY_MS) {
      expect(Object.fromEntries(store.portfolio.reading(time) ?? [])).toEqual(
        Object.fromEntries(store.portfolio.at(time)),
      );
    }
    expect(store.portfolio.reading(day6 + DAY_MS)?.get("USDT")).toBeDefined();

    const fresh = sync();
    fresh.invalidate();
    await started(fresh);
    expect(snapshot(live)).toEqual(snapshot(fresh));
    expect(text(live.totalsAt(day6 + DAY_MS).get("USDT")?.fees)).toBe("0.14");
  });

  it("resumes after a restart from the checkpoint before its last event, not from scratch, and takes in what was stored meanwhile", async () => {
    const { store, sync, setNow } = setUp();
    depositAndTrade(store, [0, 1, 2, 3, 4]);
    balance(store, 5, T0 + 4 * DAY_MS + 12 * HOUR_MS);
    const before = await started(sync());
    before.close();
    // Stored while the gateway was down: the next day's fills (newer than the head).
    tradeDay(store, 5);
    setNow(T0 + 6 * DAY_MS);
    balance(store, 6, T0 + 6 * DAY_MS);

    const restarted = await started(sync());
    const from = restarted.stats().lastRecomputeFrom ?? Number.NaN;
    expect(Number.isFinite(from)).toBe(true); // a day's checkpoint
    expect(from).toBeLessThanOrEqual(T0 + 4 * DAY_MS);
    expect(restarted.checkBalances()).toEqual([]);
    const fresh = sync();
    fresh.invalidate();
    await started(fresh);
    expect(fresh.stats().lastRecomputeFrom).toBe(Number.NEGATIVE_INFINITY);
    expect(snapshot(restarted)).toEqual(snapshot(fresh));
    expect(text(restarted.headTotals().get("USDT")?.quantity)).toBe("99999.88");
  });

  it("keeps checkpoints dense in the history's last week and sparse before it, and a late fill or a restart ends where a build from scratch does", async () => {
    // A quarter of the lots held in the last week, eight times the lots before it.
    expect([checkpointDue(25, 100, true), checkpointDue(24, 100, true)]).toEqual([true, false]);
    expect([checkpointDue(800, 100, false), checkpointDue(799, 100, false), checkpointDue(25, 100, false)]).toEqual([
      true,
      false,
      false,
    ]);
    const { store, sync, setNow } = setUp();
    const dayOf = (day: number) => Math.floor((T0 + day * DAY_MS) / DAY_MS) * DAY_MS;
    // Built on day 10, the 30 days after taken in as they happen: a checkpoint wherever a quarter of the lots is due.
    depositAndTrade(
      store,
      Array.from({ length: 10 }, (_, day) => day),
    );
    setNow(T0 + 10 * DAY_MS);
    balance(store, 10, T0 + 10 * DAY_MS);
    const live = await started(sync());
    for (let day = 10; day < 40; day++) {
      tradeDay(store, day);
      live.poll();
    }
    setNow(T0 + 40 * DAY_MS);
    balance(store, 40, T0 + 40 * DAY_MS);
    await live.ready();
    const checkpointsIn = (from: number, to: number) => {
      const times = new Set<number>();
      for (let day = from; day < to; day++) {
        const found = store.portfolio.checkpoint(dayOf(day));
        if (found !== undefined && found.time >= dayOf(from)) times.add(found.time);
      }
      return times.size;
    };
    const fromScratch = async () => {
      const fresh = sync();
      fresh.invalidate();
      return snapshot(await started(fresh));
    };
    let late = 0;
    const lateFill = async (day: number) => {
      const time = T0 + day * DAY_MS + 3 * HOUR_MS;
      store.upsertFill(
        fillEvent({
          tradeId: `late-${day}`,
          side: "BUY",
          price: "61200",
          quantity: "0.05",
          amount: "3060",
          fee: "0",
          feeCurrency: "USDT",
          timestamp: time,
          localTimestamp: T0 + 40 * DAY_MS,
        }),
        "0",
      );
      late++;
      const at = T0 + 40 * DAY_MS + late;
      store.applyBalance(
        balanceEvent({ asset: "USDT", free: String(99_999.2 - late * 3060), source: "rest", timestamp: at }),
      );
      store.applyBalance(balanceEvent({ asset: "BTC", free: String(late * 0.05), source: "rest", timestamp: at }));
      live.poll();
      await live.ready();
      return live.stats().lastRecomputeFrom ?? Number.NaN;
    };
    const dense = checkpointsIn(13, 32);

    // A late fill of day 12 recomputes from its checkpoint on: the days it walks before the last week are sparse now.
    const first = await lateFill(12);
    expect(first).toBeGreaterThan(dayOf(10));
    expect(first).toBeLessThanOrEqual(dayOf(12));
    const sparse = checkpointsIn(13, 32);
    expect(sparse).toBeLessThan(dense);
    expect(sparse).toBeLessThanOrEqual(3);
    expect(checkpointsIn(32, 40)).toBeGreaterThan(sparse);

    // One of day 25 recomputes from the sparse checkpoint before it; both end where a build from scratch does.
    const second = await lateFill(25);
    expect(second).toBeGreaterThanOrEqual(first);
    expect(second).toBeLessThanOrEqual(dayOf(25));
    expect(snapshot(live)).toEqual(await fromScratch());

    // A restart resumes from a checkpoint in the last week.
    live.close();
    const restarted = await started(sync());
    expect(restarted.stats().lastRecomputeFrom).toBeGreaterThanOrEqual(dayOf(32));
    expect(snapshot(restarted)).toEqual(await fromScratch());
  });

  it("built from scratch on a file, its fills read ahead on a worker thread, holds what a build in memory holds", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mexc-live-portfolio-"));
    const warnings: string[] = [];
    // Read ahead however few the fills (a long history's rule: READ_AHEAD_FROM).
    const onFile = setUp(join(dir, "account.db"), pino({ level: "warn" }, { write: (line) => warnings.push(line) }), 0);
    const inMemory = setUp();
    try {
      for (const { store, setNow } of [onFile, inMemory]) {
        depositAndTrade(
          store,
          Array.from({ length: 30 }, (_, day) => day),
        );
        setNow(T0 + 30 * DAY_MS);
        balance(store, 30, T0 + 30 * DAY_MS);
      }
      const built = await started(onFile.sync());
      const reference = await started(inMemory.sync());
      expect(warnings).toEqual([]);
      expect(built.stats().lastRecomputeFrom).toBe(Number.NEGATIVE_INFINITY);
      expect(snapshot(built)).toEqual(snapshot(reference));
      for (let day = 0; day <= 30; day++) {
        const time = Math.floor((T0 + day * DAY_MS) / DAY_MS) * DAY_MS + 3 * HOUR_MS;
        expect(Object.fromEntries(onFile.store.portfolio.at(time))).toEqual(
          Object.fromEntries(inMemory.store.portfolio.at(time)),
        );
      }
      expect(onFile.store.portfolio.at(T0 + 30 * DAY_MS).size).toBe(2);
      built.close();
    } finally {
      onFile.store.close();
      inMemory.store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  /** A store and syncs over it whose BTC candles are "not fetched yet" until `fetch()`. */
  function withCandlesLater() {
    const store = openStore({ path: ":memory:" });
    const book = new PriceBook();
    book.setMarkets([{ symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" }]);
    let fetched = false;
    const minutes = minuteCandles({ BTCUSDT: () => "60000" });
    const candles = {
      at: (...args: Parameters<typeof minutes.at>) => (fetched ? minutes.at(...args) : { kind: "unknown" as const }),
    };
    const now = T0 + 4 * DAY_MS;
    const sync = () =>
      new PortfolioModel({
        store,
        book,
        prices: new PastPrices({ quote: "USDT", markets: book, candles, now: () => now }),
        logger: pino({ level: "silent" }),
        now: () => now,
      });
    store.upsertTransfer(transferEvent({ id: "u", amount: "100000", time: T0 - 2 * DAY_MS }));
    for (let day = 0; day < 3; day++) tradeDay(store, day);
    balance(store, 3, now);
    store.applyBalance(balanceEvent({ asset: "BTC", free: "1", source: "rest", timestamp: now }));
    /** Built before the candles came, stopped, then restarted once they are in. */
    const restart = async () => {
      const before = await started(sync());
      const first = before.headTotals().get("BTC");
      before.close(); // stopped before the candle came
      fetched = true;
      const restarted = await started(sync());
      return { first, restarted };
    };
    return { store, restart, sync, arrive: () => (fetched = true) };
  }

  it("after a restart, recomputes what waited on a price when the gateway stopped", async () => {
    const { store, restart } = withCandlesLater();
    store.upsertTransfer(transferEvent({ id: "b", asset: "BTC", amount: "1", time: T0 - DAY_MS }));
    const { first, restarted } = await restart();
    expect(first?.unpriced).toBeGreaterThan(0); // the deposit's price was still being fetched
    expect(restarted.headTotals().get("BTC")?.unpriced).toBe(0);
    expect(text(restarted.headTotals().get("BTC")?.deposits)).toBe("60000");
  });

  it("after a restart, works out the openings again when their prices were still being fetched", async () => {
    // 1 BTC held that no event explains: held before the history, valued at its price then.
    const { restart } = withCandlesLater();
    const { first, restarted } = await restart();
    expect(first?.costUnknown.avg).toBe(true);
    expect(restarted.stats().lastRecomputeFrom).toBe(Number.NEGATIVE_INFINITY);
    expect(restarted.headTotals().get("BTC")?.costUnknown.avg).toBe(false);
    expect(restarted.headTotals().get("BTC")?.cost.avg ?? 0n).toBeGreaterThan(0n);
  });

  it("takes in a fill valued late, older than the openings, from the checkpoint before it: no event is new", async () => {
    const { store, sync } = setUp();
    depositAndTrade(store, [0, 1, 2, 3]);
    // Day 2's fee paid in BTC, stored before its price was known (a backfilled fill).
    const time = T0 + 2 * DAY_MS + 8 * HOUR_MS;
    const fill = { tradeId: "fee-in-btc", price: "60200", quantity: "0.1", amount: "6020", timestamp: time };
    store.upsertFill(fillEvent({ ...fill, fee: "0.0001", feeCurrency: "BTC", localTimestamp: time }), null);
    store.applyBalance(balanceEvent({ asset: "BTC", free: "0.0999", source: "rest", timestamp: T0 + 4 * DAY_MS }));
    balance(store, 4, T0 + 4 * DAY_MS);
    const live = await started(sync());
    expect(live.headTotals().get("BTC")?.unpriced).toBeGreaterThan(0);
    const before = live.stats().recomputes;

    store.setValuations([
      { tradeId: "fee-in-btc", time, valuation: { feeValue: "6.02", feePairValue: "6.02", amountValue: "6020" } },
    ]);
    live.poll();
    await live.ready();
    expect(live.stats().recomputes).toBe(before + 1);
    // From a day's checkpoint at or before the fill (it is older than the openings' derivation).
    const from = live.stats().lastRecomputeFrom ?? Number.NaN;
    expect(Number.isFinite(from)).toBe(true);
    expect(from).toBeLessThanOrEqual(time);
    expect(text(live.headTotals().get("BTC")?.fees)).toBe("6.02");
    expect(live.checkBalances()).toEqual([]);
    const fresh = sync();
    fresh.invalidate();
    await started(fresh);
    expect(snapshot(live)).toEqual(snapshot(fresh));
  });

  it("recomputes what waited on a candle from the checkpoint before it when the candle comes, not from scratch", async () => {
    const { store, sync, arrive } = withCandlesLater();
    // 1 BTC deposited on day 2: its price is fetched after the portfolio was built.
    store.upsertTransfer(transferEvent({ id: "b", asset: "BTC", amount: "1", time: T0 + 2 * DAY_MS + 3 * HOUR_MS }));
    const live = await started(sync());
    expect(live.headTotals().get("BTC")?.unpriced).toBeGreaterThan(0);
    arrive();
    live.pricesArrived();
    await live.ready();
    const from = live.stats().lastRecomputeFrom ?? Number.NaN;
    expect(Number.isFinite(from)).toBe(true);
    expect(from).toBeLessThanOrEqual(T0 + 2 * DAY_MS + 3 * HOUR_MS);
    expect(live.headTotals().get("BTC")?.unpriced).toBe(0);
    expect(text(live.headTotals().get("BTC")?.deposits)).toBe("60000");
  });

  it("after a restart, recomputes from scratch a fill the balances held already, even newer than where it resumes", async () => {
    const { store, sync } = setUp(); // the openings worked out at day 4, 12:00
    depositAndTrade(store, [0, 1, 3]);
    // The balances hold a buy of 0.1 BTC the history lacks yet: held before the history, so far.
    store.applyBalance(balanceEvent({ asset: "USDT", free: "93969.93", source: "rest", timestamp: T0 + 4 * DAY_MS }));
    store.applyBalance(balanceEvent({ asset: "BTC", free: "0.1", source: "rest", timestamp: T0 + 4 * DAY_MS }));
    const before = await started(sync());
    expect(text(before.headTotals().get("BTC")?.quantity)).toBe("0.1");
    before.close();
    // The buy backfilled, after the last fill kept (day 3, 05:00) and before the openings' derivation.
    const time = T0 + 3 * DAY_MS + 9 * HOUR_MS;
    store.upsertFill(
      fillEvent({
        tradeId: "late-buy",
        side: "BUY",
        price: "60300",
        quantity: "0.1",
        amount: "6030",
        fee: "0.01",
        feeCurrency: "USDT",
        timestamp: time,
        localTimestamp: time,
      }),
      "0.01",
    );
    const restarted = sync();
    restarted.poll();
    await started(restarted);
    expect(restarted.stats().lastRecomputeFrom).toBe(Number.NEGATIVE_INFINITY);
    expect(text(restarted.headTotals().get("BTC")?.quantity)).toBe("0.1");
    expect(restarted.checkBalances()).toEqual([]);
  });

  it("recomputes from scratch a fill the balances held already (a backfill window): what was held before changes", async () => {
    const { store, sync } = setUp();
    depositAndTrade(store, [0, 1, 3]);
    balance(store, 4, T0 + 4 * DAY_MS);
    const live = await started(sync());
    tradeDay(store, 2);
    await live.ready();
    expect(live.stats().lastRecomputeFrom).toBe(Number.NEGATIVE_INFINITY);
    expect(text(live.headTotals().get("USDT")?.quantity)).toBe("99999.92");
    expect(live.checkBalances()).toEqual([]);
  });

  it("keeps a reading for the next read, and forgets it once a mark at or before it is written", async () => {
    const { store, live, day1, later } = await threeDaysStarted();
    const early = live.totalsAt(day1);
    expect(live.totalsAt(day1)).toBe(early); // kept
    expect(text(live.totalsAt(later).get("USDT")?.fees)).toBe("0.06");

    tradeDay(store, 5); // newer than the head: applied, its marks written at day 5
    live.poll();
    await live.ready();
    expect(live.totalsAt(day1)).toBe(early); // before the new marks: still true
    expect(text(live.totalsAt(later).get("USDT")?.fees)).toBe("0.08");

    tradeDay(store, 0.5); // older than the head: recomputed, every reading forgotten
    live.poll();
    await live.ready();
    expect(live.totalsAt(day1)).not.toBe(early);
    expect(text(live.totalsAt(day1).get("USDT")?.fees)).toBe("0.03"); // its buy (at 22:00) before the day ends
  });

  it("leaves a reading at each UTC midnight and each day start of the zones read in as it recomputes, each what the marks hold then", async () => {
    const { store, live } = await threeDaysStarted();
    // A week read by day in India (UTC+05:30): its days start at 18:30 UTC.
    const india = (day: number) => Math.floor((T0 + day * DAY_MS) / DAY_MS) * DAY_MS - 5.5 * HOUR_MS;
    for (let day = -1; day <= 6; day++) live.totalsAt(india(day));
    await live.settled();
    tradeDay(store, 0.5); // older than the head: recomputed from scratch, readings forgotten and left again
    live.poll();
    await live.ready();
    const moments = Array.from({ length: 5 }, (_, day) => [india(day) + DAY_MS, india(day) + 5.5 * HOUR_MS]).flat();
    for (const time of moments) {
      const reading = store.portfolio.reading(time);
      expect(reading, new Date(time).toISOString()).toBeDefined();
      expect(Object.fromEntries(reading ?? [])).toEqual(Object.fromEntries(store.portfolio.at(time)));
    }
    // Up to now (day 4, 12:00), not after: a mark written later would not forget it.
    expect(store.portfolio.reading(india(5) + DAY_MS)).toBeUndefined();
    live.close();
  });

  it("keeps its readings in the store for the reads after a restart, and drops them once a mark at or before them is written", async () => {
    const { store, sync, live, day1, later } = await threeDaysStarted();
    const made = snapshotOf(live.totalsAt(later));
    expect(store.portfolio.reading(later)).toBeUndefined(); // written at a later turn
    await live.settled();
    expect(Object.fromEntries(store.portfolio.reading(later) ?? [])).toEqual(made);
    expect(store.portfolio.reading(day1)).toBeDefined(); // left by the recompute (a UTC midnight)

    tradeDay(store, 5); // newer than the head: applied, its marks written at day 5
    live.poll();
    await live.ready();
    expect(store.portfolio.reading(later)).toBeUndefined();
    expect(store.portfolio.reading(day1)).toBeDefined();

    // A restart reads the stored row, not the marks: told apart by a row that says otherwise.
    const usdt = live.totalsAt(day1).get("USDT");
    if (usdt === undefined) throw new Error("no USDT at day 1");
    store.portfolio.putReadings([[day1, new Map([["USDT", totalsText({ ...usdt, fees: 999n })]])]]);
    const restarted = await started(sync());
    expect(restarted.totalsAt(day1).get("USDT")?.fees).toBe(999n);

    tradeDay(store, 0.5); // a fill before day 1: the stored reading is made again by the recompute
    restarted.poll();
    await restarted.ready();
    const stored = store.portfolio.reading(day1)?.get("USDT");
    expect(text(stored === undefined ? undefined : totalsOfText(stored).fees)).toBe("0.03");
    expect(text(restarted.totalsAt(day1).get("USDT")?.fees)).toBe("0.03");
    live.close();
    restarted.close();
  });

  it("reads a stored reading that does not parse (damaged text, a mark it did not write) from the marks, and drops the stored ones", async () => {
    const { store, sync, live, day1 } = await threeDaysStarted();
    const made = snapshotOf(live.totalsAt(day1));
    await live.settled();
    const db = (store as unknown as { db: Database.Database }).db;
    for (const damaged of ["not json", JSON.stringify([["USDT", "1 2 3"]]), JSON.stringify({ USDT: 1 })]) {
      db.prepare("UPDATE portfolio_readings SET totals = ? WHERE time = ?").run(damaged, day1);
      const restarted = await started(sync());
      expect(snapshotOf(restarted.totalsAt(day1))).toEqual(made);
      expect(store.portfolio.reading(day1)).toBeUndefined(); // dropped, not read again and again
      await restarted.settled(); // written again as read from the marks
      expect(Object.fromEntries(store.portfolio.reading(day1) ?? [])).toEqual(made);
      restarted.close();
    }
    live.close();
  });

  it("keeps at most MAX_KEPT_READINGS readings, forgetting the least recently read", async () => {
    const { store, sync } = setUp();
    depositAndTrade(store, [0]);
    balance(store, 1, T0 + DAY_MS);
    const live = await started(sync());
    const at = (n: number) => T0 + 2 * DAY_MS + n * 15 * 60_000;
    const first = live.totalsAt(at(0));
    const second = live.totalsAt(at(1));
    for (let n = 2; n <= MAX_KEPT_READINGS; n++) live.totalsAt(at(n));
    expect(live.totalsAt(at(1))).toBe(second); // read again: now the most recent
    live.totalsAt(at(MAX_KEPT_READINGS + 1));
    expect(live.totalsAt(at(1))).toBe(second);
    expect(live.totalsAt(at(0))).not.toBe(first); // the least recently read went
  });

  it("applies fills newer than the head to it without a recompute", async () => {
    const { store, sync, setNow } = setUp();
    depositAndTrade(store, [0, 1, 2]);
    balance(store, 3, T0 + 3 * DAY_MS);
    const live = await started(sync());
    const recomputes = live.stats().recomputes;
    setNow(T0 + 20 * DAY_MS);
    store.upsertFill(
      fillEvent({
        tradeId: "late-buy",
        side: "BUY",
        price: "61000",
        quantity: "0.2",
        amount: "12200",
        fee: "0",
        timestamp: T0 + 20 * DAY_MS,
      }),
      "0",
    );
    live.poll();
    await live.ready();
    expect(live.stats().recomputes).toBe(recomputes);
    expect(text(live.headTotals().get("BTC")?.quantity)).toBe("0.2");
  });
});
