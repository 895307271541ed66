/**
 * Behind a reverse proxy every request arrives from the proxy's address. With `trustProxy` naming
 * it, wrong tokens are counted per client it forwarded, so one guesser cannot lock everyone out;
 * without it X-Forwarded-For is ignored, so a client cannot dodge its block by sending one.
 */
import { request } from "node:http";
import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { sampleHealth } from "../../test/items.js";
import { startTestGateway, type TestGateway } from "../../test/streamTestKit.js";
import { TopicHub } from "../fanout/topicHub.js";
import { buildApp } from "../http/app.js";
import { createMetrics } from "../metrics.js";
import { MemoryQueries } from "../queries/memoryQueries.js";
import { MAX_FAILED_TOKENS } from "./limits.js";

const TOKEN = "Zq8v0m_proxy-token_8d1c";
const PROXY = "127.0.0.1";
const ATTACKER = "203.0.113.7";
const USER = "198.51.100.20";

describe("wrong tokens over HTTP behind a reverse proxy", () => {
  let app: FastifyInstance;
  afterEach(() => app?.close());

  function start(trustProxy?: string[]) {
    app = buildApp({
      queries: new MemoryQueries(),
      hub: new TopicHub(),
      health: () => sampleHealth(),
      metrics: createMetrics({ defaultMetrics: false }),
      settings: { requireToken: true, token: TOKEN, webDist: "/nonexistent", trustProxy },
    });
  }
  const login = (token: string, remoteAddress: string, forwardedFor?: string) =>
    app.inject({
      method: "POST",
      url: "/api/login",
      payload: { token },
      remoteAddress,
      headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor },
    });
  const balances = (remoteAddress: string, forwardedFor: string) =>
    app.inject({
      method: "GET",
      url: "/api/balances",
      remoteAddress,
      headers: { "x-forwarded-for": forwardedFor, authorization: `Bearer ${TOKEN}` },
    });

  it("counts each forwarded client apart: the blocked one does not lock out the other", async () => {
    start([PROXY]);
    for (let n = 0; n < MAX_FAILED_TOKENS; n++) {
      expect((await login(`guess-${n}`, PROXY, ATTACKER)).statusCode).toBe(401);
    }
    expect((await login(TOKEN, PROXY, ATTACKER)).statusCode).toBe(429);
    expect((await balances(PROXY, ATTACKER)).statusCode).toBe(429);
    expect((await login(TOKEN, PROXY, USER)).statusCode).toBe(200);
    expect((await balances(PROXY, USER)).statusCode).toBe(200);
    // The user's own wrong tokens are its own: one short of the limit, it still gets in.
    for (let n = 0; n < MAX_FAILED_TOKENS - 1; n++) {
      expect((await login(`typo-${n}`, PROXY, USER)).statusCode).toBe(401);
    }
    expect((await balances(PROXY, USER)).statusCode).toBe(200);
  });

  it("believes the header only from the trusted proxy, not from a client connecting directly", async () => {
    start([PROXY]);
    for (let n = 0; n < MAX_FAILED_TOKENS; n++) await login(`guess-${n}`, ATTACKER, `192.0.2.${n}`);
    expect((await balances(ATTACKER, "192.0.2.99")).statusCode).toBe(429);
  });

  it("ignores X-Forwarded-For without trust-proxy: a client cannot dodge its block with one", async () => {
    start();
    for (let n = 0; n < MAX_FAILED_TOKENS; n++) await login(`guess-${n}`, ATTACKER, `192.0.2.${n}`);
    expect((await balances(ATTACKER, USER)).statusCode).toBe(429);
    expect((await login(TOKEN, ATTACKER, "192.0.2.200")).statusCode).toBe(429);
  });
});

describe("wrong tokens at the WebSocket upgrade behind a reverse proxy", () => {
  let gateway: TestGateway;
  afterEach(() => gateway?.close());

  /** The status a /stream upgrade from 127.0.0.1 with this token and X-Forwarded-For is answered with. */
  function upgrade(token: string, forwardedFor: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = request(gateway.wsUrl.replace("ws:", "http:"), {
        headers: {
          connection: "Upgrade",
          upgrade: "websocket",
          "sec-websocket-version": "13",
          "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
          authorization: `Bearer ${token}`,
          "x-forwarded-for": forwardedFor,
        },
      });
      req.on("response", (response) => {
        resolve(response.statusCode ?? 0);
        response.resume();
      });
      req.on("upgrade", (_response, socket) => {
        socket.destroy();
        resolve(101);
      });
      req.on("error", reject);
      req.end();
    });
  }

  it("counts each forwarded client apart: the blocked one does not lock out the other", async () => {
    gateway = await startTestGateway({ settings: { requireToken: true, token: TOKEN, trustProxy: [PROXY] } });
    for (let n = 0; n < MAX_FAILED_TOKENS; n++) expect(await upgrade(`guess-${n}`, ATTACKER)).toBe(401);
    expect(await upgrade(TOKEN, ATTACKER)).toBe(429);
    expect(await upgrade(TOKEN, USER)).toBe(101);
    // HTTP and the upgrade agree on who is blocked.
    const api = (forwardedFor: string) =>
      fetch(`${gateway.url}/api/balances`, {
        headers: { authorization: `Bearer ${TOKEN}`, "x-forwarded-for": forwardedFor },
      }).then((response) => response.status);
    expect(await api(ATTACKER)).toBe(429);
    expect(await api(USER)).toBe(200);
  });

  it("ignores X-Forwarded-For without trust-proxy: a client cannot dodge its block with one", async () => {
    gateway = await startTestGateway({ settings: { requireToken: true, token: TOKEN } });
    for (let n = 0; n < MAX_FAILED_TOKENS; n++) expect(await upgrade(`guess-${n}`, `192.0.2.${n}`)).toBe(401);
    expect(await upgrade(TOKEN, USER)).toBe(429);
  });
});
