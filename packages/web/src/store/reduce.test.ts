import type { ServerMessage, SnapshotMessage, Topic, TopicUpdate } from "@mexc-live/contract";
import { describe, expect, it } from "vitest";
import { alertNotice, balance, equityPoint, fill, health, order } from "../../test/items.js";
import { describeHealth } from "../header/healthView.js";
import { FLASH_COOLDOWN_MS, MAX_ALERTS } from "./limits.js";
import { changeKey, initialLiveState, type LiveState } from "./liveState.js";
import { DEFAULT_REDUCE_LIMITS, type ReduceLimits, reduceEvents, type StoreEvent } from "./reduce.js";

const T0 = 1_700_000_000_000;

// Messages as the gateway sends them; the tests pick topic and data freely, so the pairing is asserted here.
function snapshot(topic: Topic, data: unknown): ServerMessage {
  return { type: "snapshot", topic, data, exchangeTime: 0, receiveTime: T0 } as SnapshotMessage;
}

function batch(...updates: [Topic, unknown][]): ServerMessage {
  return {
    type: "batch",
    updates: updates.map(([topic, data]) => ({ topic, data, exchangeTime: 0, receiveTime: T0 }) as TopicUpdate),
  };
}

function apply(state: LiveState, messages: ServerMessage[], now = T0, limits?: Partial<ReduceLimits>): LiveState {
  const events: StoreEvent[] = messages.map((message) => ({ kind: "message", message, at: now }));
  return reduceEvents(state, events, now, { ...DEFAULT_REDUCE_LIMITS, ...limits });
}

const empty = () => initialLiveState(DEFAULT_REDUCE_LIMITS.maxLiveFills);

describe("live store reducers", () => {
  it("knows when the fills, orders, balances and equity came (a snapshot, even an empty one), and forgets it on an account switch", () => {
    let state = empty();
    const nothing = { fills: false, orders: false, balances: false, equity: false };
    expect(state.listsIn).toEqual(nothing);
    // Another account's, or all accounts' together, say nothing of the account shown.
    state = apply(state, [snapshot("account.sub1.fills", [fill("1", T0)]), snapshot("accounts.fills", [])]);
    expect(state.listsIn).toEqual(nothing);
    state = apply(state, [snapshot("fills", null), snapshot("orders", [order("o", T0)])]);
    expect(state.listsIn).toEqual({ fills: true, orders: true, balances: false, equity: false });
    state = apply(state, [snapshot("balances", [])]);
    expect(state.listsIn).toEqual({ fills: true, orders: true, balances: true, equity: false });
    state = apply(state, [snapshot("equity", [])]);
    expect(state.listsIn).toEqual({ fills: true, orders: true, balances: true, equity: true });
    state = reduceEvents(state, [{ kind: "account", topicPrefix: "account.sub1." }], T0);
    expect(state.listsIn).toEqual(nothing);
  });

  it("applies a balances snapshot, then deltas keyed by asset", () => {
    let state = apply(empty(), [snapshot("balances", [balance("USDT", "100"), balance("BTC", "0.5")])]);
    state = apply(state, [batch(["balances", balance("BTC", "0.75")], ["balances", balance("ETH", "2")])]);
    expect([...state.balances.keys()].sort()).toEqual(["BTC", "ETH", "USDT"]);
    expect(state.balances.get("BTC")?.free).toBe("0.75");
  });

  it("keeps one row per tradeId when a snapshot and deltas overlap", () => {
    let state = apply(empty(), [batch(["fills", fill("2", T0 + 2)], ["fills", fill("3", T0 + 3)])]);
    state = apply(state, [snapshot("fills", [fill("1", T0 + 1), fill("2", T0 + 2)])]);
    state = apply(state, [batch(["fills", fill("3", T0 + 3)], ["fills", fill("3", T0 + 3)])]);
    expect(state.fills.items.map((f) => f.tradeId)).toEqual(["3", "2", "1"]);
    expect(state.fills.ids.size).toBe(3);
  });

  it("orders fills newest first whatever order they arrive in", () => {
    const state = apply(empty(), [
      batch(["fills", fill("5", T0 + 50)], ["fills", fill("7", T0 + 10)], ["fills", fill("6", T0 + 90)]),
      batch(["fills", fill("9", T0 + 10)]),
    ]);
    expect(state.fills.items.map((f) => f.tradeId)).toEqual(["6", "5", "9", "7"]);
  });

  it("holds at most the newest N fills", () => {
    const deltas = Array.from({ length: 25 }, (_, i) => ["fills", fill(String(i), T0 + i)] as [Topic, unknown]);
    const state = reduceEvents(initialLiveState(10), [{ kind: "message", message: batch(...deltas), at: T0 }], T0, {
      ...DEFAULT_REDUCE_LIMITS,
      maxLiveFills: 10,
    });
    expect(state.fills.items.map((f) => f.tradeId)).toEqual([
      "24",
      "23",
      "22",
      "21",
      "20",
      "19",
      "18",
      "17",
      "16",
      "15",
    ]);
  });

  it("drops held fills when a reconnect snapshot starts after them (a possible gap), keeps them when it overlaps", () => {
    const held = apply(empty(), [snapshot("fills", [fill("1", T0 + 1), fill("2", T0 + 2)])]);
    const overlapping = apply(held, [snapshot("fills", [fill("2", T0 + 2), fill("3", T0 + 3)])]);
    expect(overlapping.fills.items.map((f) => f.tradeId)).toEqual(["3", "2", "1"]);
    const gapped = apply(held, [snapshot("fills", [fill("8", T0 + 8), fill("9", T0 + 9)])]);
    expect(gapped.fills.items.map((f) => f.tradeId)).toEqual(["9", "8"]);
  });

  it("appends older fills from the HTTP API behind the live ones, raising the cap", () => {
    const state = reduceEvents(
      initialLiveState(2),
      [
        { kind: "message", message: snapshot("fills", [fill("9", T0 + 9), fill("8", T0 + 8)]), at: T0 },
        { kind: "olderFills", items: [fill("8", T0 + 8), fill("7", T0 + 7), fill("6", T0 + 6)] },
      ],
      T0,
      { ...DEFAULT_REDUCE_LIMITS, maxLiveFills: 2 },
    );
    expect(state.fills.items.map((f) => f.tradeId)).toEqual(["9", "8", "7", "6"]);
  });

  it("keeps the latest state per orderId and ignores a delta older than it", () => {
    let state = apply(empty(), [snapshot("orders", [order("1", T0 + 10)])]);
    state = apply(state, [
      batch(
        ["orders", order("1", T0 + 20, { status: "PARTIALLY_FILLED", executedQuantity: "0.005" })],
        ["orders", order("1", T0 + 15, { status: "NEW" })],
      ),
    ]);
    expect(state.orders.size).toBe(1);
    expect(state.orders.get("1")?.status).toBe("PARTIALLY_FILLED");
  });

  it("treats an orders snapshot as the truth about open orders and keeps closed history", () => {
    let state = apply(empty(), [
      snapshot("orders", [order("1", T0), order("2", T0, { status: "FILLED" }), order("3", T0)]),
    ]);
    state = apply(state, [snapshot("orders", [order("3", T0 + 5, { status: "PARTIALLY_FILLED" })])]);
    expect([...state.orders.keys()].sort()).toEqual(["2", "3"]);
  });

  it("merges equity points by time, oldest first", () => {
    let state = apply(empty(), [snapshot("equity", [equityPoint(T0 + 2, "10"), equityPoint(T0 + 1, "9")])]);
    state = apply(state, [batch(["equity", equityPoint(T0 + 3, "11")], ["equity", equityPoint(T0 + 2, "10.5")])]);
    expect(state.equity.map((p) => [p.time - T0, p.equity])).toEqual([
      [1, "9"],
      [2, "10.5"],
      [3, "11"],
    ]);
  });

  it("marks rows changed by live deltas for a moment, never rows from a snapshot", () => {
    let state = apply(empty(), [snapshot("fills", [fill("1", T0)])]);
    expect(state.changed.size).toBe(0);
    state = apply(state, [batch(["fills", fill("2", T0 + 1)], ["orders", order("5", T0)])]);
    expect(state.changed.get(changeKey("fills", "2"))).toBe(T0);
    expect(state.changed.get(changeKey("orders", "5"))).toBe(T0);
    state = apply(state, [batch(["balances", balance("BTC", "1")])], T0 + FLASH_COOLDOWN_MS + 1);
    expect([...state.changed.keys()]).toEqual([changeKey("balances", "BTC")]);
  });

  it("highlights a balance whose amount changed, not one whose value moved with the price", () => {
    let state = apply(empty(), [snapshot("balances", [balance("BTC", "1", { value: "87000", price: "87000" })])]);
    state = apply(state, [batch(["balances", balance("BTC", "1", { value: "87010", price: "87010" })])]);
    expect(state.changed.size).toBe(0);
    expect(state.balances.get("BTC")?.value).toBe("87010");
    state = apply(state, [batch(["balances", balance("BTC", "1.5", { value: "130515", price: "87010" })])]);
    expect([...state.changed.keys()]).toEqual([changeKey("balances", "BTC")]);
  });

  it("keeps a table whose rows change every second from staying highlighted: once per cooldown", () => {
    let state = apply(empty(), [snapshot("balances", [balance("USDT", "100")])]);
    const flashedAt: number[] = [];
    for (let second = 0; second <= 25; second++) {
      const now = T0 + second * 1000;
      state = apply(state, [batch(["balances", balance("USDT", String(100 + second + 1))])], now);
      if (state.changed.get(changeKey("balances", "USDT")) === now) flashedAt.push(second);
    }
    expect(flashedAt).toEqual([0, 10, 20]);
  });

  it("highlights a busy account's new fills now and then, several of one frame together, not all the time", () => {
    let state = empty();
    const flashed: string[] = [];
    for (let second = 0; second <= 12; second++) {
      const now = T0 + second * 1000;
      // Two new fills a second.
      state = apply(state, [batch(["fills", fill(`a${second}`, now)], ["fills", fill(`b${second}`, now)])], now);
      for (const [key, at] of state.changed) if (at === now) flashed.push(key);
    }
    expect(flashed).toEqual([
      changeKey("fills", "a0"),
      changeKey("fills", "b0"),
      changeKey("fills", "a10"),
      changeKey("fills", "b10"),
    ]);
    // Another table is another matter: an order changing now flashes.
    state = apply(state, [batch(["orders", order("7", T0 + 12_500)])], T0 + 12_500);
    expect(state.changed.get(changeKey("orders", "7"))).toBe(T0 + 12_500);
  });

  it("does not highlight a flood of rows changed within one frame", () => {
    const flood = Array.from({ length: 60 }, (_, i) => ["fills", fill(String(i), T0 + i)] as [Topic, unknown]);
    const state = apply(empty(), [batch(...flood)]);
    expect(state.fills.items).toHaveLength(60);
    expect(state.changed.size).toBe(0);
  });

  it("keeps market topics per symbol", () => {
    const state = apply(empty(), [
      snapshot("market.BTCUSDT.ticker", {
        symbol: "BTCUSDT",
        last: "65000",
        bidPrice: "64999",
        bidQuantity: "1",
        askPrice: "65001",
        askQuantity: "2",
      }),
      snapshot("market.BTCUSDT.trades", [{ symbol: "BTCUSDT", price: "1", quantity: "1", side: "BUY", time: T0 }]),
      batch(["market.BTCUSDT.trades", { symbol: "BTCUSDT", price: "2", quantity: "1", side: "SELL", time: T0 + 1 }]),
    ]);
    const market = state.market.get("BTCUSDT");
    expect(market?.ticker?.last).toBe("65000");
    expect(market?.trades.map((t) => t.price)).toEqual(["2", "1"]);
  });

  it("says a symbol's candles came only once a kline snapshot with data or a candle did", () => {
    const candle = (openTime: number) => ({
      symbol: "BTCUSDT",
      interval: "Min1",
      openTime,
      closeTime: openTime + 60_000,
      open: "1",
      high: "2",
      low: "1",
      close: "2",
      volume: "3",
    });
    // The gateway held nothing yet (data null), then the book came: the candles have not.
    let state = apply(empty(), [
      snapshot("market.BTCUSDT.kline", null),
      snapshot("market.BTCUSDT.depth", { symbol: "BTCUSDT", version: "1", bids: [], asks: [], resyncs: 0 }),
    ]);
    expect(state.market.get("BTCUSDT")?.klinesIn).toBe(false);
    state = apply(state, [batch(["market.BTCUSDT.kline", candle(T0)])]);
    expect(state.market.get("BTCUSDT")?.klinesIn).toBe(true);
    state = apply(empty(), [snapshot("market.ETHUSDT.kline", [])]);
    expect(state.market.get("ETHUSDT")).toMatchObject({ klines: [], klinesIn: true });
  });

  it("returns the same state when nothing changed", () => {
    const state = empty();
    expect(reduceEvents(state, [], T0)).toBe(state);
  });

  it("says the gateway is lost, with ticking seconds since the last event, once the page's connection to it is lost", () => {
    let state = reduceEvents(empty(), [{ kind: "connection", state: "open", at: T0 }], T0);
    state = apply(state, [
      { type: "hello", mode: "demo", quote: "USDT", serverTime: T0 },
      snapshot("health", health({ lastEventAgeMs: 2_000 })),
    ]);
    expect(describeHealth(state, T0).state.name).toBe("live");
    state = reduceEvents(state, [{ kind: "connection", state: "reconnecting", at: T0 + 1_000 }], T0 + 1_000);
    expect(state.disconnectedAt).toBe(T0 + 1_000);
    const view = describeHealth(state, T0 + 10_000);
    expect(view.state.name).toBe("gateway lost");
    expect(view.sinceLastEventMs).toBe(12_000);
    state = reduceEvents(state, [{ kind: "connection", state: "open", at: T0 + 11_000 }], T0 + 11_000);
    expect(state.disconnectedAt).toBeNull();
  });
});

describe("alerts topic", () => {
  const ids = (state: LiveState) => state.alerts.map((a) => a.id);
  const raised = (state: LiveState) => state.raisedAlerts.map((r) => [r.seq, r.notice.id]);

  it("holds a snapshot's alerts without raising them", () => {
    const state = apply(empty(), [snapshot("alerts", [alertNotice("1", T0), alertNotice("2", T0 + 1)])]);
    expect(ids(state)).toEqual(["fill:BTCUSDT:1", "fill:BTCUSDT:2"]);
    expect(state.raisedAlerts).toEqual([]);
  });

  it("raises live alerts in arrival order, numbered on from the last raised, newest last", () => {
    let state = apply(empty(), [snapshot("alerts", [alertNotice("1", T0)])]);
    state = apply(state, [batch(["alerts", alertNotice("2", T0 + 1)], ["alerts", alertNotice("3", T0 + 2)])]);
    state = apply(state, [batch(["alerts", alertNotice("4", T0 + 3)])]);
    expect(ids(state)).toEqual(["fill:BTCUSDT:1", "fill:BTCUSDT:2", "fill:BTCUSDT:3", "fill:BTCUSDT:4"]);
    expect(raised(state)).toEqual([
      [1, "fill:BTCUSDT:2"],
      [2, "fill:BTCUSDT:3"],
      [3, "fill:BTCUSDT:4"],
    ]);
  });

  it("does not raise an alert again when its id is already held (a repeat, or one a snapshot brought)", () => {
    let state = apply(empty(), [snapshot("alerts", [alertNotice("1", T0)])]);
    state = apply(state, [batch(["alerts", alertNotice("1", T0)], ["alerts", alertNotice("2", T0 + 1)])]);
    state = apply(state, [batch(["alerts", alertNotice("2", T0 + 1)])]);
    expect(ids(state)).toEqual(["fill:BTCUSDT:1", "fill:BTCUSDT:2"]);
    expect(raised(state)).toEqual([[1, "fill:BTCUSDT:2"]]);
  });

  it("applies a snapshot and deltas of one frame in the order they came", () => {
    const state = apply(empty(), [
      batch(["alerts", alertNotice("1", T0)]),
      snapshot("alerts", [alertNotice("1", T0), alertNotice("0", T0 - 1)]),
      batch(["alerts", alertNotice("0", T0 - 1)], ["alerts", alertNotice("2", T0 + 1)]),
    ]);
    expect(raised(state)).toEqual([
      [1, "fill:BTCUSDT:1"],
      [2, "fill:BTCUSDT:2"],
    ]);
  });

  it("keeps the newest MAX_ALERTS alerts and raised alerts", () => {
    const many = Array.from({ length: MAX_ALERTS + 10 }, (_, i) => ["alerts", alertNotice(String(i), T0 + i)]);
    const state = apply(empty(), [batch(...(many as [Topic, unknown][]))]);
    expect(state.alerts).toHaveLength(MAX_ALERTS);
    expect(state.alerts[0]?.id).toBe("fill:BTCUSDT:10");
    expect(state.alerts[MAX_ALERTS - 1]?.id).toBe(`fill:BTCUSDT:${MAX_ALERTS + 9}`);
    expect(state.raisedAlerts).toHaveLength(MAX_ALERTS);
    expect(state.raisedAlerts[MAX_ALERTS - 1]?.seq).toBe(MAX_ALERTS + 10);
  });
});

describe("the figures topic", () => {
  it("keeps the shown account's figures version, the latest pushed, and not another account's", () => {
    let state = empty();
    expect(state.figures).toBeNull();
    state = apply(state, [snapshot("figures", { account: "main", version: 3, at: T0 })]);
    expect(state.figures?.version).toBe(3);
    state = apply(state, [batch(["figures", { account: "main", version: 4, at: T0 + 1 }])]);
    state = apply(state, [batch(["account.sub1.figures", { account: "sub1", version: 90, at: T0 + 2 }])]);
    expect(state.figures).toEqual({ account: "main", version: 4, at: T0 + 1 });
  });
});
