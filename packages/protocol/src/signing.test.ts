import { describe, expect, it } from "vitest";
import { encodeParamValue, hmacSha256Hex, signRequest, toQueryString, verifySignature } from "./signing.js";

// docs/mexc/rest.md#the-docs-worked-examples-checked: the official worked examples' key material and order parameters.
const SECRET = "45d0b3c26f2644f19bfb98b07741b2f5";
const TIMESTAMP = 1644489390087;
const ORDER = { symbol: "BTCUSDT", side: "BUY", type: "LIMIT", quantity: 1, price: 11 };
const ALL_PARAMS = "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=11&recvWindow=5000&timestamp=1644489390087";
const SIG_ALL = "fd3e4e8543c5188531eb7279d68ae7d26a573d0fc5ab0d18eb692451654d837a";
const SIG_SPLIT = "d1a676610ceb39174c8039b3f548357994b2a34139a8addd33baadba65684592";

describe("signRequest reproduces the official worked examples (docs/mexc/rest.md#the-docs-worked-examples-checked)", () => {
  it("example 2: everything in the query string, signature appended last, empty body", () => {
    const signed = signRequest({ secret: SECRET, query: ORDER, recvWindow: 5000, timestamp: TIMESTAMP });
    expect(signed).toEqual({ query: `${ALL_PARAMS}&signature=${SIG_ALL}`, body: "", signature: SIG_ALL });
  });

  it("example 1: everything in the body gives the same signature as example 2", () => {
    const signed = signRequest({ secret: SECRET, body: ORDER, recvWindow: 5000, timestamp: TIMESTAMP });
    expect(signed).toEqual({ query: "", body: `${ALL_PARAMS}&signature=${SIG_ALL}`, signature: SIG_ALL });
  });

  it("example 1's printed signature is a docs error and is not reproduced", () => {
    // The docs print 323c96ab... for example 1, but examples 1 and 2 HMAC the identical string
    // with the same key, so they cannot differ; 323c96ab... matches no variant tried (docs/mexc/rest.md#the-docs-worked-examples-checked).
    expect(hmacSha256Hex(SECRET, ALL_PARAMS)).not.toBe(
      "323c96ab85a745712e95e63cad28903dd8292e4a905e99c4ee3932023843a117",
    );
  });

  it("example 3: query and body are signed joined with no '&', timing params end the body", () => {
    const signed = signRequest({
      secret: SECRET,
      query: { symbol: "BTCUSDT", side: "BUY", type: "LIMIT" },
      body: { quantity: 1, price: 11 },
      recvWindow: 5000,
      timestamp: TIMESTAMP,
    });
    expect(signed).toEqual({
      query: "symbol=BTCUSDT&side=BUY&type=LIMIT",
      body: `quantity=1&price=11&recvWindow=5000&timestamp=1644489390087&signature=${SIG_SPLIT}`,
      signature: SIG_SPLIT,
    });
  });
});

describe("hmacSha256Hex matches the verified vectors (docs/mexc/rest.md#the-docs-worked-examples-checked)", () => {
  it.each([
    [ALL_PARAMS, SIG_ALL],
    ["symbol=BTCUSDT&side=BUY&type=LIMITquantity=1&price=11&recvWindow=5000&timestamp=1644489390087", SIG_SPLIT],
    ["recvWindow=5000&timestamp=1644489390087", "1103ce19f47c037fc03b8b9d674e10ee76e53272851eb2a3b10321cd353fb9bf"],
    ["timestamp=1644489390087", "09b4b5a40aeec864d2caa60f2e6a740b61dc423d76c5615c00fd72681f52a094"],
    [
      "listenKey=pqia91ma19a5s61cv6a81va65sdf19v8a65a1a5s61cv6a81va65sdf19v8a65a1&timestamp=1644489390087",
      "42926b31ac527c30f62c2d5c0a96a7f6cee17e54e8b2a5ef25ebb570ac39cdec",
    ],
    [
      "symbol=BTCUSDT%2CMXUSDT&timestamp=1644489390087",
      "777a515516f93951fb689cfd0fa7629cb458fa7dc617170f88255b3a90ce6080",
    ],
  ])("%s", (message, expected) => {
    expect(hmacSha256Hex(SECRET, message)).toBe(expected);
  });

  it("signRequest builds the listen-key and comma vectors from raw values", () => {
    const listenKey = "pqia91ma19a5s61cv6a81va65sdf19v8a65a1a5s61cv6a81va65sdf19v8a65a1";
    expect(signRequest({ secret: SECRET, query: { listenKey }, timestamp: TIMESTAMP }).signature).toBe(
      "42926b31ac527c30f62c2d5c0a96a7f6cee17e54e8b2a5ef25ebb570ac39cdec",
    );
    const batch = signRequest({ secret: SECRET, query: { symbol: "BTCUSDT,MXUSDT" }, timestamp: TIMESTAMP });
    expect(batch.query).toBe(
      "symbol=BTCUSDT%2CMXUSDT&timestamp=1644489390087&signature=777a515516f93951fb689cfd0fa7629cb458fa7dc617170f88255b3a90ce6080",
    );
  });

  it("signs a request with no parameters as just the timestamp", () => {
    expect(signRequest({ secret: SECRET, timestamp: TIMESTAMP }).query).toBe(
      "timestamp=1644489390087&signature=09b4b5a40aeec864d2caa60f2e6a740b61dc423d76c5615c00fd72681f52a094",
    );
  });
});

describe("parameter encoding (docs/mexc/rest.md#signed-endpoints-hmac-sha256 practical client rule)", () => {
  it("encodes parentheses, which encodeURIComponent leaves raw and MEXC rejects", () => {
    expect(encodeParamValue("BEP20(BSC)")).toBe("BEP20%28BSC%29");
    expect(encodeParamValue("Arbitrum One(ARB)")).toBe("Arbitrum%20One%28ARB%29");
  });

  it("uses upper-case hex, %20 for space and encodes ! ' *", () => {
    expect(encodeParamValue("a,b")).toBe("a%2Cb");
    expect(encodeParamValue("a b")).toBe("a%20b");
    expect(encodeParamValue("!'*")).toBe("%21%27%2A");
    expect(encodeParamValue('[{"a":1}]')).toBe("%5B%7B%22a%22%3A1%7D%5D");
  });

  it("prints numbers, booleans and bigints plainly and refuses exponent notation", () => {
    expect(encodeParamValue(0.5)).toBe("0.5");
    expect(encodeParamValue(true)).toBe("true");
    expect(encodeParamValue(12345678901234567890n)).toBe("12345678901234567890");
    expect(() => encodeParamValue(1e-7)).toThrow(RangeError);
    expect(() => encodeParamValue(Number.NaN)).toThrow(RangeError);
  });

  it("keeps insertion order and skips undefined and null", () => {
    expect(toQueryString({ b: "2", a: undefined, c: null, d: "x y" })).toBe("b=2&d=x%20y");
    expect(
      toQueryString([
        ["z", 1],
        ["a", 2],
      ]),
    ).toBe("z=1&a=2");
    expect(toQueryString({})).toBe("");
  });

  it("refuses timing and signature params the caller should not set", () => {
    expect(() => signRequest({ secret: SECRET, query: { timestamp: 1 }, timestamp: TIMESTAMP })).toThrow(/timestamp/);
    expect(() => signRequest({ secret: SECRET, body: { signature: "x" }, timestamp: TIMESTAMP })).toThrow(/signature/);
    expect(() => signRequest({ secret: SECRET, timestamp: 1.5 })).toThrow(RangeError);
  });
});

describe("verifySignature (docs/mexc/rest.md#signed-endpoints-hmac-sha256 simulator rule)", () => {
  const signedQuery = `${ALL_PARAMS}&signature=${SIG_ALL}`;

  it("accepts the signature last in the query and returns the decoded params without it", () => {
    const result = verifySignature({ secret: SECRET, rawQuery: signedQuery, rawBody: "" });
    expect(result).toEqual({
      ok: true,
      params: new Map([
        ["symbol", "BTCUSDT"],
        ["side", "BUY"],
        ["type", "LIMIT"],
        ["quantity", "1"],
        ["price", "11"],
        ["recvWindow", "5000"],
        ["timestamp", "1644489390087"],
      ]),
    });
  });

  it.each([
    ["first", `signature=${SIG_ALL}&${ALL_PARAMS}`],
    [
      "before timestamp, as the official Python demo sends it",
      ALL_PARAMS.replace("&timestamp", `&signature=${SIG_ALL}&timestamp`),
    ],
    ["last, with a leading '?'", `?${signedQuery}`],
  ])("accepts the signature pair %s", (_where, rawQuery) => {
    expect(verifySignature({ secret: SECRET, rawQuery, rawBody: "" }).ok).toBe(true);
  });

  it("accepts the signature in the body, and query + body split as in example 3", () => {
    expect(verifySignature({ secret: SECRET, rawQuery: "", rawBody: signedQuery }).ok).toBe(true);
    const split = verifySignature({
      secret: SECRET,
      rawQuery: "symbol=BTCUSDT&side=BUY&type=LIMIT",
      rawBody: `quantity=1&price=11&recvWindow=5000&timestamp=1644489390087&signature=${SIG_SPLIT}`,
    });
    expect(split.ok && split.params.get("quantity")).toBe("1");
  });

  it("verifies what signRequest produces, including encoded values, and decodes them", () => {
    const signed = signRequest({
      secret: SECRET,
      query: { coin: "USDT", network: "BEP20(BSC)", memo: "a b,c" },
      timestamp: TIMESTAMP,
    });
    const result = verifySignature({ secret: SECRET, rawQuery: signed.query, rawBody: signed.body });
    expect(result.ok && result.params.get("network")).toBe("BEP20(BSC)");
    expect(result.ok && result.params.get("memo")).toBe("a b,c");
  });

  it("lets the query-string value win over the body for the same name (docs/mexc/rest.md#requests)", () => {
    const body = "symbol=ETHUSDT&timestamp=1644489390087";
    const query = "symbol=BTCUSDT";
    const signature = hmacSha256Hex(SECRET, query + body);
    const result = verifySignature({ secret: SECRET, rawQuery: query, rawBody: `${body}&signature=${signature}` });
    expect(result.ok && result.params.get("symbol")).toBe("BTCUSDT");
  });

  it("signs a JSON body as raw text and reads its members as params", () => {
    const rawBody = '{"symbol":"BTCUSDT","quantity":"1","price":11}';
    const query = "timestamp=1644489390087";
    const rawQuery = `${query}&signature=${hmacSha256Hex(SECRET, query + rawBody)}`;
    const result = verifySignature({ secret: SECRET, rawQuery, rawBody });
    expect(result.ok && Object.fromEntries(result.params)).toEqual({
      symbol: "BTCUSDT",
      quantity: "1",
      price: "11",
      timestamp: "1644489390087",
    });
  });

  it("rejects a tampered parameter", () => {
    const rawQuery = signedQuery.replace("quantity=1", "quantity=2");
    expect(verifySignature({ secret: SECRET, rawQuery, rawBody: "" })).toEqual({ ok: false, reason: "invalid" });
  });

  it("rejects a tampered signature and a signature made with another secret", () => {
    const tampered = signedQuery.replace(/.$/, (last) => (last === "a" ? "b" : "a"));
    expect(verifySignature({ secret: SECRET, rawQuery: tampered, rawBody: "" })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(verifySignature({ secret: "another-secret", rawQuery: signedQuery, rawBody: "" })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("rejects an upper-case hex signature (MEXC accepts lower case only)", () => {
    const rawQuery = `${ALL_PARAMS}&signature=${SIG_ALL.toUpperCase()}`;
    expect(verifySignature({ secret: SECRET, rawQuery, rawBody: "" })).toEqual({ ok: false, reason: "invalid" });
  });

  it("rejects two signature pairs even if one is right", () => {
    const rawQuery = `${signedQuery}&signature=${SIG_SPLIT}`;
    expect(verifySignature({ secret: SECRET, rawQuery, rawBody: "" })).toEqual({ ok: false, reason: "invalid" });
  });

  it("reports a missing or empty signature as missing", () => {
    expect(verifySignature({ secret: SECRET, rawQuery: ALL_PARAMS, rawBody: "" })).toEqual({
      ok: false,
      reason: "missing",
    });
    expect(verifySignature({ secret: SECRET, rawQuery: `${ALL_PARAMS}&signature=`, rawBody: "" })).toEqual({
      ok: false,
      reason: "missing",
    });
  });

  it("reports a correctly signed but undecodable request as malformed", () => {
    const query = "symbol=%ZZ&timestamp=1644489390087";
    const rawQuery = `${query}&signature=${hmacSha256Hex(SECRET, query)}`;
    expect(verifySignature({ secret: SECRET, rawQuery, rawBody: "" })).toEqual({ ok: false, reason: "malformed" });
  });
});
