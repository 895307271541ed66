import { MINUTE_MS } from "@mexc-live/protocol";
import { signRequest } from "@mexc-live/protocol/rest";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DOCS_ACCOUNT, sendSigned, testSimulator } from "../../test/restKit.js";
import { createClock, type SimClock } from "../clock.js";
import type { SimulatorParts } from "../simulator.js";
import { createRateLimiter, type RateLimitVerdict } from "./rateLimit.js";

/** A clock whose time only moves when the test says so. */
function manualClock(): SimClock & { advance(ms: number): void } {
  let now = 1_750_000_000_000;
  const advance = (ms: number) => {
    now += ms;
  };
  return { ...createClock(1), now: () => now, advance };
}

describe("createRateLimiter", () => {
  it("answers 429 past the budget with the seconds left in the window, then lets the next window through", () => {
    const clock = manualClock();
    const limiter = createRateLimiter(clock, { weightPerWindow: 10, windowMs: 10_000 });
    expect(limiter.charge("ip", "a", "GET /x", 6).ok).toBe(true);
    expect(limiter.charge("ip", "a", "GET /x", 4).ok).toBe(true);
    clock.advance(2_500);
    expect(limiter.charge("ip", "a", "GET /x", 1)).toEqual({ ok: false, status: 429, retryAfterSeconds: 8 });
    clock.advance(7_500);
    expect(limiter.charge("ip", "a", "GET /x", 10).ok).toBe(true);
  });

  it("keeps budgets apart per endpoint, per client and per family", () => {
    const limiter = createRateLimiter(manualClock(), { weightPerWindow: 1 });
    expect(limiter.charge("ip", "a", "GET /x", 1).ok).toBe(true);
    expect(limiter.charge("ip", "a", "GET /y", 1).ok).toBe(true);
    expect(limiter.charge("ip", "b", "GET /x", 1).ok).toBe(true);
    expect(limiter.charge("uid", "a", "GET /x", 1).ok).toBe(true);
    expect(limiter.charge("ip", "a", "GET /x", 1).ok).toBe(false);
  });

  it("bans a client that keeps going while limited: 418 for 2 min, doubling per ban up to 3 days", () => {
    const clock = manualClock();
    const limiter = createRateLimiter(clock, { weightPerWindow: 1, windowMs: 10_000 });
    const offend = (): RateLimitVerdict => {
      limiter.charge("ip", "a", "GET /x", 1);
      limiter.charge("ip", "a", "GET /x", 1);
      return limiter.charge("ip", "a", "GET /x", 1);
    };
    const bans: number[] = [];
    for (let i = 0; i < 14; i++) {
      const verdict = offend();
      if (verdict.ok || verdict.status !== 418) throw new Error(`expected a ban, got ${JSON.stringify(verdict)}`);
      bans.push(verdict.retryAfterSeconds);
      // While banned, every endpoint of the family answers 418 with the time left.
      expect(limiter.charge("ip", "a", "GET /other", 1)).toMatchObject({ status: 418 });
      clock.advance(verdict.retryAfterSeconds * 1000);
    }
    expect(bans.slice(0, 5)).toEqual([120, 240, 480, 960, 1920]);
    expect(bans.at(-1)).toBe(3 * 24 * 60 * 60);
    expect(limiter.charge("uid", "a", "GET /x", 1).ok).toBe(true);
  });

  it("starts the ladder at 2 min again after 10 clean minutes", () => {
    const clock = manualClock();
    const limiter = createRateLimiter(clock, { weightPerWindow: 1 });
    const offend = () => [1, 2, 3].map(() => limiter.charge("ip", "a", "GET /x", 1)).at(-1);
    expect(offend()).toMatchObject({ status: 418, retryAfterSeconds: 120 });
    clock.advance(2 * MINUTE_MS + 10 * MINUTE_MS);
    expect(offend()).toMatchObject({ status: 418, retryAfterSeconds: 120 });
  });

  it("does nothing when disabled", () => {
    const limiter = createRateLimiter(manualClock(), { weightPerWindow: 1, enabled: false });
    for (let i = 0; i < 10; i++) expect(limiter.charge("ip", "a", "GET /x", 100).ok).toBe(true);
  });
});

describe("rate limits over REST", () => {
  let sim: SimulatorParts | undefined;
  afterEach(async () => {
    vi.useRealTimers();
    await sim?.close();
  });

  it("answers 429 with Retry-After, then 418 with a Retry-After that escalates on the scaled clock", async () => {
    // speed 120: a 1-minute window lasts 0.5 real seconds, the 2-minute ban 1, the next ban 2.
    vi.useFakeTimers({ toFake: ["Date"] }); // the clock alone: windows and bans are read on it
    sim = testSimulator({ speed: 120, rateLimit: { weightPerWindow: 2, windowMs: MINUTE_MS } });
    await sim.app.ready();
    const ping = () => sim!.app.inject({ method: "GET", url: "/api/v3/ping" });
    const statuses = async (count: number) => {
      const replies = [];
      for (let i = 0; i < count; i++) replies.push(await ping());
      return replies;
    };
    const [ok1, ok2, limited, banned, stillBanned] = await statuses(5);
    expect([ok1!.statusCode, ok2!.statusCode]).toEqual([200, 200]);
    expect(limited!.statusCode).toBe(429);
    expect(limited!.json()).toEqual({ code: 429, msg: "Too Many Requests" });
    expect(limited!.headers["retry-after"]).toBe("1");
    expect(banned!.statusCode).toBe(418);
    expect(banned!.headers["retry-after"]).toBe("1");
    expect(stillBanned!.statusCode).toBe(418);
    const time = await sim.app.inject({ method: "GET", url: "/api/v3/time" });
    expect(time.statusCode).toBe(418);

    vi.setSystemTime(Date.now() + 1_100);
    const again = await statuses(4);
    expect(again.map((reply) => reply.statusCode)).toEqual([200, 200, 429, 418]);
    expect(again[3]!.headers["retry-after"]).toBe("2");
  });

  it("weighs ticker/24hr at 40 without a symbol and 1 with one", async () => {
    sim = testSimulator({ rateLimit: { weightPerWindow: 100 } });
    const all = () => sim!.app.inject({ method: "GET", url: "/api/v3/ticker/24hr" });
    expect((await all()).statusCode).toBe(200);
    expect((await all()).statusCode).toBe(200);
    expect((await all()).statusCode).toBe(429);
    const one = await sim.app.inject({ method: "GET", url: "/api/v3/ticker/price?symbol=BTCUSDT" });
    expect(one.statusCode).toBe(200);
  });

  it("counts a validly signed public read for its account, not its IP (MEXC counts a keyed request per UID)", async () => {
    // ticker/24hr without a symbol weighs 40: two fit a budget of 100, the third does not.
    sim = testSimulator({ rateLimit: { weightPerWindow: 100 } });
    const demo = { apiKey: sim.apiKey, secretKey: sim.secretKey };
    const signedAll = (credentials: { apiKey: string; secretKey: string }) =>
      sendSigned(sim!, credentials, "GET", "/api/v3/ticker/24hr");
    expect((await signedAll(DOCS_ACCOUNT)).statusCode).toBe(200);
    expect((await signedAll(DOCS_ACCOUNT)).statusCode).toBe(200);
    expect((await signedAll(DOCS_ACCOUNT)).statusCode).toBe(429);
    // Same IP: another account's signed reads and the IP's unsigned ones have budgets of their own.
    expect((await signedAll(demo)).statusCode).toBe(200);
    const unsigned = () => sim!.app.inject({ method: "GET", url: "/api/v3/ticker/24hr" });
    expect((await unsigned()).statusCode).toBe(200);
    expect((await unsigned()).statusCode).toBe(200);
    expect((await unsigned()).statusCode).toBe(429);
  });

  it("counts order placement per account (UID family) apart from per IP", async () => {
    sim = testSimulator({ rateLimit: { weightPerWindow: 2 } });
    const order = { symbol: "BTCUSDT", side: "BUY", type: "LIMIT", price: "50000", quantity: "0.0001" };
    const place = async (credentials: { apiKey: string; secretKey: string }, ip: string) => {
      const signed = signRequest({ secret: credentials.secretKey, query: order, timestamp: Date.now() });
      return sim!.app.inject({
        method: "POST",
        url: `/api/v3/order?${signed.query}`,
        headers: { "x-mexc-apikey": credentials.apiKey, "content-type": "application/json" },
        remoteAddress: ip,
      });
    };
    // Three IPs, one account: each IP is under budget, the account is not.
    expect((await place(DOCS_ACCOUNT, "127.0.0.2")).statusCode).toBe(200);
    expect((await place(DOCS_ACCOUNT, "127.0.0.3")).statusCode).toBe(200);
    const third = await place(DOCS_ACCOUNT, "127.0.0.4");
    expect(third.statusCode).toBe(429);
    expect(third.headers["retry-after"]).toBeDefined();
    // Another account from the last IP still places orders.
    const demo = { apiKey: sim.apiKey, secretKey: sim.secretKey };
    expect((await place(demo, "127.0.0.4")).statusCode).toBe(200);
    // Another endpoint of the limited account has its own budget.
    const test = await sendSigned(sim, DOCS_ACCOUNT, "POST", "/api/v3/order/test", order);
    expect(test.statusCode).toBe(200);
  });
});
