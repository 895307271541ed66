import { afterEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, waitFor } from "../../test/wsTestServer.js";
import type { Logger } from "../logger.js";
import {
  type ChannelError,
  StreamConnection,
  type StreamConnectionOptions,
  type StreamGap,
} from "./streamConnection.js";

const DEALS = "spot@public.aggre.deals.v3.api.pb@100ms@BTCUSDT";
const DEPTH = "spot@public.aggre.depth.v3.api.pb@100ms@BTCUSDT";
const TICKER = "spot@public.aggre.bookTicker.v3.api.pb@100ms@BTCUSDT";
/** docs/mexc/protocol.md#rejections, byte for byte: two spaces, a full-width colon, a trailing space. */
const BLOCKED_REPLY = "Not Subscribed successfully! [spot@public.miniTicker.v3.api@BTCUSDT@UTC+0].  Reason： Blocked! ";
const LEGACY_CHANNEL = "spot@public.miniTicker.v3.api@BTCUSDT@UTC+0";

/** Short timers so each behaviour shows within a few hundred ms. */
const FAST = {
  pingIntervalMs: 40,
  deadAfterMs: 250,
  ackTimeoutMs: 300,
  reconnect: { initialMs: 10, maxMs: 50 },
} satisfies Partial<StreamConnectionOptions>;

let server: TestServer | undefined;
let connection: StreamConnection | undefined;

afterEach(async () => {
  await connection?.close();
  await server?.close();
  connection = undefined;
  server = undefined;
});

function record(stream: StreamConnection) {
  const seen = {
    states: [] as string[],
    gaps: [] as StreamGap[],
    errors: [] as ChannelError[],
    frames: [] as Buffer[],
    authRejected: [] as string[],
  };
  stream.on("state", (state) => seen.states.push(state));
  stream.on("gap", (gap) => seen.gaps.push(gap));
  stream.on("channelError", (error) => seen.errors.push(error));
  stream.on("frame", (bytes) => seen.frames.push(Buffer.from(bytes)));
  stream.on("authRejected", ({ message }) => seen.authRejected.push(message));
  return seen;
}

function open(options: Partial<StreamConnectionOptions> & { channels: readonly string[] }): StreamConnection {
  const url = server!.url;
  connection = new StreamConnection({ url: () => url, ...FAST, ...options });
  return connection;
}

describe("StreamConnection", () => {
  it("goes live when every channel is acked, in any order, and delivers binary frames", async () => {
    server = await startTestServer({ subscribeReply: (_socket, channels) => [...channels].reverse().join(",") });
    const stream = open({ channels: [DEALS, DEPTH, TICKER] });
    const seen = record(stream);
    stream.start();
    await waitFor(() => stream.state === "live", "live");
    server.broadcast(Buffer.from([1, 2, 3]));
    await waitFor(() => seen.frames.length === 1, "a frame");
    expect(seen.states).toEqual(["connecting", "live"]);
    expect(seen.frames[0]).toEqual(Buffer.from([1, 2, 3]));
    expect(seen.errors).toEqual([]);
    expect(JSON.parse(server.sockets[0]!.messages[0]!.text)).toEqual({
      method: "SUBSCRIPTION",
      params: [DEALS, DEPTH, TICKER],
    });
  });

  it("declares a stalled socket dead, reconnects and reports the gap from the last data", async () => {
    server = await startTestServer();
    const stream = open({ channels: [DEPTH] });
    const seen = record(stream);
    stream.start();
    await waitFor(() => stream.state === "live", "live");
    server.broadcast(Buffer.from([7]));
    await waitFor(() => seen.frames.length === 1, "a frame");
    server.sockets[0]!.silent = true; // open, but no data, no PONG
    await waitFor(() => seen.gaps.length === 1, "a gap", 2_000);
    const gap = seen.gaps[0]!;
    expect(gap.reason).toBe("stall");
    expect(gap.channels).toEqual([DEPTH]);
    expect(gap.liveAt - gap.downSince).toBeGreaterThanOrEqual(FAST.deadAfterMs);
    expect(seen.states).toEqual(["connecting", "live", "reconnecting", "live"]);
    expect(server.sockets).toHaveLength(2);
    await waitFor(() => server!.sockets[0]!.closed, "the stalled socket closed");
  });

  it("reconnects after a dropped socket and reports a reconnect gap", async () => {
    server = await startTestServer();
    const stream = open({ channels: [DEALS] });
    const seen = record(stream);
    stream.start();
    await waitFor(() => stream.state === "live", "live");
    server.sockets[0]!.ws.terminate();
    await waitFor(() => seen.gaps.length === 1, "a gap");
    expect(seen.gaps[0]!.reason).toBe("reconnect");
    expect(seen.gaps[0]!.downSince).toBeLessThanOrEqual(seen.gaps[0]!.liveAt);
    expect(stream.stats().reconnects).toBe(1);
  });

  it("keeps retrying with capped back-off while the server is gone, then comes back", async () => {
    server = await startTestServer();
    const url = server.url;
    const stream = open({ channels: [DEALS] });
    const seen = record(stream);
    stream.start();
    await waitFor(() => stream.state === "live", "live");
    const port = new URL(url).port;
    let tries = 0;
    stream.on("reconnecting", () => tries++);
    await server.close();
    await waitFor(() => stream.state === "reconnecting", "reconnecting");
    await waitFor(() => tries >= 3, "several refused attempts");
    server = await startTestServer({ port: Number(port) }); // same port: url() still points here
    await waitFor(() => seen.gaps.length === 1, "a gap after the server returned", 2_000);
    expect(stream.state).toBe("live");
    expect(stream.stats().reconnects).toBeGreaterThan(1);
  });

  it("does not count an ack that leaves out a channel: the missing one errors, the stream goes live", async () => {
    server = await startTestServer({ subscribeReply: (_socket, channels) => channels[0] });
    const stream = open({ channels: [DEALS, DEPTH] });
    const seen = record(stream);
    const stateAtError: string[] = [];
    stream.on("channelError", () => stateAtError.push(stream.state));
    stream.start();
    await waitFor(() => seen.errors.length === 1, "a channel error");
    expect(seen.errors[0]).toMatchObject({ channel: DEPTH, reason: "ackTimeout" });
    expect(stateAtError).toEqual(["connecting"]);
    await waitFor(() => stream.state === "live", "live after the timeout");
    expect(seen.errors).toHaveLength(1);
  });

  it("turns the docs/mexc/protocol.md#rejections Blocked reply into a channel error and closes when no channel is left", async () => {
    server = await startTestServer({ subscribeReply: () => BLOCKED_REPLY });
    const stream = open({ channels: [LEGACY_CHANNEL], ackTimeoutMs: 10_000 });
    const seen = record(stream);
    stream.start();
    await waitFor(() => stream.state === "closed", "closed", 1_000);
    expect(seen.errors).toEqual([
      { channel: LEGACY_CHANNEL, reason: "blocked", message: "subscription rejected: Blocked!" },
    ]);
    expect(seen.states).toEqual(["connecting", "closed"]);
    expect(stream.channels).toEqual([]);
  });

  it("goes live with the accepted channels of a mixed reply and drops the blocked one", async () => {
    server = await startTestServer({
      subscribeReply: () =>
        `Subscribed successful! [${DEALS}]. Not Subscribed successfully! [${LEGACY_CHANNEL}].  Reason： Blocked! `,
    });
    const stream = open({ channels: [DEALS, LEGACY_CHANNEL], ackTimeoutMs: 10_000 });
    const seen = record(stream);
    stream.start();
    await waitFor(() => stream.state === "live", "live", 1_000);
    expect(seen.errors.map((error) => [error.channel, error.reason])).toEqual([[LEGACY_CHANNEL, "blocked"]]);
    expect(stream.channels).toEqual([DEALS]);
  });

  it("rotates with an overlap: no frame lost, none delivered twice, no gap", async () => {
    // Later sockets get frames 20 ms before their ack: the overlap the dedup must handle.
    server = await startTestServer({ ackDelayMs: (socket) => (socket.index > 0 ? 20 : 0) });
    const stream = open({ channels: [DEPTH], rotateAfterMs: 120, deadAfterMs: 2_000 });
    const seen = record(stream);
    stream.start();
    await waitFor(() => stream.state === "live", "live");
    let counter = 0;
    const ticker = setInterval(() => {
      const frame = Buffer.alloc(4);
      frame.writeUInt32BE(++counter);
      server!.broadcast(frame, DEPTH);
    }, 2);
    try {
      await waitFor(() => stream.stats().rotations >= 3, "three rotations", 3_000);
    } finally {
      clearInterval(ticker);
    }
    await waitFor(() => seen.frames.at(-1)?.readUInt32BE(0) === counter, "the last frame sent");
    const counters = seen.frames.map((frame) => frame.readUInt32BE(0));
    const first = counters[0]!;
    expect(counters).toEqual(counters.map((_value, index) => first + index));
    expect(counters.at(-1)).toBe(counter);
    expect(stream.stats().duplicatesDropped).toBeGreaterThan(0);
    expect(seen.gaps).toEqual([]);
    expect(seen.states).toEqual(["connecting", "live"]);
    await waitFor(() => server!.openSockets().length === 1, "old sockets closed");
  });

  it("reports a refused listen key, then connects with the next url()", async () => {
    const badKey = "badkey1234567890abcdef";
    const goodKey = "goodkey1234567890abcdef";
    server = await startTestServer({
      onConnection: (socket) => {
        if (socket.path.includes(badKey)) {
          socket.ws.send("Invalid listen key");
          socket.ws.close(1008, "invalid listen key");
        }
      },
    });
    const lines: string[] = [];
    const logger: Logger = {
      debug: (object, message) => lines.push(JSON.stringify(object) + (message ?? "")),
      info: (object, message) => lines.push(JSON.stringify(object) + (message ?? "")),
      warn: (object, message) => lines.push(JSON.stringify(object) + (message ?? "")),
      error: (object, message) => lines.push(JSON.stringify(object) + (message ?? "")),
    };
    const keys = [badKey, goodKey];
    const base = server.url;
    const stream = open({
      channels: ["spot@private.deals.v3.api.pb"],
      url: () => `${base}?listenKey=${keys.length > 1 ? keys.shift() : keys[0]}`,
      logger,
    });
    const seen = record(stream);
    stream.start();
    await waitFor(() => stream.state === "live", "live with the fresh key");
    expect(seen.authRejected).toEqual(["Invalid listen key"]);
    expect(server.sockets.map((socket) => socket.path.includes(goodKey))).toEqual([false, true]);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join("\n")).not.toContain(badKey);
    expect(lines.join("\n")).not.toContain(goodKey);
  });

  it("tries a fresh key at once after a refused one, but never twice in a row: keys refused on end still wait the back-off every other try", async () => {
    server = await startTestServer({
      onConnection: (socket) => {
        socket.ws.send("Invalid listen key");
        socket.ws.close(1008, "invalid listen key");
      },
    });
    const base = server.url;
    let keys = 0;
    const stream = open({
      channels: ["spot@private.deals.v3.api.pb"],
      url: () => `${base}?listenKey=key${++keys}abcdef123456`,
      reconnect: { initialMs: 400, maxMs: 400 },
      random: () => 1,
    });
    const tries: { code: string; waitMs: number }[] = [];
    stream.on("reconnecting", (failure) => tries.push({ code: failure.code, waitMs: failure.nextTryAt - Date.now() }));
    stream.start();
    await waitFor(() => tries.length >= 3, "three refused keys");
    // The first three (a loaded machine may have let a fourth come 400 ms later before this looked).
    expect(tries.slice(0, 3).map((one) => one.code)).toEqual(["authRejected", "authRejected", "authRejected"]);
    expect(tries[0]!.waitMs).toBeLessThanOrEqual(0);
    expect(tries[1]!.waitMs).toBeGreaterThan(300);
    expect(tries[2]!.waitMs).toBeLessThanOrEqual(0);
  });

  it("treats a live socket closed for an expired listen key as a refused key, and the gap says so", async () => {
    server = await startTestServer();
    const base = server.url;
    const stream = open({ channels: ["spot@private.orders.v3.api.pb"], url: () => `${base}?listenKey=abcdef123456` });
    const seen = record(stream);
    stream.start();
    await waitFor(() => stream.state === "live", "live");
    server.sockets[0]!.ws.close(1000, "listen key expired");
    await waitFor(() => seen.gaps.length === 1, "a gap");
    expect(seen.authRejected).toEqual(["listen key expired"]);
    expect(seen.gaps[0]!.reason).toBe("authRejected");
  });

  it("does not call a close for too many sockets a refused key", async () => {
    server = await startTestServer({
      onConnection: (socket) => {
        if (socket.index > 0) return;
        socket.ws.send("Too many connections for this listen key");
        socket.ws.close(1008, "too many connections for this listen key");
      },
    });
    const base = server.url;
    const stream = open({ channels: ["spot@private.orders.v3.api.pb"], url: () => `${base}?listenKey=abcdef123456` });
    const seen = record(stream);
    stream.start();
    await waitFor(() => stream.state === "live", "live on the second socket");
    expect(seen.authRejected).toEqual([]);
  });

  it("sends no more than maxOutboundPerSecond messages in any second", async () => {
    server = await startTestServer();
    const channels = Array.from(
      { length: 30 },
      (_, index) => `spot@public.aggre.deals.v3.api.pb@100ms@SYM${index}USDT`,
    );
    const stream = open({
      channels,
      channelsPerRequest: 1,
      maxOutboundPerSecond: 20,
      ackTimeoutMs: 5_000,
      pingIntervalMs: 500,
      deadAfterMs: 3_000,
    });
    stream.start();
    await waitFor(() => stream.state === "live", "live", 4_000);
    const times = server.sockets[0]!.messages.map((message) => message.at);
    const maxInAnySecond = Math.max(
      ...times.map((start) => times.filter((t) => t >= start && t < start + 1000).length),
    );
    expect(maxInAnySecond).toBeLessThanOrEqual(20);
    expect(server.sockets[0]!.channels.size).toBe(30);
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(990);
  });

  it("refuses more than 30 channels on one connection", () => {
    const channels = Array.from({ length: 31 }, (_, index) => `c${index}`);
    expect(() => new StreamConnection({ url: () => "ws://127.0.0.1:1/ws", channels })).toThrow(/at most 30/);
  });
});
