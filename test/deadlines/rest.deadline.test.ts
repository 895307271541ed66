/**
 * Issue 54 item 1, REST: a MEXC that accepts the connection and never answers (or sends its
 * headers and stops) ends every call on time, on every Node the client supports: CI runs this
 * file on Node 22 (npm test) and again on 20 and 24 (.ci/run). A garbage collection is forced
 * while each call waits: on Node 20 it collected the timeout signal `AbortSignal.any` held, and
 * the call never ended (nodejs/node#57736).
 */
import { createMexcClient, isClientError, type MexcClient } from "@mexc-live/client";
import { afterEach, describe, expect, it } from "vitest";
import { collectGarbage, HEADERS_ONLY, type SilentServer, settled, startSilentServer } from "./silentServer.js";

/** A call ends within this many times its deadline (the deadline, a GC and a loaded 2-core machine). */
const SLACK = 3;
const API = { apiKey: "mx0vglTESTKEY00000", apiSecret: "test-secret-not-a-real-one" } as const;
const ORDER = { symbol: "BTCUSDT", side: "BUY", type: "LIMIT", quantity: "0.001", price: "60000" } as const;

let server: SilentServer | undefined;
let client: MexcClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

function clientOf(silent: SilentServer, options: Parameters<typeof createMexcClient>[0] = {}): MexcClient {
  client = createMexcClient({ restUrl: `http://${silent.host}`, ...API, ...options });
  return client;
}

describe("a REST call to a MEXC that accepts and says nothing", () => {
  it("client.time() rejects with TIMEOUT naming the host, within its request timeout", async () => {
    server = await startSilentServer();
    const timeoutMs = 500;
    const mexc = clientOf(server, { requestTimeoutMs: timeoutMs, retry: { maxAttempts: 1 } });
    const startedAt = performance.now();
    const call = mexc.time();
    await server.connected();
    collectGarbage();
    const { value: error, ms } = await settled(call, startedAt);
    expect(isClientError(error) && { code: error.code, class: error.class }).toEqual({
      code: "TIMEOUT",
      class: "retryable",
    });
    expect((error as Error).message).toBe(`GET /api/v3/time got no answer from ${server.host} within ${timeoutMs} ms`);
    expect(ms).toBeLessThan(SLACK * timeoutMs);
  });

  it("an answer whose body stops after the headers ends on the same deadline, saying the status came", async () => {
    server = await startSilentServer({ greeting: HEADERS_ONLY });
    const timeoutMs = 500;
    const mexc = clientOf(server, { requestTimeoutMs: timeoutMs, retry: { maxAttempts: 1 } });
    const startedAt = performance.now();
    const call = mexc.ping();
    await server.connected();
    collectGarbage();
    const { value: error, ms } = await settled(call, startedAt);
    expect(isClientError(error) && error.code).toBe("TIMEOUT");
    expect((error as Error).message).toBe(
      `GET /api/v3/ping got HTTP 200 from ${server.host} but not the rest of its answer within ${timeoutMs} ms`,
    );
    expect(ms).toBeLessThan(SLACK * timeoutMs);
  });

  it("a listen key asked for ends on the request timeout too, naming the host", async () => {
    server = await startSilentServer();
    const timeoutMs = 400;
    const mexc = clientOf(server, { requestTimeoutMs: timeoutMs, retry: { maxAttempts: 1 } });
    const startedAt = performance.now();
    // The clock read (one attempt, timed out), then the key's POST (one attempt: a write).
    const call = mexc.createListenKey();
    await server.connected(2);
    collectGarbage();
    const { value: error, ms } = await settled(call, startedAt);
    expect((error as Error).message).toBe(
      `POST /api/v3/userDataStream got no answer from ${server.host} within ${timeoutMs} ms`,
    );
    expect(ms).toBeLessThan(SLACK * 2 * timeoutMs);
  });
});

describe("a write to a MEXC that accepts and says nothing", () => {
  it("placeOrder ends at its write deadline with OUTCOME_UNKNOWN, saying how to look the order up", async () => {
    server = await startSilentServer();
    const writeDeadlineMs = 2_000;
    // Node 22 took 56 s with a 1 s request timeout (clock reads and lookups of five attempts each).
    const retry = { maxAttempts: 2, initialMs: 50, maxMs: 100 };
    const mexc = clientOf(server, { requestTimeoutMs: 300, retry, writeDeadlineMs });
    const startedAt = performance.now();
    const call = mexc.placeOrder({ ...ORDER, clientOrderId: "ml-deadline-1" });
    await server.connected();
    collectGarbage();
    const { value: error, ms } = await settled(call, startedAt);
    expect(isClientError(error) && { code: error.code, class: error.class }).toEqual({
      code: "OUTCOME_UNKNOWN",
      class: "unknown_outcome",
    });
    const message = (error as Error).message;
    expect(message).toContain(
      `POST /api/v3/order for BTCUSDT: no answer settled it within its write deadline of ${writeDeadlineMs} ms (writeDeadlineMs)`,
    );
    expect(message).toContain(`from ${server.host} within 300 ms`);
    expect(message).toContain(
      'look it up with GET /api/v3/order?symbol=BTCUSDT&origClientOrderId=ml-deadline-1 (client.getOrder({ symbol: "BTCUSDT", clientOrderId: "ml-deadline-1" }))',
    );
    expect(message).not.toContain(API.apiKey);
    expect(ms).toBeLessThan(SLACK * writeDeadlineMs);
    // The POST went out, then lookups; the clock read that failed (its two attempts) was not
    // read again before each lookup.
    const sent = mexc.rest.stats().byEndpoint;
    expect(sent["POST /api/v3/order"]).toBe(1);
    expect(sent["GET /api/v3/order"]).toBeGreaterThanOrEqual(1);
    expect(sent["GET /api/v3/time"]).toBe(retry.maxAttempts);
  });

  it("a write its deadline stops before it is sent is TIMEOUT, not placed, safe to try again", async () => {
    server = await startSilentServer();
    const writeDeadlineMs = 500;
    // The clock read before signing waits longer than the write may: the order never leaves.
    const mexc = clientOf(server, { requestTimeoutMs: 10_000, writeDeadlineMs });
    const startedAt = performance.now();
    const call = mexc.cancelOrder({ symbol: "BTCUSDT", clientOrderId: "ml-deadline-2" });
    await server.connected();
    collectGarbage();
    const { value: error, ms } = await settled(call, startedAt);
    expect(isClientError(error) && { code: error.code, class: error.class }).toEqual({
      code: "TIMEOUT",
      class: "retryable",
    });
    expect((error as Error).message).toBe(
      `DELETE /api/v3/order for BTCUSDT was not sent within its write deadline of ${writeDeadlineMs} ms (writeDeadlineMs): not canceled, safe to try again`,
    );
    expect(mexc.rest.stats().byEndpoint["DELETE /api/v3/order"]).toBeUndefined();
    expect(ms).toBeLessThan(SLACK * writeDeadlineMs);
  });

  it("takes writeDeadlineMs from 1 ms to the longest timer, and names the option otherwise", () => {
    for (const bad of [0, 1.5, 2 ** 31]) {
      expect(() => createMexcClient({ writeDeadlineMs: bad })).toThrow(
        expect.objectContaining({ code: "BAD_OPTION", message: expect.stringContaining("writeDeadlineMs must be") }),
      );
    }
  });
});
