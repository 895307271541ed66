/**
 * Integration: market streams against the real simulator over 127.0.0.1 (its own WebSocket
 * server, feeds, admission rules and faults), nothing of ours mocked.
 */
import { buildChannel, type MexcEvent } from "@mexc-live/protocol";
import { type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import { afterEach, describe, expect, it } from "vitest";
import { waitFor } from "../../test/wsTestServer.js";
import type { ChannelError } from "../ws/streamConnection.js";
import { type MarketStream, type MarketStreamItem, marketStream } from "./marketStream.js";

/** 10x simulated time: the simulator's 60 s idle rule is 6 s real, so ping well inside it. */
const SPEED = 10;
const TIMERS = { pingIntervalMs: 500, deadAfterMs: 2_000, reconnect: { initialMs: 20, maxMs: 200 } };

let sim: RunningSimulator | undefined;
let stream: MarketStream | undefined;

afterEach(async () => {
  await stream?.close();
  await sim?.close();
  stream = undefined;
  sim = undefined;
});

describe("marketStream against the simulator", () => {
  it("receives decodable depth, trade and book-ticker events on the aggre channels", async () => {
    sim = await startSimulator({ port: 0, seed: 11, speed: SPEED, demoTrader: false });
    const channels = [
      buildChannel({ stream: "aggreDepth", symbol: "BTCUSDT", interval: "100ms" }),
      buildChannel({ stream: "aggreDeals", symbol: "BTCUSDT", interval: "100ms" }),
      buildChannel({ stream: "aggreBookTicker", symbol: "BTCUSDT", interval: "10ms" }),
    ];
    stream = marketStream(channels, { url: sim.ws, ...TIMERS });
    const events: MexcEvent[] = [];
    stream.on("event", (event) => events.push(event));
    const types = () => new Set(events.map((event) => event.type));
    await waitFor(() => types().size === 3, "depthDiff, trade and bookTicker events", 5_000);
    expect([...types()].sort()).toEqual(["bookTicker", "depthDiff", "trade"]);
    for (const event of events) {
      expect(channels).toContain(event.channel);
      expect(event).toMatchObject({ symbol: "BTCUSDT" });
    }
    const ticker = events.find((event) => event.type === "bookTicker")!;
    expect(ticker).toMatchObject({ bidPrice: expect.stringMatching(/^\d+(\.\d+)?$/) });
    expect(stream.stats().malformed).toBe(0);
  });

  it("subscribes 30 channels on one socket in frames under MEXC's 1 KB (docs/mexc/undocumented.md#websocket item 11.4): every one acked and live", async () => {
    sim = await startSimulator({ port: 0, seed: 13, speed: SPEED, demoTrader: false });
    expect(sim.behaviours.clientFrameLimit).toBe(true);
    const channels = ["BTCUSDT", "ETHUSDT", "SOLUSDT"].flatMap((symbol) =>
      (["Min1", "Min5", "Min15", "Min30", "Min60", "Hour4", "Hour8", "Day1", "Week1", "Month1"] as const).map(
        (interval) => buildChannel({ stream: "kline", symbol, interval }),
      ),
    );
    expect(JSON.stringify({ method: "SUBSCRIPTION", params: channels }).length).toBeGreaterThan(1024);
    stream = marketStream(channels, { url: sim.ws, ...TIMERS, ackTimeoutMs: 2_000 });
    const errors: ChannelError[] = [];
    stream.on("channelError", (error) => errors.push(error));
    await waitFor(() => stream!.state === "live", "live", 5_000);
    expect(errors).toEqual([]);
    expect(sim.webSocket.stats().subscriptions).toBe(30);
  });

  it("surfaces the Blocked reply to a legacy JSON channel as a channel error and serves the rest", async () => {
    sim = await startSimulator({ port: 0, seed: 12, speed: SPEED, demoTrader: false });
    const legacy = "spot@public.deals.v3.api@BTCUSDT";
    const depth = buildChannel({ stream: "aggreDepth", symbol: "BTCUSDT", interval: "10ms" });
    stream = marketStream([legacy, depth], { url: sim.ws, ...TIMERS });
    const errors: ChannelError[] = [];
    stream.on("channelError", (error) => errors.push(error));
    let diffs = 0;
    stream.on("event", (event) => {
      if (event.type === "depthDiff") diffs++;
    });
    await waitFor(() => stream!.state === "live", "live", 3_000);
    await waitFor(() => diffs > 0, "depth events", 3_000);
    expect(errors).toEqual([{ channel: legacy, reason: "blocked", message: "subscription rejected: Blocked!" }]);
    expect(stream.channels).toEqual([depth]);
  });

  it("shards more than 30 streams over two sockets, every one acked", async () => {
    sim = await startSimulator({ port: 0, seed: 13, speed: SPEED, demoTrader: false });
    // Every pair a public socket may see (an Assessment Zone pair needs a listen key: docs/mexc/undocumented.md#fills-and-keys item 11.29).
    const symbols = [...sim.exchange.symbols.values()].filter((config) => !config.assessmentZone).map((c) => c.symbol);
    const channels = symbols.flatMap((symbol) =>
      (["aggreDepth", "aggreDeals", "aggreBookTicker"] as const).flatMap((kind) =>
        (["100ms", "10ms"] as const).map((interval) => buildChannel({ stream: kind, symbol, interval })),
      ),
    );
    expect(channels.length).toBeGreaterThan(30);
    expect(channels.length).toBeLessThanOrEqual(60);
    stream = marketStream(channels, { url: sim.ws, ...TIMERS });
    const errors: ChannelError[] = [];
    stream.on("channelError", (error) => errors.push(error));
    await waitFor(() => stream!.state === "live", "every shard live", 5_000);
    expect(errors).toEqual([]);
    expect(stream.stats().shards).toHaveLength(2);
    expect(sim.webSocket.stats()).toMatchObject({ connections: 2, subscriptions: channels.length });
  });

  it("counts and skips malformed frames the simulator injects, and keeps streaming", async () => {
    sim = await startSimulator({ port: 0, seed: 14, speed: SPEED, demoTrader: false, faults: "malformed=0.05" });
    const depth = buildChannel({ stream: "aggreDepth", symbol: "BTCUSDT", interval: "10ms" });
    stream = marketStream([depth], { url: sim.ws, ...TIMERS });
    await waitFor(() => stream!.stats().malformed >= 2, "two malformed frames", 8_000);
    const before = stream.stats().events;
    await waitFor(() => stream!.stats().events > before, "events after them", 3_000);
    expect(stream.state).toBe("live");
    expect(sim.faults.injected().malformed).toBeGreaterThanOrEqual(stream.stats().malformed);
  });

  it("a loop started late sees every item from the first: the rejected channel's error, live, and the trades before it", async () => {
    sim = await startSimulator({ port: 0, seed: 15, speed: SPEED, demoTrader: false });
    const legacy = "spot@public.deals.v3.api@BTCUSDT";
    const deals = buildChannel({ stream: "aggreDeals", symbol: "BTCUSDT", interval: "100ms" });
    stream = marketStream([legacy, deals], { url: sim.ws, ...TIMERS });
    const heard: MarketStreamItem[] = [];
    stream.on("state", (state) => heard.push({ type: "state", state }));
    stream.on("channelError", (error) => heard.push({ type: "channelError", ...error }));
    stream.on("event", (event) => heard.push(event));
    await waitFor(() => heard.filter((item) => item.type === "trade").length >= 3, "trades before the loop", 5_000);
    const before = heard.length;
    const seen: MarketStreamItem[] = [];
    for await (const item of stream) {
      seen.push(item);
      if (seen.length === before) break;
    }
    expect(seen).toEqual(heard.slice(0, before));
    expect(seen.slice(0, 3)).toEqual([
      { type: "state", state: "connecting" },
      { type: "channelError", channel: legacy, reason: "blocked", message: "subscription rejected: Blocked!" },
      { type: "state", state: "live" },
    ]);
  });
});
