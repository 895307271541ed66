import { DAY_MS } from "@mexc-live/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { fillEvent } from "../../test/storeEvents.js";
import { type GatewayStore, openStore } from "../store/index.js";
import { loadFigures, saveFigures } from "./figuresFromStore.js";
import { Figures, PriceBook, valueFill } from "./index.js";

let store: GatewayStore;
afterEach(() => store?.close());

const T0 = Date.UTC(2025, 3, 1);

function book(): PriceBook {
  const b = new PriceBook();
  b.setMarkets([{ symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" }]);
  return b;
}

function add(n: number, time: number, side: "BUY" | "SELL" = n % 3 === 2 ? "SELL" : "BUY") {
  const fill = fillEvent({
    tradeId: `t${String(n).padStart(4, "0")}`,
    side,
    price: String(90_000 + n),
    quantity: "0.01",
    amount: String((90_000 + n) / 100),
    fee: "0.01",
    feeCurrency: "USDT",
    timestamp: time,
    source: "rest",
  });
  store.upsertFill(fill, valueFill(fill, book()));
}

/** What a full replay of the store gives. */
function rebuilt() {
  const figures = new Figures(book());
  figures.rebuild(store.fillHistory());
  return figures.checkpoint();
}

describe("the figures' checkpoint", () => {
  it("a start takes the checkpoint and replays only the fills after it, equal to a full replay", () => {
    store = openStore({ path: ":memory:" });
    for (let n = 0; n < 30; n++) add(n, T0 + n * DAY_MS * 0.3);
    const first = new Figures(book());
    expect(loadFigures(first, store, book())).toBe("rebuilt");

    for (let n = 30; n < 40; n++) add(n, T0 + n * DAY_MS * 0.3);
    const second = new Figures(book());
    expect(loadFigures(second, store, book())).toBe("checkpoint");
    expect(second.fills).toBe(40);
    expect(second.checkpoint()).toEqual(rebuilt());
  });

  it("is stale once an older fill was stored (the backfill, an import): the figures are rebuilt", () => {
    store = openStore({ path: ":memory:" });
    for (let n = 0; n < 10; n++) add(n, T0 + n * DAY_MS);
    const before = new Figures(book());
    before.rebuild(store.fillHistory());
    saveFigures(before, store);
    add(99, T0 - DAY_MS, "BUY");
    const figures = new Figures(book());
    expect(loadFigures(figures, store, book())).toBe("rebuilt");
    expect(figures.fills).toBe(11);
    expect(figures.checkpoint()).toEqual(rebuilt());
  });

  it("keeps the volume a row per day: a save writes only the days a fill changed, and a start reads them back", () => {
    store = openStore({ path: ":memory:" });
    for (let n = 0; n < 30; n++) add(n, T0 + n * DAY_MS * 0.3);
    const figures = new Figures(book());
    expect(loadFigures(figures, store, book())).toBe("rebuilt");
    const first = store.figuresCheckpoint()?.days ?? [];
    expect(first.map((d) => d.day)).toEqual(Array.from({ length: 9 }, (_, i) => T0 + i * DAY_MS));

    // A live fill on the last day: that day's row alone is written again.
    add(30, T0 + 8.9 * DAY_MS);
    figures.replay(store.figuresHistory(undefined, figures.last));
    saveFigures(figures, store);
    const second = store.figuresCheckpoint()?.days ?? [];
    const changed = second.filter((d, i) => d.generation !== first[i]?.generation).map((d) => d.day);
    expect(changed).toEqual([T0 + 8 * DAY_MS]);
    // The row it replaced is gone with it.
    expect(store.figuresCheckpointDays.unreferencedDays()).toEqual([]);

    const again = new Figures(book());
    expect(loadFigures(again, store, book())).toBe("checkpoint");
    expect(again.checkpoint()).toEqual(rebuilt());
  });

  it("is not used when a day row it names is missing; a save writes such a day again", () => {
    store = openStore({ path: ":memory:" });
    for (let n = 0; n < 10; n++) add(n, T0 + n * DAY_MS);
    const figures = new Figures(book());
    loadFigures(figures, store, book());
    const [lost] = store.figuresCheckpoint()?.days ?? [];
    if (lost === undefined) throw new Error("no day rows");
    store.figuresCheckpointDays.deleteDay(lost);
    expect(loadFigures(new Figures(book()), store, book())).toBe("rebuilt");

    // Figures whose day row another save replaced write it again.
    store.figuresCheckpointDays.deleteDay(store.figuresCheckpoint()?.days?.[0] ?? lost);
    saveFigures(figures, store);
    const again = new Figures(book());
    expect(loadFigures(again, store, book())).toBe("checkpoint");
    expect(again.checkpoint()).toEqual(rebuilt());
  });

  it("takes a checkpoint written before the volume had a row per day, and writes it in rows at once", () => {
    store = openStore({ path: ":memory:" });
    for (let n = 0; n < 10; n++) add(n, T0 + n * DAY_MS);
    const before = new Figures(book());
    before.rebuild(store.fillHistory());
    store.saveFiguresCheckpoint({
      fills: before.fills,
      last: before.last,
      openings: before.openingsKey(),
      state: before.checkpointText(),
    });
    const figures = new Figures(book());
    expect(loadFigures(figures, store, book())).toBe("checkpoint");
    expect(figures.checkpoint()).toEqual(rebuilt());
    expect(store.figuresCheckpoint()?.days).toHaveLength(10);
    const again = new Figures(book());
    expect(loadFigures(again, store, book())).toBe("checkpoint");
    expect(again.checkpoint()).toEqual(rebuilt());
  });
});
