import type { EquityPoint, TransferItem } from "@mexc-live/contract";
import { dec } from "@mexc-live/protocol";
import { describe, expect, it } from "vitest";
import { performance } from "./performance.js";

const H = 3_600_000;
const point = (time: number, equity: string): EquityPoint => ({ time, equity, byAsset: {} });
const transfer = (time: number, direction: "in" | "out", amount: string, asset = "USDT", fee = "0"): TransferItem => ({
  id: `${direction}${time}`,
  type: direction === "in" ? "deposit" : "withdrawal",
  direction,
  asset,
  amount,
  fee,
  network: "",
  status: "completed",
  rawStatus: "",
  txId: "",
  time,
  updateTime: time,
  source: "rest",
});
const prices = (asset: string) => (asset === "USDT" ? dec("1") : asset === "BTC" ? dec("50000") : undefined);

describe("performance net of flows", () => {
  it("a deposit mid-range is never a gain: 10 % then 10 % is +21 %, whatever came in", () => {
    // 1000 grows to 1100; 1000 more is deposited (2100); that grows 10 % to 2310.
    const summary = performance({
      from: 0,
      to: 10 * H,
      equity: [point(0, "1000"), point(4 * H, "1100"), point(6 * H, "2100"), point(10 * H, "2310")],
      transfers: [transfer(5 * H, "in", "1000")],
      priceAt: prices,
    });
    expect(summary).toMatchObject({ startEquity: "1000", endEquity: "2310", netFlows: "1000", twr: "0.21" });
    expect(summary.netDeposits).toEqual([{ time: 5 * H, value: "1000" }]);
  });

  it("a withdrawal is never a loss; its fee leaves with it; a deposit of BTC is valued when it came", () => {
    // 2000 -> 2200 (+10 %); 0.01 BTC deposited at 50000 (+500 = 2700); 998 withdrawn with a fee of 1,
    // then 1 more (1700 left) -> 1870 (+10 %).
    const summary = performance({
      from: 0,
      to: 10 * H,
      equity: [
        point(0, "2000"),
        point(2 * H, "2200"),
        point(4 * H, "2700"),
        point(7 * H, "1700"),
        point(10 * H, "1870"),
      ],
      transfers: [
        transfer(3 * H, "in", "0.01", "BTC"),
        transfer(5 * H, "out", "998", "USDT", "1"),
        transfer(6 * H, "out", "1", "USDT"),
      ],
      priceAt: prices,
    });
    expect(summary.netFlows).toBe("-500");
    expect(summary.twr).toBe("0.21");
    expect(summary.netDeposits.map((p) => p.value)).toEqual(["500", "-499", "-500"]);
  });

  it("counts only completed flows and says null without equity to measure", () => {
    const pending = { ...transfer(1, "in", "5"), status: "pending" as const };
    const summary = performance({ from: 0, to: 10, equity: [], transfers: [pending], priceAt: prices });
    expect(summary).toMatchObject({ netFlows: "0", twr: null, startEquity: null, endEquity: null, netDeposits: [] });
  });
});
