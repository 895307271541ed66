import { KLINE_INTERVALS } from "@mexc-live/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWsHarness, TestClient, type WsHarness } from "../../test/wsTestKit.js";
import { DEFAULT_SYMBOLS } from "../symbols.js";

const DEALS = "spot@public.aggre.deals.v3.api.pb@100ms@BTCUSDT";
const DEPTH = "spot@public.aggre.depth.v3.api.pb@10ms@ETHUSDT";

describe("the WebSocket control protocol", () => {
  let sim: WsHarness;
  const clients: TestClient[] = [];
  const connect = async (url = sim.url) => {
    const client = await TestClient.connect(url);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    sim = await startWsHarness();
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await sim.close();
  });

  it("acks a subscription with the channels comma-joined and the request id echoed", async () => {
    const client = await connect();
    client.subscribe([DEALS, DEPTH], 42);
    expect(await client.text(0)).toBe(`{"id":42,"code":0,"msg":"${DEALS},${DEPTH}"}`);
    client.send({ method: "UNSUBSCRIPTION", params: [DEPTH], id: 43 });
    expect(await client.text(1)).toBe(`{"id":43,"code":0,"msg":"${DEPTH}"}`);
  });

  it("acks with id 0 when the request has none", async () => {
    const client = await connect();
    client.subscribe([DEALS]);
    expect(await client.text(0)).toBe(`{"id":0,"code":0,"msg":"${DEALS}"}`);
  });

  it("answers PING and ping with PONG, echoing an id", async () => {
    const client = await connect();
    client.send({ method: "PING" });
    client.send({ method: "ping" });
    client.send({ method: "PING", id: 9 });
    expect(await client.text(0)).toBe(`{"id":0,"code":0,"msg":"PONG"}`);
    expect(await client.text(1)).toBe(`{"id":0,"code":0,"msg":"PONG"}`);
    expect(await client.text(2)).toBe(`{"id":9,"code":0,"msg":"PONG"}`);
  });

  it("rejects a JSON-era channel with MEXC's exact text: code 0, two spaces, full-width colon, trailing space", async () => {
    const client = await connect();
    client.subscribe(["spot@public.miniTicker.v3.api@BTCUSDT@UTC+0"]);
    const reply = await client.text(0);
    expect(reply).toBe(
      '{"id":0,"code":0,"msg":"Not Subscribed successfully! [spot@public.miniTicker.v3.api@BTCUSDT@UTC+0].  Reason\uFF1A Blocked! "}',
    );
    expect(Buffer.from(reply, "utf8").includes(Buffer.from([0xef, 0xbc, 0x9a]))).toBe(true); // U+FF1A in UTF-8
  });

  it("answers a mix of good and blocked channels in one reply", async () => {
    const client = await connect();
    const missingInterval = "spot@public.aggre.deals.v3.api.pb@BTCUSDT";
    const legacy = "spot@public.deals.v3.api.pb@BTCUSDT";
    client.subscribe([DEALS, missingInterval, legacy], 3);
    expect(await client.text(0)).toBe(
      `{"id":3,"code":0,"msg":"Subscribed successful! [${DEALS}]. Not Subscribed successfully! [${missingInterval},${legacy}].  Reason\uFF1A Blocked! "}`,
    );
  });

  it("blocks private channels on a connection without a listen key, and unknown symbols", async () => {
    const client = await connect();
    client.subscribe(["spot@private.orders.v3.api.pb", "spot@public.aggre.deals.v3.api.pb@100ms@NOPEUSDT"]);
    expect(await client.text(0)).toBe(
      '{"id":0,"code":0,"msg":"Not Subscribed successfully! [spot@private.orders.v3.api.pb,spot@public.aggre.deals.v3.api.pb@100ms@NOPEUSDT].  Reason\uFF1A Blocked! "}',
    );
  });

  it("accepts 30 streams and rejects the 31st", async () => {
    const client = await connect();
    const channels = DEFAULT_SYMBOLS.slice(0, 3).flatMap((symbol) =>
      KLINE_INTERVALS.map((interval) => `spot@public.kline.v3.api.pb@${symbol.symbol}@${interval}`),
    );
    expect(channels).toHaveLength(30);
    // In two frames: one of 30 would be over MEXC's 1 KB (docs/mexc/undocumented.md#websocket item 11.4).
    client.subscribe(channels.slice(0, 15));
    client.subscribe(channels.slice(15));
    expect(await client.text(0)).toBe(`{"id":0,"code":0,"msg":"${channels.slice(0, 15).join(",")}"}`);
    expect(await client.text(1)).toBe(`{"id":0,"code":0,"msg":"${channels.slice(15).join(",")}"}`);
    client.subscribe([DEALS]);
    expect(await client.text(2)).toBe(
      `{"id":0,"code":0,"msg":"Not Subscribed successfully! [${DEALS}].  Reason\uFF1A Blocked! "}`,
    );
    // Re-subscribing a channel it already has is not a new stream.
    client.subscribe([channels[0]!]);
    expect(await client.text(3)).toBe(`{"id":0,"code":0,"msg":"${channels[0]}"}`);
  });

  it("ignores a client frame over 1 KB (docs/mexc/undocumented.md#websocket item 11.4): no reply, no channel; a smaller one still works", async () => {
    const client = await connect();
    const channels = DEFAULT_SYMBOLS.slice(0, 3).flatMap((symbol) =>
      KLINE_INTERVALS.map((interval) => `spot@public.kline.v3.api.pb@${symbol.symbol}@${interval}`),
    );
    const big = JSON.stringify({ method: "SUBSCRIPTION", params: channels.slice(0, 25) });
    expect(new TextEncoder().encode(big).length).toBeGreaterThan(1024);
    client.subscribe(channels.slice(0, 25), 7);
    client.subscribe([DEALS], 8);
    // Answered in order: had the big frame been answered, its reply would have come first.
    expect(await client.text(0)).toBe(`{"id":8,"code":0,"msg":"${DEALS}"}`);
    expect(client.texts).toHaveLength(1);
  });

  it("closes a socket that sends more than 100 messages in a second", async () => {
    const client = await connect();
    for (let i = 0; i < 101; i++) client.send({ method: "PING" });
    const closed = await client.waitClosed();
    expect(closed.code).toBe(1008);
    expect(client.texts.length).toBeLessThanOrEqual(100);
  });

  it("keeps a socket that sends 100 messages in a second", async () => {
    const client = await connect();
    for (let i = 0; i < 100; i++) client.send({ method: "PING" });
    await client.until(() => client.texts.length === 100, 2_000, "100 PONGs");
    expect(client.isOpen).toBe(true);
  });

  it("survives garbage: answers it and keeps serving the socket", async () => {
    const client = await connect();
    client.send("this is not json {");
    client.send("[1,2,3]");
    client.send({ method: "FLY" });
    client.socket.send(Buffer.from([1, 2, 3]));
    client.send({ method: "SUBSCRIPTION", params: [7, null] });
    for (let i = 0; i < 4; i++) {
      expect(await client.text(i)).toBe(
        `{"id":0,"code":0,"msg":"Not Subscribed successfully! [].  Reason\uFF1A Blocked! "}`,
      );
    }
    expect(await client.text(4)).toBe(
      `{"id":0,"code":0,"msg":"Not Subscribed successfully! [7,null].  Reason\uFF1A Blocked! "}`,
    );
    client.send({ method: "PING" });
    expect(await client.text(5)).toBe(`{"id":0,"code":0,"msg":"PONG"}`);
  });

  it("refuses upgrades on any other path with 404", async () => {
    await expect(TestClient.connect(`ws://127.0.0.1:${sim.port}/stream`)).rejects.toThrow("HTTP 404");
  });

  it("counts connections and subscriptions", async () => {
    const before = sim.ws.stats();
    const client = await connect();
    client.subscribe([DEALS, DEPTH]);
    await client.text(0);
    const after = sim.ws.stats();
    expect(after.connections).toBe(before.connections + 1);
    expect(after.subscriptions).toBe(before.subscriptions + 2);
  });
});

describe("the client frame limit switched off", () => {
  it("accepts a SUBSCRIPTION over 1 KB (the documented behaviour alone)", async () => {
    const sim = await startWsHarness({ behaviours: { clientFrameLimit: false } });
    const client = await TestClient.connect(sim.url);
    try {
      const channels = DEFAULT_SYMBOLS.slice(0, 3).flatMap((symbol) =>
        KLINE_INTERVALS.map((interval) => `spot@public.kline.v3.api.pb@${symbol.symbol}@${interval}`),
      );
      client.subscribe(channels);
      expect(await client.text(0)).toBe(`{"id":0,"code":0,"msg":"${channels.join(",")}"}`);
    } finally {
      client.close();
      await sim.close();
    }
  });
});
