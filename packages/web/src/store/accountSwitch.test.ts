import type { ServerMessage, SnapshotMessage, Topic, TopicUpdate } from "@mexc-live/contract";
import { describe, expect, it } from "vitest";
import { alertNotice, balance, equityPoint, fill, health, order, ticker } from "../../test/items.js";
import { initialLiveState, type LiveState } from "./liveState.js";
import { LiveStore } from "./liveStore.js";
import { DEFAULT_REDUCE_LIMITS, reduceEvents, type StoreEvent } from "./reduce.js";

const T0 = 1_700_000_000_000;
const SUB1 = "account.sub1.";

function snapshot(topic: Topic, data: unknown): ServerMessage {
  return { type: "snapshot", topic, data, exchangeTime: 0, receiveTime: T0 } as SnapshotMessage;
}

function batch(...updates: [Topic, unknown][]): ServerMessage {
  return {
    type: "batch",
    updates: updates.map(([topic, data]) => ({ topic, data, exchangeTime: 0, receiveTime: T0 }) as TopicUpdate),
  };
}

function apply(state: LiveState, ...events: (ServerMessage | StoreEvent)[]): LiveState {
  const all = events.map(
    (event): StoreEvent => ("type" in event ? { kind: "message", message: event, at: T0 } : event),
  );
  return reduceEvents(state, all, T0);
}

/** The default account with something in every slice, a market, an open connection. */
function mainAccountHeld(): LiveState {
  return apply(
    initialLiveState(DEFAULT_REDUCE_LIMITS.maxLiveFills),
    { kind: "connection", state: "open", at: T0 },
    { type: "hello", mode: "demo", quote: "USDT", serverTime: T0 },
    snapshot("balances", [balance("USDT", "1000")]),
    snapshot("orders", [order("m1", T0)]),
    snapshot("fills", [fill("m-fill", T0)]),
    snapshot("equity", [equityPoint(T0, "1000")]),
    snapshot("health", health()),
    snapshot("alerts", [alertNotice("a1", T0)]),
    batch(["fills", fill("m-fill-2", T0 + 1)], ["alerts", alertNotice("a2", T0 + 1)]),
    snapshot("market.BTCUSDT.ticker", ticker("BTCUSDT")),
  );
}

describe("switching the account shown", () => {
  it("forgets every slice of the previous account and keeps the connection, the hello and the markets", () => {
    const before = mainAccountHeld();
    expect(before.raisedAlerts).toHaveLength(1);
    expect(before.changed.size).toBeGreaterThan(0);
    const after = apply(before, { kind: "account", topicPrefix: SUB1 });
    expect(after.topicPrefix).toBe(SUB1);
    expect(after.balances.size).toBe(0);
    expect(after.orders.size).toBe(0);
    expect(after.fills.items).toEqual([]);
    expect(after.equity).toEqual([]);
    expect(after.health).toBeNull();
    expect(after.alerts).toEqual([]);
    expect(after.raisedAlerts).toEqual([]);
    expect(after.changed.size).toBe(0);
    expect(after.connection).toBe("open");
    expect(after.hello).toBe(before.hello);
    expect(after.market.get("BTCUSDT")?.ticker?.symbol).toBe("BTCUSDT");
  });

  it("takes only the shown account's topics: the default account's plain names, another's prefixed ones", () => {
    let state = apply(
      initialLiveState(DEFAULT_REDUCE_LIMITS.maxLiveFills),
      snapshot("account.sub1.balances", [balance("ETH", "2")]),
      batch(["account.sub1.fills", fill("s-fill", T0)], ["fills", fill("m-fill", T0)]),
    );
    expect([...state.balances.keys()]).toEqual([]);
    expect(state.fills.items.map((f) => f.tradeId)).toEqual(["m-fill"]);

    state = apply(
      state,
      { kind: "account", topicPrefix: SUB1 },
      // Late frames of the previous account's topics, sent before the gateway read the unsubscribe.
      batch(["fills", fill("m-late", T0 + 5)], ["balances", balance("USDT", "1000")]),
      snapshot("account.sub1.balances", [balance("ETH", "2")]),
      batch(["account.sub1.fills", fill("s-fill", T0)], ["account.sub2.fills", fill("other", T0)]),
      snapshot("health", health({ state: "down" })),
      snapshot("account.sub1.health", health({ state: "reconnecting" })),
    );
    expect([...state.balances.keys()]).toEqual(["ETH"]);
    expect(state.fills.items.map((f) => f.tradeId)).toEqual(["s-fill"]);
    expect(state.health?.value.upstream.state).toBe("reconnecting");
  });

  it("drops deltas of the previous account that were waiting for the next frame, and applies at once", () => {
    const frames: (() => void)[] = [];
    const store = new LiveStore({
      schedule: (flush) => {
        frames.push(flush);
        return () => frames.splice(frames.indexOf(flush), 1);
      },
    });
    store.receive(snapshot("balances", [balance("USDT", "1000")]));
    for (const flush of frames.splice(0)) flush();
    store.receive(batch(["fills", fill("queued", T0)]));
    let renders = 0;
    store.subscribe(() => renders++);

    store.switchAccount(SUB1);
    expect(renders).toBe(1); // no frame awaited: the previous account is never drawn again
    expect(store.getState().topicPrefix).toBe(SUB1);
    expect(store.getState().balances.size).toBe(0);
    expect(store.getState().fills.items).toEqual([]);
    expect(frames).toHaveLength(0);
  });
});
