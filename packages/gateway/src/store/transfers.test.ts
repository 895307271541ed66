import { afterEach, describe, expect, it } from "vitest";
import { transferEvent } from "../../test/storeEvents.js";
import { type GatewayStore, openStore } from "./store.js";

let store: GatewayStore;
afterEach(() => store?.close());

describe("transfers", () => {
  it("stores a deposit once, whatever the number of copies", () => {
    store = openStore({ path: ":memory:" });
    expect(store.upsertTransfer(transferEvent())).toBe(true);
    expect(store.upsertTransfer(transferEvent())).toBe(false);
    expect(store.transferCounts()).toEqual({
      deposit: 1,
      withdrawal: 0,
      transfer: 0,
      internal_transfer: 0,
      conversion: 0,
    });
    expect(store.transfers().items).toEqual([
      {
        id: transferEvent().id,
        type: "deposit",
        direction: "in",
        asset: "USDT",
        amount: "1000",
        fee: "0",
        network: "TRX",
        status: "completed",
        rawStatus: "5",
        txId: transferEvent().txId,
        time: transferEvent().time,
        updateTime: transferEvent().updateTime,
        source: "rest",
      },
    ]);
  });

  it("moves a pending withdrawal forward, never back", () => {
    store = openStore({ path: ":memory:" });
    const pending = transferEvent({ type: "withdrawal", id: "w1", direction: "out", state: "pending", status: "4" });
    store.upsertTransfer(pending);
    expect(store.upsertTransfer({ ...pending, state: "completed", status: "7", txId: "0xabc" })).toBe(true);
    expect(store.upsertTransfer({ ...pending, state: "pending", status: "4" })).toBe(false);
    expect(store.transfers().items[0]).toMatchObject({ status: "completed", rawStatus: "7", txId: "0xabc" });
  });

  it("keeps a withdrawal's explorer page and own id (MEXC, 2026); a later reading adds them once, never erases them", () => {
    store = openStore({ path: ":memory:" });
    const sent = transferEvent({ type: "withdrawal", id: "w2", direction: "out", state: "completed", status: "7" });
    const explorerUrl = "https://tronscan.org/#/transaction/7f3a";
    store.upsertTransfer(sent);
    expect(store.transfers().items[0]).not.toHaveProperty("explorerUrl");
    expect(store.upsertTransfer({ ...sent, explorerUrl, withdrawOrderId: "client-withdraw-123" })).toBe(true);
    expect(store.transfers().items[0]).toMatchObject({ explorerUrl, withdrawOrderId: "client-withdraw-123" });
    expect(store.upsertTransfer({ ...sent, explorerUrl, withdrawOrderId: "client-withdraw-123" })).toBe(false);
    expect(store.upsertTransfer(sent)).toBe(false);
    expect(store.transfers().items[0]).toMatchObject({ explorerUrl, withdrawOrderId: "client-withdraw-123" });
  });

  it("refuses an explorer page that is not an http(s) address, naming the field", () => {
    store = openStore({ path: ":memory:" });
    const sent = transferEvent({ type: "withdrawal", id: "w3", direction: "out" });
    expect(() => store.upsertTransfer({ ...sent, explorerUrl: "javascript:alert(1)" })).toThrow(/explorerUrl/);
  });

  it("keeps a deposit and a withdrawal that share an id apart", () => {
    store = openStore({ path: ":memory:" });
    store.upsertTransfer(transferEvent({ id: "same" }));
    store.upsertTransfer(transferEvent({ id: "same", type: "withdrawal", direction: "out" }));
    expect(store.transferCounts()).toEqual({
      deposit: 1,
      withdrawal: 1,
      transfer: 0,
      internal_transfer: 0,
      conversion: 0,
    });
  });

  it("pages newest first with filters and a cursor, like /api/fills", () => {
    store = openStore({ path: ":memory:" });
    for (let i = 0; i < 5; i++) {
      store.upsertTransfer(transferEvent({ id: `d${i}`, time: 1_000_000 + i * 1000, asset: i % 2 ? "BTC" : "USDT" }));
    }
    const first = store.transfers({ limit: 2 });
    expect(first.items.map((t) => t.id)).toEqual(["d4", "d3"]);
    const second = store.transfers({ limit: 2, cursor: first.nextCursor ?? "" });
    expect(second.items.map((t) => t.id)).toEqual(["d2", "d1"]);
    expect([first.total, second.total]).toEqual([5, 5]);
    expect(store.transfers({ asset: "BTC" }).items.map((t) => t.id)).toEqual(["d3", "d1"]);
    expect(store.transfers({ asset: "BTC", limit: 1 }).total).toBe(2);
    expect(store.transfers({ type: "withdrawal" }).total).toBe(0);
    expect(store.transfers({ from: 1_002_000, to: 1_003_000 }).items.map((t) => t.id)).toEqual(["d3", "d2"]);
    expect(() => store.transfers({ type: "bogus" as "deposit" })).toThrow(/type/);
  });

  it("refuses an amount that is not a decimal, naming the field", () => {
    store = openStore({ path: ":memory:" });
    expect(() => store.upsertTransfer(transferEvent({ amount: "1e5" }))).toThrow(/amount/);
    expect(store.transferCounts().deposit).toBe(0);
  });
});
