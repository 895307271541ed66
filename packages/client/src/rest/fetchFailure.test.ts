import http from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { isClientError } from "../errors.js";
import { RestEndpoints } from "./endpoints.js";
import { describeFetchFailure } from "./fetchFailure.js";
import { RestClient } from "./restClient.js";

const API_KEY = "mx0vglNETWORKKEY001";
const API_SECRET = "5ecre7".repeat(6);

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/** A port on 127.0.0.1 that nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("a REST call that gets no answer names the host and the system error", () => {
  it("a refused connection: ECONNREFUSED with host:port in the message, fetch's error kept as cause, not sent again", async () => {
    const port = await closedPort();
    const rest = new RestClient({ baseUrl: `http://127.0.0.1:${port}` });
    const error = await new RestEndpoints(rest).time().catch((caught: unknown) => caught);

    expect(isClientError(error) && { code: error.code, class: error.class }).toEqual({
      code: "NETWORK",
      class: "retryable",
    });
    expect((error as Error).message).toBe(`GET /api/v3/time failed: ECONNREFUSED 127.0.0.1:${port}`);
    const cause = (error as Error).cause as Error & { cause?: { code?: string } };
    expect(cause).toBeInstanceOf(TypeError);
    expect(cause.cause?.code).toBe("ECONNREFUSED");
    // Nothing listens there: asking again within the call finds the same (it took 3 s, 16 s signed).
    expect(rest.stats()).toMatchObject({ requests: 1, retries: 0, networkErrors: 1 });
    rest.close();
  });

  it("a signed call to a refused host fails after its one clock read and one try, not sixteen seconds of both", async () => {
    const port = await closedPort();
    const rest = new RestClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: API_KEY, apiSecret: API_SECRET });
    const error = await new RestEndpoints(rest).account().catch((caught: unknown) => caught);
    expect(String(error)).toContain(`GET /api/v3/account failed: ECONNREFUSED 127.0.0.1:${port}`);
    expect(rest.stats().byEndpoint).toEqual({ "GET /api/v3/time": 1, "GET /api/v3/account": 1 });
    rest.close();
  });

  it("an order sent to a refused host is not sent, so not of unknown outcome: no order is looked for", async () => {
    const port = await closedPort();
    const rest = new RestClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: API_KEY, apiSecret: API_SECRET });
    const order = { symbol: "BTCUSDT", side: "BUY", type: "LIMIT", quantity: "0.001", price: "60000" } as const;
    const error = await new RestEndpoints(rest).placeOrder(order).catch((caught: unknown) => caught);
    expect(isClientError(error) && { code: error.code, class: error.class }).toEqual({
      code: "NETWORK",
      class: "retryable",
    });
    expect(String(error)).toContain(`POST /api/v3/order failed: ECONNREFUSED 127.0.0.1:${port} (not sent)`);
    // It took 32 s of order lookups (GET /api/v3/order) to say OUTCOME_UNKNOWN about an order never sent.
    expect(rest.stats().byEndpoint).toEqual({ "GET /api/v3/time": 1, "POST /api/v3/order": 1 });
    rest.close();
  });

  it("takes an unreachable host as not sent only when the connect said so, not a socket already open", () => {
    const failed = (syscall: string) =>
      new TypeError("fetch failed", {
        cause: Object.assign(new Error(`${syscall} EHOSTUNREACH`), { code: "EHOSTUNREACH", syscall }),
      });
    expect(describeFetchFailure(failed("connect"), "10.0.0.9:443", []).notSent).toBe(true);
    expect(describeFetchFailure(failed("read"), "10.0.0.9:443", []).notSent).toBe(false);
  });

  it("a connection cut mid-answer is still retried with back-off, and named with its code when it persists", async () => {
    let requests = 0;
    const server = http.createServer((request, response) => {
      requests++;
      if (request.url?.startsWith("/api/v3/time") && requests <= 2) return void request.socket.destroy();
      if (request.url?.startsWith("/api/v3/ping")) return void request.socket.destroy();
      response.end(JSON.stringify({ serverTime: Date.now() }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    closers.push(() => server.close());
    const { port } = server.address() as AddressInfo;
    const rest = new RestClient({
      baseUrl: `http://127.0.0.1:${port}`,
      retry: { maxAttempts: 3, initialMs: 1, maxMs: 5 },
    });
    const endpoints = new RestEndpoints(rest);
    await expect(endpoints.time()).resolves.toHaveProperty("serverTime");
    expect(rest.stats().retries).toBe(2);

    const error = await endpoints.ping().catch((caught: unknown) => caught);
    expect(String(error)).toMatch(
      new RegExp(`GET /api/v3/ping failed: UND_ERR_SOCKET 127\\.0\\.0\\.1:${port} \\(other side closed\\)`),
    );
    expect(rest.stats().byEndpoint["GET /api/v3/ping"]).toBe(3);
    rest.close();
  });

  it("a timeout names the host it waited on", async () => {
    const server = http.createServer(() => {});
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    closers.push(() => server.close() && server.closeAllConnections());
    const { port } = server.address() as AddressInfo;
    const rest = new RestClient({
      baseUrl: `http://127.0.0.1:${port}`,
      requestTimeoutMs: 50,
      retry: { maxAttempts: 1 },
    });
    await expect(new RestEndpoints(rest).ping()).rejects.toThrow(
      `GET /api/v3/ping got no answer from 127.0.0.1:${port} within 50 ms`,
    );
    rest.close();
  });

  it("refuses at once, without quoting it, an API key fetch could not send (fetch quotes a header value it refuses)", () => {
    for (const apiKey of ["mx0vglNETWORK\nKEY001", "mx0vgl NETWORKKEY", "mx0vglNETWORK\u20acKEY", "k".repeat(257)]) {
      expect(() => new RestClient({ apiKey, apiSecret: API_SECRET })).toThrow(
        `apiKey must be 1-256 visible ASCII characters (it is sent in the X-MEXC-APIKEY header), got ${apiKey.length} characters that are not`,
      );
    }
    expect(new RestClient({ apiKey: "k".repeat(256), apiSecret: API_SECRET })).toBeInstanceOf(RestClient);
  });

  it("keeps a secret out of the cause it keeps: a message in its chain that names one is redacted", () => {
    const fromFetch = new TypeError("fetch failed", {
      cause: Object.assign(new Error(`refused header "${API_KEY}"`), { code: "UND_ERR_INVALID_ARG" }),
    });
    const failure = describeFetchFailure(fromFetch, "127.0.0.1:8900", [API_KEY, API_SECRET]);
    expect(failure.reason).toBe('UND_ERR_INVALID_ARG 127.0.0.1:8900 (refused header "mx0v…")');
    expect(inspect(failure.cause, { depth: 10 })).not.toContain(API_KEY);
    expect((failure.cause as { code?: string }).code).toBe("UND_ERR_INVALID_ARG");
    // Nothing to hide: the very error fetch threw.
    const refused = new TypeError("fetch failed", {
      cause: Object.assign(new Error("connect"), { code: "ECONNREFUSED" }),
    });
    expect(describeFetchFailure(refused, "127.0.0.1:8900", [API_KEY]).cause).toBe(refused);
  });
});
