import { afterEach, describe, expect, it } from "vitest";
import { balanceEvent } from "../../test/storeEvents.js";
import { type GatewayStore, openStore } from "./store.js";

let store: GatewayStore;
afterEach(() => store?.close());

describe("balances", () => {
  it("applies a change once: the same push again changes nothing", () => {
    store = openStore({ path: ":memory:" });
    expect(store.applyBalance(balanceEvent())).toBe(true);
    expect(store.applyBalance(balanceEvent())).toBe(false);
    expect(store.applyBalance(balanceEvent({ free: "990.6049610" }))).toBe(false);
    expect(store.balances()).toEqual([
      { asset: "USDT", free: "990.604961", locked: "0", updateTime: 1_736_417_034_100 },
    ]);
    expect(store.balanceChanges("USDT")).toHaveLength(1);
  });

  it("keeps every distinct change in the history, newest first", () => {
    store = openStore({ path: ":memory:" });
    store.applyBalance(balanceEvent({ timestamp: 1_000, free: "100", freeChange: "100", changeType: "DEPOSIT" }));
    store.applyBalance(
      balanceEvent({ timestamp: 2_000, free: "90", locked: "10", freeChange: "-10", lockedChange: "10" }),
    );
    expect(store.balanceChanges("USDT").map((c) => [c.time, c.free, c.locked, c.changeType])).toEqual([
      [2_000, "90", "10", "ENTRUST"],
      [1_000, "100", "0", "DEPOSIT"],
    ]);
    expect(store.balance("USDT")).toMatchObject({ free: "90", locked: "10" });
  });

  it("does not move a balance back when an older change arrives late", () => {
    store = openStore({ path: ":memory:" });
    store.applyBalance(balanceEvent({ timestamp: 2_000, free: "50" }));
    expect(
      store.applyBalance(balanceEvent({ timestamp: 1_000, free: "70", source: "rest", changeType: "RECONCILE" })),
    ).toBe(true);
    expect(store.balance("USDT")?.free).toBe("50");
    expect(store.balanceChanges("USDT")).toHaveLength(2);
  });

  it("leaves zero balances out unless asked", () => {
    store = openStore({ path: ":memory:" });
    store.applyBalance(balanceEvent({ asset: "BTC", free: "0", locked: "0.000" }));
    store.applyBalance(balanceEvent({ asset: "ETH", free: "1" }));
    expect(store.balances().map((b) => b.asset)).toEqual(["ETH"]);
    expect(store.balances({ includeZero: true }).map((b) => b.asset)).toEqual(["BTC", "ETH"]);
  });
});
