import type { EquityPoint, FillItem, Health, ServerMessage, Topic, TopicUpdate } from "@mexc-live/contract";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sampleFill, sampleHealth, sampleOrder } from "../../../contract/test/items.js";
import { TopicStates } from "../state/topicStates.js";
import { resnapshot } from "./accountFanout.js";
import { AllAccountsFanout } from "./allAccountsFanout.js";
import type { StreamSink } from "./streamSession.js";
import { createLocalBus, type TopicBus } from "./topicBus.js";
import { TopicHub } from "./topicHub.js";

class RecordingSink implements StreamSink {
  readonly messages: ServerMessage[] = [];
  send(frame: string): void {
    this.messages.push(JSON.parse(frame));
  }
  bufferedBytes(): number {
    return 0;
  }
  close(): void {}
  take(): ServerMessage[] {
    return this.messages.splice(0);
  }
}

const BATCH_MS = 100;
/** The default account's topics are the plain names (topicAccount undefined), sub1's `account.sub1.*`. */
const NAMES: Record<string, string> = { "": "main", sub1: "sub1" };
const update = (topic: Topic, data: unknown, time = 1) =>
  ({ topic, data, exchangeTime: time, receiveTime: time + 1 }) as TopicUpdate;
const point = (time: number, equity: string): EquityPoint => ({ time, equity, byAsset: { USDT: equity } });
const withState = (state: Health["upstream"]["state"]): Health => {
  const health = sampleHealth();
  return { ...health, upstream: { ...health.upstream, state } };
};

let hub: TopicHub;
let bus: TopicBus;
let fanout: AllAccountsFanout;
beforeEach(() => {
  vi.useFakeTimers();
  const states = new TopicStates();
  hub = new TopicHub({ limits: { batchIntervalMs: BATCH_MS } });
  fanout = new AllAccountsFanout(states, hub);
  fanout.nameAccounts((topicAccount) => NAMES[topicAccount ?? ""]);
  hub.setSnapshotProvider((topic) => fanout.snapshot(topic) ?? states.snapshot(topic));
  bus = createLocalBus(hub, states, fanout);
});
afterEach(() => {
  hub.close();
  vi.useRealTimers();
});

function subscribed(topics: Topic[]): RecordingSink {
  const sink = new RecordingSink();
  hub.openSession(sink, "ws").subscribe(topics);
  return sink;
}

function batched(sink: RecordingSink): TopicUpdate[] {
  vi.advanceTimersByTime(BATCH_MS);
  return sink.take().flatMap((message) => (message.type === "batch" ? message.updates : []));
}

describe("the topics of all accounts together", () => {
  it("snapshot: every account's fills, each with its account, newest first across accounts", () => {
    bus.publish(update("fills", sampleFill(1, { time: 1_000 })));
    bus.publish(update("account.sub1.fills", sampleFill(2, { time: 2_000 })));
    bus.publish(update("fills", sampleFill(3, { time: 3_000 })));
    const sink = subscribed(["accounts.fills"]);
    const snapshot = sink.take().find((message) => message.type === "snapshot");
    expect(snapshot).toMatchObject({ topic: "accounts.fills" });
    const data = snapshot?.type === "snapshot" ? (snapshot.data as readonly FillItem[]) : [];
    expect(data.map((fill) => [fill.tradeId, fill.account])).toEqual([
      [sampleFill(3).tradeId, "main"],
      [sampleFill(2).tradeId, "sub1"],
      [sampleFill(1).tradeId, "main"],
    ]);
  });

  it("a fill of any account reaches a browser following only accounts.fills, with its account", () => {
    const sink = subscribed(["accounts.fills"]);
    sink.take();
    bus.publish(update("account.sub1.fills", sampleFill(7)));
    bus.publish(update("fills", sampleFill(8)));
    expect(batched(sink)).toEqual([
      update("accounts.fills", { ...sampleFill(7), account: "sub1" }),
      update("accounts.fills", { ...sampleFill(8), account: "main" }),
    ]);
  });

  it("orders and equity too; the account's own topic is unchanged (no account field there)", () => {
    const sink = subscribed(["accounts.orders", "accounts.equity", "account.sub1.orders"]);
    sink.take();
    bus.publish(update("account.sub1.orders", sampleOrder(1)));
    bus.publish(update("equity", point(5, "100")));
    const updates = batched(sink);
    expect(updates).toContainEqual(update("account.sub1.orders", sampleOrder(1)));
    expect(updates).toContainEqual(update("accounts.orders", { ...sampleOrder(1), account: "sub1" }));
    expect(updates).toContainEqual(update("accounts.equity", { ...point(5, "100"), account: "main" }));
  });

  it("equity snapshot: each account's latest point only", () => {
    bus.publish(update("equity", point(1, "10")));
    bus.publish(update("equity", point(2, "11")));
    bus.publish(update("account.sub1.equity", point(1, "5")));
    const sink = subscribed(["accounts.equity"]);
    const snapshot = sink.take().find((message) => message.type === "snapshot");
    expect(snapshot?.type === "snapshot" && snapshot.data).toEqual([
      { ...point(2, "11"), account: "main" },
      { ...point(1, "5"), account: "sub1" },
    ]);
  });

  it("health: repeated only when an account's state changes, not its every-second beat", () => {
    const sink = subscribed(["accounts.health"]);
    sink.take();
    const states = () => batched(sink).map((u) => [(u.data as Health).account, (u.data as Health).upstream.state]);
    bus.publish(update("account.sub1.health", withState("live")));
    expect(states()).toEqual([["sub1", "live"]]);
    bus.publish(update("account.sub1.health", withState("live"))); // the beat: same state
    expect(states()).toEqual([]);
    bus.publish(update("account.sub1.health", withState("reconnecting")));
    expect(states()).toEqual([["sub1", "reconnecting"]]);
  });

  it("an account not named (not listed) is not repeated, nor in a snapshot", () => {
    bus.publish(update("account.ghost.fills", sampleFill(1)));
    const sink = subscribed(["accounts.fills"]);
    expect(sink.take().find((message) => message.type === "snapshot")).toMatchObject({ data: null });
    bus.publish(update("account.ghost.fills", sampleFill(2)));
    expect(batched(sink)).toEqual([]);
  });

  it("an account topic reloaded (a rebuild of its figures) sends the all-accounts topic's snapshot again", () => {
    const sink = subscribed(["accounts.fills"]);
    sink.take();
    bus.publish(update("account.sub1.fills", sampleFill(4)));
    resnapshot(hub, "account.sub1.fills");
    const messages = sink.take();
    expect(messages.map((message) => message.type)).toEqual(["unsubscribed", "subscribed", "snapshot"]);
    expect(messages[2]).toMatchObject({ topic: "accounts.fills", data: [{ ...sampleFill(4), account: "sub1" }] });
  });
});
