import { Writable } from "node:stream";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { sampleHealth } from "../../../contract/test/items.js";
import { TopicHub } from "../fanout/topicHub.js";
import { buildApp } from "../http/app.js";
import type { AppSettings } from "../http/deps.js";
import { MemoryQueries } from "../http/queries/memoryQueries.js";
import { createMetrics } from "../metrics.js";

const TOKEN = "Zq8v0m_test-token_8d1c";
let app: FastifyInstance;
afterEach(() => app?.close());

function start(settings: AppSettings = { requireToken: true, token: TOKEN }, logger?: FastifyBaseLogger) {
  app = buildApp({
    logger,
    queries: new MemoryQueries(),
    hub: new TopicHub(),
    health: () => sampleHealth(),
    metrics: createMetrics({ defaultMetrics: false }),
    settings: { webDist: "/nonexistent", ...settings },
  });
  return app;
}

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: "GET", url, headers });

describe("token off loopback", () => {
  it.each(["/api/health", "/api/balances", "/api/fills", "/api/export/fills.csv", "/metrics", "/events?topics=fills"])(
    "answers %s with 401 without a token",
    async (url) => {
      start();
      const response = await get(url);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({
        error: "UNAUTHORIZED",
        message:
          "token: missing or wrong; send Authorization: Bearer <token> or log in " +
          "(unless MEXC_LIVE_TOKEN is set, the token is in the file access-token of the gateway's data folder)",
      });
      expect(response.headers["www-authenticate"]).toBe('Bearer realm="mexc-live"');
    },
  );

  it("accepts the token from Authorization: Bearer", async () => {
    start();
    expect((await get("/api/balances", { authorization: `Bearer ${TOKEN}` })).statusCode).toBe(200);
    expect((await get("/metrics", { authorization: `Bearer ${TOKEN}` })).statusCode).toBe(200);
  });

  it("does not accept the token itself as a cookie: a browser logs in for a session", async () => {
    start();
    expect((await get("/api/balances", { cookie: `mexc_live_session=${TOKEN}` })).statusCode).toBe(401);
    expect((await get("/api/balances", { cookie: `mexc_live_token=${TOKEN}` })).statusCode).toBe(401);
  });

  it("refuses a wrong token, and a right token given in the query string", async () => {
    start();
    expect((await get("/api/balances", { authorization: `Bearer ${TOKEN}x` })).statusCode).toBe(401);
    expect((await get("/api/balances", { cookie: "mexc_live_session=nope" })).statusCode).toBe(401);
    expect((await get(`/api/balances?token=${TOKEN}`)).statusCode).toBe(401);
    expect((await get(`/api/balances?access_token=${TOKEN}`)).statusCode).toBe(401);
  });

  it("cannot be bypassed by spelling the API path differently", async () => {
    start();
    for (const url of ["/%61pi/balances", "//api/balances", "/api//balances", "/api/balances/", "/API/balances"]) {
      const response = await get(url);
      expect(response.body).not.toContain('"items"');
    }
  });

  it("is not needed on loopback", async () => {
    start({ requireToken: false });
    expect((await get("/api/balances")).statusCode).toBe(200);
  });

  it("must be configured when required", () => {
    expect(() => start({ requireToken: true })).toThrow(/^token: required/);
  });
});

describe("POST /api/login", () => {
  const login = (body: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: "POST", url: "/api/login", payload: body as object, headers });

  it("sets an HttpOnly SameSite=Strict session cookie, not the token, that then authorizes the API", async () => {
    start();
    const response = await login({ token: TOKEN });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true, tokenRequired: true });
    const cookie = String(response.headers["set-cookie"]);
    expect(cookie).toMatch(/^mexc_live_session=[A-Za-z0-9_-]{43}; /);
    expect(cookie).not.toContain(TOKEN);
    expect(cookie).toContain(`Max-Age=${30 * 24 * 3600}`);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    expect(cookie).not.toContain("Secure");
    const pair = cookie.split(";")[0] as string;
    expect((await get("/api/balances", { cookie: pair })).statusCode).toBe(200);
  });

  it("marks the cookie Secure when served over https", async () => {
    start({ requireToken: true, token: TOKEN, secureCookie: true });
    expect(String((await login({ token: TOKEN })).headers["set-cookie"])).toContain("Secure");
  });

  it("refuses a wrong token without setting a cookie", async () => {
    start();
    const response = await login({ token: "guess" });
    expect(response.statusCode).toBe(401);
    expect(response.headers["set-cookie"]).toBeUndefined();
  });

  it("refuses a body without a token, naming it", async () => {
    start();
    const response = await login({ password: TOKEN });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/^token: /);
  });

  it("accepts the not-built page's form and sends the browser back to /", async () => {
    start();
    const response = await app.inject({
      method: "POST",
      url: "/api/login",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: `token=${encodeURIComponent(TOKEN)}`,
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe("/");
    expect(String(response.headers["set-cookie"])).toContain("mexc_live_session=");
  });

  it("refuses a login posted from another site's page", async () => {
    start();
    const response = await login({ token: TOKEN }, { origin: "https://evil.example", host: "desk.local:8787" });
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toBe("FORBIDDEN_ORIGIN");
    const same = await login({ token: TOKEN }, { origin: "http://desk.local:8787", host: "desk.local:8787" });
    expect(same.statusCode).toBe(200);
  });

  it("accepts a configured origin", async () => {
    start({ requireToken: true, token: TOKEN, allowedOrigins: ["https://desk.example"] });
    const response = await login({ token: TOKEN }, { origin: "https://desk.example", host: "10.0.0.5:8787" });
    expect(response.statusCode).toBe(200);
  });

  it("logout ends the session on the server and clears the cookie", async () => {
    start();
    const cookie = String((await login({ token: TOKEN })).headers["set-cookie"]).split(";")[0] as string;
    expect((await get("/api/balances", { cookie })).statusCode).toBe(200);
    const response = await app.inject({ method: "POST", url: "/api/logout", headers: { cookie } });
    expect(String(response.headers["set-cookie"])).toMatch(/^mexc_live_session=; .*Max-Age=0/);
    // A copy of the cookie kept from before is worthless now.
    expect((await get("/api/balances", { cookie })).statusCode).toBe(401);
  });

  it("sets Secure behind an https proxy it trusts, and takes the page's host from it", async () => {
    start({ requireToken: true, token: TOKEN, trustProxy: ["127.0.0.1"] });
    const behind = {
      host: "127.0.0.1:8787",
      origin: "https://desk.example",
      "x-forwarded-host": "desk.example",
      "x-forwarded-proto": "https",
    };
    const response = await app.inject({
      method: "POST",
      url: "/api/login",
      payload: { token: TOKEN },
      headers: behind,
      remoteAddress: "127.0.0.1",
    });
    expect(response.statusCode).toBe(200);
    expect(String(response.headers["set-cookie"])).toMatch(/; Secure$/);
    expect(response.headers["content-security-policy"]).toContain("connect-src 'self' wss://desk.example;");
    // The same headers from a client the proxy list does not name count for nothing.
    const direct = await app.inject({
      method: "POST",
      url: "/api/login",
      payload: { token: TOKEN },
      headers: behind,
      remoteAddress: "203.0.113.9",
    });
    expect(direct.statusCode).toBe(403);
  });

  it("sets Secure and allows the origin of an https public origin", async () => {
    start({ requireToken: true, token: TOKEN, publicOrigin: "https://desk.example" });
    const response = await login({ token: TOKEN }, { origin: "https://desk.example", host: "127.0.0.1:8787" });
    expect(response.statusCode).toBe(200);
    expect(String(response.headers["set-cookie"])).toMatch(/; Secure$/);
  });
});

describe("Host check without a token (DNS rebinding)", () => {
  it("serves loopback names and refuses other hosts", async () => {
    start({ requireToken: false });
    for (const host of ["localhost:8787", "127.0.0.1:8787", "[::1]:8787"]) {
      expect((await get("/api/balances", { host })).statusCode).toBe(200);
    }
    const response = await get("/api/balances", { host: "attacker.example:8787" });
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toBe("FORBIDDEN_HOST");
  });
});

describe("logging", () => {
  it("never writes the token, from a header, cookie, login body or query string", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    start({ requireToken: true, token: TOKEN }, pino({ level: "trace" }, sink) as unknown as FastifyBaseLogger);
    await get("/api/balances", { authorization: `Bearer ${TOKEN}` });
    await get("/api/balances", { cookie: `mexc_live_session=${TOKEN}` });
    await get(`/api/fills?token=${TOKEN}`);
    await app.inject({ method: "POST", url: "/api/login", payload: { token: TOKEN } });
    await app.inject({ method: "POST", url: "/api/login", payload: { token: `${TOKEN}-wrong` } });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join("")).not.toContain(TOKEN);
  });
});
