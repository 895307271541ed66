import { afterEach, describe, expect, it } from "vitest";
import { balanceEvent, fillEvent, orderEvent, transferEvent } from "../../test/storeEvents.js";
import { type GatewayStore, openStore } from "./store.js";

let store: GatewayStore;
afterEach(() => store?.close());

const T = 1_736_417_034_000;
const assetsOf = (symbol: string) => (symbol === "BTCUSDT" ? { base: "BTC", quote: "USDT" } : undefined);

describe("the account ledger", () => {
  it("says what every change of a buy was and which fill or order caused it", () => {
    store = openStore({ path: ":memory:", assetsOf });
    store.upsertOrder(orderEvent({ orderId: "o1", createTime: T, timestamp: T }));
    store.upsertFill(
      fillEvent({ tradeId: "t1", orderId: "o1", timestamp: T + 300, quantity: "0.0001", amount: "9.395039" }),
    );
    store.applyBalance(
      balanceEvent({
        changeType: "ENTRUST_PLACE",
        freeChange: "-9.395039",
        lockedChange: "9.395039",
        free: "990.604961",
        locked: "9.395039",
        timestamp: T + 5,
      }),
    );
    store.applyBalance(
      balanceEvent({
        changeType: "ENTRUST",
        freeChange: "0",
        lockedChange: "-9.395039",
        free: "990.604961",
        locked: "0",
        timestamp: T + 301,
      }),
    );
    store.applyBalance(
      balanceEvent({
        asset: "BTC",
        changeType: "ENTRUST",
        freeChange: "0.0001",
        lockedChange: "0",
        free: "0.0001",
        locked: "0",
        timestamp: T + 302,
      }),
    );
    store.applyBalance(
      balanceEvent({
        asset: "BTC",
        changeType: "TRADE_FEE",
        freeChange: "-0.0000001",
        lockedChange: "0",
        free: "0.0000999",
        locked: "0",
        timestamp: T + 303,
      }),
    );
    const ledger = store.ledger().items;
    expect(ledger.map((e) => [e.asset, e.type, e.rawType, e.change, e.balance, e.ref])).toEqual([
      ["BTC", "trade_fee", "TRADE_FEE", "-0.0000001", "0.0000999", { kind: "fill", id: "t1" }],
      ["BTC", "trade", "ENTRUST", "0.0001", "0.0001", { kind: "fill", id: "t1" }],
      ["USDT", "trade", "ENTRUST", "-9.395039", "990.604961", { kind: "fill", id: "t1" }],
      ["USDT", "order_freeze", "ENTRUST_PLACE", "0", "1000", { kind: "order", id: "o1" }],
    ]);
  });

  it("names the fill of a pair MEXC's list no longer has by its spelling, never by the asset's letters in another's", () => {
    store = openStore({ path: ":memory:", assetsOf });
    // GONEUSDT is delisted (not in the list): its USDT change is its quote amount, 50.
    store.upsertFill(
      fillEvent({ tradeId: "gone", symbol: "GONEUSDT", timestamp: T, quantity: "10", amount: "50", feeCurrency: "MX" }),
    );
    // Nearer in time, of another pair the list does not know either: BTC is not one of its assets.
    store.upsertFill(
      fillEvent({
        tradeId: "dom",
        symbol: "BTCDOMUSDT",
        timestamp: T + 40,
        quantity: "2",
        amount: "7",
        feeCurrency: "MX",
      }),
    );
    store.applyBalance(
      balanceEvent({
        changeType: "ENTRUST",
        freeChange: "-50",
        lockedChange: "0",
        free: "950",
        locked: "0",
        timestamp: T + 45,
      }),
    );
    store.applyBalance(
      balanceEvent({
        asset: "BTC",
        changeType: "ENTRUST",
        freeChange: "0.5",
        lockedChange: "0",
        free: "0.5",
        locked: "0",
        timestamp: T + 41,
      }),
    );
    const byAsset = Object.fromEntries(store.ledger().items.map((e) => [e.asset, e.ref]));
    expect(byAsset.USDT).toEqual({ kind: "fill", id: "gone" });
    expect(byAsset.BTC).toBeNull();
  });

  it("matches a deposit and a withdrawal with its fee to the wallet history, by amount", () => {
    store = openStore({ path: ":memory:", assetsOf });
    store.upsertTransfer(transferEvent({ id: "dep", time: T - 600_000, amount: "1000" }));
    store.upsertTransfer(transferEvent({ id: "other", time: T - 500_000, amount: "5" }));
    store.upsertTransfer(
      transferEvent({ type: "withdrawal", id: "w1", direction: "out", amount: "99", fee: "1", time: T + 9_000 }),
    );
    store.applyBalance(balanceEvent({ changeType: "DEPOSIT", freeChange: "1000", free: "1000", timestamp: T }));
    store.applyBalance(balanceEvent({ changeType: "WITHDRAW", freeChange: "-99", free: "901", timestamp: T + 10_000 }));
    store.applyBalance(
      balanceEvent({ changeType: "WITHDRAW_FEE", freeChange: "-1", free: "900", timestamp: T + 10_001 }),
    );
    const byType = Object.fromEntries(store.ledger().items.map((e) => [e.type, e.ref]));
    expect(byType).toEqual({
      deposit: { kind: "transfer", id: "dep" },
      withdrawal: { kind: "transfer", id: "w1" },
      withdrawal_fee: { kind: "transfer", id: "w1" },
    });
  });

  it("names internal transfers and dust conversions by the wallet row they match, whatever the push type (docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.17)", () => {
    store = openStore({ path: ":memory:", assetsOf });
    const internal = (id: string, direction: "in" | "out", amount: string) =>
      transferEvent({ type: "internal_transfer", id, direction, amount, network: "MEXC", time: T });
    store.upsertTransfer(internal("sent", "out", "250"));
    store.upsertTransfer(internal("got", "in", "40"));
    store.upsertTransfer(
      transferEvent({ type: "conversion", id: "d1", direction: "out", asset: "SOL", amount: "0.3", time: T + 5 }),
    );
    store.upsertTransfer(
      transferEvent({
        type: "conversion",
        id: "MX:d1",
        direction: "in",
        asset: "MX",
        amount: "4.5",
        fee: "0.09",
        time: T + 5,
      }),
    );
    store.applyBalance(balanceEvent({ changeType: "WITHDRAW", freeChange: "-250", free: "750", timestamp: T }));
    store.applyBalance(balanceEvent({ changeType: "DEPOSIT", freeChange: "40", free: "790", timestamp: T + 1 }));
    store.applyBalance(
      balanceEvent({ asset: "SOL", changeType: "SMALL_COIN_CONVERT", freeChange: "-0.3", free: "0", timestamp: T + 5 }),
    );
    // A push type nobody has seen is matched only by exact amount and direction.
    store.applyBalance(
      balanceEvent({ asset: "MX", changeType: "MYSTERY_CHANGE", freeChange: "4.5", free: "4.5", timestamp: T + 6 }),
    );
    expect(store.ledger().items.map((e) => [e.asset, e.type, e.rawType, e.ref?.id])).toEqual([
      ["MX", "conversion", "MYSTERY_CHANGE", "MX:d1"],
      ["SOL", "conversion", "SMALL_COIN_CONVERT", "d1"],
      ["USDT", "internal_transfer", "DEPOSIT", "got"],
      ["USDT", "internal_transfer", "WITHDRAW", "sent"],
    ]);
    // Not every unknown change finds a row: no row of that amount, it stays unknown.
    store.applyBalance(
      balanceEvent({ asset: "MX", changeType: "MYSTERY_CHANGE", freeChange: "1", free: "5.5", timestamp: T + 7 }),
    );
    expect(store.ledger({ limit: 1 }).items[0]).toMatchObject({ type: "unknown", ref: null });
  });

  it("keeps a type MEXC has not documented as unknown with its raw type, and filters by type", () => {
    store = openStore({ path: ":memory:", assetsOf });
    store.applyBalance(balanceEvent({ changeType: "SOMETHING_NEW", freeChange: "1", free: "1", timestamp: T }));
    store.applyBalance(balanceEvent({ changeType: "SUGAR", freeChange: "2", free: "3", timestamp: T + 1 }));
    store.applyBalance(balanceEvent({ changeType: "RECONCILE", freeChange: "4", free: "7", timestamp: T + 2 }));
    expect(store.ledger({ type: "unknown" }).items.map((e) => [e.type, e.rawType, e.ref])).toEqual([
      ["unknown", "SOMETHING_NEW", null],
    ]);
    expect(store.ledger({ type: "airdrop" }).items.map((e) => e.change)).toEqual(["2"]);
    // A balance read from REST is a kind of its own, to filter by: not among the unknown.
    expect(store.ledger({ type: "balance_read" }).items.map((e) => [e.type, e.rawType, e.change])).toEqual([
      ["balance_read", "RECONCILE", "4"],
    ]);
  });

  it("pages newest first with a cursor and refuses a forged one", () => {
    store = openStore({ path: ":memory:" });
    for (let i = 0; i < 5; i++) {
      store.applyBalance(balanceEvent({ freeChange: "1", free: String(i + 1), timestamp: T + i }));
    }
    const first = store.ledger({ limit: 3 });
    expect(first.items.map((e) => e.balance)).toEqual(["5", "4", "3"]);
    const second = store.ledger({ limit: 3, cursor: first.nextCursor ?? "" });
    expect(second.items.map((e) => e.balance)).toEqual(["2", "1"]);
    expect([first.total, second.total]).toEqual([5, 5]);
    expect(store.ledger({ from: T + 3, limit: 1 }).total).toBe(2);
    expect(store.ledger({ asset: "ETH" }).total).toBe(0);
    expect(() => store.ledger({ cursor: Buffer.from('[1,"x"]').toString("base64url") })).toThrow(/cursor/);
  });
});
