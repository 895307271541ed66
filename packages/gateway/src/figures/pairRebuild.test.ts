import { setImmediate as yieldToLoop } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { testKeeper } from "../../test/figuresKeeper.js";
import { balanceEvent, fillEvent } from "../../test/storeEvents.js";
import { type GatewayStore, openStore } from "../store/index.js";
import { currentOpenings, loadFigures } from "./figuresFromStore.js";
import { Figures, PriceBook, valueFill } from "./index.js";
import type { RebuildPass } from "./pairRebuild.js";

let store: GatewayStore;
afterEach(() => store?.close());

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 3, 1);

function book(): PriceBook {
  const b = new PriceBook();
  b.setMarkets([
    { symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" },
    { symbol: "ETHUSDT", baseAsset: "ETH", quoteAsset: "USDT" },
  ]);
  return b;
}

/** Fill n at `time` (n % 3 == 2 sells), stored; returns it as the figures read it. */
function add(n: number, time: number, prefix = "t") {
  const fill = fillEvent({
    tradeId: `${prefix}${String(n).padStart(5, "0")}`,
    symbol: n % 2 === 0 ? "BTCUSDT" : "ETHUSDT",
    side: n % 3 === 2 ? "SELL" : "BUY",
    price: String(1000 + (n % 97)),
    quantity: "0.3",
    amount: String((1000 + (n % 97)) * 0.3),
    fee: "0.07",
    feeCurrency: "USDT",
    timestamp: time,
    source: "rest",
  });
  const valuation = valueFill(fill, book());
  store.upsertFill(fill, valuation);
  return store.figuresHistory(time).next().value as Parameters<Figures["apply"]>[0];
}

/** What a full replay of the store gives (with the openings the store implies). */
function rebuilt(): string {
  const figures = new Figures(book());
  figures.rebuild(store.fillHistory(), currentOpenings(store, book()));
  return JSON.stringify(figures.checkpoint());
}

function setup(fills: number, days: number) {
  store = openStore({ path: ":memory:" });
  for (let n = 0; n < fills; n++) add(n, T0 + Math.floor((n / fills) * days * DAY));
  const figures = new Figures(book());
  const passes: RebuildPass[] = [];
  const rebuilder = testKeeper(store, book(), { figures, sliceMs: 0, onRebuilt: (p) => passes.push(p) });
  return { figures, rebuilder, passes };
}

describe("figures rebuilt in slices", () => {
  it("a first pass builds every fill, yielding to the event loop between slices", async () => {
    const { figures, rebuilder, passes } = setup(3000, 30);
    let turns = 0;
    const ticking = setInterval(() => turns++, 0);
    await rebuilder.request();
    clearInterval(ticking);
    expect(JSON.stringify(figures.checkpoint())).toBe(rebuilt());
    expect(figures.fills).toBe(3000);
    expect(passes).toHaveLength(1);
    expect(passes[0]?.slices).toBeGreaterThan(10);
    expect(turns).toBeGreaterThan(0);
  });

  it("held while an import writes: requests made meanwhile are one pass after the release, over everything stored", async () => {
    const { figures, rebuilder, passes } = setup(300, 10);
    await rebuilder.request();
    const release = rebuilder.hold();
    let answered = false;
    const asked = [] as Promise<void>[];
    for (let n = 0; n < 5; n++) {
      add(10_000 + n, T0 + n * DAY, "late"); // older than the last fill: each asks for a pass
      asked.push(rebuilder.request(T0 + n * DAY));
    }
    void Promise.all(asked).then(() => {
      answered = true;
    });
    for (let turn = 0; turn < 20; turn++) await yieldToLoop();
    expect(passes).toHaveLength(1);
    expect(answered).toBe(false);
    release();
    release(); // a second call changes nothing
    await Promise.all(asked);
    expect(passes).toHaveLength(2);
    expect(JSON.stringify(figures.checkpoint())).toBe(rebuilt());
  });

  it("older fills stored later are applied again from the first day they touch, not from the first fill", async () => {
    const { figures, rebuilder, passes } = setup(3000, 30);
    await rebuilder.request();
    // A backfill window (or an import) stores fills of day 20 after the fact.
    for (let n = 0; n < 5; n++) add(n, T0 + 20 * DAY + 3_600_000 + n, "late");
    await rebuilder.request();
    expect(passes[1]?.openingsChanged).toBe(false);
    expect(passes[1]?.fromDay).toBe(T0 + 20 * DAY);
    // Days 20 to 30 again, not the 3,005 fills.
    expect(passes[1]?.fills).toBeLessThan(1200);
    expect(JSON.stringify(figures.checkpoint())).toBe(rebuilt());
  });

  it("writes the checkpoint's volume a day at a time: a start takes it, and no row is left that it does not name", async () => {
    const { figures, rebuilder } = setup(3000, 30);
    await rebuilder.request();
    const first = store.figuresCheckpoint()?.days ?? [];
    expect(first).toHaveLength(30);
    for (let n = 0; n < 5; n++) add(n, T0 + 20 * DAY + 3_600_000 + n, "late");
    await rebuilder.request();
    const second = store.figuresCheckpoint()?.days ?? [];
    // The day the late fills touch has a new row; the others keep theirs (the days after it
    // were made again as they were).
    expect(second.filter((d, i) => d.generation !== first[i]?.generation).map((d) => d.day)).toEqual([T0 + 20 * DAY]);
    expect(store.figuresCheckpointDays.unreferencedDays()).toEqual([]);
    const loaded = new Figures(book());
    expect(loadFigures(loaded, store, book())).toBe("checkpoint");
    expect(JSON.stringify(loaded.checkpoint())).toBe(JSON.stringify(figures.checkpoint()));
  });

  it("after a start from the checkpoint, marks the days again: an older fill is applied from its day, and no row is written again", async () => {
    const { rebuilder } = setup(3000, 30);
    await rebuilder.request();
    const saved = store.figuresCheckpoint()?.days ?? [];
    rebuilder.close();
    // A fill stored after the checkpoint, then a restart: the figures from their checkpoint keep
    // no mark of the days before it (the fill replayed after it marks its own day only).
    add(9999, T0 + 30 * DAY + 7_200_000);
    const started = new Figures(book());
    expect(loadFigures(started, store, book())).toBe("checkpoint");
    expect(started.marksEveryDay).toBe(false);
    const passes: RebuildPass[] = [];
    const again = testKeeper(store, book(), { figures: started, sliceMs: 0, onRebuilt: (p) => passes.push(p) });
    await again.markDays();
    expect(started.marksEveryDay).toBe(true);
    // Only the day the new fill changed has a new row.
    const rows = store.figuresCheckpoint()?.days ?? [];
    expect(rows.filter((d, i) => d.generation !== saved[i]?.generation).map((d) => d.day)).toEqual([T0 + 30 * DAY]);
    expect(JSON.stringify(started.checkpoint())).toBe(rebuilt());
    // A backfill resumed stores fills of day 12.
    for (let n = 0; n < 5; n++) add(n, T0 + 12 * DAY + 60_000 + n, "late");
    await again.request();
    expect(passes.at(-1)?.fromDay).toBe(T0 + 12 * DAY);
    expect(JSON.stringify(started.checkpoint())).toBe(rebuilt());
    // Marked already: nothing more to do.
    const count = passes.length;
    await again.markDays();
    expect(passes).toHaveLength(count);
    again.close();
  });

  it("live fills that arrive during a pass are neither lost nor counted twice", async () => {
    const { figures, rebuilder } = setup(4000, 40);
    await rebuilder.request();
    // Older fills stored: a pass from day 5 starts; the stream goes on meanwhile.
    for (let n = 0; n < 3; n++) add(n, T0 + 5 * DAY + n, "late");
    let passing = true;
    const pass = rebuilder.request().finally(() => {
      passing = false;
    });
    let live = 0;
    let reconciled = 0;
    const feed = (async () => {
      for (let turn = 0; passing; turn++) {
        await yieldToLoop();
        if (!passing) break;
        // Newer than any stored fill, as the stream gives them...
        figures.apply(add(live++, T0 + 41 * DAY + turn, "live"));
        // ...and one reconciled after a gap, behind the point the replay has read.
        if (rebuilder.replaying && reconciled === 0) {
          figures.apply(add(live++, T0 + 7 * DAY + turn, "live"));
          reconciled++;
        }
      }
    })();
    await Promise.all([pass, feed]);
    await rebuilder.idle();
    expect(reconciled).toBe(1);
    expect(figures.fills).toBe(4003 + live);
    expect(JSON.stringify(figures.checkpoint())).toBe(rebuilt());
  });

  it("a request is answered when the pass that takes it in ends, though others keep asking", async () => {
    const { figures, rebuilder, passes } = setup(3000, 30);
    // Candles arriving (or live fills) ask for pass after pass; the import's request must not wait on them all.
    let asking = true;
    const asker = (async () => {
      while (asking) {
        void rebuilder.request();
        await yieldToLoop();
      }
    })();
    await rebuilder.request();
    const answeredAfter = passes.length;
    asking = false;
    await asker;
    await rebuilder.idle();
    expect(answeredAfter).toBeLessThanOrEqual(2);
    expect(JSON.stringify(figures.checkpoint())).toBe(rebuilt());
  });

  it("a fill applied older than the last is applied again in order from its day", async () => {
    const { figures, rebuilder, passes } = setup(600, 10);
    await rebuilder.request();
    figures.apply(add(1, T0 + 3 * DAY + 5, "gap"));
    await rebuilder.idle();
    expect(passes.at(-1)?.fromDay).toBe(T0 + 3 * DAY);
    expect(JSON.stringify(figures.checkpoint())).toBe(rebuilt());
  });

  it("a changed opening rebuilds from the first fill", async () => {
    const { figures, rebuilder, passes } = setup(300, 10);
    store.applyBalance(balanceEvent({ asset: "BTC", free: "100", locked: "0", timestamp: T0 + 11 * DAY }));
    store.setOpeningCost("BTC", "900");
    await rebuilder.request();
    expect(passes.at(-1)?.openingsChanged).toBe(true);
    expect(passes.at(-1)?.fromDay).toBeUndefined();
    expect(figures.pnlOf("BTCUSDT")?.opening?.costPrice).toBe("900");
    expect(JSON.stringify(figures.checkpoint())).toBe(rebuilt());
  });
});
