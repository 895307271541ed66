import { isMexcApiError } from "@mexc-live/protocol";
import { type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import { afterEach, describe, expect, it } from "vitest";
import type { Logger } from "../redact.js";
import { RestEndpoints } from "./endpoints.js";
import { RestClient } from "./restClient.js";
import { ServerClock } from "./serverClock.js";

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function capturingLogger(lines: string[]): Logger {
  const write = (level: string) => (fields: object, message?: string) =>
    lines.push(`${level} ${message ?? ""} ${JSON.stringify(fields)}`);
  return { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };
}

describe("RestClient against the simulator", () => {
  it("signs requests the simulator accepts, and no key or secret reaches a log line or an error", async () => {
    sim = await startSimulator({ port: 0, seed: 11, demoTrader: false });
    const lines: string[] = [];
    const endpoints = new RestEndpoints(
      new RestClient({
        baseUrl: sim.rest,
        apiKey: sim.apiKey,
        apiSecret: sim.secretKey,
        logger: capturingLogger(lines),
      }),
    );
    const account = await endpoints.account();
    expect(account.balances.find((balance) => balance.asset === "USDT")?.free).toBe("25000");
    const error = await endpoints.getOrder({ symbol: "BTCUSDT", orderId: "C02__1" }).catch((caught: unknown) => caught);
    expect(isMexcApiError(error) && error.mexcCode).toBe(-2013);
    // The error names the endpoint it came from, without the signed query string.
    expect(isMexcApiError(error) && { code: error.code, method: error.method, path: error.path }).toEqual({
      code: "MEXC_ERROR",
      method: "GET",
      path: "/api/v3/order",
    });
    expect(String(error)).toContain("MEXC error -2013 (HTTP 400) on GET /api/v3/order: ");
    expect(String(error)).not.toMatch(/signature|timestamp=|\?/);

    const wrongSecret = new RestEndpoints(
      new RestClient({
        baseUrl: sim.rest,
        apiKey: sim.apiKey,
        apiSecret: "0".repeat(32),
        logger: capturingLogger(lines),
      }),
    );
    const refused = await wrongSecret.account().catch((caught: unknown) => caught);
    expect(isMexcApiError(refused) && refused.mexcCode).toBe(700002);

    const text = `${lines.join("\n")}\n${String(error)}\n${String(refused)}`;
    expect(lines.length).toBeGreaterThan(0);
    expect(text).not.toContain(sim.apiKey);
    expect(text).not.toContain(sim.secretKey);
    expect(text).not.toMatch(/signature=[0-9a-f]{64}/);
  });

  it("tells onApiError of every refusal with MEXC's code and the endpoint, the failing call still failing", async () => {
    sim = await startSimulator({ port: 0, seed: 12, demoTrader: false });
    const seen: string[] = [];
    const endpoints = new RestEndpoints(
      new RestClient({
        baseUrl: sim.rest,
        apiKey: sim.apiKey,
        apiSecret: "0".repeat(32),
        onApiError: (error, endpoint) => seen.push(`${error.mexcCode} ${endpoint}`),
      }),
    );
    const refused = await endpoints.account().catch((caught: unknown) => caught);
    expect(isMexcApiError(refused) && refused.mexcCode).toBe(700002);
    expect(seen).toEqual(["700002 GET /api/v3/account"]);
  });

  it("labels every request application/json, bodiless writes too, so MEXC does not refuse them (700013, docs/mexc/undocumented.md#requests-and-answers item 11.1)", async () => {
    sim = await startSimulator({ port: 0, seed: 15, demoTrader: false });
    const seen: string[] = [];
    const recording: typeof fetch = (input, init) => {
      seen.push(`${init?.method} ${new Headers(init?.headers).get("content-type")}`);
      return fetch(input, init);
    };
    const endpoints = new RestEndpoints(
      new RestClient({ baseUrl: sim.rest, apiKey: sim.apiKey, apiSecret: sim.secretKey, fetch: recording }),
    );
    const { listenKey } = await endpoints.createListenKey();
    await endpoints.keepAliveListenKey(listenKey);
    await endpoints.deleteListenKey(listenKey);
    await endpoints.ping();
    expect(new Set(seen)).toEqual(
      new Set(["GET application/json", "POST application/json", "PUT application/json", "DELETE application/json"]),
    );
  });

  it("takes an answer with an error code as an error even under HTTP 200 (docs/mexc/undocumented.md#requests-and-answers item 11.2)", async () => {
    sim = await startSimulator({ port: 0, seed: 16, demoTrader: false });
    const endpoints = new RestEndpoints(
      new RestClient({ baseUrl: sim.rest, apiKey: sim.apiKey, apiSecret: sim.secretKey }),
    );
    const error = await endpoints.keepAliveListenKey("f".repeat(64)).catch((caught: unknown) => caught);
    expect(isMexcApiError(error) && { code: error.mexcCode, status: error.status, class: error.class }).toEqual({
      code: 730708,
      status: 200,
      class: "not_retryable",
    });
  });

  it("puts timestamps on the server's clock: a local clock an hour slow still gets signed calls accepted", async () => {
    sim = await startSimulator({ port: 0, seed: 12, demoTrader: false });
    const hourSlow = () => Date.now() - 60 * 60 * 1000;
    const rest = new RestClient({ baseUrl: sim.rest, apiKey: sim.apiKey, apiSecret: sim.secretKey, now: hourSlow });
    const endpoints = new RestEndpoints(rest);
    await expect(endpoints.account()).resolves.toHaveProperty("balances");
    expect(rest.stats().serverTimeOffsetMs).toBeGreaterThan(59 * 60 * 1000);
    expect(Math.abs(rest.serverNow() - Date.now())).toBeLessThan(1_000);
  });

  it("shares one server clock between clients: measured once for all, their signed calls all accepted", async () => {
    sim = await startSimulator({ port: 0, seed: 15, demoTrader: false, accounts: 3 });
    const hourSlow = () => Date.now() - 60 * 60 * 1000;
    const serverClock = new ServerClock();
    const clients = sim.accounts.map(
      (account) =>
        new RestClient({
          baseUrl: sim!.rest,
          apiKey: account.apiKey,
          apiSecret: account.secretKey,
          now: hourSlow,
          serverClock,
        }),
    );
    const answers = await Promise.all(clients.map((rest) => new RestEndpoints(rest).account()));
    expect(answers.every((answer) => Array.isArray(answer.balances))).toBe(true);
    expect(clients.map((rest) => rest.stats().timeSyncs).reduce((a, b) => a + b)).toBe(1);
    for (const rest of clients) expect(rest.stats().serverTimeOffsetMs).toBeGreaterThan(59 * 60 * 1000);
    for (const rest of clients) rest.close();
  });

  it("resyncs the clock when MEXC says the timestamp is outside recvWindow, and sends once more", async () => {
    sim = await startSimulator({ port: 0, seed: 13, demoTrader: false });
    let skew = 0;
    const rest = new RestClient({
      baseUrl: sim.rest,
      apiKey: sim.apiKey,
      apiSecret: sim.secretKey,
      now: () => Date.now() + skew,
    });
    const endpoints = new RestEndpoints(rest);
    await endpoints.account();
    skew = -30_000; // the local clock jumps back after the offset was measured
    await expect(endpoints.account()).resolves.toHaveProperty("balances");
    expect(rest.stats().timeSyncs).toBe(2);
  });

  it("rides out a 429 storm with a small budget without ever earning a 418", async () => {
    sim = await startSimulator({
      port: 0,
      seed: 14,
      demoTrader: false,
      faults: "http429=0.5",
      rateLimit: { weightPerWindow: 40, windowMs: 3_000 },
    });
    // The client believes MEXC's 500 per 10 s: only the 429s and their Retry-After keep it in line.
    const rest = new RestClient({ baseUrl: sim.rest, apiKey: sim.apiKey, apiSecret: sim.secretKey });
    const endpoints = new RestEndpoints(rest);
    const calls = [
      ...Array.from({ length: 6 }, () => endpoints.account()),
      ...Array.from({ length: 6 }, () => endpoints.myTrades("BTCUSDT")),
      ...Array.from({ length: 8 }, () => endpoints.ping()),
    ];
    const results = await Promise.allSettled(calls);
    expect(results.filter((result) => result.status === "rejected")).toEqual([]);
    const stats = rest.stats();
    expect(stats.rateLimited429).toBeGreaterThan(0);
    expect(stats.banned418).toBe(0);
    expect(sim.faults.injected().http429).toBeGreaterThan(0);
  }, 90_000);
});
