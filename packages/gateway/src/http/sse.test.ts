import { get, type IncomingMessage } from "node:http";
import { connect } from "node:net";
import type { FillItem, ServerMessage } from "@mexc-live/contract";
import { afterEach, describe, expect, it } from "vitest";
import { sampleBalance, sampleFill } from "../../../contract/test/items.js";
import { StreamClient, startTestGateway, type TestGateway } from "../../test/streamTestKit.js";
import { MAX_CONNECTIONS_PER_ADDRESS } from "../fanout/limits.js";

let gateway: TestGateway;
const open: (() => void)[] = [];
afterEach(async () => {
  for (const close of open.splice(0)) close();
  await gateway?.close();
});

/** An /events reader: every `data:` message parsed, comments counted. */
function events(path: string, headers: Record<string, string> = {}) {
  const messages: ServerMessage[] = [];
  let comments = 0;
  return new Promise<{
    response: IncomingMessage;
    messages: ServerMessage[];
    comments: () => number;
    body: () => string;
  }>((resolve, reject) => {
    let buffer = "";
    let body = "";
    const request = get(`${gateway.url}${path}`, { headers }, (response) => {
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
        buffer += chunk;
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith("data: ")) messages.push(JSON.parse(block.slice(6)));
          else if (block.startsWith(":")) comments++;
          end = buffer.indexOf("\n\n");
        }
      });
      resolve({ response, messages, comments: () => comments, body: () => body });
    });
    request.on("error", reject);
    open.push(() => request.destroy());
  });
}

/** How long the gateway takes to close; rejects when it takes over `limitMs`, so the test never waits longer. */
async function closingTime(limitMs = 2000): Promise<number> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`gateway still closing after ${limitMs} ms`)), limitMs);
  });
  try {
    await Promise.race([gateway.close(), limit]);
  } finally {
    clearTimeout(timer);
  }
  return Date.now() - started;
}

async function until(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  await expect.poll(predicate, { timeout: timeoutMs }).toBe(true);
}

describe("GET /events (Server-Sent Events)", () => {
  it("sends the same messages as /stream: hello, subscribed, snapshot, then batches", async () => {
    gateway = await startTestGateway({ limits: { batchIntervalMs: 10 } });
    const fills: FillItem[] = [sampleFill(0)];
    gateway.hub.setSnapshotProvider((topic) =>
      topic === "fills" ? { topic, data: [...fills], exchangeTime: 0, receiveTime: 0 } : undefined,
    );
    const sse = await events("/events?topics=fills,balances");
    expect(sse.response.statusCode).toBe(200);
    expect(sse.response.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    expect(sse.response.headers["content-security-policy"]).toContain("default-src 'self'");
    const ws = await StreamClient.connect(gateway.wsUrl);
    open.push(() => ws.close());
    ws.send({ type: "subscribe", topics: ["fills", "balances"] });
    await until(() => sse.messages.filter((m) => m.type === "snapshot").length === 2);
    await ws.until((m) => m.filter((x) => x.type === "snapshot").length === 2);

    for (let n = 1; n <= 20; n++) {
      fills.push(sampleFill(n));
      gateway.hub.publish({ topic: "fills", data: sampleFill(n), exchangeTime: 1, receiveTime: 2 });
    }
    gateway.hub.publish({ topic: "balances", data: sampleBalance("USDT", "5"), exchangeTime: 1, receiveTime: 2 });
    const updates = (messages: ServerMessage[]) => messages.flatMap((m) => (m.type === "batch" ? m.updates : []));
    await until(() => updates(sse.messages).length === 21);
    await ws.until((m) => updates(m).length === 21);

    expect(sse.messages.slice(0, 2)).toEqual([
      expect.objectContaining({ type: "hello", mode: "demo", quote: "USDT" }),
      { type: "subscribed", topics: ["fills", "balances"] },
    ]);
    expect(sse.messages.slice(2, 4).map((m) => m.type === "snapshot" && m.topic)).toEqual(["fills", "balances"]);
    expect(updates(sse.messages)).toEqual(updates(ws.messages));
  });

  it("refuses unknown or missing topics naming the parameter", async () => {
    gateway = await startTestGateway();
    const unknown = await events("/events?topics=fills,passwords");
    expect(unknown.response.statusCode).toBe(400);
    await until(() => unknown.body().length > 0);
    expect(JSON.parse(unknown.body())).toEqual({ error: "BAD_REQUEST", message: 'topics: unknown topic "passwords"' });
    const missing = await events("/events");
    expect(missing.response.statusCode).toBe(400);
    await until(() => missing.body().length > 0);
    expect(JSON.parse(missing.body()).message).toBe("topics: required");
  });

  it("refuses a market topic MEXC does not list, naming it", async () => {
    gateway = await startTestGateway();
    gateway.hub.setTopicFilter((topic) => (topic.includes("NOPEUSDT") ? "NOPEUSDT is not listed by MEXC" : undefined));
    const refused = await events("/events?topics=fills,market.NOPEUSDT.ticker");
    expect(refused.response.statusCode).toBe(400);
    await until(() => refused.body().length > 0);
    expect(JSON.parse(refused.body()).message).toBe("topics: market.NOPEUSDT.ticker: NOPEUSDT is not listed by MEXC");
    expect((await events("/events?topics=market.BTCUSDT.ticker")).response.statusCode).toBe(200);
  });

  it("refuses more than MAX_CONNECTIONS_PER_ADDRESS streams from one address with 429", async () => {
    gateway = await startTestGateway();
    const streams = [];
    for (let n = 0; n < MAX_CONNECTIONS_PER_ADDRESS; n++) {
      const stream = await events("/events?topics=fills");
      expect(stream.response.statusCode).toBe(200);
      streams.push(stream);
    }
    const over = await events("/events?topics=fills");
    expect(over.response.statusCode).toBe(429);
    await until(() => over.body().length > 0);
    expect(JSON.parse(over.body()).error).toBe("TOO_MANY_CONNECTIONS");
  });

  it("needs the token off loopback, from the header or cookie", async () => {
    gateway = await startTestGateway({ settings: { requireToken: true, token: "sse-token" } });
    expect((await events("/events?topics=fills")).response.statusCode).toBe(401);
    expect((await events("/events?topics=fills&token=sse-token")).response.statusCode).toBe(401);
    const ok = await events("/events?topics=fills", { authorization: "Bearer sse-token" });
    expect(ok.response.statusCode).toBe(200);
  });

  it("sends heartbeat comments while idle", async () => {
    gateway = await startTestGateway({
      settings: { requireToken: false, webDist: "/nonexistent", sseHeartbeatMs: 20 },
    });
    const sse = await events("/events?topics=equity");
    await until(() => sse.comments() >= 2);
  });

  it("ends open streams when the app closes, so shutdown does not wait for browsers", async () => {
    gateway = await startTestGateway();
    const sse = await events("/events?topics=fills");
    await until(() => sse.messages.length >= 3);
    const ended = new Promise((resolve) => sse.response.on("end", resolve));
    await gateway.close();
    await ended;
    expect(gateway.hub.sessionCount).toBe(0);
  });

  it("closes promptly after a fetch client cancelled its stream", async () => {
    gateway = await startTestGateway();
    const cancel = new AbortController();
    const response = await fetch(`${gateway.url}/events?topics=fills`, { signal: cancel.signal });
    expect(response.status).toBe(200);
    await response.body?.getReader().read();
    cancel.abort();
    await until(() => gateway.hub.sessionCount === 0);
    expect(await closingTime()).toBeLessThan(500);
  });

  it("closes promptly with a fetch client's stream still open", async () => {
    gateway = await startTestGateway();
    const response = await fetch(`${gateway.url}/events?topics=fills`);
    const reader = response.body?.getReader();
    await reader?.read();
    expect(gateway.hub.sessionCount).toBe(1);
    expect(await closingTime()).toBeLessThan(500);
    // The stream was ended, not cut: the reader sees its end after what was sent.
    let chunk = await reader?.read();
    while (chunk !== undefined && !chunk.done) chunk = await reader?.read();
    expect(gateway.hub.sessionCount).toBe(0);
  });

  it("closes promptly while a connection a browser opened has sent nothing yet", async () => {
    gateway = await startTestGateway();
    const spare = connect(Number(new URL(gateway.url).port), "127.0.0.1");
    open.push(() => spare.destroy());
    await new Promise((resolve, reject) => spare.once("connect", resolve).once("error", reject));
    const dropped = new Promise((resolve) => spare.once("close", resolve));
    expect(await closingTime()).toBeLessThan(500);
    await dropped;
  });

  it("closes the session when the browser goes away", async () => {
    gateway = await startTestGateway();
    const sse = await events("/events?topics=orders");
    await until(() => sse.messages.length >= 3);
    expect(gateway.hub.sessionCount).toBe(1);
    open.pop()?.();
    await until(() => gateway.hub.sessionCount === 0);
    expect(gateway.hub.activeTopics()).toEqual([]);
  });
});
