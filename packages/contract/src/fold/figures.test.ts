import { describe, expect, it } from "vitest";
import type { FeeSummary, FiguresVersion, PnlItem } from "../items.js";
import { laterFigures } from "./figures.js";

const fees = { quote: "USDT", byCurrency: {}, valueByCurrency: {}, totalValue: "3" } as FeeSummary;
const pnl = [{ symbol: "BTCUSDT", realized: "1" }] as unknown as readonly PnlItem[];
const laterPnl = [{ symbol: "BTCUSDT", realized: "2" }] as unknown as readonly PnlItem[];

const push = (version: number, changedAt: object, answers: object): FiguresVersion =>
  ({
    account: "main",
    version,
    at: version,
    answers: { method: "avg", tz: "UTC", changedAt, answers },
  }) as FiguresVersion;

describe("figures pushes folded", () => {
  it("keeps an answer of the earlier push that has not changed since, and takes the later's", () => {
    const first = push(5, { fees: 5, pnl: 5 }, { fees, pnl });
    const second = push(7, { fees: 5, pnl: 7 }, { pnl: laterPnl });
    expect(laterFigures(first, second).answers?.answers).toEqual({ fees, pnl: laterPnl });
    expect(laterFigures(first, second).version).toBe(7);
  });

  it("drops an answer that changed since (the later push left it out: too large), and keeps nothing from a push without answers", () => {
    const first = push(5, { fees: 5, pnl: 5 }, { fees, pnl });
    expect(laterFigures(first, push(7, { fees: 7, pnl: 5 }, {})).answers?.answers).toEqual({ pnl });
    expect(laterFigures(first, { account: "main", version: 8, at: 8 })).toEqual({ account: "main", version: 8, at: 8 });
    expect(laterFigures(null, first)).toBe(first);
  });
});
