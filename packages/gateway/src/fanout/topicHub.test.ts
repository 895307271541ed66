import type { ServerMessage, Topic, TopicSnapshot, TopicUpdate } from "@mexc-live/contract";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sampleBalance, sampleFill } from "../../../contract/test/items.js";
import { createMetrics } from "../metrics.js";
import type { StreamSink } from "./streamSession.js";
import { TopicHub } from "./topicHub.js";

/** A sink that records messages and reports whatever socket buffer the test sets. */
class RecordingSink implements StreamSink {
  readonly messages: ServerMessage[] = [];
  buffered = 0;
  closed: { code: number; reason: string } | undefined;
  send(frame: string): void {
    this.messages.push(JSON.parse(frame));
  }
  bufferedBytes(): number {
    return this.buffered;
  }
  close(code: number, reason: string): void {
    this.closed = { code, reason };
  }
  take(): ServerMessage[] {
    return this.messages.splice(0);
  }
}

const BATCH_MS = 100;
// Payloads here are markers the hub passes through untouched, not real items.
const update = (topic: Topic, data: unknown, time = 1) =>
  ({ topic, data, exchangeTime: time, receiveTime: time + 1 }) as TopicUpdate;
const snapshotOf = (topic: Topic, data: unknown, exchangeTime: number, receiveTime: number) =>
  ({ topic, data, exchangeTime, receiveTime }) as TopicSnapshot;

let hub: TopicHub;
let snapshots: number;
beforeEach(() => {
  vi.useFakeTimers();
  snapshots = 0;
  hub = new TopicHub({
    limits: { batchIntervalMs: BATCH_MS, maxLogQueueItems: 10, maxStateKeysPerTopic: 5, maxBufferedBytes: 1000 },
  });
  hub.setSnapshotProvider((topic) => snapshotOf(topic, { topic, version: ++snapshots }, 5, 6));
});
afterEach(() => {
  hub.close();
  vi.useRealTimers();
});

describe("subscribe", () => {
  it("acknowledges, sends the snapshot first, then the deltas published after it as one batch", () => {
    const sink = new RecordingSink();
    const session = hub.openSession(sink, "ws");
    hub.publish(update("fills", sampleFill(0))); // before subscribing: not delivered
    session.subscribe(["fills"]);
    expect(sink.take()).toEqual([
      { type: "subscribed", topics: ["fills"] },
      { type: "snapshot", topic: "fills", data: { topic: "fills", version: 1 }, exchangeTime: 5, receiveTime: 6 },
    ]);
    hub.publish(update("fills", sampleFill(1)));
    hub.publish(update("fills", sampleFill(2)));
    expect(sink.messages).toEqual([]);
    vi.advanceTimersByTime(BATCH_MS);
    expect(sink.take()).toEqual([
      { type: "batch", updates: [update("fills", sampleFill(1)), update("fills", sampleFill(2))] },
    ]);
  });

  it("sends a null snapshot for a topic without state yet", () => {
    hub.setSnapshotProvider(() => undefined);
    const sink = new RecordingSink();
    hub.openSession(sink, "ws").subscribe(["market.BTCUSDT.ticker"]);
    expect(sink.messages[1]).toMatchObject({ type: "snapshot", topic: "market.BTCUSDT.ticker", data: null });
  });

  it("stops delivering after unsubscribe", () => {
    const sink = new RecordingSink();
    const session = hub.openSession(sink, "ws");
    session.subscribe(["fills"]);
    hub.publish(update("fills", sampleFill(1)));
    session.unsubscribe(["fills"]);
    vi.advanceTimersByTime(BATCH_MS * 2);
    expect(sink.take().map((m) => m.type)).toEqual(["subscribed", "snapshot", "unsubscribed"]);
  });

  it("tells the ingest when a topic gains its first and loses its last subscriber", () => {
    const demand: [Topic, boolean][] = [];
    hub.onDemand((topic, wanted) => demand.push([topic, wanted]));
    const a = hub.openSession(new RecordingSink(), "ws");
    const b = hub.openSession(new RecordingSink(), "sse");
    a.subscribe(["market.ETHUSDT.depth"]);
    b.subscribe(["market.ETHUSDT.depth"]);
    a.close();
    expect(demand).toEqual([["market.ETHUSDT.depth", true]]);
    b.unsubscribe(["market.ETHUSDT.depth"]);
    expect(demand).toEqual([
      ["market.ETHUSDT.depth", true],
      ["market.ETHUSDT.depth", false],
    ]);
    expect(hub.activeTopics()).toEqual([]);
  });

  it("refuses more topics than the per-client limit", () => {
    const small = new TopicHub({ limits: { maxTopicsPerClient: 2 } });
    const session = small.openSession(new RecordingSink(), "ws");
    expect(session.wouldExceedTopicLimit(["fills", "orders", "balances"])).toBe(true);
    expect(() => session.subscribe(["fills", "orders", "balances"])).toThrow(/^topics: at most 2/);
    session.subscribe(["fills", "orders", "fills"]);
    expect(session.topicCount).toBe(2);
  });
});

describe("conflation", () => {
  it("keeps only the latest balance per asset while waiting, in order of the latest update", () => {
    const sink = new RecordingSink();
    hub.openSession(sink, "ws").subscribe(["balances"]);
    sink.take();
    hub.publish(update("balances", sampleBalance("USDT", "100")));
    hub.publish(update("balances", sampleBalance("BTC", "1")));
    hub.publish(update("balances", sampleBalance("USDT", "90")));
    vi.advanceTimersByTime(BATCH_MS);
    const [batch] = sink.take();
    expect(batch).toEqual({
      type: "batch",
      updates: [update("balances", sampleBalance("BTC", "1")), update("balances", sampleBalance("USDT", "90"))],
    });
  });

  it("keeps every fill (log-like) while waiting", () => {
    const sink = new RecordingSink();
    hub.openSession(sink, "ws").subscribe(["fills"]);
    sink.take();
    for (let n = 1; n <= 5; n++) hub.publish(update("fills", sampleFill(n)));
    vi.advanceTimersByTime(BATCH_MS);
    const [batch] = sink.take();
    expect(batch?.type === "batch" && batch.updates.map((u) => (u.data as { tradeId: string }).tradeId)).toEqual([
      "5044000001",
      "5044000002",
      "5044000003",
      "5044000004",
      "5044000005",
    ]);
  });

  it("keeps every figures push while waiting: each carries the answers that changed with it", () => {
    const sink = new RecordingSink();
    hub.openSession(sink, "ws").subscribe(["figures"]);
    sink.take();
    hub.publish(update("figures", { account: "main", version: 1, at: 1 }));
    hub.publish(update("figures", { account: "main", version: 2, at: 2 }));
    vi.advanceTimersByTime(BATCH_MS);
    const [batch] = sink.take();
    expect(batch?.type === "batch" && batch.updates.map((u) => (u.data as { version: number }).version)).toEqual([
      1, 2,
    ]);
  });

  it("replaces an overflowing fills queue by a fresh snapshot at the next flush", () => {
    const sink = new RecordingSink();
    const session = hub.openSession(sink, "ws");
    session.subscribe(["fills"]);
    sink.take();
    for (let n = 1; n <= 25; n++) {
      hub.publish(update("fills", sampleFill(n)));
      expect(session.stats().queuedItems).toBeLessThanOrEqual(10);
    }
    expect(session.stats()).toMatchObject({ pendingSnapshots: 1, resnapshots: 1 });
    vi.advanceTimersByTime(BATCH_MS);
    expect(sink.take()).toEqual([
      { type: "snapshot", topic: "fills", data: { topic: "fills", version: 2 }, exchangeTime: 5, receiveTime: 6 },
    ]);
  });
});

describe("back-pressure", () => {
  it("writes nothing while the socket buffer is over the limit, holds a bounded queue, then catches up", () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const slowHub = new TopicHub({
      metrics,
      limits: { batchIntervalMs: BATCH_MS, maxLogQueueItems: 50, maxBufferedBytes: 1000, maxQueuedBytes: 20_000 },
    });
    slowHub.setSnapshotProvider((topic) => snapshotOf(topic, `fresh ${topic}`, 0, 0));
    const sink = new RecordingSink();
    const session = slowHub.openSession(sink, "ws");
    session.subscribe(["fills", "balances"]);
    sink.take();

    sink.buffered = 5000;
    for (let n = 1; n <= 5000; n++) {
      slowHub.publish(update("fills", sampleFill(n)));
      slowHub.publish(update("balances", sampleBalance(`A${n % 3}`, String(n))));
      if (n % 100 === 0) vi.advanceTimersByTime(BATCH_MS);
      const stats = session.stats();
      expect(stats.queuedBytes).toBeLessThanOrEqual(20_000);
      expect(stats.queuedItems).toBeLessThanOrEqual(50 + 3);
    }
    expect(sink.messages).toEqual([]);
    expect(session.stats().backpressured).toBe(true);

    sink.buffered = 0;
    vi.advanceTimersByTime(BATCH_MS);
    const caughtUp = sink.take();
    expect(caughtUp[0]).toEqual({
      type: "snapshot",
      topic: "fills",
      data: "fresh fills",
      exchangeTime: 0,
      receiveTime: 0,
    });
    // Balances were conflated, never dropped: the latest value of each asset.
    const batch = caughtUp[1];
    expect(batch?.type).toBe("batch");
    const balances = batch?.type === "batch" ? batch.updates.filter((u) => u.topic === "balances") : [];
    expect(balances.map((u) => u.data)).toEqual([
      sampleBalance("A0", "4998"),
      sampleBalance("A1", "4999"),
      sampleBalance("A2", "5000"),
    ]);
    expect(session.stats()).toMatchObject({ queuedItems: 0, queuedBytes: 0, backpressured: false });
    slowHub.close();
  });

  it("drops the biggest queue when the bytes waiting pass the per-client limit", () => {
    const tight = new TopicHub({ limits: { batchIntervalMs: BATCH_MS, maxQueuedBytes: 3000 } });
    const sink = new RecordingSink();
    const session = tight.openSession(sink, "ws");
    session.subscribe(["fills", "market.BTCUSDT.trades"]);
    for (let n = 0; n < 100; n++) tight.publish(update("fills", sampleFill(n)));
    expect(session.stats().queuedBytes).toBeLessThanOrEqual(3000);
    expect(session.stats().pendingSnapshots).toBe(1);
    tight.close();
  });

  it("disconnects a client that stays far behind", () => {
    const sink = new RecordingSink();
    const session = hub.openSession(sink, "ws");
    session.subscribe(["fills"]);
    sink.buffered = 1000 * 8 + 1;
    hub.publish(update("fills", sampleFill(1)));
    vi.advanceTimersByTime(BATCH_MS);
    expect(sink.closed).toEqual({ code: 1013, reason: "client too slow" });
  });

  it("releases everything when the session closes", () => {
    const sink = new RecordingSink();
    const session = hub.openSession(sink, "ws");
    session.subscribe(["fills"]);
    hub.publish(update("fills", sampleFill(1)));
    session.close();
    expect(session.stats()).toMatchObject({ topics: 0, queuedItems: 0, queuedBytes: 0 });
    expect(hub.sessionCount).toBe(0);
    vi.advanceTimersByTime(BATCH_MS);
    expect(sink.take().map((m) => m.type)).toEqual(["subscribed", "snapshot"]);
  });
});

describe("adaptive batching (the default)", () => {
  /** A display frame, in the whole ms the timers run on. */
  const FRAME_MS = Math.ceil(1000 / 60);
  let adaptive: TopicHub;
  beforeEach(() => {
    adaptive = new TopicHub({ limits: { maxBufferedBytes: 1000 } });
    adaptive.setSnapshotProvider((topic) => snapshotOf(topic, { topic }, 5, 6));
  });
  afterEach(() => adaptive.close());

  const subscribed = (topics: Topic[]) => {
    const sink = new RecordingSink();
    adaptive.openSession(sink, "ws").subscribe(topics);
    sink.take();
    return sink;
  };

  it("sends an update that finds the browser idle on the next turn of the loop, with the rest of that turn", () => {
    const sink = subscribed(["fills", "balances"]);
    adaptive.publish(update("fills", sampleFill(1)));
    adaptive.publish(update("balances", sampleBalance("USDT", "1")));
    expect(sink.messages).toEqual([]);
    vi.advanceTimersToNextTimer(); // the immediate: no time passes
    expect(sink.take()).toEqual([
      {
        type: "batch",
        updates: [update("fills", sampleFill(1)), update("balances", sampleBalance("USDT", "1"))],
      },
    ]);
  });

  it("under a steady flow sends at most one batch per display frame, losing nothing", () => {
    const sink = subscribed(["fills"]);
    // 1,000 fills over one second, one per ms.
    for (let n = 0; n < 1000; n++) {
      adaptive.publish(update("fills", sampleFill(n)));
      vi.advanceTimersByTime(1);
    }
    vi.advanceTimersByTime(FRAME_MS);
    const batches = sink.take();
    expect(batches.length).toBeLessThanOrEqual(61);
    expect(batches.length).toBeGreaterThanOrEqual(55);
    const delivered = batches.flatMap((message) => (message.type === "batch" ? message.updates : []));
    expect(delivered).toEqual(Array.from({ length: 1000 }, (_, n) => update("fills", sampleFill(n))));
  });

  it("conflates a state topic per key within a frame", () => {
    const sink = subscribed(["balances"]);
    adaptive.publish(update("balances", sampleBalance("USDT", "1")));
    vi.advanceTimersToNextTimer();
    sink.take();
    // Within the next frame: three changes of USDT, one of BTC -> one batch, the latest of each.
    adaptive.publish(update("balances", sampleBalance("USDT", "2")));
    adaptive.publish(update("balances", sampleBalance("BTC", "1")));
    adaptive.publish(update("balances", sampleBalance("USDT", "3")));
    vi.advanceTimersByTime(FRAME_MS);
    expect(sink.take()).toEqual([
      {
        type: "batch",
        updates: [update("balances", sampleBalance("BTC", "1")), update("balances", sampleBalance("USDT", "3"))],
      },
    ]);
  });

  it("waits a frame, not a turn of the loop, while the browser's socket is full", () => {
    const sink = subscribed(["fills"]);
    sink.buffered = 1001;
    adaptive.publish(update("fills", sampleFill(1)));
    vi.advanceTimersToNextTimer();
    expect(sink.messages).toEqual([]);
    // No busy loop: the next look is a frame later.
    expect(vi.getTimerCount()).toBe(1);
    sink.buffered = 0;
    vi.advanceTimersByTime(FRAME_MS);
    expect(sink.take()).toEqual([{ type: "batch", updates: [update("fills", sampleFill(1))] }]);
  });
});
