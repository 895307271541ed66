import { describe, expect, it } from "vitest";
import { ERROR_CODES, errorCodeInfo, isOutage, refusesKey } from "./errorCodes.js";
import { MexcApiError } from "./errors.js";
import { kindOfError, parseMexcErrorBody } from "./mexcErrorBody.js";

/** The Akamai page ccxt/ccxt#15873 quotes (entities as it printed them), shortened. */
const AKAMAI_PAGE =
  '<HTML><HEAD>\n<TITLE>Access Denied</TITLE>\n</HEAD><BODY>\n<H1>Access Denied</H1>\n \nYou don\'t have permission to access "http&#58;&#47;&#47;www&#46;mexc&#46;com&#47;open&#47;api&#47;v2&#47;market&#47;coin&#47;list" on this server.<P>\nReference&#32;&#35;18&#46;1fcbdc17&#46;1669712345&#46;5b3c2d1\n</BODY>\n</HTML>';

describe("the error table's kind column: what an answer means beyond its request", () => {
  it("names every refusal of the key by what the user must fix", () => {
    expect(errorCodeInfo(700002)?.kind).toBe("bad_signature");
    expect(errorCodeInfo(700001)?.kind).toBe("invalid_key");
    expect(errorCodeInfo(10072)?.kind).toBe("invalid_key");
    expect(errorCodeInfo(700006)?.kind).toBe("ip_not_allowed");
    expect(errorCodeInfo(700007)?.kind).toBe("no_permission");
    expect(errorCodeInfo(730100)?.kind).toBe("account_restricted");
    for (const code of [700002, 700001, 10072, 700006, 700007, 730100])
      expect(refusesKey(errorCodeInfo(code)!.kind)).toBe(true);
  });

  it("marks the clock codes, so a client resyncs from the table instead of a list of its own", () => {
    expect(
      ERROR_CODES.filter((info) => info.kind === "clock")
        .map((info) => info.code)
        .sort(),
    ).toEqual([10073, 700003]);
  });

  it("defaults to request for business codes and server for MEXC's own failures", () => {
    expect(errorCodeInfo(10101)?.kind).toBe("request");
    expect(errorCodeInfo(-2013)?.kind).toBe("request");
    expect(errorCodeInfo(500)?.kind).toBe("server");
    expect(refusesKey("request")).toBe(false);
  });

  it("knows 11444 as maintenance, retryable even for a write (the request did not run)", () => {
    const error = parseMexcErrorBody(
      {
        code: 11444,
        msg: "This feature is temporarily unavailable. For details, please refer to our official announcement.",
      },
      400,
      { isWrite: true },
    );
    expect(error).toMatchObject({ mexcCode: 11444, kind: "maintenance", class: "retryable" });
    expect(isOutage(error.kind)).toBe(true);
  });
});

describe("MEXC's answers as they really come (docs/mexc/undocumented.md#requests-and-answers items 11.15, 11.23, docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.16, docs/mexc/undocumented.md#orders item 11.22)", () => {
  it("reads the maintenance body that says `message`, not `msg`, and classes it retryable maintenance", () => {
    const body = {
      code: 500,
      message: "Under maintenance, please try again later",
      announcement: "https://www.mexc.com/support/articles/17827791510263",
    };
    for (const status of [200, 503]) {
      const error = parseMexcErrorBody(body, status, { isWrite: false });
      expect(error).toMatchObject({ mexcCode: 500, kind: "maintenance", class: "retryable" });
      expect(error.mexcMessage).toBe("Under maintenance, please try again later");
    }
  });

  it("reads a bare HTTP 503 as maintenance, retryable for a read", () => {
    const error = parseMexcErrorBody("", 503, { isWrite: false });
    expect(error).toMatchObject({ mexcCode: undefined, kind: "maintenance", class: "retryable" });
  });

  it("understands the 90-day wallet error: code 400 with that message is a history window, not a missing key", () => {
    const error = parseMexcErrorBody({ msg: "The start time cannot be earlier than 90 days", code: 400 }, 400, {
      isWrite: false,
    });
    expect(error).toMatchObject({ mexcCode: 400, kind: "history_window", class: "not_retryable" });
    expect(error.message).toBe("MEXC error 400 (HTTP 400): The start time cannot be earlier than 90 days");
    // Code 400 with its table words is still the key's absence.
    expect(kindOfError({ code: 400, httpStatus: 401, message: "api key required" })).toBe("invalid_key");
  });

  it("reads 30018 in Chinese as an account that may not place orders, the table's words as a market-order refusal", () => {
    const chinese = parseMexcErrorBody({ msg: "账号暂时不能下单，请联系客服", code: 30018 }, 400, { isWrite: true });
    expect(chinese).toMatchObject({ mexcCode: 30018, kind: "account_restricted", class: "not_retryable" });
    expect(chinese.mexcMessage).toBe("账号暂时不能下单，请联系客服");
    expect(parseMexcErrorBody({ msg: "market order is disabled", code: 30018 }, 400, { isWrite: true }).kind).toBe(
      "request",
    );
  });

  it("reports an Akamai HTML 403 as blocked by MEXC's edge, with its reference, retryable", () => {
    const error = parseMexcErrorBody(AKAMAI_PAGE, 403, { isWrite: false });
    expect(error).toMatchObject({ mexcCode: undefined, kind: "blocked", class: "retryable" });
    expect(error.mexcMessage).toBe("blocked by MEXC's edge (HTML 403), reference 18.1fcbdc17.1669712345.5b3c2d1");
    expect(error.message).not.toContain("<");
  });

  it("keeps other HTML bodies out of the message, as before", () => {
    const error = parseMexcErrorBody("<html>banned</html>", 418, { isWrite: false });
    expect(error.message).toBe("MEXC HTTP 418 without an error code");
    expect(error.kind).toBe("rate_limit");
  });
});

describe("10007, a pair the key may not trade (docs/mexc/undocumented.md#fills-and-keys item 11.27)", () => {
  it("says it in words with the next step, and refuses the pair, not the key", () => {
    const info = errorCodeInfo(10007)!;
    expect(info.message).toBe("symbol not support api");
    expect(info.nextStep).toContain("not open to API trading for this key; check the key's pairs on MEXC");
    expect(refusesKey(info.kind)).toBe(false);
    const error = new MexcApiError({
      mexcCode: 10007,
      status: 400,
      class: "not_retryable",
      mexcMessage: "symbol not support api",
      method: "POST",
      path: "/api/v3/order?symbol=BTCUSDT&signature=abc",
    });
    expect(error.message).toBe(
      "MEXC error 10007 (HTTP 400) on POST /api/v3/order: symbol not support api (this pair is not open to API trading for this key; check the key's pairs on MEXC (GET /api/v3/selfSymbols lists them))",
    );
    // a code without a next step reads as before
    expect(new MexcApiError({ mexcCode: 30004, status: 400, class: "not_retryable", mexcMessage: "x" }).message).toBe(
      "MEXC error 30004 (HTTP 400): x",
    );
  });
});
