import type { BalanceUpdate } from "@mexc-live/protocol";
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
  /** Resolves the run when called. */
  release?: () => void;
}

function harness() {
  const runs: ScriptedRun[] = [];
  const started: ((run: ScriptedRun) => void)[] = [];
  const delivered: UserEvent[] = [];
  let doubts = 0;
  const abort = new AbortController();
  const sequencer = new EventSequencer({
    record: new ExecutionRecord({ restLagMs: 1_000 }),
    reconciler: {
      run: () =>
        new Promise<ReconcileResult>((resolve) => {
          const run = runs.shift();
          if (run === undefined) throw new Error("no scripted run left");
          run.release = () =>
            resolve({
              events: [],
              balances: new Map(Object.entries(run.balances)),
              balancesReadAt: run.readAt,
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
  });
  const nextRun = () => new Promise<ScriptedRun>((resolve) => started.push(resolve));
  const balanceOf = (asset: string) =>
    delivered
      .filter((event): event is Extract<UserEvent, { type: "balance" }> => event.type === "balance")
      .filter((event) => event.asset === asset)
      .at(-1);
  return { sequencer, runs, nextRun, delivered, balanceOf, doubts: () => doubts, close: () => abort.abort() };
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
  it("counts the stream events held during a reconciliation and names it; nothing once they are delivered", async () => {
    // Not yet in sync since it was made: the hold counts from then (the first reconciliation's).
    const before = Date.now();
    const h = harness();
    h.runs.push({ balances: {}, readAt: 10_000 });
    const first = h.nextRun();
    h.sequencer.requestReconcile("reconnect", 0);
    const run = await first;
    expect(h.sequencer.stats().waiting).toBeNull();
    h.sequencer.streamEvent(push("XRP", "1350", "258.2", Date.now()));
    h.sequencer.streamEvent(push("XRP", "1350", "0", Date.now()));
    const waiting = h.sequencer.stats().waiting;
    expect(waiting).toMatchObject({ events: 2, reason: "reconnect" });
    expect(waiting!.since).toBeGreaterThanOrEqual(before);
    run.release?.();
    await settled();
    expect(h.sequencer.stats().waiting).toBeNull();
    expect(h.delivered.filter((event) => event.source === "stream")).toHaveLength(2);
    h.close();
  });
});
