/**
 * Behind a reverse proxy every request arrives from the proxy's address. With `trustProxy` naming
 * it, wrong tokens are counted per client it forwarded, so one guesser cannot lock everyone out;
 * without it X-Forwarded-For is ignored, so a client cannot dodge its block by sending one.
 */
import { request } from "node:http";
import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { sampleHealth } from "../../../contract/test/items.js";
import { startTestGateway, type TestGateway } from "../../test/streamTestKit.js";
import { TopicHub } from "../fanout/topicHub.js";
import { buildApp } from "../http/app.js";
import { MemoryQueries } from "../http/queries/memoryQueries.js";
import { createMetrics } from "../metrics.js";
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

/**
 * A proxy that passes Host unchanged (Caddy's default) with `--public-origin https://desk.example`:
 * a page on http://desk.example (the same host without TLS, e.g. a network attacker's injected
 * page) is another origin. A write and a WebSocket upgrade from it are refused, with the session
 * cookie or without.
 */
describe("the Origin check behind a proxy that passes Host unchanged", () => {
  const PUBLIC = "https://desk.example";
  let gateway: TestGateway;
  afterEach(() => gateway?.close());

  /** A request as the proxy forwards it (node's http: fetch does not send the Host it is given). */
  function send(path: string, headers: Record<string, string>, body = ""): Promise<{ status: number; cookie: string }> {
    return new Promise((resolve, reject) => {
      const req = request(`${gateway.url}${path}`, { method: "POST", headers }, (response) => {
        response.resume();
        const cookie = (response.headers["set-cookie"]?.[0] ?? "").split(";")[0]!;
        resolve({ status: response.statusCode ?? 0, cookie });
      });
      req.on("error", reject);
      req.end(body);
    });
  }

  async function login(headers: Record<string, string>): Promise<string> {
    const answer = await send(
      "/api/login",
      { ...headers, "content-type": "application/json" },
      JSON.stringify({ token: TOKEN }),
    );
    expect(answer.status).toBe(200);
    return answer.cookie;
  }

  /** The status of an upgrade through the proxy (from 127.0.0.1) with these headers. */
  function upgradeWith(headers: Record<string, string>): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = request(gateway.wsUrl.replace("ws:", "http:"), {
        headers: {
          connection: "Upgrade",
          upgrade: "websocket",
          "sec-websocket-version": "13",
          "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
          ...headers,
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

  for (const proto of [{ "x-forwarded-proto": "https" }, {}] as Record<string, string>[]) {
    const label = proto["x-forwarded-proto"] === undefined ? "without X-Forwarded-Proto" : "with X-Forwarded-Proto";
    it(`refuses http://desk.example and takes https://desk.example (${label})`, async () => {
      gateway = await startTestGateway({
        settings: { requireToken: true, token: TOKEN, trustProxy: [PROXY], publicOrigin: PUBLIC },
      });
      const proxied = { host: "desk.example", "x-forwarded-for": USER, ...proto };
      const through = { ...proxied, cookie: await login(proxied) };
      const logout = (origin: string) => send("/api/logout", { ...through, origin });
      expect((await logout("http://desk.example")).status).toBe(403);
      expect((await logout("https://desk.example:8443")).status).toBe(403);
      expect(await upgradeWith({ ...through, origin: "http://desk.example" })).toBe(403);
      expect(await upgradeWith({ ...through, origin: "https://desk.example" })).toBe(101);
      expect((await logout("https://desk.example")).status).toBe(200);
    });
  }
});
