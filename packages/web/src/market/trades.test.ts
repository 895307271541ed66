import { describe, expect, it } from "vitest";
import { T0, trade } from "../../test/items.js";
import { recentTrades, TRADES_SHOWN, tradeKeys } from "./trades.js";

describe("recentTrades", () => {
  it("shows the symbol's trades newest first whatever the input order", () => {
    const trades = [trade("BTCUSDT", T0, "BUY"), trade("ETHUSDT", T0 + 5, "BUY"), trade("BTCUSDT", T0 + 10, "SELL")];
    expect(recentTrades(trades, "BTCUSDT").map((t) => t.time)).toEqual([T0 + 10, T0]);
  });

  it("keeps at most the limit, dropping the oldest", () => {
    const trades = Array.from({ length: TRADES_SHOWN + 10 }, (_, i) => trade("BTCUSDT", T0 + i, "BUY"));
    const shown = recentTrades(trades, "BTCUSDT");
    expect(shown).toHaveLength(TRADES_SHOWN);
    expect(shown[0]?.time).toBe(T0 + TRADES_SHOWN + 9);
  });
});

describe("tradeKeys", () => {
  it("keeps a trade's key when newer trades arrive, even for identical trades", () => {
    const a = trade("BTCUSDT", T0, "BUY");
    const before = tradeKeys([a, a]);
    const after = tradeKeys([trade("BTCUSDT", T0 + 1, "SELL"), a, a]);
    expect(new Set(before).size).toBe(2);
    expect(after.slice(1)).toEqual(before);
  });
});
