/**
 * `await user.live()` and `await book.synced()`: what a program waits on before it trusts the
 * account or the book, against the simulator on 127.0.0.1 through the client's facade.
 */
import { Decimal, isMexcApiError } from "@mexc-live/protocol";
import { type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import { afterEach, describe, expect, it } from "vitest";
import { deadPort } from "../test/wsTestServer.js";
import { sleep } from "./backoff.js";
import { createMexcClient, type MexcClient } from "./client.js";
import { LIVE_TIMEOUT_MAX_MS } from "./constants.js";
import { isClientError } from "./errors.js";
import type { UserStreamNotice } from "./user/userStreamTypes.js";

let sim: RunningSimulator | undefined;
let client: MexcClient | undefined;
afterEach(async () => {
  await client?.close();
  await sim?.close();
  client = undefined;
  sim = undefined;
});

async function start(seed: number): Promise<{ sim: RunningSimulator; client: MexcClient }> {
  sim = await startSimulator({ port: 0, seed, admin: true, demoTrader: false });
  client = createMexcClient({ apiKey: sim.apiKey, apiSecret: sim.secretKey, restUrl: sim.rest, wsUrl: sim.ws });
  return { sim, client };
}

async function admin(path: string, body: unknown): Promise<void> {
  const response = await fetch(`${sim!.rest}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

describe("await user.live()", () => {
  it("resolves once the stream is connected and reconciled, and at once after that", async () => {
    const { client } = await start(71);
    const user = client.userStream({ symbols: ["BTCUSDT"] });
    const states: string[] = [];
    user.on("state", (notice: UserStreamNotice) => states.push(notice.state));
    await user.live();
    expect(states).toContain("live");
    expect(states.at(-1)).toBe("reconciled");
    const before = states.length;
    await user.live();
    expect(states.length).toBe(before);
  });

  it("rejects with STREAM_REFUSED, MEXC's refusal as its cause, when MEXC refuses the key", async () => {
    const { client } = await start(72);
    await admin("/_sim/keys", { account: "demo", action: "revoke" });
    const user = client.userStream({ symbols: ["BTCUSDT"] });
    const error = await user.live().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(isClientError(error) && { code: error.code, class: error.class }).toEqual({
      code: "STREAM_REFUSED",
      class: "fatal",
    });
    const cause = (error as Error).cause;
    expect(isMexcApiError(cause) && cause.mexcCode).toBe(700002);
    expect(String((error as Error).message)).toContain("MEXC refuses the API key");
    expect(String((error as Error).message)).not.toContain(sim!.apiKey);
  });

  it("rejects with CLOSED when the stream is closed first", async () => {
    const { client } = await start(73);
    const user = client.userStream({ symbols: ["BTCUSDT"] });
    const waiting = user.live().catch((caught: unknown) => caught);
    await user.close();
    const error = await waiting;
    expect(isClientError(error) && error.code).toBe("CLOSED");
    await expect(user.live()).rejects.toMatchObject({ code: "CLOSED" });
  });
});

describe("await book.synced()", () => {
  it("resolves when the local book holds a snapshot and the pushes after it", async () => {
    const { client } = await start(74);
    const book = client.orderBook("BTCUSDT");
    expect(book.sync.state).toBe("syncing");
    await book.synced();
    expect(book.sync.state).toBe("synced");
    expect(book.sync.bestBid()).toBeDefined();
    expect(book.sync.bestAsk()).toBeDefined();
    await book.synced();
  });

  it("reads as the README shows: book.bestBid(), book.bestAsk(), book.top(n), decimal strings best first", async () => {
    const { client } = await start(76);
    const book = client.orderBook("BTCUSDT");
    await book.synced();
    const top = book.top(5);
    expect(top.bids).toHaveLength(5);
    expect(top.asks).toHaveLength(5);
    expect(book.bestBid()).toEqual(top.bids[0]);
    expect(book.bestAsk()).toEqual(top.asks[0]);
    for (const level of [...top.bids, ...top.asks]) expect(level.price).toMatch(/^\d+(\.\d+)?$/);
    const prices = (side: readonly { price: string }[]) => side.map((level) => new Decimal(level.price));
    const bids = prices(top.bids);
    const asks = prices(top.asks);
    for (let index = 1; index < 5; index++) {
      expect(bids[index]!.lt(bids[index - 1]!)).toBe(true);
      expect(asks[index]!.gt(asks[index - 1]!)).toBe(true);
    }
    expect(bids[0]!.lt(asks[0]!)).toBe(true);
  });

  it("rejects with CLOSED when the book is closed before it synced", async () => {
    const { client } = await start(75);
    const book = client.orderBook("BTCUSDT");
    const waiting = book.synced().catch((caught: unknown) => caught);
    await book.close();
    expect(isClientError(await waiting) && ((await waiting) as { code: string }).code).toBe("CLOSED");
    await expect(book.synced()).rejects.toMatchObject({ code: "CLOSED" });
  });
});

describe("a user stream that cannot connect (issue 38 item 2)", () => {
  it("live({ timeoutMs }) rejects with LIVE_TIMEOUT naming the host and ECONNREFUSED; each failed try is a notice; no listen key anywhere", async () => {
    sim = await startSimulator({ port: 0, seed: 73, admin: true, demoTrader: false });
    const port = await deadPort();
    client = createMexcClient({
      apiKey: sim.apiKey,
      apiSecret: sim.secretKey,
      restUrl: sim.rest,
      wsUrl: `ws://127.0.0.1:${port}/ws`,
      connection: { reconnect: { initialMs: 50, maxMs: 100 } },
    });
    const user = client.userStream({ symbols: ["BTCUSDT"] });
    const notices: UserStreamNotice[] = [];
    user.on("state", (notice) => notices.push(notice));
    const error = await user.live({ timeoutMs: 1_500 }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(isClientError(error) && { code: error.code, class: error.class }).toEqual({
      code: "LIVE_TIMEOUT",
      class: "retryable",
    });
    expect((error as Error).message).toMatch(
      new RegExp(`^user stream: not live within 1500 ms; last try failed: 127\\.0\\.0\\.1:${port} ECONNREFUSED`),
    );
    const tries = notices.filter((notice) => notice.state === "reconnecting");
    expect(tries.length).toBeGreaterThanOrEqual(3);
    expect(tries.map((notice) => notice.state === "reconnecting" && notice.attempt)).toEqual(
      tries.map((_, index) => index + 1),
    );
    for (const notice of tries) {
      expect(notice).toMatchObject({ host: `127.0.0.1:${port}`, code: "ECONNREFUSED" });
      expect(notice.state === "reconnecting" && notice.nextTryAt).toBeGreaterThanOrEqual(notice.at);
    }
    expect(user.stats().failedConnects).toBe(tries.length);
    const { listenKey: listenKeys } = await client.listListenKeys();
    expect(listenKeys.length).toBeGreaterThan(0);
    const told = JSON.stringify(notices) + (error as Error).message;
    for (const key of listenKeys) expect(told).not.toContain(key);
  });

  it("says why, try after try, when the simulator goes away under a live stream", async () => {
    const { sim: running, client } = await start(74);
    const user = client.userStream({ symbols: ["BTCUSDT"], connection: { reconnect: { initialMs: 50, maxMs: 100 } } });
    await user.live();
    const notices: UserStreamNotice[] = [];
    user.on("state", (notice) => notices.push(notice));
    const port = new URL(running.ws).port;
    await running.close();
    sim = undefined;
    const refused = () => notices.filter((notice) => notice.state === "reconnecting" && notice.code === "ECONNREFUSED");
    for (let waited = 0; refused().length < 2 && waited < 5_000; waited += 50) await sleep(50);
    expect(refused().length).toBeGreaterThanOrEqual(2);
    expect(refused()[0]).toMatchObject({ host: `127.0.0.1:${port}` });
    expect(user.stats().failedConnects).toBeGreaterThanOrEqual(2);
  });

  it("with REST down, live() names the REST host its listen key comes from and ECONNREFUSED (issue 54 item 2)", async () => {
    const port = await deadPort();
    client = createMexcClient({
      apiKey: "mx0vglTESTKEY00000",
      apiSecret: "test-secret-not-a-real-one",
      restUrl: `http://127.0.0.1:${port}`,
      connection: { reconnect: { initialMs: 50, maxMs: 100 } },
    });
    const user = client.userStream({ symbols: ["BTCUSDT"] });
    const error = await user.live({ timeoutMs: 1_000 }).catch((caught: unknown) => caught);
    expect(isClientError(error) && error.code).toBe("LIVE_TIMEOUT");
    const host = `127.0.0.1:${port}`;
    // It said "last try failed: no host URL_UNAVAILABLE (no URL to connect to (NETWORK))".
    expect((error as Error).message).toContain(
      `last try failed: ${host} ECONNREFUSED (a listen key: POST /api/v3/userDataStream failed: ECONNREFUSED ${host} (not sent))`,
    );
  });

  it("after the simulator restarts, a listen key it refuses is replaced at once, not after the back-off (issue 54 item 2)", async () => {
    const { sim: first, client } = await start(77);
    // Every try but the one after a refused key waits 1.5-3 s.
    const user = client.userStream({
      symbols: ["BTCUSDT"],
      connection: { reconnect: { initialMs: 3_000, maxMs: 3_000 } },
    });
    await user.live();
    const port = Number(new URL(first.rest).port);
    const notices: (UserStreamNotice & { seenAt: number })[] = [];
    user.on("state", (notice) => notices.push({ ...notice, seenAt: performance.now() }));
    await first.close();
    sim = await startSimulator({ port, seed: 77, admin: true, demoTrader: false });
    await user.live();
    const refused = notices.find((notice) => notice.state === "reconnecting" && notice.code === "authRejected");
    const live = notices.find((notice) => notice.state === "live");
    expect(refused).toMatchObject({
      host: `127.0.0.1:${port}`,
      message: expect.stringContaining("invalid listen key"),
    });
    expect(refused!.state === "reconnecting" && refused!.nextTryAt).toBe(refused!.at);
    // It waited the back-off (here at least 1.5 s; 5-10 s with the defaults) before using a fresh key.
    expect(live!.seenAt - refused!.seenAt).toBeLessThan(1_000);
    expect(user.stats().listenKeys.replaced).toBe(1);
  });

  it("takes timeoutMs from 1 to LIVE_TIMEOUT_MAX_MS, and names the option otherwise", async () => {
    const { client } = await start(75);
    const user = client.userStream({ symbols: ["BTCUSDT"] });
    await user.live({ timeoutMs: LIVE_TIMEOUT_MAX_MS });
    await user.live({ timeoutMs: 1 });
    for (const bad of [0, LIVE_TIMEOUT_MAX_MS + 1, 1.5]) {
      await expect(user.live({ timeoutMs: bad })).rejects.toMatchObject({
        code: "BAD_OPTION",
        message: expect.stringContaining("live(): timeoutMs must be a whole number of ms from 1 to 2147483647"),
      });
    }
  });
});
