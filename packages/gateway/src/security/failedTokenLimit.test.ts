import { request } from "node:http";
import { Writable } from "node:stream";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import { pino } from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sampleHealth } from "../../../contract/test/items.js";
import { StreamClient, startTestGateway, type TestGateway } from "../../test/streamTestKit.js";
import { TopicHub } from "../fanout/topicHub.js";
import { buildApp } from "../http/app.js";
import { MemoryQueries } from "../http/queries/memoryQueries.js";
import { createMetrics } from "../metrics.js";
import { AccessPolicy } from "./accessPolicy.js";
import { clientKey, FailedTokenLimit } from "./failedTokenLimit.js";
import { FAILED_TOKEN_WINDOW_MS, MAX_FAILED_TOKENS } from "./limits.js";

const TOKEN = "Zq8v0m_limit-token_8d1c";
const ATTACKER = "203.0.113.7";
const USER = "198.51.100.20";

describe("FailedTokenLimit", () => {
  let clock = 1_000_000;
  const limit = (options: { maxClients?: number } = {}) =>
    new FailedTokenLimit({ maxFailures: 3, windowMs: 60_000, now: () => clock, ...options });

  it("blocks an address after its allowance of wrong tokens, for the rest of the window", () => {
    const failures = limit();
    expect(failures.recordWrong(ATTACKER, "a")).toBe(false);
    clock += 10_000;
    expect(failures.recordWrong(ATTACKER, "b")).toBe(false);
    expect(failures.blockedForMs(ATTACKER)).toBe(0);
    expect(failures.recordWrong(ATTACKER, "c")).toBe(true);
    expect(failures.blockedForMs(ATTACKER)).toBe(50_000);
    expect(failures.blockedForMs(USER)).toBe(0);
    clock += 50_000;
    expect(failures.blockedForMs(ATTACKER)).toBe(0);
    expect(failures.recordWrong(ATTACKER, "d")).toBe(false);
  });

  it("counts the same wrong token once (a stale cookie guesses nothing new)", () => {
    const failures = limit();
    for (let n = 0; n < 10; n++) failures.recordWrong(USER, "old-token");
    expect(failures.blockedForMs(USER)).toBe(0);
  });

  it("remembers a bounded number of addresses, dropping ended windows first, then the oldest", () => {
    const failures = limit({ maxClients: 3 });
    for (const address of ["10.0.0.1", "10.0.0.2", "10.0.0.3"]) {
      for (const token of ["a", "b", "c"]) failures.recordWrong(address, token);
    }
    failures.recordWrong("10.0.0.4", "a");
    expect(failures.trackedClients).toBe(3);
    expect(failures.blockedForMs("10.0.0.1")).toBe(0);
    expect(failures.blockedForMs("10.0.0.2")).toBeGreaterThan(0);
    clock += 60_000;
    failures.recordWrong("10.0.0.5", "a");
    expect(failures.trackedClients).toBe(1);
  });

  it("keeps time on the monotonic clock: a wall clock stepped back does not prolong a block", () => {
    const wallTime = Date.now();
    const wallClock = vi.spyOn(Date, "now").mockReturnValue(wallTime);
    try {
      const failures = new FailedTokenLimit({ maxFailures: 3, windowMs: 60_000 });
      for (const token of ["a", "b", "c"]) failures.recordWrong(ATTACKER, token);
      expect(failures.blockedForMs(ATTACKER)).toBeGreaterThan(0);
      wallClock.mockReturnValue(wallTime - 24 * 3_600_000);
      expect(failures.blockedForMs(ATTACKER)).toBeGreaterThan(0);
      expect(failures.blockedForMs(ATTACKER)).toBeLessThanOrEqual(60_000);
    } finally {
      wallClock.mockRestore();
    }
  });

  it("counts an IPv4 client by its address and an IPv6 client by its /64", () => {
    expect(clientKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(clientKey("203.0.113.7")).toBe("203.0.113.7");
    expect(clientKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(clientKey("::1")).toBe("0:0:0:0::/64");
    expect(clientKey("2001:db8:1:3::1")).not.toBe(clientKey("2001:db8:1:2::1"));
  });
});

describe("wrong tokens over HTTP", () => {
  let app: FastifyInstance;
  afterEach(() => app?.close());

  function start(options: { now?: () => number; logger?: FastifyBaseLogger } = {}) {
    const settings = { requireToken: true, token: TOKEN, webDist: "/nonexistent" };
    app = buildApp({
      logger: options.logger,
      queries: new MemoryQueries(),
      hub: new TopicHub(),
      health: () => sampleHealth(),
      metrics: createMetrics({ defaultMetrics: false }),
      settings,
      policy: options.now
        ? new AccessPolicy(settings, { failures: new FailedTokenLimit({ now: options.now }) })
        : undefined,
    });
  }
  const login = (token: string, remoteAddress: string) =>
    app.inject({ method: "POST", url: "/api/login", payload: { token }, remoteAddress });
  const balances = (remoteAddress: string, headers: Record<string, string> = {}) =>
    app.inject({ method: "GET", url: "/api/balances", headers, remoteAddress });

  async function useUpAllowance(address: string) {
    for (let n = 0; n < MAX_FAILED_TOKENS; n++) expect((await login(`guess-${n}`, address)).statusCode).toBe(401);
  }

  it("answers 429 with Retry-After once an address used up its wrong logins, even for the right token", async () => {
    start();
    await useUpAllowance(ATTACKER);
    const refused = await login(TOKEN, ATTACKER);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual({
      error: "TOO_MANY_WRONG_TOKENS",
      message: expect.stringMatching(/^token: too many wrong tokens from this address; try again in \d+ s$/),
    });
    const retryAfter = Number(refused.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(FAILED_TOKEN_WINDOW_MS / 1000);
    expect(refused.headers["set-cookie"]).toBeUndefined();
    expect((await balances(ATTACKER, { authorization: `Bearer ${TOKEN}` })).statusCode).toBe(429);
  });

  it("never locks out a user with the right token at another address", async () => {
    start();
    await useUpAllowance(ATTACKER);
    const response = await login(TOKEN, USER);
    expect(response.statusCode).toBe(200);
    expect(String(response.headers["set-cookie"])).toContain("mexc_live_session=");
    expect((await balances(USER, { authorization: `Bearer ${TOKEN}` })).statusCode).toBe(200);
  });

  it("lets the address try again when its window has ended", async () => {
    let clock = 5_000_000;
    start({ now: () => clock });
    await useUpAllowance(ATTACKER);
    expect((await login(TOKEN, ATTACKER)).headers["retry-after"]).toBe(String(FAILED_TOKEN_WINDOW_MS / 1000));
    clock += FAILED_TOKEN_WINDOW_MS;
    expect((await login(TOKEN, ATTACKER)).statusCode).toBe(200);
  });

  it("counts wrong tokens on API routes with wrong logins", async () => {
    start();
    for (let n = 0; n < MAX_FAILED_TOKENS - 1; n++) {
      expect((await balances(ATTACKER, { cookie: `mexc_live_session=guess-${n}` })).statusCode).toBe(401);
    }
    expect((await login("guess-last", ATTACKER)).statusCode).toBe(401);
    const refused = await balances(ATTACKER, { authorization: `Bearer ${TOKEN}` });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers["retry-after"]).toBeDefined();
  });

  it("does not count requests without a token, or the same stale cookie again and again", async () => {
    start();
    for (let n = 0; n < 3 * MAX_FAILED_TOKENS; n++) {
      expect((await balances(USER)).statusCode).toBe(401);
      expect((await balances(USER, { cookie: "mexc_live_session=from-before-a-restart" })).statusCode).toBe(401);
    }
    expect((await login(TOKEN, USER)).statusCode).toBe(200);
  });

  it("shows a blocked address the login form on the not-built page, as for a wrong cookie", async () => {
    start();
    const cookie = String((await login(TOKEN, USER)).headers["set-cookie"]).split(";")[0] as string;
    await useUpAllowance(ATTACKER);
    const page = (remoteAddress: string) => app.inject({ method: "GET", url: "/", headers: { cookie }, remoteAddress });
    expect((await page(ATTACKER)).body).toContain('action="/api/login"');
    expect((await page(USER)).body).not.toContain('action="/api/login"');
  });

  it("logs the blocked address once and never the tokens tried", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    start({ logger: pino({ level: "trace" }, sink) as unknown as FastifyBaseLogger });
    await useUpAllowance(ATTACKER);
    await login("guess-after", ATTACKER);
    const warnings = lines.filter((line) => line.includes("too many wrong tokens"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(ATTACKER);
    expect(lines.join("")).not.toContain("guess-");
    expect(lines.join("")).not.toContain(TOKEN);
  });
});

describe("wrong tokens at the WebSocket upgrade", () => {
  let gateway: TestGateway;
  afterEach(() => gateway?.close());

  /** The status (and Retry-After) a /stream upgrade with this token is answered with. */
  function upgrade(token: string): Promise<{ status: number; retryAfter: string | undefined }> {
    return new Promise((resolve, reject) => {
      const req = request(`${gateway.wsUrl.replace("ws:", "http:")}`, {
        headers: {
          connection: "Upgrade",
          upgrade: "websocket",
          "sec-websocket-version": "13",
          "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
          authorization: `Bearer ${token}`,
        },
      });
      req.on("response", (response) => {
        resolve({ status: response.statusCode ?? 0, retryAfter: response.headers["retry-after"] });
        response.resume();
      });
      req.on("upgrade", (_response, socket) => {
        socket.destroy();
        resolve({ status: 101, retryAfter: undefined });
      });
      req.on("error", reject);
      req.end();
    });
  }

  it("counts them with wrong logins, then refuses the upgrade with 429 and Retry-After", async () => {
    gateway = await startTestGateway({ settings: { requireToken: true, token: TOKEN } });
    const half = Math.floor(MAX_FAILED_TOKENS / 2);
    for (let n = 0; n < half; n++) expect((await upgrade(`guess-${n}`)).status).toBe(401);
    for (let n = half; n < MAX_FAILED_TOKENS; n++) {
      const response = await fetch(`${gateway.url}/api/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token: `guess-${n}` }),
      });
      expect(response.status).toBe(401);
    }
    const refused = await upgrade(TOKEN);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    await expect(StreamClient.connect(gateway.wsUrl, { authorization: `Bearer ${TOKEN}` })).rejects.toThrow(/429/);
  });

  it("still upgrades with the right token below the limit", async () => {
    gateway = await startTestGateway({ settings: { requireToken: true, token: TOKEN } });
    for (let n = 0; n < MAX_FAILED_TOKENS - 1; n++) expect((await upgrade(`guess-${n}`)).status).toBe(401);
    expect((await upgrade(TOKEN)).status).toBe(101);
  });
});
