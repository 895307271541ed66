import { describe, expect, it } from "vitest";
import type { EquityPoint, KlineItem, TradeTick } from "../items.js";
import { applyBalances, mergeAlerts, mergeEquity, mergeKlines, mergeTrades } from "./series.js";

const point = (time: number, equity: string): EquityPoint => ({ time, equity, byAsset: {} });
const bar = (openTime: number, close: string): KlineItem => ({
  symbol: "BTCUSDT",
  interval: "Min1",
  openTime,
  closeTime: openTime + 59_999,
  open: "1",
  high: "1",
  low: "1",
  close,
  volume: "0",
});
const tick = (time: number): TradeTick => ({ symbol: "BTCUSDT", price: "1", quantity: "1", side: "BUY", time });

describe("series folds", () => {
  it("equity: one point per time, a later copy wins, oldest first, bounded", () => {
    const held = mergeEquity([], [point(1, "10"), point(2, "20")], 3);
    const next = mergeEquity(held, [point(2, "21"), point(3, "30"), point(0, "0")], 3);
    expect(next.map((p) => `${p.time}:${p.equity}`)).toEqual(["1:10", "2:21", "3:30"]);
  });

  it("klines: the forming bar is replaced in place, oldest first, bounded", () => {
    const held = mergeKlines([], [bar(0, "1"), bar(60_000, "2")], 2);
    const next = mergeKlines(held, [bar(60_000, "3"), bar(120_000, "4")], 2);
    expect(next.map((k) => k.close)).toEqual(["3", "4"]);
  });

  it("trades: newest first, bounded", () => {
    expect(mergeTrades([tick(2), tick(1)], [tick(3)], 2).map((t) => t.time)).toEqual([3, 2]);
  });

  it("balances: by asset; a snapshot replaces everything held", () => {
    const b = (asset: string, free: string) => ({
      asset,
      free,
      locked: "0",
      value: null,
      price: null,
      apiTradingDisabled: false,
    });
    const held = applyBalances(new Map(), [b("BTC", "1"), b("USDT", "5")], false);
    expect(applyBalances(held, [b("BTC", "2")], false).get("BTC")?.free).toBe("2");
    expect([...applyBalances(held, [b("ETH", "1")], true).keys()]).toEqual(["ETH"]);
  });
});

describe("mergeAlerts", () => {
  const notice = (id: string, time: number) => ({ id, event: "fill" as const, time, title: id, text: "", fields: {} });
  it("keeps one per id, the later copy last, at most max", () => {
    const held = [notice("a", 1), notice("b", 2)];
    const merged = mergeAlerts(held, [notice("a", 3), notice("c", 4)], 2);
    expect(merged.map((n) => [n.id, n.time])).toEqual([
      ["a", 3],
      ["c", 4],
    ]);
  });
});

describe("mergeEquity and the figures version", () => {
  it("keeps a streamed point's version when its stored copy (no version) comes later", () => {
    const streamed = mergeEquity([], [point(1, "10"), { ...point(2, "20"), version: 7 }], 10);
    const withHistory = mergeEquity(streamed, [point(0, "5"), point(2, "20")], 10);
    expect(withHistory.map((p) => p.version)).toEqual([undefined, undefined, 7]);
    // A newer streamed copy's version wins.
    expect(mergeEquity(withHistory, [{ ...point(2, "20"), version: 9 }], 10).at(-1)?.version).toBe(9);
  });
});
