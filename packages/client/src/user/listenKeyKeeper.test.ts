import { once } from "node:events";
import { MINUTE_MS } from "@mexc-live/protocol";
import { LISTEN_KEY_TTL_MS } from "@mexc-live/protocol/limits";
import { type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import { afterEach, describe, expect, it } from "vitest";
import type { Logger } from "../redact.js";
import { RestEndpoints } from "../rest/endpoints.js";
import { RestClient } from "../rest/restClient.js";
import { ListenKeyKeeper } from "./listenKeyKeeper.js";

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function setUp(speed = 1, options: { listenKeyCap?: number; fetch?: typeof fetch } = {}) {
  sim = await startSimulator({ port: 0, seed: 31, speed, demoTrader: false, listenKeyCap: options.listenKeyCap });
  const endpoints = new RestEndpoints(
    new RestClient({
      baseUrl: sim.rest,
      apiKey: sim.apiKey,
      apiSecret: sim.secretKey,
      fetch: options.fetch,
      retry: { maxAttempts: 1 },
    }),
  );
  return { sim, endpoints };
}

/** A network on which keepalives (PUT userDataStream) fail while `down()` says so; everything else reaches the simulator. */
function flakyKeepalives(down: () => boolean): typeof fetch {
  return async (input, init) => {
    if (init?.method === "PUT" && String(input).includes("/api/v3/userDataStream") && down()) {
      throw new TypeError("fetch failed (connection reset)");
    }
    return fetch(input, init);
  };
}

describe("ListenKeyKeeper", () => {
  it("creates one key, keeps it alive past its 60 minutes, and deletes it on close", async () => {
    // speed 2400: a key lives 1.5 real seconds unless kept alive.
    const { sim, endpoints } = await setUp(2_400);
    const keeper = new ListenKeyKeeper({ endpoints, keepaliveMs: 250 });
    const key = await keeper.current();
    const createdAt = Date.now();
    expect(await keeper.current()).toBe(key);
    // Kept alive until a minute past its hour, simulated.
    await new Promise<void>((resolve) => {
      const kept = () => {
        if (Date.now() - createdAt < sim.clock.real(LISTEN_KEY_TTL_MS + MINUTE_MS)) return;
        keeper.off("kept", kept);
        resolve();
      };
      keeper.on("kept", kept);
    });
    // Past its hour the key still stands: the keepalives held it (how many fit in 1.5 real seconds
    // depends on the machine's load; 2 of a loaded CI's turns, 6 of a quiet one's).
    expect(sim.listenKeys.list("demo")).toEqual([key]);
    expect(keeper.stats()).toMatchObject({ created: 1 });
    expect(keeper.stats().keepalives).toBeGreaterThanOrEqual(1);
    await keeper.close();
    expect(sim.listenKeys.list("demo")).toEqual([]);
  });

  it("near MEXC's cap of 60 it reuses a valid key instead of creating another", async () => {
    const { sim, endpoints } = await setUp();
    for (let i = 0; i < 55; i++) await endpoints.createListenKey();
    const keeper = new ListenKeyKeeper({ endpoints });
    const key = await keeper.current();
    expect(sim.listenKeys.list("demo")).toHaveLength(55);
    expect(sim.listenKeys.list("demo")).toContain(key);
    expect(keeper.stats()).toMatchObject({ created: 0, reused: 1 });
    await keeper.close();
  });

  it("a refused keepalive gets a fresh key at once and says so", async () => {
    const { sim, endpoints } = await setUp();
    const lines: string[] = [];
    const capture = (fields: object, message?: string) => lines.push(`${message} ${JSON.stringify(fields)}`);
    const logger: Logger = { debug: capture, info: capture, warn: capture, error: capture };
    const keeper = new ListenKeyKeeper({ endpoints, keepaliveMs: 300, logger });
    const first = await keeper.current();
    const replaced = new Promise<string>((resolve) => keeper.once("replaced", ({ reason }) => resolve(reason)));
    sim.listenKeys.expireNow(first);
    expect(await replaced).toMatch(/keepalive refused/);
    const second = await keeper.current();
    expect(second).not.toBe(first);
    expect(sim.listenKeys.list("demo")).toEqual([second]);
    expect(keeper.stats()).toMatchObject({ created: 2, replaced: 1 });
    await keeper.close();
    const logged = lines.join("\n");
    expect(logged).not.toContain(first);
    expect(logged).not.toContain(second);
    expect(logged).toContain(`${first.slice(0, 4)}…`);
  });

  it("a keepalive that fails for a network reason keeps the key and tries again until it gets through", async () => {
    let down = true;
    const { sim, endpoints } = await setUp(1, { fetch: flakyKeepalives(() => down) });
    const keeper = new ListenKeyKeeper({ endpoints, keepaliveMs: 200, retry: { initialMs: 50, maxMs: 100 } });
    let replaced = false;
    keeper.on("replaced", () => {
      replaced = true;
    });
    const key = await keeper.current();
    await expect.poll(() => keeper.stats().keepaliveFailures, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    expect(replaced).toBe(false);
    expect(await keeper.current()).toBe(key);
    expect(sim.listenKeys.list("demo")).toEqual([key]);
    down = false;
    await once(keeper, "kept");
    expect(keeper.stats().keepalives).toBeGreaterThanOrEqual(1);
    expect(keeper.stats()).toMatchObject({ created: 1, replaced: 0 });
    await keeper.close();
  });

  it("only once the key's own hour has passed without a keepalive does a network failure replace it", async () => {
    const { endpoints } = await setUp(1, { fetch: flakyKeepalives(() => true) });
    const keeper = new ListenKeyKeeper({
      endpoints,
      keepaliveMs: 100,
      keyTtlMs: 600,
      retry: { initialMs: 50, maxMs: 100 },
    });
    const first = await keeper.current();
    const replaced = new Promise<string>((resolve) => keeper.once("replaced", ({ reason }) => resolve(reason)));
    expect(await replaced).toMatch(/until the key expired/);
    expect(await keeper.current()).not.toBe(first);
    await keeper.close();
  });

  it("a keepalive refused in an HTTP 200 (730708 in the body, docs/mexc/undocumented.md#requests-and-answers item 11.2) replaces the key at once", async () => {
    const { sim, endpoints } = await setUp();
    expect(sim.behaviours.errorsInHttp200).toBe(true);
    const keeper = new ListenKeyKeeper({ endpoints, keepaliveMs: 200 });
    const first = await keeper.current();
    const replaced = new Promise<string>((resolve) => keeper.once("replaced", ({ reason }) => resolve(reason)));
    sim.listenKeys.expireNow(first);
    expect(await replaced).toMatch(/730708/);
    expect(await keeper.current()).not.toBe(first);
    await keeper.close();
  });

  it("reads the cap from MEXC's answer: with room for 200 keys, 55 valid ones are no reason to reuse", async () => {
    const { sim, endpoints } = await setUp(1, { listenKeyCap: 200 });
    for (let i = 0; i < 55; i++) await endpoints.createListenKey();
    const keeper = new ListenKeyKeeper({ endpoints });
    await keeper.current();
    expect(keeper.stats()).toMatchObject({ created: 1, reused: 0 });
    expect(sim.listenKeys.list("demo")).toHaveLength(56);
    await keeper.close();
  });

  it("a key the socket refused is never handed out again", async () => {
    const { endpoints } = await setUp();
    const keeper = new ListenKeyKeeper({ endpoints });
    const first = await keeper.current();
    keeper.invalidate(first, "Invalid listen key");
    const second = await keeper.current();
    expect(second).not.toBe(first);
    await keeper.close();
  });
});
