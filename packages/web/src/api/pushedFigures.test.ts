import type { FiguresVersion, PnlItem, PushedFigures } from "@mexc-live/contract";
import { describe, expect, it } from "vitest";
import { takePush } from "./pushedFigures.js";

const pnl = [{ symbol: "BTCUSDT", realized: "12.5" }] as unknown as readonly PnlItem[];
const fees = { quote: "USDT", byCurrency: {}, valueByCurrency: {}, totalValue: "3" };

function push(version: number, answers: Partial<PushedFigures> = {}): FiguresVersion {
  return {
    account: "main",
    version,
    at: 1,
    answers: {
      method: "avg",
      tz: "UTC",
      changedAt: { fees: 3, feeDays: 3, pnl: version },
      answers: { pnl },
      ...answers,
    },
  };
}

describe("a figures push", () => {
  it("applies the answers it carries for the dashboard's query and reads nothing that did not change", () => {
    const held = { fees: 3, feeDays: 3, pnl: 3 };
    expect(takePush(push(5), held, null, "UTC")).toEqual({ apply: { pnl }, read: [] });
    expect(takePush(push(5), held, "avg", undefined)).toEqual({ apply: { pnl }, read: [] });
  });

  it("reads an answer that changed but is not carried (too large, or conflated away), that one alone", () => {
    const held = { fees: 2, feeDays: 3, pnl: 3 };
    const bare = push(5, { answers: { pnl } });
    expect(takePush(bare, held, null, "UTC")).toEqual({ apply: { pnl }, read: ["fees"] });
    const withFees = push(5, { answers: { pnl, fees } });
    expect(takePush(withFees, held, null, "UTC")).toEqual({ apply: { fees, pnl }, read: [] });
  });

  it("keeps an answer read over HTTP at a later version than the push's", () => {
    const held = { fees: 3, feeDays: 3, pnl: 6 };
    expect(takePush(push(5), held, null, "UTC")).toEqual({ apply: {}, read: [] });
  });

  it("reads what is asked in another zone or by another cost basis over HTTP", () => {
    const held = { fees: 3, feeDays: 3, pnl: 3 };
    expect(takePush(push(5), held, "fifo", "Europe/Berlin")).toEqual({
      apply: {},
      read: ["feeDays", "pnl"],
    });
  });

  it("from a gateway that pushes no answers: nothing applied, nothing read here (the version's read does it)", () => {
    expect(takePush({ account: "main", version: 5, at: 1 }, {}, null, "UTC")).toEqual({ apply: {}, read: [] });
  });
});
