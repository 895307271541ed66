import { describe, expect, it } from "vitest";
import { fillEvent } from "../../test/storeEvents.js";
import { openStore } from "../store/store.js";
import { valueFill } from "./fees.js";
import { Figures } from "./figures.js";
import { PriceBook } from "./priceBook.js";

function book(): PriceBook {
  const b = new PriceBook();
  b.setMarkets([
    { symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" },
    { symbol: "MXUSDT", baseAsset: "MX", quoteAsset: "USDT" },
  ]);
  b.update("MXUSDT", "2");
  return b;
}

const FILLS = [
  fillEvent({
    tradeId: "1",
    side: "BUY",
    price: "100",
    quantity: "1",
    amount: "100",
    fee: "0.1",
    feeCurrency: "USDT",
    timestamp: 1_000,
  }),
  fillEvent({
    tradeId: "2",
    side: "BUY",
    price: "200",
    quantity: "1",
    amount: "200",
    fee: "0.5",
    feeCurrency: "MX",
    timestamp: 2_000,
  }),
  fillEvent({
    tradeId: "3",
    side: "SELL",
    price: "180",
    quantity: "1",
    amount: "180",
    fee: "0.18",
    feeCurrency: "USDT",
    timestamp: 86_400_000,
  }),
];

describe("Figures", () => {
  it("gives the same PnL, fees and volume live (replays included) as rebuilt from the store", () => {
    const store = openStore({ path: ":memory:" });
    const live = new Figures(book());
    for (const fill of [...FILLS, ...FILLS.map((f) => ({ ...f, source: "rest" as const }))]) {
      const valuation = valueFill(fill, live.book);
      if (store.upsertFill(fill, valuation)) live.applyFill({ ...store.fills({ limit: 1 }).items[0]!, ...valuation });
    }
    expect(live.fills).toBe(3);
    // cost 100.1 + 201 (0.5 MX at 2) = 301.1 -> average 150.55; 179.82 - 150.55; no live price:
    // the last price traded (180) values what is held
    expect(live.pnl()).toEqual([
      {
        symbol: "BTCUSDT",
        realized: "29.27",
        unrealized: "29.45",
        position: "1",
        averageCost: "150.55",
        method: "avg",
        fees: "1.28",
        lastPrice: "180",
      },
    ]);
    // FIFO sells the first lot (100.1): 179.82 - 100.1
    expect(live.pnl("fifo")[0]).toMatchObject({ realized: "79.72", averageCost: "201", method: "fifo" });
    expect(live.fees()).toEqual({
      quote: "USDT",
      byCurrency: { MX: "0.5", USDT: "0.28" },
      valueByCurrency: { MX: "1", USDT: "0.28" },
      totalValue: "1.28",
    });
    expect(live.volume().map((v) => [v.day, v.quoteVolume, v.value, v.fills])).toEqual([
      ["1970-01-01", "300", "300", 2],
      ["1970-01-02", "180", "180", 1],
    ]);

    const rebuilt = new Figures(book());
    rebuilt.replay(store.fillHistory());
    expect(rebuilt.pnl()).toEqual(live.pnl());
    expect(rebuilt.fees()).toEqual(live.fees());
    expect(rebuilt.volume()).toEqual(live.volume());
    store.close();
  });

  it("refuses a fill with a bad number, naming the field, and changes nothing (it used to move the books first)", () => {
    const store = openStore({ path: ":memory:" });
    const figures = new Figures(book());
    const [first, second] = FILLS as [(typeof FILLS)[number], (typeof FILLS)[number]];
    store.upsertFill(first, valueFill(first, figures.book));
    figures.replay(store.fillHistory());
    const before = JSON.stringify([figures.checkpoint(), figures.last]);
    store.upsertFill(second, valueFill(second, figures.book));
    const stored = [...store.fillHistory()][1]!;
    for (const [field, bad] of [
      ["feeValue", { feeValue: "a lot" }],
      ["amountValue", { amountValue: "1e5" }],
      ["price", { price: "-" }],
    ] as const) {
      expect(() => figures.applyFill({ ...stored, ...bad }), field).toThrow(new RegExp(field));
      expect(JSON.stringify([figures.checkpoint(), figures.last]), field).toBe(before);
    }
    figures.applyFill(stored);
    expect(figures.fills).toBe(2);
    store.close();
  });
});
