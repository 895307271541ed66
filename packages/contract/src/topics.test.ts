import { describe, expect, it } from "vitest";
import { sumEquityPoints, sumUnrealized } from "./fold/accountsTotal.js";
import { allAccountsTopic, parseTopic } from "./topics.js";

describe("topics of all accounts together", () => {
  it("parses accounts.fills, .orders, .equity, .health, and nothing else under accounts.", () => {
    for (const kind of ["fills", "orders", "equity", "health"] as const) {
      expect(parseTopic(allAccountsTopic(kind))).toEqual({ kind: "all", topic: kind });
    }
    expect(parseTopic("accounts.balances")).toBeUndefined();
    expect(parseTopic("accounts.sub1.fills")).toBeUndefined();
    // An account named "accounts" keeps its own topics.
    expect(parseTopic("account.accounts.fills")).toEqual({ kind: "account", topic: "fills", account: "accounts" });
  });
});

describe("sumEquityPoints", () => {
  it("adds every account's latest point exactly, by asset too; an account without one adds nothing", () => {
    const total = sumEquityPoints([
      { time: 1, equity: "0.1", byAsset: { USDT: "0.1" } },
      null,
      { time: 2, equity: "0.2", byAsset: { USDT: "0.05", BTC: "0.15" } },
    ]);
    expect(total).toEqual({ equity: "0.3", byAsset: { BTC: "0.15", USDT: "0.15" } });
  });
  it("is not known while accounts have no point yet: nothing measured is no zero", () => {
    expect(sumEquityPoints([null, null])).toEqual({ equity: null, byAsset: {} });
    expect(sumEquityPoints([])).toEqual({ equity: "0", byAsset: {} });
  });
});

describe("sumUnrealized", () => {
  const point = (unrealized?: string | null) => ({
    time: 1,
    equity: "1",
    byAsset: {},
    ...(unrealized === undefined ? {} : { unrealized }),
  });
  it("adds the accounts' unrealized PnL exactly, from the same points as their equity", () => {
    expect(sumUnrealized([point("0.1"), null, point("0.2"), point("-0.05")])).toBe("0.25");
    expect(sumUnrealized([])).toBe("0");
  });
  it("is unknown while accounts have no point yet: nothing measured is no zero", () => {
    expect(sumUnrealized([null, null])).toBeUndefined();
    expect(sumUnrealized([null, point("0.5")])).toBe("0.5");
  });
  it("is null when an account's cannot be valued, and unknown when an account's point was not measured with it", () => {
    expect(sumUnrealized([point("1"), point(null)])).toBeNull();
    expect(sumUnrealized([point("1"), point()])).toBeUndefined();
    expect(sumUnrealized([point(null), point()])).toBeUndefined();
  });
});
