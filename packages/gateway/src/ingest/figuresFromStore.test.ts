import { DAY_MS } from "@mexc-live/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { fillEvent } from "../../test/storeEvents.js";
import { Figures, PriceBook, valueFill } from "../derive/index.js";
import { type GatewayStore, openStore } from "../store/index.js";
import { loadFigures, saveFigures } from "./figuresFromStore.js";

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
  return figures.save();
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
    expect(second.save()).toEqual(rebuilt());
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
    expect(figures.save()).toEqual(rebuilt());
  });
});
