/**
 * Every answer carries the security headers, the ones Fastify writes itself included: errors
 * before routing (bad JSON, a body too large, an unknown content type, a malformed URL), 404s,
 * and the 503 while the gateway is closing.
 */
import type { AddressInfo, Socket } from "node:net";
import { connect } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { sampleHealth } from "../../../contract/test/items.js";
import { TopicHub } from "../fanout/topicHub.js";
import { buildApp, MAX_BODY_BYTES } from "../http/app.js";
import { MemoryQueries } from "../http/queries/memoryQueries.js";
import { createMetrics } from "../metrics.js";

let app: FastifyInstance;
afterEach(() => app?.close());

function start() {
  app = buildApp({
    queries: new MemoryQueries(),
    hub: new TopicHub(),
    health: () => sampleHealth(),
    metrics: createMetrics({ defaultMetrics: false }),
    settings: { requireToken: false, webDist: "/nonexistent" },
  });
  return app;
}

/** Sends `raw` bytes as a request over a socket; the whole answer as text. */
async function rawRequest(raw: string): Promise<string> {
  await app.listen({ host: "127.0.0.1", port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.end(raw));
    let answer = "";
    socket.on("data", (chunk) => {
      answer += String(chunk);
    });
    socket.on("close", () => resolve(answer));
    socket.on("error", reject);
  });
}

const json = { host: "127.0.0.1:8787", "content-type": "application/json" };

describe("security headers on the answers Fastify writes itself", () => {
  it.each([
    ["an API route that does not exist", { method: "GET", url: "/api/nope" }, 404],
    ["bad JSON", { method: "POST", url: "/api/login", headers: json, payload: "{not json" }, 400],
    [
      "a body over the limit",
      {
        method: "POST",
        url: "/api/login",
        headers: json,
        payload: JSON.stringify({ token: "x".repeat(MAX_BODY_BYTES) }),
      },
      413,
    ],
    [
      "an unknown content type",
      { method: "POST", url: "/api/login", headers: { "content-type": "text/xml" }, payload: "<token/>" },
      415,
    ],
    ["a malformed URL", { method: "GET", url: "/api/fills?symbol=%E0%A4%A" }, 400],
    ["a method a route does not take", { method: "DELETE", url: "/api/balances" }, 404],
  ] as const)("%s", async (_name, request, status) => {
    start();
    const response = await app.inject(request);
    expect(response.statusCode).toBe(status);
    expect(response.headers["content-security-policy"]).toMatch(/^default-src 'self'; /);
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["x-frame-options"]).toBe("DENY");
  });

  it("a request line the HTTP parser refuses", async () => {
    start();
    const answer = await rawRequest("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer.toLowerCase()).toContain("x-content-type-options: nosniff");
    expect(answer.toLowerCase()).toContain("content-security-policy: default-src 'self'");
  });

  it("the 503 to a request that arrives while the gateway is closing", async () => {
    start();
    // Registered after the app's own, so run after them: the close has begun.
    const closing = new Promise<void>((resolve) => app.addHook("preClose", async () => resolve()));
    await app.listen({ host: "127.0.0.1", port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const accepted = new Promise<Socket>((resolve) => app.server.once("connection", resolve));
    // A request half sent when the close begins, so its connection is not idle and is kept.
    let answer = "";
    const socket = connect(port, "127.0.0.1");
    socket.on("data", (chunk) => {
      answer += String(chunk);
    });
    const ended = new Promise((resolve) => socket.on("close", resolve));
    await new Promise<void>((resolve) =>
      socket.write("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n", () => resolve()),
    );
    const serverSide = await accepted;
    await expect.poll(() => serverSide.bytesRead).toBeGreaterThan(0); // the half request arrived
    const closed = app.close();
    await closing; // its preClose hooks ran
    socket.write("\r\n");
    await ended;
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 503 /);
    expect(answer.toLowerCase()).toContain("x-content-type-options: nosniff");
    expect(answer).toContain('"error":"CLOSING"');
  });
});
