import { afterEach, describe, expect, it } from "vitest";
import { orderEvent } from "../../test/storeEvents.js";
import { type GatewayStore, openStore } from "./store.js";

let store: GatewayStore;
afterEach(() => store?.close());

const historyCount = () => store.counts().orderHistory;

describe("stop-limit, OCO and orders MEXC names in ways we do not know (docs/mexc/undocumented.md#orders item 11.8)", () => {
  const stop = {
    orderType: "STOP_LIMIT" as const,
    trigger: { price: "95000", type: "LTE" as const, state: "UNTRIGGERED" as const },
    ocoId: "OCO000000000001",
  };

  it("stores a stop-limit order's trigger and OCO id; the trigger firing is a new state; REST's silence keeps them", () => {
    store = openStore({ path: ":memory:" });
    store.upsertOrder(orderEvent(stop));
    expect(store.order("C02__505979017439002624115")).toMatchObject({
      type: "STOP_LIMIT",
      status: "NEW",
      trigger: { price: "95000", type: "LTE", state: "UNTRIGGERED" },
      ocoId: "OCO000000000001",
    });
    expect(store.upsertOrder(orderEvent({ ...stop, trigger: { ...stop.trigger, state: "TRIGGERED" } }))).toBe(true);
    // A REST copy knows neither trigger nor pair, and says nothing new.
    expect(store.upsertOrder(orderEvent({ orderType: "STOP_LIMIT", source: "rest" }))).toBe(false);
    expect(
      store.upsertOrder(
        orderEvent({
          orderType: "STOP_LIMIT",
          status: "FILLED",
          cumulativeQuantity: "0.0002",
          cumulativeAmount: "19",
          source: "rest",
        }),
      ),
    ).toBe(true);
    expect(store.order("C02__505979017439002624115")).toMatchObject({
      status: "FILLED",
      trigger: { price: "95000", type: "LTE", state: "TRIGGERED" },
      ocoId: "OCO000000000001",
    });
  });

  it("stores an UNKNOWN status with the raw value MEXC sent, as an open order", () => {
    store = openStore({ path: ":memory:" });
    store.upsertOrder(orderEvent({ status: "UNKNOWN", rawValues: { status: 99 } }));
    expect(store.order("C02__505979017439002624115")).toMatchObject({ status: "UNKNOWN", rawValues: { status: 99 } });
    expect(store.openOrders()).toHaveLength(1);
    store.upsertOrder(orderEvent({ status: "CANCELED" }));
    expect(store.order("C02__505979017439002624115")).not.toHaveProperty("rawValues");
    expect(store.openOrders()).toHaveLength(0);
  });
});

describe("an order self-trade prevention canceled (cancelReason, docs/mexc/undocumented.md#fills-and-keys item 11.31)", () => {
  it("keeps MEXC's reason a later REST read adds to an order the push ended; a copy without it keeps it", () => {
    store = openStore({ path: ":memory:" });
    const id = "C02__505979017439002624115";
    expect(store.upsertOrder(orderEvent({ status: "CANCELED" }))).toBe(true);
    expect(store.order(id)).not.toHaveProperty("cancelReason");
    expect(store.upsertOrder(orderEvent({ status: "CANCELED", cancelReason: "stp_cancel", source: "rest" }))).toBe(
      true,
    );
    expect(store.order(id)).toMatchObject({ status: "CANCELED", cancelReason: "stp_cancel" });
    expect(store.upsertOrder(orderEvent({ status: "CANCELED", source: "rest" }))).toBe(false);
    expect(store.order(id)?.cancelReason).toBe("stp_cancel");
    expect(store.orders({ status: "all" }).items[0]?.cancelReason).toBe("stp_cancel");
  });

  it("refuses a reason that is not one of MEXC's words, naming the field", () => {
    store = openStore({ path: ":memory:" });
    expect(() => store.upsertOrder(orderEvent({ status: "CANCELED", cancelReason: "x".repeat(33) }))).toThrow(
      /cancelReason/,
    );
  });
});

describe("orders", () => {
  it("keeps the latest state, moving forward NEW -> PARTIALLY_FILLED -> FILLED", () => {
    store = openStore({ path: ":memory:" });
    expect(store.upsertOrder(orderEvent())).toBe(true);
    expect(
      store.upsertOrder(
        orderEvent({
          status: "PARTIALLY_FILLED",
          cumulativeQuantity: "0.0001",
          cumulativeAmount: "9.395039",
          timestamp: 2 * 1e12,
        }),
      ),
    ).toBe(true);
    expect(
      store.upsertOrder(
        orderEvent({
          status: "FILLED",
          cumulativeQuantity: "0.0002",
          cumulativeAmount: "18.790078",
          timestamp: 3 * 1e12,
        }),
      ),
    ).toBe(true);
    expect(store.order("C02__505979017439002624115")).toMatchObject({
      status: "FILLED",
      executedQuantity: "0.0002",
      cumulativeQuoteQuantity: "18.790078",
      // The stream left avgPrice at 0: quote / quantity.
      avgPrice: "93950.39",
      time: 1_736_417_033_000,
      updateTime: 3 * 1e12,
      clientOrderId: "web_1",
    });
    expect(historyCount()).toBe(3);
  });

  it("never regresses FILLED to NEW when a stale REST snapshot arrives", () => {
    store = openStore({ path: ":memory:" });
    store.upsertOrder(orderEvent({ status: "FILLED", cumulativeQuantity: "0.0002", cumulativeAmount: "18.790078" }));
    const stale = orderEvent({ source: "rest", status: "NEW", cumulativeQuantity: "0", timestamp: 9e12 });
    expect(store.upsertOrder(stale)).toBe(false);
    expect(store.upsertOrder(orderEvent({ status: "PARTIALLY_FILLED", cumulativeQuantity: "0.0001" }))).toBe(false);
    expect(store.order("C02__505979017439002624115")).toMatchObject({ status: "FILLED", executedQuantity: "0.0002" });
    expect(store.orders({ status: "open" }).items).toEqual([]);
    expect(historyCount()).toBe(1);
  });

  it("treats the same state again, in another decimal spelling, as nothing new", () => {
    store = openStore({ path: ":memory:" });
    store.upsertOrder(orderEvent({ status: "PARTIALLY_FILLED", cumulativeQuantity: "0.0001" }));
    const before = store.order("C02__505979017439002624115");
    expect(
      store.upsertOrder(
        orderEvent({ source: "rest", status: "PARTIALLY_FILLED", cumulativeQuantity: "0.00010000", clientOrderId: "" }),
      ),
    ).toBe(false);
    expect(store.order("C02__505979017439002624115")).toEqual(before);
    expect(historyCount()).toBe(1);
  });

  it("moves a final state forward from PARTIALLY_FILLED with the same quantity (cancel of the rest)", () => {
    store = openStore({ path: ":memory:" });
    store.upsertOrder(orderEvent({ status: "PARTIALLY_FILLED", cumulativeQuantity: "0.0001" }));
    expect(store.upsertOrder(orderEvent({ status: "PARTIALLY_CANCELED", cumulativeQuantity: "0.0001" }))).toBe(true);
    // Two different final states: the first one stays.
    expect(store.upsertOrder(orderEvent({ status: "CANCELED", cumulativeQuantity: "0.0001" }))).toBe(false);
    expect(store.order("C02__505979017439002624115")?.status).toBe("PARTIALLY_CANCELED");
  });

  it("lists open orders and pages all orders newest first, stable across equal times", () => {
    store = openStore({ path: ":memory:" });
    for (let i = 0; i < 5; i++) {
      store.upsertOrder(orderEvent({ orderId: `o${i}`, createTime: 1_000, timestamp: 1_000 + i }));
    }
    store.upsertOrder(orderEvent({ orderId: "o1", status: "CANCELED", timestamp: 5_000 }));
    store.upsertOrder(orderEvent({ orderId: "x", symbol: "ETHUSDT", createTime: 500, timestamp: 500 }));

    expect(store.orders({ status: "open", symbol: "BTCUSDT" }).items.map((o) => o.orderId)).toEqual([
      "o4",
      "o3",
      "o2",
      "o0",
    ]);
    expect(store.openOrders()).toEqual([
      { symbol: "ETHUSDT", orderId: "x" },
      { symbol: "BTCUSDT", orderId: "o0" },
      { symbol: "BTCUSDT", orderId: "o2" },
      { symbol: "BTCUSDT", orderId: "o3" },
      { symbol: "BTCUSDT", orderId: "o4" },
    ]);
    const first = store.orders({ status: "all", limit: 4 });
    const second = store.orders({ status: "all", limit: 4, cursor: first.nextCursor ?? "" });
    expect([...first.items, ...second.items].map((o) => o.orderId)).toEqual(["o4", "o3", "o2", "o1", "o0", "x"]);
    expect(second.nextCursor).toBeNull();
    expect([first.total, second.total]).toEqual([6, 6]);
    expect(store.orders({ status: "open", limit: 1 }).total).toBe(5);
    expect(store.orders({ status: "open", symbol: "ETHUSDT" }).total).toBe(1);
  });

  it("flags orders on pairs where MEXC disabled API trading", () => {
    store = openStore({ path: ":memory:", apiTradingDisabled: (symbol) => symbol === "FROPUSDT" });
    store.upsertOrder(orderEvent({ orderId: "a", symbol: "FROPUSDT" }));
    store.upsertOrder(orderEvent({ orderId: "b" }));
    expect(store.order("a")?.apiTradingDisabled).toBe(true);
    expect(store.order("b")?.apiTradingDisabled).toBe(false);
  });

  it("rejects an order event with a malformed quantity and keeps the held state", () => {
    store = openStore({ path: ":memory:" });
    store.upsertOrder(orderEvent());
    expect(() => store.upsertOrder(orderEvent({ cumulativeQuantity: "NaN", status: "FILLED" }))).toThrow(
      expect.objectContaining({ code: "BAD_EVENT" }),
    );
    expect(store.order("C02__505979017439002624115")?.status).toBe("NEW");
    expect(historyCount()).toBe(1);
  });
});
