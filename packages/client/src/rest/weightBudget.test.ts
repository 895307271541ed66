import { afterEach, describe, expect, it, vi } from "vitest";
import { ClientError } from "../errors.js";
import { PRICE_LOOKUPS_PER_SECOND, WeightBudget } from "./weightBudget.js";

const WINDOW_MS = 300;

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = Date.now();
  await run();
  return Date.now() - start;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("WeightBudget", () => {
  it("lets calls through at once while their weight fits the window", async () => {
    const budget = new WeightBudget({ weightPerWindow: 30, windowMs: WINDOW_MS, marginMs: 0 });
    const elapsed = await timed(async () => {
      for (let i = 0; i < 3; i++) (await budget.acquire("GET /api/v3/allOrders", { ip: 10 }))();
    });
    expect(elapsed).toBeLessThan(WINDOW_MS / 2);
    expect(budget.used("ip", "GET /api/v3/allOrders")).toBe(30);
  });

  it("holds a call that would go over budget until enough weight has left the window", async () => {
    const budget = new WeightBudget({ weightPerWindow: 30, windowMs: WINDOW_MS, marginMs: 0 });
    for (let i = 0; i < 3; i++) (await budget.acquire("GET /api/v3/allOrders", { ip: 10 }))();
    const elapsed = await timed(async () => (await budget.acquire("GET /api/v3/allOrders", { ip: 10 }))());
    expect(elapsed).toBeGreaterThanOrEqual(WINDOW_MS - 20);
  });

  it("counts every endpoint apart", async () => {
    const budget = new WeightBudget({ weightPerWindow: 10, windowMs: WINDOW_MS, marginMs: 0 });
    (await budget.acquire("GET /api/v3/allOrders", { ip: 10 }))();
    const elapsed = await timed(async () => (await budget.acquire("GET /api/v3/myTrades", { ip: 10 }))());
    expect(elapsed).toBeLessThan(WINDOW_MS / 2);
  });

  it("after a 429 sends nothing of that family until Retry-After has passed", async () => {
    const budget = new WeightBudget({ weightPerWindow: 500, windowMs: WINDOW_MS });
    budget.pause({ ip: 1 }, Date.now() + 250);
    const ipWait = timed(async () => (await budget.acquire("GET /api/v3/ping", { ip: 1 }))());
    const uidOnly = timed(async () => (await budget.acquire("POST /api/v3/x", { uid: 1 }))());
    expect(await uidOnly).toBeLessThan(100);
    expect(await ipWait).toBeGreaterThanOrEqual(240);
  });

  it("keeps one call per endpoint in flight: the next waits for the previous answer", async () => {
    vi.useFakeTimers();
    const budget = new WeightBudget();
    const release = await budget.acquire("GET /api/v3/allOrders", { ip: 10 });
    let second = false;
    const waiting = budget.acquire("GET /api/v3/allOrders", { ip: 10 }).then((done) => {
      second = true;
      done();
    });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(second).toBe(false);
    release();
    await waiting;
    expect(second).toBe(true);
  });

  it("sends at most N requests per second in all whatever their weight (docs/mexc/undocumented.md#requests-and-answers item 11.5)", async () => {
    const budget = new WeightBudget({ maxRequestsPerSecond: 5, endpointRequestsPerSecond: {} });
    const sent: number[] = [];
    const start = Date.now();
    const pings = Array.from({ length: 12 }, async (_, i) => {
      (await budget.acquire(`GET /api/v3/endpoint${i % 3}`, { ip: 1 }))();
      sent.push(Date.now() - start);
    });
    await Promise.all(pings);
    sent.sort((a, b) => a - b);
    // 12 requests at 5/s: the 6th waits for the 1st to leave the second, the 11th for the 6th.
    expect(sent[5]!).toBeGreaterThanOrEqual(1_000);
    expect(sent[10]!).toBeGreaterThanOrEqual(2_000);
    for (let i = 5; i < sent.length; i++) expect(sent[i]! - sent[i - 5]!).toBeGreaterThanOrEqual(1_000);
  });

  it("counts a request toward the second from its answer, not its release: a request slow to leave still counts when it arrives", async () => {
    const budget = new WeightBudget({ maxRequestsPerSecond: 2, endpointRequestsPerSecond: {} });
    const start = Date.now();
    const first = await budget.acquire("GET /api/v3/time", { ip: 1 });
    const second = await budget.acquire("GET /api/v3/ping", { ip: 1 });
    // Both answered 400 ms after their release (a cold connection, a busy event loop on the way):
    // MEXC may have counted them as late as that, so a third waits a second from then.
    setTimeout(() => {
      first();
      second();
    }, 400);
    (await budget.acquire("GET /api/v3/depth", { ip: 1 }))();
    expect(Date.now() - start).toBeGreaterThanOrEqual(1_400);
  });

  it("lets an urgent call (a listen key) go before calls that waited longer for the request rate", async () => {
    vi.useFakeTimers();
    const budget = new WeightBudget({ maxRequestsPerSecond: 1, endpointRequestsPerSecond: {} });
    (await budget.acquire("GET /api/v3/account", { ip: 10 }))();
    const order: string[] = [];
    const reconciling = budget.acquire("GET /api/v3/openOrders", { ip: 3 }).then((done) => {
      order.push("openOrders");
      done();
    });
    await vi.advanceTimersByTimeAsync(20);
    const listenKey = budget.acquire("POST /api/v3/userDataStream", { ip: 1 }, undefined, "", true).then((done) => {
      order.push("listenKey");
      done();
    });
    await vi.advanceTimersByTimeAsync(5_000);
    await Promise.all([reconciling, listenKey]);
    expect(order).toEqual(["listenKey", "openOrders"]);
  });

  it("defaults to 20 requests per second in all, and MEXC's own rate for GET account (2/s)", async () => {
    const budget = new WeightBudget();
    let start = Date.now();
    for (let i = 0; i < 21; i++) (await budget.acquire(`GET /api/v3/e${i}`, { ip: 1 }))();
    expect(Date.now() - start).toBeGreaterThanOrEqual(1_000);
    const accounts = new WeightBudget();
    start = Date.now();
    for (let i = 0; i < 3; i++) (await accounts.acquire("GET /api/v3/account", { ip: 10 }))();
    expect(Date.now() - start).toBeGreaterThanOrEqual(1_000);
  });

  it("keeps a rate counted over a longer window (GET announcements: 5 per 2 s by default), apart from other endpoints", async () => {
    const budget = new WeightBudget({
      endpointRequestRates: { "GET /api/v3/announcements": { requests: 3, windowMs: 600 } },
    });
    const start = performance.now();
    const left: number[] = [];
    for (let i = 0; i < 4; i++) {
      (await budget.acquire("GET /api/v3/announcements", { ip: 1 }))();
      left.push(performance.now() - start);
    }
    expect(left[2]).toBeLessThan(300);
    expect(left[3]).toBeGreaterThanOrEqual(600);
    const other = performance.now();
    (await budget.acquire("GET /api/v3/ping", { ip: 1 }))();
    expect(performance.now() - other).toBeLessThan(100);
    expect(() => new WeightBudget({ endpointRequestRates: { x: { requests: 0, windowMs: 1 } } })).toThrow(
      /endpointRequestRates/,
    );
  });

  it("wakes waiting calls with CLOSED when closed", async () => {
    const budget = new WeightBudget();
    budget.pause({ ip: 1 }, Date.now() + 60_000);
    const waiting = budget.acquire("GET /api/v3/ping", { ip: 1 });
    budget.close();
    await expect(waiting).rejects.toBeInstanceOf(ClientError);
  });

  it("shared by several clients: one client closing gives up its own waiting calls at once, not the others'", async () => {
    const budget = new WeightBudget({ maxRequestsPerSecond: 1 });
    const closing = new AbortController();
    (await budget.acquire("GET /api/v3/ping", { ip: 1 }))();
    const mine = budget.acquire("GET /api/v3/time", { ip: 1 }, closing.signal);
    const theirs = budget.acquire("GET /api/v3/depth", { ip: 1 });
    const started = Date.now();
    closing.abort();
    await expect(mine).rejects.toBeInstanceOf(ClientError);
    expect(Date.now() - started).toBeLessThan(500);
    (await theirs)();
  });

  it("shared by several accounts: counts the UID family per account and the IP family once (docs/mexc/errors.md)", async () => {
    const budget = new WeightBudget({ weightPerWindow: 10 });
    (await budget.acquire("GET /api/v3/myTrades", { uid: 10 }, undefined, "a"))();
    expect(budget.used("uid", "GET /api/v3/myTrades", "a")).toBe(10);
    // Account b's UID budget is its own: no wait.
    const started = Date.now();
    (await budget.acquire("GET /api/v3/myTrades", { uid: 10 }, undefined, "b"))();
    expect(Date.now() - started).toBeLessThan(100);
    // A 429 of account a's UID family pauses account a only; an IP-family pause pauses everyone.
    budget.pause({ uid: 1 }, Date.now() + 60_000, "a");
    expect(budget.resumesAt("uid", "a")).toBeGreaterThan(Date.now());
    expect(budget.resumesAt("uid", "b")).toBe(0);
    budget.pause({ ip: 1 }, Date.now() + 60_000, "b");
    expect(budget.resumesAt("ip", "a")).toBeGreaterThan(Date.now());
    budget.close();
  });

  describe("price lookups (klines) come last and take a bounded share (issue 37)", () => {
    const KLINES = "GET /api/v3/klines";

    it("a signed call waiting for the request rate leaves before the price lookups queued ahead of it", async () => {
      vi.useFakeTimers();
      const budget = new WeightBudget({ maxRequestsPerSecond: 1 });
      const order: string[] = [];
      // One lookup on its way, four more queued behind it (one in flight per endpoint: a chain).
      const first = await budget.acquire(KLINES, { ip: 1 });
      const lookups = [2, 3, 4, 5].map((n) =>
        budget.acquire(KLINES, { ip: 1 }).then((done) => {
          order.push(`klines ${n}`);
          done();
        }),
      );
      first();
      await vi.advanceTimersByTimeAsync(20);
      // Reconciliation's signed read comes after them all.
      const signed = budget.acquire("GET /api/v3/openOrders", { uid: 3 }, undefined, "account-1").then((done) => {
        order.push("openOrders");
        done();
      });
      // Until the signed read leaves, one second of the request rate at a time (five at most).
      for (let second = 0; second < 5 && !order.includes("openOrders"); second++)
        await vi.advanceTimersByTimeAsync(1_000);
      await signed;
      expect(order).toEqual(["openOrders"]);
      budget.close();
      await Promise.allSettled(lookups);
    });

    it(`sends at most PRICE_LOOKUPS_PER_SECOND (${PRICE_LOOKUPS_PER_SECOND}) a second, while the other calls keep the rest`, async () => {
      vi.useFakeTimers();
      const budget = new WeightBudget();
      let sent = 0;
      // Ten accounts' lookups at once (each its own chain), none answered yet.
      const lookups = Array.from({ length: 2 * PRICE_LOOKUPS_PER_SECOND }, (_, n) =>
        budget.acquire(KLINES, { ip: 1 }, undefined, `account-${n}`).then(() => {
          sent++;
        }),
      );
      await vi.advanceTimersByTimeAsync(100);
      expect(sent).toBe(PRICE_LOOKUPS_PER_SECOND);
      const other = timed(async () => (await budget.acquire("GET /api/v3/depth", { ip: 1 }))());
      await vi.advanceTimersByTimeAsync(100);
      expect(await other).toBeLessThan(100);
      budget.close();
      await Promise.allSettled(lookups);
    });
  });
});
