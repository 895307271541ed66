import { describe, expect, it } from "vitest";
import { ERROR_CODES, errorCodeInfo } from "./errorCodes.js";
import { isMexcApiError, MexcApiError } from "./errors.js";
import { classifyError, isErrorBody, parseMexcErrorBody, parseRetryAfter } from "./mexcErrorBody.js";

describe("error code table (docs/mexc/errors.md#the-error-codes)", () => {
  it("holds the official codes and the observed extras, each once", () => {
    const codes = ERROR_CODES.map((info) => info.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of [-2011, 26, 429, 602, 10098, 10101, 30014, 700001, 700002, 700003, 700004, 700005, 700008]) {
      expect(errorCodeInfo(code)?.source).toBe("table");
    }
    for (const code of [-2013, -1121, -1128, 730708, 700013]) expect(errorCodeInfo(code)?.source).toBe("observed");
    expect(errorCodeInfo(123456)).toBeUndefined();
  });

  it("gives the simulator's status per docs/mexc/errors.md: 400 signature/timestamp/param, 401 key, 403 permission", () => {
    expect(errorCodeInfo(700002)?.httpStatus).toBe(400);
    expect(errorCodeInfo(700003)?.httpStatus).toBe(400);
    expect(errorCodeInfo(700004)?.httpStatus).toBe(400);
    expect(errorCodeInfo(700001)?.httpStatus).toBe(401);
    expect(errorCodeInfo(700007)?.httpStatus).toBe(403);
    expect(errorCodeInfo(429)?.httpStatus).toBe(429);
    expect(ERROR_CODES.some((info) => info.httpStatus === 404)).toBe(false);
  });
});

describe("classifyError", () => {
  it("a 5XX on a write has an unknown outcome, on a read it is retryable (docs/mexc/errors.md)", () => {
    expect(classifyError({ code: 500, httpStatus: 500, isWrite: true })).toBe("unknown_outcome");
    expect(classifyError({ httpStatus: 504, isWrite: true })).toBe("unknown_outcome");
    expect(classifyError({ code: 500, httpStatus: 500, isWrite: false })).toBe("retryable");
    expect(classifyError({ httpStatus: 503, isWrite: false })).toBe("retryable");
  });

  it("a server-error code outside a 5XX still follows write vs read", () => {
    expect(classifyError({ code: 20002, httpStatus: 200, isWrite: true })).toBe("unknown_outcome");
    expect(classifyError({ code: 20002, httpStatus: 200, isWrite: false })).toBe("retryable");
  });

  it("429 and 418 are retryable whatever the code and method", () => {
    expect(classifyError({ code: 429, httpStatus: 429, isWrite: true })).toBe("retryable");
    expect(classifyError({ httpStatus: 418, isWrite: true })).toBe("retryable");
  });

  it("signature, timestamp, parameter, balance, symbol and risk-control codes are not retryable", () => {
    for (const code of [700002, 700003, 700004, 33333, 10101, 30014, -1121, 10098, -2013, 730708]) {
      expect(classifyError({ code, httpStatus: 400, isWrite: true })).toBe("not_retryable");
    }
  });

  it("a 403 with a known permission code is not retryable; a bare 403 is the WAF limit, retryable", () => {
    expect(classifyError({ code: 700007, httpStatus: 403, isWrite: false })).toBe("not_retryable");
    expect(classifyError({ httpStatus: 403, isWrite: false })).toBe("retryable");
  });

  it("an unknown code on a 4XX is not retryable", () => {
    expect(classifyError({ code: 987654, httpStatus: 400, isWrite: false })).toBe("not_retryable");
  });
});

describe("parseMexcErrorBody", () => {
  it("reads code, msg and _extend as MEXC sends them", () => {
    const error = parseMexcErrorBody({ msg: "Order does not exist.", code: -2013, _extend: null }, 400, {
      isWrite: false,
    });
    expect(error).toBeInstanceOf(MexcApiError);
    expect(isMexcApiError(error)).toBe(true);
    expect(error).toMatchObject({ mexcCode: -2013, status: 400, class: "not_retryable" });
    expect(error.message).toBe("MEXC error -2013 (HTTP 400): Order does not exist.");
  });

  it("names the endpoint by method and path, and drops a query string (it holds the signature)", () => {
    const error = parseMexcErrorBody({ msg: "Order does not exist.", code: -2013 }, 400, {
      isWrite: false,
      method: "GET",
      path: "/api/v3/order?symbol=BTCUSDT&timestamp=1&signature=abcdef0123456789abcdef0123456789",
    });
    expect(error).toMatchObject({ code: "MEXC_ERROR", method: "GET", path: "/api/v3/order" });
    expect(error.message).toBe("MEXC error -2013 (HTTP 400) on GET /api/v3/order: Order does not exist.");
  });

  it("accepts the code as a numeric string, as PUT userDataStream sends 730708 (docs/mexc/rest.md#listen-keys)", () => {
    const error = parseMexcErrorBody('{"code":"730708","msg":"listen key information error"}', 400, { isWrite: true });
    expect(error.mexcCode).toBe(730708);
    expect(error.class).toBe("not_retryable");
  });

  it("falls back to the table's message when msg is missing", () => {
    expect(parseMexcErrorBody({ code: 700002 }, 400, { isWrite: false }).message).toBe(
      "MEXC error 700002 (HTTP 400): Signature for this request is not valid.",
    );
  });

  it("turns Retry-After seconds into retryAfterMs on a 429", () => {
    const error = parseMexcErrorBody({ code: 429, msg: "Too Many Requests" }, 429, {
      isWrite: true,
      retryAfterHeader: "120",
    });
    expect(error).toMatchObject({ class: "retryable", retryAfterMs: 120_000 });
  });

  it("reads a ban's Retry-After on a 418 whose body is not MEXC JSON, keeping none of that body", () => {
    const error = parseMexcErrorBody("<html>banned</html>", 418, { isWrite: false, retryAfterHeader: "7200" });
    expect(error).toMatchObject({ mexcCode: undefined, class: "retryable", retryAfterMs: 7_200_000 });
    expect(error.message).toBe("MEXC HTTP 418 without an error code");
  });

  it("gives an unknown code with no msg a bare message and classifies it by status", () => {
    const error = parseMexcErrorBody({ code: 999999 }, 400, { isWrite: false });
    expect(error.message).toBe("MEXC error 999999 (HTTP 400)");
    expect(error.class).toBe("not_retryable");
  });

  it("redacts key-like runs in MEXC's msg so listen keys never reach logs", () => {
    const listenKey = "1955374b3a1e64a47fe177678229d1238539a746d4a62ea9475cc4a394230425";
    const error = parseMexcErrorBody({ code: 730708, msg: `listen key ${listenKey} information error` }, 400, {
      isWrite: true,
    });
    expect(error.message).not.toContain(listenKey);
    expect(error.message).toBe("MEXC error 730708 (HTTP 400): listen key [redacted] information error");
  });
});

describe("isErrorBody (docs/mexc/undocumented.md#requests-and-answers item 11.2: an error in a 200 body is an error)", () => {
  it("sees a code that is not a success code, as a number or a string, as an error", () => {
    expect(isErrorBody({ code: "730708", msg: "listen key information error" })).toBe(true);
    expect(isErrorBody({ code: 700013, msg: "Invalid content Type." })).toBe(true);
    expect(isErrorBody({ code: -2013, msg: "Order does not exist.", _extend: null })).toBe(true);
    expect(isErrorBody({ code: null })).toBe(true);
  });

  it('passes bare answers and success envelopes (0, "0", 200, "200")', () => {
    expect(isErrorBody({})).toBe(false);
    expect(isErrorBody({ listenKey: "k" })).toBe(false);
    expect(isErrorBody([{ code: 1 }])).toBe(false);
    expect(isErrorBody({ code: 200, data: ["MXUSDT"], msg: null })).toBe(false);
    expect(isErrorBody({ data: {}, code: 0, msg: "success", timestamp: 1 })).toBe(false);
    expect(isErrorBody({ code: "0" })).toBe(false);
    expect(isErrorBody({ code: "200" })).toBe(false);
    expect(isErrorBody(null)).toBe(false);
  });

  it("classes the two codes real MEXC sends that our simulator did not: 700013 and 730708, not retryable", () => {
    expect(parseMexcErrorBody({ code: 700013, msg: "Invalid content Type." }, 400, { isWrite: true }).class).toBe(
      "not_retryable",
    );
    expect(parseMexcErrorBody({ code: "730708", msg: "x" }, 200, { isWrite: false })).toMatchObject({
      mexcCode: 730708,
      status: 200,
      class: "not_retryable",
    });
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and ignores what is not seconds", () => {
    expect(parseRetryAfter("2")).toBe(2000);
    expect(parseRetryAfter(" 1.5 ")).toBe(1500);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).toBeUndefined();
    expect(parseRetryAfter("-3")).toBeUndefined();
  });
});
