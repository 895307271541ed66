/**
 * Issue 54, the WebSocket and the user stream's wait: a host that accepts TCP and never upgrades
 * fails the try within upgradeTimeoutMs, named UPGRADE_TIMEOUT with its host (it read "closed"
 * after 30 s); `live({ timeoutMs })` says what the try under way waits for, from where, and for how
 * long (it said "no try has failed yet"); a REST that says nothing fails the listen key's try
 * naming the REST host and TIMEOUT. CI runs this file on Node 20, 22 and 24.
 */
import { type ConnectFailure, createMexcClient, isClientError, type MexcClient } from "@mexc-live/client";
import { type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import { afterEach, describe, expect, it } from "vitest";
import { collectGarbage, type SilentServer, settled, startSilentServer } from "./silentServer.js";

/** A try ends within this many times its bound (the bound, a GC and a loaded 2-core machine). */
const SLACK = 3;
const DEALS = "spot@public.aggre.deals.v3.api.pb@100ms@BTCUSDT";
/** Long enough that only the first try happens during a test. */
const SLOW_RECONNECT = { initialMs: 20_000, maxMs: 20_000 } as const;

let server: SilentServer | undefined;
let sim: RunningSimulator | undefined;
let client: MexcClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  await sim?.close();
  client = undefined;
  server = undefined;
  sim = undefined;
});

describe("a WebSocket host that accepts TCP and never upgrades", () => {
  it("fails the try within upgradeTimeoutMs, as UPGRADE_TIMEOUT naming the host", async () => {
    server = await startSilentServer();
    const upgradeTimeoutMs = 500;
    client = createMexcClient({
      wsUrl: `ws://${server.host}/ws`,
      connection: { upgradeTimeoutMs, reconnect: SLOW_RECONNECT },
    });
    const startedAt = performance.now();
    const stream = client.marketStream([DEALS]);
    const failed = new Promise<ConnectFailure>((resolve) => stream.once("reconnecting", resolve));
    await server.connected();
    collectGarbage();
    const { value: failure, ms } = await settled(failed, startedAt);
    expect(failure).toMatchObject({
      host: server.host,
      code: "UPGRADE_TIMEOUT",
      message: `no WebSocket upgrade from ${server.host} within ${upgradeTimeoutMs} ms`,
      attempt: 1,
    });
    expect(ms).toBeLessThan(SLACK * upgradeTimeoutMs);
  });

  it("live({ timeoutMs }) before that bound names the host and what the try waits for", async () => {
    sim = await startSimulator({ port: 0, seed: 54, demoTrader: false });
    server = await startSilentServer();
    client = createMexcClient({
      apiKey: sim.apiKey,
      apiSecret: sim.secretKey,
      restUrl: sim.rest,
      wsUrl: `ws://${server.host}/ws`,
      connection: { upgradeTimeoutMs: 5_000, reconnect: SLOW_RECONNECT },
    });
    const user = client.userStream({ symbols: ["BTCUSDT"] });
    const error = await user.live({ timeoutMs: 1_000 }).catch((caught: unknown) => caught);
    expect(isClientError(error) && error.code).toBe("LIVE_TIMEOUT");
    expect((error as Error).message).toMatch(
      new RegExp(
        `^user stream: not live within 1000 ms; try 1 under way: waiting \\d+ ms for the WebSocket upgrade from 127\\.0\\.0\\.1:${server.port} \\(it fails after 5000 ms\\)$`,
      ),
    );
  });
});

describe("a user stream whose REST accepts and says nothing", () => {
  it("each try fails on the request timeout, naming the REST host and TIMEOUT, and live() says so", async () => {
    server = await startSilentServer();
    const requestTimeoutMs = 300;
    client = createMexcClient({
      apiKey: "mx0vglTESTKEY00000",
      apiSecret: "test-secret-not-a-real-one",
      restUrl: `http://${server.host}`,
      wsUrl: "ws://127.0.0.1:9/ws",
      requestTimeoutMs,
      retry: { maxAttempts: 1 },
      connection: { reconnect: SLOW_RECONNECT },
    });
    const user = client.userStream({ symbols: ["BTCUSDT"] });
    const startedAt = performance.now();
    const failed = new Promise<Partial<ConnectFailure>>((resolve) =>
      user.on("state", (notice) => {
        if (notice.state === "reconnecting") resolve(notice);
      }),
    );
    await server.connected();
    collectGarbage();
    const { value: failure, ms } = await settled(failed, startedAt);
    // The clock read, the list of keys and the new key's POST: three requests, one attempt each.
    expect(failure).toMatchObject({
      host: server.host,
      code: "TIMEOUT",
      message: `a listen key: POST /api/v3/userDataStream got no answer from ${server.host} within ${requestTimeoutMs} ms`,
    });
    expect(ms).toBeLessThan(SLACK * 3 * requestTimeoutMs);
    const error = await user.live({ timeoutMs: 1 }).catch((caught: unknown) => caught);
    expect((error as Error).message).toContain(
      `last try failed: ${server.host} TIMEOUT (a listen key: POST /api/v3/userDataStream got no answer`,
    );
  });
});
