import { hmacSha256Hex } from "@mexc-live/protocol/rest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DOCS_ACCOUNT, sendRaw, sendSigned, testSimulator } from "../../test/restKit.js";
import type { SimulatorParts } from "../simulator.js";

// docs/mexc/rest.md#the-docs-worked-examples-checked: the worked example's parameters, timestamp and the two signatures
// that reproduce (all in the query; split between query and body, no `&` at the join).
const DOCS_TIMESTAMP = 1644489390087;
const DOCS_QUERY = "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=11&recvWindow=5000&timestamp=1644489390087";
const DOCS_SIGNATURE_ALL_IN_QUERY = "fd3e4e8543c5188531eb7279d68ae7d26a573d0fc5ab0d18eb692451654d837a";
const DOCS_SPLIT_QUERY = "symbol=BTCUSDT&side=BUY&type=LIMIT";
const DOCS_SPLIT_BODY = "quantity=1&price=11&recvWindow=5000&timestamp=1644489390087";
const DOCS_SIGNATURE_SPLIT = "d1a676610ceb39174c8039b3f548357994b2a34139a8addd33baadba65684592";
const TEST_ORDER = "/api/v3/order/test";
const ORDER = { symbol: "BTCUSDT", side: "BUY", type: "LIMIT", quantity: "1", price: "11" };

let sim: SimulatorParts;
beforeEach(() => {
  sim = testSimulator();
});
afterEach(() => sim.close());

/** The docs' request with its timestamp moved to now, signed like the docs sign it. */
function nowVersion(raw: string, timestamp = Date.now()): string {
  return raw.replace(String(DOCS_TIMESTAMP), String(timestamp));
}

describe("signed requests: accepted", () => {
  it("verifies the docs/mexc/rest.md#the-docs-worked-examples-checked vectors: with the docs' own timestamp the signature passes and only the time is stale", async () => {
    const allInQuery = await sendRaw(sim, "POST", TEST_ORDER, {
      apiKey: DOCS_ACCOUNT.apiKey,
      query: `${DOCS_QUERY}&signature=${DOCS_SIGNATURE_ALL_IN_QUERY}`,
    });
    expect(allInQuery.json()).toEqual({
      code: 700003,
      msg: "Timestamp for this request is outside of the recvWindow.",
    });
    const split = await sendRaw(sim, "POST", TEST_ORDER, {
      apiKey: DOCS_ACCOUNT.apiKey,
      query: DOCS_SPLIT_QUERY,
      body: `${DOCS_SPLIT_BODY}&signature=${DOCS_SIGNATURE_SPLIT}`,
    });
    expect(split.json()).toMatchObject({ code: 700003 });
  });

  it("accepts the docs/mexc/rest.md#the-docs-worked-examples-checked constructions with a current timestamp: all in the query, all in the body, split", async () => {
    const query = nowVersion(DOCS_QUERY);
    const allInQuery = await sendRaw(sim, "POST", TEST_ORDER, {
      apiKey: DOCS_ACCOUNT.apiKey,
      query: `${query}&signature=${hmacSha256Hex(DOCS_ACCOUNT.secretKey, query)}`,
    });
    expect([allInQuery.statusCode, allInQuery.json()]).toEqual([200, {}]);

    const allInBody = await sendRaw(sim, "POST", TEST_ORDER, {
      apiKey: DOCS_ACCOUNT.apiKey,
      body: `${query}&signature=${hmacSha256Hex(DOCS_ACCOUNT.secretKey, query)}`,
    });
    expect([allInBody.statusCode, allInBody.json()]).toEqual([200, {}]);

    const body = nowVersion(DOCS_SPLIT_BODY);
    const split = await sendRaw(sim, "POST", TEST_ORDER, {
      apiKey: DOCS_ACCOUNT.apiKey,
      query: DOCS_SPLIT_QUERY,
      body: `${body}&signature=${hmacSha256Hex(DOCS_ACCOUNT.secretKey, DOCS_SPLIT_QUERY + body)}`,
    });
    expect([split.statusCode, split.json()]).toEqual([200, {}]);
  });

  it("accepts the signature pair anywhere in the query (MEXC's Python demo sends it before timestamp)", async () => {
    const signedPart = `symbol=BTCUSDT&timestamp=${Date.now()}`;
    const signature = hmacSha256Hex(DOCS_ACCOUNT.secretKey, signedPart);
    const [first, second] = signedPart.split("&");
    const response = await sendRaw(sim, "GET", "/api/v3/openOrders", {
      apiKey: DOCS_ACCOUNT.apiKey,
      query: `${first}&signature=${signature}&${second}`,
    });
    expect([response.statusCode, response.json()]).toEqual([200, []]);
  });

  it("accepts a form body labelled application/json, as MEXC's own examples send it", async () => {
    const body = nowVersion(DOCS_QUERY);
    const response = await sendRaw(sim, "POST", TEST_ORDER, {
      apiKey: DOCS_ACCOUNT.apiKey,
      body: `${body}&signature=${hmacSha256Hex(DOCS_ACCOUNT.secretKey, body)}`,
      contentType: "application/json",
    });
    expect(response.statusCode).toBe(200);
  });

  it("accepts recvWindow 60000, the documented maximum", async () => {
    const response = await sendSigned(sim, DOCS_ACCOUNT, "POST", TEST_ORDER, ORDER, { recvWindow: 60_000 });
    expect(response.statusCode).toBe(200);
  });

  it("accepts a timestamp up to recvWindow old and less than 1 s ahead", async () => {
    const now = Date.now();
    const old = await sendSigned(sim, DOCS_ACCOUNT, "POST", TEST_ORDER, ORDER, {
      timestamp: now - 20_000,
      recvWindow: 30_000,
    });
    expect(old.statusCode).toBe(200);
    const ahead = await sendSigned(sim, DOCS_ACCOUNT, "POST", TEST_ORDER, ORDER, { timestamp: now + 500 });
    expect(ahead.statusCode).toBe(200);
  });
});

describe("signed requests: rejected with MEXC's codes", () => {
  it("rejects a tampered signature with 700002", async () => {
    const query = nowVersion(DOCS_QUERY);
    const signature = hmacSha256Hex(DOCS_ACCOUNT.secretKey, query);
    const tampered = `${signature.slice(0, -1)}${signature.endsWith("0") ? "1" : "0"}`;
    const response = await sendRaw(sim, "POST", TEST_ORDER, {
      apiKey: DOCS_ACCOUNT.apiKey,
      query: `${query}&signature=${tampered}`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ code: 700002, msg: "Signature for this request is not valid." });
  });

  it("rejects a parameter changed after signing with 700002", async () => {
    const query = nowVersion(DOCS_QUERY);
    const signature = hmacSha256Hex(DOCS_ACCOUNT.secretKey, query);
    const response = await sendRaw(sim, "POST", TEST_ORDER, {
      apiKey: DOCS_ACCOUNT.apiKey,
      query: `${query.replace("price=11", "price=12")}&signature=${signature}`,
    });
    expect(response.json()).toMatchObject({ code: 700002 });
  });

  it("rejects an upper-case hex signature with 700002 (MEXC: lower case only)", async () => {
    const query = nowVersion(DOCS_QUERY);
    const signature = hmacSha256Hex(DOCS_ACCOUNT.secretKey, query).toUpperCase();
    const response = await sendRaw(sim, "POST", TEST_ORDER, {
      apiKey: DOCS_ACCOUNT.apiKey,
      query: `${query}&signature=${signature}`,
    });
    expect(response.json()).toMatchObject({ code: 700002 });
  });

  it("rejects a stale timestamp with 700003", async () => {
    const response = await sendSigned(sim, DOCS_ACCOUNT, "POST", TEST_ORDER, ORDER, { timestamp: Date.now() - 6_000 });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ code: 700003, msg: "Timestamp for this request is outside of the recvWindow." });
  });

  it("rejects a timestamp 1 s or more ahead of server time with 700003", async () => {
    const response = await sendSigned(sim, DOCS_ACCOUNT, "POST", TEST_ORDER, ORDER, { timestamp: Date.now() + 1_500 });
    expect(response.json()).toMatchObject({ code: 700003 });
  });

  it("rejects recvWindow 60001 with 700005", async () => {
    const response = await sendSigned(sim, DOCS_ACCOUNT, "POST", TEST_ORDER, ORDER, { recvWindow: 60_001 });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ code: 700005, msg: "recvWindow must less than 60000" });
  });

  it("rejects a request without signature with 700004 and the observed message", async () => {
    const response = await sendRaw(sim, "POST", TEST_ORDER, {
      apiKey: DOCS_ACCOUNT.apiKey,
      query: nowVersion(DOCS_QUERY),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      code: 700004,
      msg: "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.",
    });
  });

  it("rejects a signed request without timestamp with 700004 naming it", async () => {
    const query = "symbol=BTCUSDT";
    const response = await sendRaw(sim, "GET", "/api/v3/openOrders", {
      apiKey: DOCS_ACCOUNT.apiKey,
      query: `${query}&signature=${hmacSha256Hex(DOCS_ACCOUNT.secretKey, query)}`,
    });
    expect(response.json()).toEqual({
      code: 700004,
      msg: "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.",
    });
  });

  it("rejects a missing API key (401, 'api key required'), a malformed one (700001) and an unknown one (10072)", async () => {
    const missing = await sendSigned(sim, { apiKey: "", secretKey: DOCS_ACCOUNT.secretKey }, "GET", "/api/v3/account");
    expect([missing.statusCode, missing.json()]).toEqual([401, { code: 400, msg: "api key required" }]);
    const malformed = await sendSigned(
      sim,
      { apiKey: "not-a-key", secretKey: DOCS_ACCOUNT.secretKey },
      "GET",
      "/api/v3/account",
    );
    expect([malformed.statusCode, malformed.json()]).toEqual([401, { code: 700001, msg: "API-key format invalid" }]);
    const unknown = await sendSigned(
      sim,
      { apiKey: "mx0vUnknownKey1234", secretKey: DOCS_ACCOUNT.secretKey },
      "GET",
      "/api/v3/account",
    );
    expect([unknown.statusCode, unknown.json()]).toEqual([401, { code: 10072, msg: "invalid access key" }]);
  });

  it("rejects a request signed with another account's secret with 700002", async () => {
    const response = await sendSigned(
      sim,
      { apiKey: sim.apiKey, secretKey: DOCS_ACCOUNT.secretKey },
      "GET",
      "/api/v3/account",
    );
    expect(response.json()).toMatchObject({ code: 700002 });
  });
});
