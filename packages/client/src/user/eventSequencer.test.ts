import type { BalanceUpdate, Fill, OrderStatus, OrderUpdate } from "@mexc-live/protocol";
import { describe, expect, it } from "vitest";
import { EventSequencer } from "./eventSequencer.js";
import { ExecutionRecord, type KnownBalance, type UserEvent } from "./executionRecord.js";
import type { ReconcileResult } from "./reconcile.js";

/**
 * The sequence of the 3-account fault soak that ended with a stale locked balance (seed
 * 1773408029, sub2's XRP): pushes held back during a reconciliation, the connection dropped and
 * came back, a second reconciliation read REST after it. The held pushes are older than that read
 * and must not be delivered over it. Here the REST side is scripted (when it is read, what it
 * says); the same sequence against the simulator is the soak.
 */
const push = (asset: string, free: string, locked: string, receivedAt: number): BalanceUpdate => ({
  type: "balance",
  channel: "spot@private.account.v3.api.pb",
  timestamp: receivedAt,
  localTimestamp: receivedAt,
  asset,
  coinId: "",
  free,
  freeChange: "0",
  locked,
  lockedChange: "0",
  changeType: "ENTRUST_PLACE",
});

interface ScriptedRun {
  readonly balances: Record<string, KnownBalance>;
  readonly readAt: number;
  /** Fills and order states REST reports at the end of the run. */
  readonly events?: ReconcileResult["events"];
  /** The account read is answered (the rest of the run goes on). */
  read?: () => void;
  /** Resolves the run when called. */
  release?: () => void;
}

function harness(options: { now?: () => number } = {}) {
  const runs: ScriptedRun[] = [];
  const started: ((run: ScriptedRun) => void)[] = [];
  const delivered: UserEvent[] = [];
  let doubts = 0;
  const abort = new AbortController();
  const record = new ExecutionRecord({ restLagMs: 1_000 });
  const sequencer = new EventSequencer({
    record,
    reconciler: {
      run: (_since, onBalances) =>
        new Promise<ReconcileResult>((resolve) => {
          const run = runs.shift();
          if (run === undefined) throw new Error("no scripted run left");
          const read = {
            balances: new Map(Object.entries(run.balances)),
            balancesReadAt: run.readAt,
            balancesServerTime: run.readAt,
          };
          run.read = () => onBalances?.(read);
          run.release = () =>
            resolve({
              ...read,
              events: run.events ?? [],
              watermarks: new Map(),
              symbols: [],
              restCalls: 1,
              serverTime: run.readAt,
            });
          started.shift()?.(run);
        }),
    },
    deliver: (event) => delivered.push(event),
    reconciled: () => {},
    failed: () => {},
    onBalanceDoubt: () => doubts++,
    signal: abort.signal,
    now: options.now,
  });
  const nextRun = () => new Promise<ScriptedRun>((resolve) => started.push(resolve));
  const balanceOf = (asset: string) =>
    delivered
      .filter((event): event is Extract<UserEvent, { type: "balance" }> => event.type === "balance")
      .filter((event) => event.asset === asset)
      .at(-1);
  return { sequencer, record, runs, nextRun, delivered, balanceOf, doubts: () => doubts, close: () => abort.abort() };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("EventSequencer balances", () => {
  it("does not deliver held pushes over a REST read made after them", async () => {
    const h = harness();
    h.runs.push(
      { balances: { XRP: { free: "1608.2", locked: "0" } }, readAt: 10_000 },
      { balances: { XRP: { free: "1646.1", locked: "0" } }, readAt: 16_000 },
    );
    const first = h.nextRun();
    h.sequencer.requestReconcile("reconnect", 0);
    const run1 = await first;
    // While the first run is out, pushes arrive and are held back: an order placed, then filled.
    h.sequencer.streamEvent(push("XRP", "1350", "258.2", 10_100));
    h.sequencer.streamEvent(push("XRP", "1350", "0", 10_100));
    h.sequencer.streamEvent(push("XRP", "1356.45", "0", 10_900));
    // The connection dropped and came back: another run is due; its read comes well after.
    h.sequencer.requestReconcile("reconnect", 0);
    const second = h.nextRun();
    run1.release?.();
    const run2 = await second;
    run2.release?.();
    await settled();

    expect(h.balanceOf("XRP")).toMatchObject({ free: "1646.1", locked: "0", source: "rest" });
    expect(h.delivered.filter((event) => event.type === "balance" && event.source === "stream")).toEqual([]);
    expect(h.doubts()).toBe(0);
    h.close();
  });

  it("delivers pushes that came after the read, over it", async () => {
    const h = harness();
    h.runs.push({ balances: { USDT: { free: "100", locked: "0" } }, readAt: 10_000 });
    const first = h.nextRun();
    h.sequencer.requestReconcile("start", 0);
    const run = await first;
    h.sequencer.streamEvent(push("USDT", "90", "10", 10_050));
    run.release?.();
    await settled();

    expect(h.balanceOf("USDT")).toMatchObject({ free: "90", locked: "10", source: "stream" });
    expect(h.doubts()).toBe(0);
    h.close();
  });

  it("keeps a push from just before the read that REST contradicts, and asks to read again", async () => {
    const h = harness();
    h.runs.push({ balances: { USDT: { free: "100", locked: "0" } }, readAt: 10_000 });
    const first = h.nextRun();
    h.sequencer.requestReconcile("start", 0);
    const run = await first;
    h.sequencer.streamEvent(push("USDT", "90", "10", 9_600));
    run.release?.();
    await settled();

    expect(h.balanceOf("USDT")).toMatchObject({ free: "90", locked: "10", source: "stream" });
    expect(h.doubts()).toBe(1);
    h.close();
  });
});

describe("EventSequencer says what it holds back", () => {
  it("counts the balance pushes held for a reconciliation's account read and names it; nothing once they are delivered", async () => {
    // Not yet in sync since it was made: the hold counts from then (the first reconciliation's).
    const before = Date.now();
    const h = harness();
    h.runs.push({ balances: {}, readAt: 10_000 });
    const first = h.nextRun();
    h.sequencer.requestReconcile("reconnect", 0);
    const run = await first;
    expect(h.sequencer.stats().waiting).toBeNull();
    expect(h.sequencer.stats().reconciling).toMatchObject({ reason: "reconnect" });
    h.sequencer.streamEvent(push("XRP", "1350", "258.2", Date.now()));
    h.sequencer.streamEvent(push("XRP", "1350", "0", Date.now()));
    const waiting = h.sequencer.stats().waiting;
    expect(waiting).toMatchObject({ events: 2, kind: "balance", reason: "reconnect" });
    expect(waiting!.since).toBeGreaterThanOrEqual(before);
    run.release?.();
    await settled();
    expect(h.sequencer.stats().waiting).toBeNull();
    expect(h.sequencer.stats().reconciling).toBeNull();
    expect(h.delivered.filter((event) => event.source === "stream")).toHaveLength(2);
    h.close();
  });
});

const fill = (tradeId: string, orderId: string, time: number): Fill => ({
  type: "fill",
  channel: "spot@private.deals.v3.api.pb",
  timestamp: time,
  localTimestamp: time,
  symbol: "BTCUSDT",
  tradeId,
  orderId,
  clientOrderId: "",
  side: "BUY",
  price: "100000",
  quantity: "0.001",
  amount: "100",
  fee: "0.1",
  feeCurrency: "USDT",
  isMaker: false,
  isSelfTrade: false,
});

const order = (orderId: string, status: OrderStatus, cumulativeQuantity: string, time: number): OrderUpdate => ({
  type: "order",
  channel: "spot@private.orders.v3.api.pb",
  timestamp: time,
  localTimestamp: time,
  symbol: "BTCUSDT",
  orderId,
  clientOrderId: "",
  side: "BUY",
  orderType: "LIMIT",
  status,
  price: "100000",
  quantity: "0.002",
  amount: "200",
  avgPrice: "100000",
  cumulativeQuantity,
  cumulativeAmount: "0",
  remainQuantity: "0",
  remainAmount: "0",
  lastDealQuantity: undefined,
  isMaker: false,
  createTime: 1_000,
});

describe("EventSequencer during a reconciliation (issue 31)", () => {
  it("passes fills and order states on at once; REST's copies and older states are dropped when it ends", async () => {
    const h = harness();
    // REST's view, read before the newer pushes: one fill, and the order half filled.
    h.runs.push({
      balances: {},
      readAt: 10_000,
      events: [fill("T1", "O1", 9_000), order("O1", "PARTIALLY_FILLED", "0.001", 9_000)],
    });
    const first = h.nextRun();
    h.sequencer.requestReconcile("reconnect", 0);
    const run = await first;
    h.sequencer.streamEvent(fill("T1", "O1", 9_000));
    h.sequencer.streamEvent(fill("T2", "O1", 10_500));
    h.sequencer.streamEvent(order("O1", "FILLED", "0.002", 10_500));
    // Before the run ends, downstream already has both fills and the order filled.
    expect(h.delivered.map((event) => `${event.type}:${event.source}`)).toEqual([
      "fill:stream",
      "fill:stream",
      "order:stream",
    ]);
    expect(h.sequencer.stats().waiting).toBeNull();
    expect(h.sequencer.stats().reconciling).not.toBeNull();
    run.read?.();
    run.release?.();
    await settled();
    // REST's fill is a repeat (same trade id and order id), its order state older: nothing more.
    expect(h.delivered).toHaveLength(3);
    expect(h.sequencer.stats().duplicatesDropped).toBe(2);
    h.close();
  });

  it("marks a live fill that passes during a run as no place to resume from; REST's fills and in-sync fills are", async () => {
    const h = harness();
    // REST brings an older fill of the same pair than the live one that passed during the run.
    h.runs.push({ balances: {}, readAt: 10_000, events: [fill("T1", "O1", 9_000)] });
    const first = h.nextRun();
    h.sequencer.requestReconcile("start", 0);
    const run = await first;
    h.sequencer.streamEvent(fill("T2", "O2", 10_500));
    run.read?.();
    run.release?.();
    await settled();
    h.sequencer.streamEvent(fill("T3", "O3", 11_000));
    // A caller that kept T2 as its resume point and crashed before T1 was stored would never ask for T1.
    const fills = h.delivered.filter((event) => event.type === "fill");
    expect(fills.map((event) => [event.tradeId, event.source, event.resumable])).toEqual([
      ["T2", "stream", false],
      ["T1", "rest", true],
      ["T3", "stream", true],
    ]);
    h.close();
  });

  it("holds balance pushes only until the account read is answered, while the rest of the run goes on", async () => {
    let clock = 10_000;
    const h = harness({ now: () => clock });
    h.runs.push({ balances: { USDT: { free: "100", locked: "0" }, BTC: { free: "1", locked: "0" } }, readAt: 10_500 });
    const first = h.nextRun();
    h.sequencer.requestReconcile("reconnect", 0);
    const run = await first;
    // A push received 1.5 s before the read left is older than it; one 0.2 s before may be newer.
    h.sequencer.streamEvent(push("USDT", "90", "10", 9_000));
    h.sequencer.streamEvent(push("BTC", "0.9", "0", 10_300));
    expect(h.delivered).toEqual([]);
    expect(h.sequencer.stats().waiting).toMatchObject({ events: 2, kind: "balance" });
    clock = 10_600;
    run.read?.();
    // The read supersedes the older USDT push; the BTC push wins over the read. Both out, run still going.
    expect(h.balanceOf("USDT")).toMatchObject({ free: "100", locked: "0", source: "rest", timestamp: 10_500 });
    expect(h.balanceOf("BTC")).toMatchObject({ free: "0.9", source: "stream" });
    expect(h.sequencer.stats().waiting).toBeNull();
    expect(h.sequencer.stats().reconciling).not.toBeNull();
    // A later push goes on at once.
    h.sequencer.streamEvent(push("USDT", "80", "20", 10_700));
    expect(h.balanceOf("USDT")).toMatchObject({ free: "80", source: "stream" });
    run.release?.();
    await settled();
    expect(h.delivered.filter((event) => event.type === "balance")).toHaveLength(3);
    h.close();
  });

  it("keeps balances held past an account read sent before a newer reconciliation was asked for", async () => {
    let clock = 10_000;
    const h = harness({ now: () => clock });
    h.runs.push(
      { balances: { USDT: { free: "100", locked: "0" } }, readAt: 10_100 },
      { balances: { USDT: { free: "70", locked: "0" } }, readAt: 20_000 },
    );
    const first = h.nextRun();
    h.sequencer.requestReconcile("reconnect", 0);
    const run1 = await first;
    clock = 15_000;
    h.sequencer.requestReconcile("keyReplaced", 0);
    h.sequencer.streamEvent(push("USDT", "90", "10", 15_100));
    run1.read?.();
    // The first read left before the second gap: the push waits for the second read.
    expect(h.sequencer.stats().waiting).toMatchObject({ events: 1, kind: "balance" });
    const second = h.nextRun();
    run1.release?.();
    const run2 = await second;
    run2.read?.();
    expect(h.sequencer.stats().waiting).toBeNull();
    // The second read, 4.9 s after the push, supersedes it: the push is never shown.
    expect(h.delivered.filter((event) => event.type === "balance").map((event) => event.source)).toEqual(["rest"]);
    expect(h.balanceOf("USDT")).toMatchObject({ free: "70", source: "rest" });
    run2.release?.();
    await settled();
    h.close();
  });
});

/**
 * MEXC can push a fill's order before its deal (docs/mexc/undocumented.md#fills-and-keys item 11.26;
 * dcrdex waits 5 s after a finished order for late deals): a FILLED order is not the end of its fills.
 */
describe("EventSequencer when an order's FILLED push comes before its deal", () => {
  const startedInSync = async () => {
    const h = harness();
    h.runs.push({ balances: {}, readAt: 1_000 });
    const first = h.nextRun();
    h.sequencer.requestReconcile("start", 0);
    const run = await first;
    run.read?.();
    run.release?.();
    await settled();
    return h;
  };
  const lines = (delivered: readonly UserEvent[]) =>
    delivered.map((event) =>
      event.type === "fill"
        ? `fill ${event.tradeId} ${event.source}`
        : event.type === "order"
          ? `order ${event.orderId} ${event.status} ${event.source}`
          : `balance ${event.asset}`,
    );

  it("delivers the deal that follows the FILLED order, once, and still knows the order", async () => {
    const h = await startedInSync();
    h.sequencer.streamEvent(order("O1", "NEW", "0", 10_000));
    h.sequencer.streamEvent(order("O1", "FILLED", "0.001", 10_051));
    h.sequencer.streamEvent(fill("T1", "O1", 10_102));
    h.sequencer.streamEvent(fill("T1", "O1", 10_102)); // a repeat of the deal is dropped
    expect(lines(h.delivered)).toEqual(["order O1 NEW stream", "order O1 FILLED stream", "fill T1 stream"]);
    expect(h.record.order("O1")).toMatchObject({ status: "FILLED", cumulativeQuantity: "0.001" });
    expect(h.record.hasFill({ tradeId: "T1", orderId: "O1" })).toBe(true);
    expect(h.record.watermark("BTCUSDT")).toBe(10_102);
    h.close();
  });

  it("counts a deal arriving 1 s after its FILLED order once, whether a reconciliation in between saw it or not", async () => {
    const h = await startedInSync();
    h.sequencer.streamEvent(order("O1", "FILLED", "0.001", 10_000));
    h.sequencer.streamEvent(order("O2", "FILLED", "0.001", 10_000));
    // A gap: REST already has O1's deal (and both orders), not yet O2's.
    h.runs.push({
      balances: {},
      readAt: 10_500,
      events: [
        fill("T1", "O1", 10_000),
        order("O1", "FILLED", "0.001", 10_000),
        order("O2", "FILLED", "0.001", 10_000),
      ],
    });
    const next = h.nextRun();
    h.sequencer.requestReconcile("reconnect", 9_000);
    const run = await next;
    run.read?.();
    run.release?.();
    await settled();
    // The deals come 1 s after their orders.
    h.sequencer.streamEvent(fill("T1", "O1", 11_000));
    h.sequencer.streamEvent(fill("T2", "O2", 11_000));
    expect(lines(h.delivered).filter((line) => line.startsWith("fill"))).toEqual(["fill T1 rest", "fill T2 stream"]);
    expect(lines(h.delivered).filter((line) => line.startsWith("order"))).toEqual([
      "order O1 FILLED stream",
      "order O2 FILLED stream",
    ]);
    expect(h.record.order("O2")).toMatchObject({ status: "FILLED" });
    h.close();
  });
});
