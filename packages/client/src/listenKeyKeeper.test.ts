import { type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import { afterEach, describe, expect, it } from "vitest";
import { ListenKeyKeeper } from "./listenKeyKeeper.js";
import type { Logger } from "./mask.js";
import { RestEndpoints } from "./rest/endpoints.js";
import { RestClient } from "./rest/restClient.js";

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function setUp(speed = 1) {
  sim = await startSimulator({ port: 0, seed: 31, speed, demoTrader: false });
  const endpoints = new RestEndpoints(
    new RestClient({ baseUrl: sim.rest, apiKey: sim.apiKey, apiSecret: sim.secretKey }),
  );
  return { sim, endpoints };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("ListenKeyKeeper", () => {
  it("creates one key, keeps it alive past its 60 minutes, and deletes it on close", async () => {
    // speed 1200: a key lives 3 real seconds unless kept alive.
    const { sim, endpoints } = await setUp(1_200);
    const keeper = new ListenKeyKeeper({ endpoints, keepaliveMs: 500 });
    const key = await keeper.current();
    expect(await keeper.current()).toBe(key);
    await sleep(4_500);
    expect(sim.listenKeys.list("demo")).toEqual([key]);
    expect(keeper.stats().keepalives).toBeGreaterThanOrEqual(4);
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
