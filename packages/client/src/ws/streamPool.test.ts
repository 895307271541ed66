import { afterEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, waitFor } from "../../test/wsTestServer.js";
import { StreamPool } from "./streamPool.js";

const SYMBOLS = ["BTC", "ETH", "SOL", "MX", "XRP", "DOGE", "PEPE", "ADA", "TRX", "LTC", "DOT"];
/** 66 distinct channels: three streams x two intervals x eleven symbols. */
const CHANNELS = SYMBOLS.flatMap((base) =>
  ["deals", "depth", "bookTicker"].flatMap((stream) =>
    ["100ms", "10ms"].map((interval) => `spot@public.aggre.${stream}.v3.api.pb@${interval}@${base}USDT`),
  ),
);

let server: TestServer | undefined;
let pool: StreamPool | undefined;

afterEach(async () => {
  await pool?.close();
  await server?.close();
  pool = undefined;
  server = undefined;
});

describe("StreamPool", () => {
  it("shards more than 30 channels over several sockets of at most 30, all acked", async () => {
    server = await startTestServer();
    const url = server.url;
    pool = new StreamPool({ url: () => url, channels: CHANNELS, pingIntervalMs: 100, deadAfterMs: 1_000 });
    const states: string[] = [];
    pool.on("state", (state) => states.push(state));
    pool.start();
    await waitFor(() => pool!.state === "live", "the pool live");
    expect(CHANNELS).toHaveLength(66);
    expect(server.sockets.map((socket) => socket.channels.size)).toEqual([30, 30, 6]);
    const subscribed = server.sockets.flatMap((socket) => [...socket.channels]);
    expect(new Set(subscribed)).toEqual(new Set(CHANNELS));
    expect(pool.shards.map((shard) => shard.state)).toEqual(["live", "live", "live"]);
    expect(states).toEqual(["connecting", "live"]);
  });

  it("merges the frames of every shard and names the shard's channels in a gap", async () => {
    server = await startTestServer();
    const url = server.url;
    pool = new StreamPool({ url: () => url, channels: CHANNELS, reconnect: { initialMs: 10, maxMs: 20 } });
    const frames: number[] = [];
    const gaps: string[][] = [];
    pool.on("frame", (bytes) => frames.push(bytes[0]!));
    pool.on("gap", (gap) => gaps.push([...gap.channels]));
    pool.start();
    await waitFor(() => pool!.state === "live", "the pool live");
    for (const socket of server.sockets) socket.ws.send(Buffer.from([socket.index]));
    await waitFor(() => frames.length === 3, "a frame from each shard");
    expect(frames.sort()).toEqual([0, 1, 2]);
    server.sockets[2]!.ws.terminate();
    await waitFor(() => gaps.length === 1, "a gap");
    expect(gaps[0]).toEqual(CHANNELS.slice(60));
    await waitFor(() => pool!.state === "live", "live again");
  });
});
