import { isMexcApiError } from "@mexc-live/protocol";
import { type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import { afterEach, describe, expect, it } from "vitest";
import { createMexcClient } from "./client.js";
import { isClientError } from "./errors.js";
import { RestClient } from "./rest/restClient.js";

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function refusal(make: () => unknown): { code: string; message: string } | undefined {
  try {
    make();
  } catch (error) {
    if (isClientError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  return undefined;
}

describe("server URLs are checked when the client is made", () => {
  it.each([
    ["localhost:1", 'restUrl must be an http(s) URL with a host, got "localhost:1"'],
    ["127.0.0.1:8900", 'restUrl must be an http(s) URL with a host, got "127.0.0.1:8900"'],
    ["api.mexc.com", 'restUrl must be an http(s) URL with a host, got "api.mexc.com"'],
    ["ws://127.0.0.1:8900", 'restUrl must be an http(s) URL with a host, got "ws://127.0.0.1:8900"'],
    ["", 'restUrl must be an http(s) URL with a host, got ""'],
    [
      "http://127.0.0.1:1",
      'restUrl port 1 is one fetch refuses to connect to (https://fetch.spec.whatwg.org/#port-blocking), got "http://127.0.0.1:1"',
    ],
    [
      "https://user:hunter2@api.mexc.com",
      'restUrl must be an http(s) URL with a host and no user name or password in it, got "https://user:[redacted]@api.mexc.com"',
    ],
    [
      "https://api.mexc.com/?x=1",
      'restUrl must be an http(s) URL with a host and no query or fragment, got "https://api.mexc.com/?x=1"',
    ],
  ])("restUrl %j: BAD_OPTION at once, naming the option", (restUrl, message) => {
    expect(refusal(() => createMexcClient({ restUrl }))).toEqual({ code: "BAD_OPTION", message });
  });

  it.each([
    ["localhost:8900/ws", 'wsUrl must be a ws(s) URL with a host, got "localhost:8900/ws"'],
    ["http://127.0.0.1:8900/ws", 'wsUrl must be a ws(s) URL with a host, got "http://127.0.0.1:8900/ws"'],
  ])("wsUrl %j: BAD_OPTION at once, naming the option", (wsUrl, message) => {
    expect(refusal(() => createMexcClient({ wsUrl }))).toEqual({ code: "BAD_OPTION", message });
  });

  it("names baseUrl when a RestClient is made directly, and cuts a long value in its message", () => {
    expect(refusal(() => new RestClient({ baseUrl: "localhost:1" }))?.message).toBe(
      'baseUrl must be an http(s) URL with a host, got "localhost:1"',
    );
    expect(refusal(() => new RestClient({ baseUrl: "x".repeat(10_000) }))?.message).toHaveLength(
      'baseUrl must be an http(s) URL with a host, got ""'.length + 200 + 1,
    );
  });

  it.each([
    ["https://api.mexc.com", "https://api.mexc.com"],
    ["https://api.mexc.com/", "https://api.mexc.com"],
    ["https://api.mexc.com/api/v3", "https://api.mexc.com"],
    ["https://api.mexc.com/api/v3/", "https://api.mexc.com"],
    ["https://proxy.example:8443/mexc/", "https://proxy.example:8443/mexc"],
    ["https://proxy.example:8443/mexc/api/v3", "https://proxy.example:8443/mexc"],
  ])("takes %j as the base %j", (restUrl, base) => {
    expect(createMexcClient({ restUrl }).rest.baseUrl).toBe(base);
  });

  it("works with the simulator's REST URL pasted with /api/v3 (as MEXC's docs print it), or without", async () => {
    sim = await startSimulator({ port: 0, seed: 21, demoTrader: false });
    for (const restUrl of [`${sim.rest}/api/v3`, sim.rest]) {
      const client = createMexcClient({ restUrl, apiKey: sim.apiKey, apiSecret: sim.secretKey });
      await expect(client.account()).resolves.toHaveProperty("balances");
      await client.close();
    }
  });

  it("a 404 names the whole URL the call went to, without its signed query", async () => {
    sim = await startSimulator({ port: 0, seed: 22, demoTrader: false });
    const client = createMexcClient({ restUrl: `${sim.rest}/mexc`, apiKey: sim.apiKey, apiSecret: sim.secretKey });
    const error = await client.account().catch((caught: unknown) => caught);
    expect(isMexcApiError(error) && error.status).toBe(404);
    expect(String(error)).toContain(`(HTTP 404) on GET ${sim.rest}/mexc/api/v3/account`);
    expect(String(error)).not.toMatch(/signature|timestamp|\?/);
    expect(String(error)).not.toContain(sim.apiKey);
    await client.close();
  });
});
