import type { FillItem, ServerMessage } from "@mexc-live/contract";
import { afterEach, describe, expect, it } from "vitest";
import { sampleFill } from "../../../contract/test/items.js";
import { loginCookie, StreamClient, startTestGateway, type TestGateway } from "../../test/streamTestKit.js";
import { MAX_CONNECTIONS_PER_ADDRESS } from "./limits.js";

let gateway: TestGateway;
const clients: StreamClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await gateway?.close();
});

async function connect(headers: Record<string, string> = {}, url = gateway.wsUrl): Promise<StreamClient> {
  const client = await StreamClient.connect(url, headers);
  clients.push(client);
  return client;
}

/** A store stand-in: fills published so far; the snapshot is all of them. */
function fillLog(hub: TestGateway["hub"]) {
  const fills: FillItem[] = [];
  hub.setSnapshotProvider((topic) =>
    topic === "fills" ? { topic, data: [...fills], exchangeTime: 0, receiveTime: 0 } : undefined,
  );
  return {
    fills,
    publish(fill: FillItem) {
      fills.push(fill);
      hub.publish({ topic: "fills", data: fill, exchangeTime: fill.time, receiveTime: Date.now() });
    },
  };
}

const tradeIds = (messages: ServerMessage[]): string[] =>
  messages.flatMap((m) => {
    if (m.type === "snapshot" && m.topic === "fills") return (m.data as FillItem[]).map((f) => f.tradeId);
    if (m.type === "batch")
      return m.updates.filter((u) => u.topic === "fills").map((u) => (u.data as FillItem).tradeId);
    return [];
  });

const batches = (messages: ServerMessage[]) => messages.filter((m) => m.type === "batch");

describe("/stream delivery", () => {
  it("greets, then sends the snapshot first and batched deltas in order with no duplicates", async () => {
    gateway = await startTestGateway({ limits: { batchIntervalMs: 20 } });
    const log = fillLog(gateway.hub);
    for (let n = 0; n < 10; n++) log.publish(sampleFill(n));
    const client = await connect();
    client.send({ type: "subscribe", topics: ["fills"] });
    await client.until((m) => m.some((x) => x.type === "snapshot"));
    for (let n = 10; n < 310; n++) {
      log.publish(sampleFill(n));
      // Every 30, until the client has them: the updates leave in several batches.
      if (n % 30 === 0) await client.until((m) => tradeIds(m).includes(sampleFill(n).tradeId));
    }
    await client.until((m) => tradeIds(m).includes(sampleFill(309).tradeId));

    expect(client.messages[0]).toMatchObject({ type: "hello", mode: "demo", quote: "USDT" });
    expect(client.messages[1]).toEqual({ type: "subscribed", topics: ["fills"] });
    expect(client.messages[2]).toMatchObject({ type: "snapshot", topic: "fills" });
    expect(tradeIds(client.messages)).toEqual(log.fills.map((f) => f.tradeId));
    const count = batches(client.messages).length;
    expect(count).toBeGreaterThan(1);
    expect(count).toBeLessThan(300); // batched, not one message per update
  });

  it("answers ping with pong", async () => {
    gateway = await startTestGateway();
    const client = await connect();
    client.send({ type: "ping" });
    await client.until((m) => m.some((x) => x.type === "pong"));
  });

  it("delivers the same updates to several clients", async () => {
    gateway = await startTestGateway({ limits: { batchIntervalMs: 10 } });
    const log = fillLog(gateway.hub);
    const [a, b] = [await connect(), await connect()];
    for (const c of [a, b]) c.send({ type: "subscribe", topics: ["fills"] });
    await Promise.all([a, b].map((c) => c.until((m) => m.some((x) => x.type === "snapshot"))));
    for (let n = 0; n < 50; n++) log.publish(sampleFill(n));
    const last = sampleFill(49).tradeId;
    await Promise.all([a, b].map((c) => c.until((m) => tradeIds(m).includes(last))));
    expect(tradeIds(a.messages)).toEqual(tradeIds(b.messages));
  });
});

describe("/stream bad client messages close only that socket", () => {
  it.each([
    ["malformed JSON", "{not json", "BAD_MESSAGE", 1008],
    ["an unknown message type", { type: "order", side: "BUY" }, "BAD_MESSAGE", 1008],
    ["an unknown topic", { type: "subscribe", topics: ["fills", "secrets"] }, "UNKNOWN_TOPIC", 1008],
    [
      "too many topics",
      { type: "subscribe", topics: Array.from({ length: 60 }, (_, i) => `market.SYM${i}.ticker`) },
      "TOO_MANY_TOPICS",
      1008,
    ],
  ])("%s: error message, close 1008, the other client keeps receiving", async (_name, message, code, closeCode) => {
    gateway = await startTestGateway({ limits: { batchIntervalMs: 10 } });
    const log = fillLog(gateway.hub);
    const good = await connect();
    good.send({ type: "subscribe", topics: ["fills"] });
    await good.until((m) => m.some((x) => x.type === "snapshot"));
    const bad = await connect();
    bad.send(message);
    expect(await bad.closed()).toBe(closeCode);
    expect(bad.messages.at(-1)).toMatchObject({ type: "error", code });

    log.publish(sampleFill(1));
    await good.until((m) => tradeIds(m).includes(sampleFill(1).tradeId));
    expect(good.closeCode).toBeUndefined();
  });

  it("a market topic MEXC does not list is refused with an error, the socket and its other topics kept", async () => {
    gateway = await startTestGateway({ limits: { batchIntervalMs: 10 } });
    gateway.hub.setTopicFilter((topic) => (topic.includes("NOPEUSDT") ? "NOPEUSDT is not listed by MEXC" : undefined));
    const log = fillLog(gateway.hub);
    const client = await connect();
    client.send({ type: "subscribe", topics: ["fills", "market.NOPEUSDT.ticker"] });
    await client.until((m) => m.some((x) => x.type === "snapshot"));
    expect(client.messages).toContainEqual({
      type: "error",
      code: "UNKNOWN_TOPIC",
      message: "topics: market.NOPEUSDT.ticker: NOPEUSDT is not listed by MEXC",
    });
    expect(client.messages).toContainEqual({ type: "subscribed", topics: ["fills"] });
    expect(gateway.hub.activeTopics()).toEqual(["fills"]);
    log.publish(sampleFill(1));
    await client.until((m) => tradeIds(m).includes(sampleFill(1).tradeId));
    expect(client.closeCode).toBeUndefined();
  });

  it("an oversized message closes that socket with 1009; the other keeps receiving", async () => {
    gateway = await startTestGateway({ limits: { batchIntervalMs: 10 } });
    const log = fillLog(gateway.hub);
    const good = await connect();
    good.send({ type: "subscribe", topics: ["fills"] });
    await good.until((m) => m.some((x) => x.type === "snapshot"));
    const bad = await connect();
    bad.send({ type: "subscribe", topics: ["x".repeat(10_000)] });
    expect(await bad.closed()).toBe(1009);
    log.publish(sampleFill(2));
    await good.until((m) => tradeIds(m).includes(sampleFill(2).tradeId));
    expect(gateway.hub.sessionCount).toBe(1);
  });

  it("a binary frame is refused with BAD_MESSAGE", async () => {
    gateway = await startTestGateway();
    const bad = await connect();
    bad.ws.send(Buffer.from([1, 2, 3]));
    expect(await bad.closed()).toBe(1008);
    expect(bad.messages.at(-1)).toMatchObject({ type: "error", code: "BAD_MESSAGE" });
  });
});

describe("/stream upgrade checks", () => {
  const TOKEN = "ws-test-token-1";
  const settings = { requireToken: true, token: TOKEN };

  it("requires the token off loopback: 401 without, open with the header or a login's cookie", async () => {
    gateway = await startTestGateway({ settings });
    await expect(connect()).rejects.toThrow("upgrade refused: 401");
    await expect(connect({ authorization: "Bearer wrong" })).rejects.toThrow("upgrade refused: 401");
    await expect(connect({ cookie: `mexc_live_session=${TOKEN}` })).rejects.toThrow("upgrade refused: 401");
    const byHeader = await connect({ authorization: `Bearer ${TOKEN}` });
    await byHeader.until((m) => m[0]?.type === "hello");
    const byCookie = await connect({ cookie: await loginCookie(gateway.url, TOKEN) });
    await byCookie.until((m) => m[0]?.type === "hello");
  });

  it("logout closes that session's streams and its cookie opens no more; other logins stay", async () => {
    gateway = await startTestGateway({ settings });
    const [mine, other] = [await loginCookie(gateway.url, TOKEN), await loginCookie(gateway.url, TOKEN)];
    const streams = [await connect({ cookie: mine }), await connect({ cookie: mine })];
    const kept = await connect({ cookie: other });
    await kept.until((m) => m[0]?.type === "hello");
    const logout = await fetch(`${gateway.url}/api/logout`, { method: "POST", headers: { cookie: mine } });
    expect(logout.headers.get("set-cookie")).toMatch(/^mexc_live_session=; .*Max-Age=0/);
    for (const stream of streams) expect(await stream.closed()).toBe(1008);
    await expect(connect({ cookie: mine })).rejects.toThrow("upgrade refused: 401");
    expect(kept.closeCode).toBeUndefined();
    expect((await fetch(`${gateway.url}/api/balances`, { headers: { cookie: mine } })).status).toBe(401);
    expect((await fetch(`${gateway.url}/api/balances`, { headers: { cookie: other } })).status).toBe(200);
  });

  it("does not accept the token in the URL", async () => {
    gateway = await startTestGateway({ settings });
    await expect(connect({}, `${gateway.wsUrl}?token=${TOKEN}`)).rejects.toThrow("upgrade refused: 401");
  });

  it("refuses a page from another origin, accepts the gateway's own", async () => {
    gateway = await startTestGateway();
    await expect(connect({ origin: "https://evil.example" })).rejects.toThrow("upgrade refused: 403");
    const host = new URL(gateway.url).host;
    const own = await connect({ origin: `http://${host}` });
    await own.until((m) => m[0]?.type === "hello");
  });

  it("refuses more than MAX_CONNECTIONS_PER_ADDRESS sockets from one address with 429, and counts closes", async () => {
    gateway = await startTestGateway();
    const open = [];
    for (let n = 0; n < MAX_CONNECTIONS_PER_ADDRESS; n++) open.push(await connect());
    await expect(connect()).rejects.toThrow("upgrade refused: 429");
    open[0]!.close();
    await open[0]!.closed();
    await expect
      .poll(() => gateway.hub.sessionsFrom("127.0.0.1"), { timeout: 5_000 })
      .toBeLessThan(MAX_CONNECTIONS_PER_ADDRESS);
    const again = await connect();
    await again.until((m) => m[0]?.type === "hello");
  });

  it("answers other upgrade paths with 404", async () => {
    gateway = await startTestGateway();
    await expect(connect({}, gateway.wsUrl.replace("/stream", "/other"))).rejects.toThrow("upgrade refused: 404");
  });
});

describe("/stream liveness and shutdown", () => {
  it("terminates a client that stops answering pings", async () => {
    gateway = await startTestGateway({ idleTimeoutMs: 50 });
    const client = await connect();
    await client.until((m) => m[0]?.type === "hello");
    expect(gateway.hub.sessionCount).toBe(1);
    (client.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    await expect.poll(() => gateway.hub.sessionCount, { timeout: 5_000 }).toBe(0);
  });

  it("closes connections with 1001 on shutdown", async () => {
    gateway = await startTestGateway();
    const client = await connect();
    await client.until((m) => m[0]?.type === "hello");
    await gateway.stream.close();
    expect(await client.closed()).toBe(1001);
  });
});

describe("/stream slow client", () => {
  it("does not grow the gateway's memory, and gets a fresh snapshot when it reads again", async () => {
    const limits = {
      batchIntervalMs: 10,
      maxBufferedBytes: 64 * 1024,
      maxQueuedBytes: 1024 * 1024,
      maxLogQueueItems: 200,
    };
    gateway = await startTestGateway({ limits });
    const log = fillLog(gateway.hub);
    // The snapshot: the newest 20 fills (a real one is bounded too).
    gateway.hub.setSnapshotProvider(() => ({
      topic: "fills",
      data: log.fills.slice(-20),
      exchangeTime: 0,
      receiveTime: 0,
    }));
    const slow = await connect();
    const fast = await connect();
    for (const c of [slow, fast]) c.send({ type: "subscribe", topics: ["fills"] });
    await Promise.all([slow, fast].map((c) => c.until((m) => m.some((x) => x.type === "snapshot"))));
    const [slowSession, fastSession] = gateway.hub.sessions();
    const socket = (slow.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    socket.pause();

    // 50 fills of ~8 kB per batch interval until the kernel's socket buffers (tens of MB on
    // loopback) are full and the gateway has dropped the slow client's queue; then 30 rounds more.
    const padding = "x".repeat(8000);
    let maxQueuedBytes = 0;
    let maxQueuedItems = 0;
    let maxBuffered = 0;
    let n = 0;
    let roundsAfterDrop = 0;
    for (let round = 0; round < 1000 && roundsAfterDrop < 30; round++) {
      for (let i = 0; i < 50; i++) {
        log.publish(sampleFill(n++, { note: padding } as Partial<FillItem>));
        const stats = slowSession!.stats();
        maxQueuedBytes = Math.max(maxQueuedBytes, stats.queuedBytes);
        maxQueuedItems = Math.max(maxQueuedItems, stats.queuedItems);
      }
      // The round flushed: the fast client has its last fill.
      const last = log.fills.at(-1)!.tradeId;
      await fast.until((m) => tradeIds(m.slice(-1)).includes(last), 10_000);
      for (const ws of gateway.stream.wss.clients) maxBuffered = Math.max(maxBuffered, ws.bufferedAmount);
      if (slowSession!.stats().resnapshots > 0) roundsAfterDrop++;
    }
    // However much more was published, it owes the slow client one snapshot and holds nothing else.
    expect(slowSession!.stats()).toMatchObject({
      backpressured: true,
      resnapshots: 1,
      pendingSnapshots: 1,
      queuedItems: 0,
    });
    expect(maxQueuedBytes).toBeLessThanOrEqual(limits.maxQueuedBytes);
    expect(maxQueuedItems).toBeLessThanOrEqual(limits.maxLogQueueItems);
    // At most one flush beyond the buffer limit is ever handed to the socket.
    expect(maxBuffered).toBeLessThanOrEqual(limits.maxBufferedBytes + limits.maxQueuedBytes + 64 * 1024);

    // The fast client kept up: every update, once, and never a resnapshot.
    const last = log.fills.at(-1)!.tradeId;
    await fast.until((m) => tradeIds(m).includes(last), 10_000);
    expect(tradeIds(fast.messages)).toEqual(log.fills.slice(-tradeIds(fast.messages).length).map((f) => f.tradeId));
    expect(fastSession!.stats().resnapshots).toBe(0);

    const snapshotsBefore = slow.messages.filter((m) => m.type === "snapshot").length;
    socket.resume();
    await slow.until((m) => m.filter((x) => x.type === "snapshot").length > snapshotsBefore, 10_000);
    await slow.until((m) => tradeIds(m).includes(last), 10_000);
    const fresh = slow.messages.filter((m) => m.type === "snapshot").at(-1) as Extract<
      ServerMessage,
      { type: "snapshot" }
    >;
    expect((fresh.data as FillItem[]).at(-1)?.tradeId).toBe(last);
  });
});
