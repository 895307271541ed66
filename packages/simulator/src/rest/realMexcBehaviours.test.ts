/**
 * The REST side of the behaviours real MEXC shows and its docs do not (behaviours.ts,
 * docs/mexc/undocumented.md): each on by default, each off with its switch.
 */
import { signRequest } from "@mexc-live/protocol/rest";
import { afterEach, describe, expect, it } from "vitest";
import { DOCS_ACCOUNT, sendRaw, sendSigned, testSimulator } from "../../test/restKit.js";
import type { SimulatorOptions, SimulatorParts } from "../simulator.js";

let sim: SimulatorParts | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function start(options: SimulatorOptions = {}): SimulatorParts {
  sim = testSimulator(options);
  return sim;
}

/** A signed request with exactly this Content-Type header (null: none). */
function signedWith(
  parts: SimulatorParts,
  method: "GET" | "POST" | "PUT" | "DELETE",
  path: string,
  contentType: string | null,
  params = {},
) {
  const signed = signRequest({ secret: DOCS_ACCOUNT.secretKey, query: params, timestamp: Date.now() });
  return sendRaw(parts, method, path, { apiKey: DOCS_ACCOUNT.apiKey, query: signed.query, contentType });
}

describe("docs/mexc/undocumented.md#requests-and-answers item 11.1 writes must be labelled application/json", () => {
  it("refuses POST, PUT and DELETE without Content-Type with 700013 and runs nothing", async () => {
    const parts = start();
    const post = await signedWith(parts, "POST", "/api/v3/userDataStream", null);
    expect(post.json()).toEqual({ code: 700013, msg: "Invalid content Type." });
    expect(post.statusCode).toBe(400);
    expect(parts.listenKeys.list("docs")).toEqual([]);
    for (const method of ["PUT", "DELETE"] as const) {
      const response = await signedWith(parts, method, "/api/v3/userDataStream", null, { listenKey: "a".repeat(64) });
      expect(response.json()).toMatchObject({ code: 700013 });
    }
  });

  it("refuses a form body labelled as a form, as MEXC does since 2024-02", async () => {
    const parts = start();
    const order = { symbol: "BTCUSDT", side: "BUY", type: "LIMIT", price: "50000", quantity: "0.001" };
    const signed = signRequest({ secret: DOCS_ACCOUNT.secretKey, body: order, timestamp: Date.now() });
    const form = await sendRaw(parts, "POST", "/api/v3/order", {
      apiKey: DOCS_ACCOUNT.apiKey,
      body: signed.body,
      contentType: "application/x-www-form-urlencoded",
    });
    expect(form.json()).toMatchObject({ code: 700013 });
    const labelledJson = await sendRaw(parts, "POST", "/api/v3/order", {
      apiKey: DOCS_ACCOUNT.apiKey,
      body: signed.body,
      contentType: "application/json",
    });
    expect(labelledJson.statusCode).toBe(200);
  });

  it("refuses a GET labelled as a form (hummingbot#6875: GET /api/v3/account, HTTP 400)", async () => {
    const parts = start();
    const form = await signedWith(parts, "GET", "/api/v3/account", "application/x-www-form-urlencoded");
    expect(form.statusCode).toBe(400);
    expect(form.json()).toEqual({ code: 700013, msg: "Invalid content Type." });
  });

  it("accepts application/json with parameters and in any case, with an empty body, and GET without the header", async () => {
    const parts = start();
    for (const label of ["application/json", "application/json; charset=utf-8", "Application/JSON"]) {
      const created = await signedWith(parts, "POST", "/api/v3/userDataStream", label);
      expect(created.statusCode).toBe(200);
      expect(created.json().listenKey).toMatch(/^[0-9a-f]{64}$/);
    }
    expect((await signedWith(parts, "GET", "/api/v3/account", null)).statusCode).toBe(200);
  });

  it("with the switch off, accepts a write without Content-Type (the documented behaviour alone)", async () => {
    const parts = start({ behaviours: { contentType: false } });
    expect((await signedWith(parts, "POST", "/api/v3/userDataStream", null)).statusCode).toBe(200);
  });
});

describe("docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.3 REST times are whole seconds, and so is their filtering", () => {
  it("shows trade and order times cut to the second, and filters startTime on that time", async () => {
    const parts = start();
    const placed = await sendSigned(parts, DOCS_ACCOUNT, "POST", "/api/v3/order", {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "MARKET",
      quoteOrderQty: "100",
    });
    expect(placed.statusCode).toBe(200);
    const engineTime = parts.exchange.myTrades("docs", "BTCUSDT")[0]!.time;
    const second = Math.floor(engineTime / 1000) * 1000;
    const trades = (await sendSigned(parts, DOCS_ACCOUNT, "GET", "/api/v3/myTrades", { symbol: "BTCUSDT" })).json();
    expect(trades[0].time).toBe(second);
    // A window starting at the stream's millisecond misses the fill: REST dates it earlier.
    const fromStreamTime = await sendSigned(parts, DOCS_ACCOUNT, "GET", "/api/v3/myTrades", {
      symbol: "BTCUSDT",
      startTime: String(engineTime === second ? engineTime + 1 : engineTime),
    });
    expect(fromStreamTime.json()).toEqual([]);
    const fromSecond = await sendSigned(parts, DOCS_ACCOUNT, "GET", "/api/v3/myTrades", {
      symbol: "BTCUSDT",
      startTime: String(second),
    });
    expect(fromSecond.json()).toHaveLength(1);
    const orders = (await sendSigned(parts, DOCS_ACCOUNT, "GET", "/api/v3/allOrders", { symbol: "BTCUSDT" })).json();
    expect(orders[0].time % 1000).toBe(0);
    expect(orders[0].updateTime % 1000).toBe(0);
  });

  it("with the switch off, answers the engine's milliseconds", async () => {
    const parts = start({ behaviours: { wholeSecondTimes: false } });
    await sendSigned(parts, DOCS_ACCOUNT, "POST", "/api/v3/order", {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "MARKET",
      quoteOrderQty: "100",
    });
    const engineTime = parts.exchange.myTrades("docs", "BTCUSDT")[0]!.time;
    const trades = (await sendSigned(parts, DOCS_ACCOUNT, "GET", "/api/v3/myTrades", { symbol: "BTCUSDT" })).json();
    expect(trades[0].time).toBe(engineTime);
  });
});

describe("docs/mexc/undocumented.md#requests-and-answers item 11.5 at most 20 requests per second in all (and 2 of GET account)", () => {
  it("answers the 21st request of a second with 429 and Retry-After, whichever endpoint", async () => {
    const parts = start({ behaviours: { requestRate: true } });
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++)
      statuses.push((await parts.app.inject({ method: "GET", url: "/api/v3/ping" })).statusCode);
    expect(statuses.slice(0, 20).every((status) => status === 200)).toBe(true);
    const refused = await parts.app.inject({ method: "GET", url: "/api/v3/ping" });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers["retry-after"]).toBe("1");
    expect((await parts.app.inject({ method: "GET", url: "/api/v3/time" })).statusCode).toBe(429);
  });

  it("answers a third GET account within a second with 429 (the docs' 2 times/s)", async () => {
    const parts = start({ behaviours: { requestRate: true } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await sendSigned(parts, DOCS_ACCOUNT, "GET", "/api/v3/account")).statusCode);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it("counts signed requests per account and public ones per IP (docs/mexc/rest.md#limits-per-ip-or-per-account)", async () => {
    const parts = start({ behaviours: { requestRate: true } });
    const demo = { apiKey: parts.apiKey, secretKey: parts.secretKey };
    const myTrades = (account: typeof demo) =>
      sendSigned(parts, account, "GET", "/api/v3/myTrades", { symbol: "BTCUSDT" }).then((reply) => reply.statusCode);
    // From one IP, in one second: 20 signed reads of each of two accounts, and 20 public calls.
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      statuses.push(await myTrades(DOCS_ACCOUNT), await myTrades(demo));
      statuses.push((await parts.app.inject({ method: "GET", url: "/api/v3/ping" })).statusCode);
    }
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    // The 21st of each is refused, as MEXC refuses it (docs/mexc/errors.md#http-statuses).
    const refused = await sendSigned(parts, DOCS_ACCOUNT, "GET", "/api/v3/myTrades", { symbol: "BTCUSDT" });
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual({ code: 429, msg: "Too Many Requests" });
    expect(refused.headers["retry-after"]).toBe("1");
    expect(await myTrades(demo)).toBe(429);
    expect((await parts.app.inject({ method: "GET", url: "/api/v3/ping" })).statusCode).toBe(429);
  });

  it("with the switch off, only the weight budget limits", async () => {
    const parts = start({ behaviours: { requestRate: false } });
    for (let i = 0; i < 40; i++) {
      expect((await parts.app.inject({ method: "GET", url: "/api/v3/ping" })).statusCode).toBe(200);
    }
  });
});
