import { encodePush, type MexcEvent } from "@mexc-live/protocol";
import type { PushWrapper } from "@mexc-live/protocol/wire";
import { afterEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, waitFor } from "../../test/wsTestServer.js";
import { STREAM_MAX_QUEUED_LIMIT } from "../constants.js";
import { FellBehindError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { RawFrame } from "../rawFrame.js";
import { MarketStream, type MarketStreamItem, marketStream } from "./marketStream.js";

const DEPTH = "spot@public.aggre.depth.v3.api.pb@100ms@BTCUSDT";
const DEALS = "spot@public.aggre.deals.v3.api.pb@100ms@BTCUSDT";

/** Real-shaped frames (values of MEXC's doc examples, docs/mexc/protocol.md#channels / docs/mexc/protobuf.md#public-messages). */
const DEPTH_FRAME: PushWrapper = {
  channel: DEPTH,
  symbol: "BTCUSDT",
  sendTime: 1754741322152,
  publicAggreDepths: {
    asks: [{ price: "117145.49", quantity: "0" }],
    bids: [{ price: "117053.41", quantity: "1.86837271" }],
    eventType: "spot@public.aggre.depth.v3.api.pb@100ms",
    fromVersion: "43296363236",
    toVersion: "43296363255",
  },
} as PushWrapper;
const DEALS_FRAME: PushWrapper = {
  channel: DEALS,
  symbol: "BTCUSDT",
  sendTime: 1736417034332,
  publicAggreDeals: {
    deals: [{ price: "93220.00", quantity: "0.04438243", tradeType: 2, time: 1736417034280 }],
    eventType: "spot@public.aggre.deals.v3.api.pb@100ms",
  },
} as PushWrapper;
/** A deal at a negative price: refused by protocol's bounds. */
const NEGATIVE_DEAL_FRAME: PushWrapper = {
  ...DEALS_FRAME,
  publicAggreDeals: {
    deals: [{ price: "-93220.00", quantity: "0.04438243", tradeType: 2, time: 1736417034280 }],
    eventType: "spot@public.aggre.deals.v3.api.pb@100ms",
  },
} as PushWrapper;
/** Field 1 with wire type 7: no protobuf decoder accepts it. */
const GARBAGE = Buffer.from([0x0f, 0xff, 0xff, 0xff]);

let server: TestServer | undefined;
let stream: MarketStream | undefined;

afterEach(async () => {
  await stream?.close();
  await server?.close();
  stream = undefined;
  server = undefined;
});

describe("marketStream", () => {
  it("decodes frames into protocol events and skips a malformed one without stopping", async () => {
    server = await startTestServer();
    const warnings: object[] = [];
    const logger: Logger = { debug() {}, info() {}, warn: (object) => warnings.push(object), error() {} };
    stream = marketStream([DEPTH, DEALS], { url: server.url, logger });
    const events: MexcEvent[] = [];
    stream.on("event", (event) => events.push(event));
    await waitFor(() => stream!.state === "live", "live");
    server.broadcast(encodePush(DEPTH_FRAME));
    server.broadcast(GARBAGE);
    server.broadcast(encodePush(DEPTH_FRAME).subarray(0, 20));
    server.broadcast(GARBAGE);
    for (let n = 0; n < 3; n++) server.broadcast(encodePush(NEGATIVE_DEAL_FRAME));
    server.broadcast(encodePush(DEALS_FRAME));
    await waitFor(() => events.length === 2, "two events");
    expect(events[0]).toMatchObject({
      type: "depthDiff",
      symbol: "BTCUSDT",
      fromVersion: "43296363236",
      toVersion: "43296363255",
      bids: [{ price: "117053.41", quantity: "1.86837271" }],
    });
    expect(events[1]).toMatchObject({ type: "trade", symbol: "BTCUSDT", timestamp: 1736417034332 });
    expect(stream.stats()).toMatchObject({ events: 2, malformed: 6 });
    // Said once per field and reason, naming both, never once per frame nor with the value.
    expect(
      warnings.map((warning) => [(warning as { field: string }).field, (warning as { value: string }).value]),
    ).toEqual([
      ["market frame", "out of bounds: malformed (MALFORMED)"],
      ["market frame", "out of bounds: malformed (TRUNCATED)"],
      ["market trade.price", expect.stringMatching(/^out of bounds: /)],
    ]);
    expect(JSON.stringify(warnings)).not.toContain("-93220");
    expect(stream.state).toBe("live");
  });

  it("hands every frame to onRawFrame as received and before its event, malformed ones included", async () => {
    server = await startTestServer();
    const seen: string[] = [];
    const frames: RawFrame[] = [];
    const startedAt = Date.now();
    stream = marketStream([DEPTH, DEALS], {
      url: server.url,
      onRawFrame: (frame) => {
        frames.push({ ...frame, bytes: Buffer.from(frame.bytes) });
        seen.push(`frame ${frame.channel}`);
      },
    });
    stream.on("event", (event) => seen.push(`event ${event.type}`));
    await waitFor(() => stream!.state === "live", "live");
    const depth = encodePush(DEPTH_FRAME);
    // Cut inside the body: the header (and so the channel) is whole, the frame does not decode.
    const truncated = depth.subarray(0, depth.length - 5);
    server.broadcast(depth);
    server.broadcast(GARBAGE);
    server.broadcast(truncated);
    server.broadcast(encodePush(DEALS_FRAME));
    await waitFor(() => seen.length === 6, "four frames and two events");
    expect(seen).toEqual([
      `frame ${DEPTH}`,
      "event depthDiff",
      "frame null",
      `frame ${DEPTH}`,
      `frame ${DEALS}`,
      "event trade",
    ]);
    expect(frames.map((frame) => Buffer.from(frame.bytes).toString("hex"))).toEqual(
      [depth, GARBAGE, truncated, encodePush(DEALS_FRAME)].map((bytes) => Buffer.from(bytes).toString("hex")),
    );
    for (const frame of frames) {
      expect(frame.receivedAt).toBeGreaterThanOrEqual(startedAt);
      expect(frame.receivedAt).toBeLessThanOrEqual(Date.now());
    }
  });

  it("iterates state notices and events in order; leaving the loop closes the stream", async () => {
    server = await startTestServer();
    const local = new MarketStream([DEPTH], { url: server.url });
    stream = local;
    local.start();
    const seen: MarketStreamItem[] = [];
    for await (const item of local) {
      seen.push(item);
      if (item.type === "state" && item.state === "live") server.broadcast(encodePush(DEPTH_FRAME));
      if (item.type === "depthDiff") break;
    }
    expect(seen.map((item) => item.type)).toEqual(["state", "state", "depthDiff"]);
    expect(seen.slice(0, 2)).toEqual([
      { type: "state", state: "connecting" },
      { type: "state", state: "live" },
    ]);
    await waitFor(() => server!.openSockets().length === 0, "the socket closed");
    expect(local.state).toBe("closed");
  });

  it("ends the iteration with the channel error when its only channel is blocked", async () => {
    server = await startTestServer({
      subscribeReply: (_socket, channels) =>
        `Not Subscribed successfully! [${channels.join(",")}].  Reason： Blocked! `,
    });
    const legacy = "spot@public.deals.v3.api@BTCUSDT";
    stream = marketStream([legacy], { url: server.url });
    const seen: MarketStreamItem[] = [];
    for await (const item of stream) seen.push(item);
    expect(seen).toEqual([
      { type: "state", state: "connecting" },
      { type: "channelError", channel: legacy, reason: "blocked", message: "subscription rejected: Blocked!" },
      { type: "state", state: "closed", detail: "every channel was rejected" },
    ]);
  });

  it("keeps what a late loop has not read up to maxQueued, then fails it with FELL_BEHIND and the dropped count", async () => {
    server = await startTestServer();
    stream = marketStream([DEPTH], { url: server.url, maxQueued: 3 });
    const heard: string[] = [];
    stream.on("event", (event) => heard.push(event.type));
    await waitFor(() => stream!.state === "live", "live");
    for (let index = 0; index < 5; index++) server.broadcast(encodePush(DEPTH_FRAME));
    await waitFor(() => heard.length === 5, "every frame heard by the listener");
    expect(stream.state).toBe("live");
    const types: string[] = [];
    const error = await (async () => {
      for await (const item of stream!) types.push(item.type);
    })().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(types).toEqual(["state", "state", "depthDiff"]);
    expect(error).toBeInstanceOf(FellBehindError);
    expect(error).toMatchObject({ code: "FELL_BEHIND", dropped: 4, maxQueued: 3 });
    expect((error as Error).message).toContain("4 item(s) dropped");
    await waitFor(() => stream!.state === "closed", "closed once the loop was told");
  });

  it("refuses to iterate a stream made with maxQueued 0 (listeners only), and maxQueued past its bound", async () => {
    server = await startTestServer();
    stream = marketStream([DEPTH], { url: server.url, maxQueued: 0 });
    expect(() => stream![Symbol.asyncIterator]()).toThrow(/maxQueued 0 \(listeners only\)/);
    expect(() => marketStream([DEPTH], { url: server!.url, maxQueued: STREAM_MAX_QUEUED_LIMIT + 1 })).toThrow(
      /market stream: maxQueued must be a whole number from 0 to 1000000, got 1000001/,
    );
  });
});
