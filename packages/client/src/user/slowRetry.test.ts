/**
 * Which MEXC answers halt the user stream, and how slowly it asks again: a refused key and an
 * edge's HTML 403 as `refused`, MEXC's maintenance in both body forms and a bare HTTP 503 as
 * `maintenance`; anything else is left to the usual back-off. The answers are parsed as MEXC sends
 * them (protocol's parseMexcErrorBody), so the table's `kind` column decides, nothing here.
 */
import { parseMexcErrorBody } from "@mexc-live/protocol/rest";
import { describe, expect, it } from "vitest";
import { DEFAULT_SLOW_RETRY, haltStateOf, slowRetryDelay } from "./slowRetry.js";

const read = { isWrite: false };
/** ccxt/ccxt#15873: an Akamai page in front of MEXC, not a MEXC answer. */
const EDGE_PAGE =
  "<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY><H1>Access Denied</H1>\nReference&#32;&#35;18&#46;1fcbdc17&#46;1669712345&#46;5b3c2d1\n</BODY></HTML>";

describe("what halts the user stream", () => {
  it("a key MEXC refuses (700002: wrong secret, expired or deleted key) is refused", () => {
    const halt = haltStateOf(
      parseMexcErrorBody({ code: 700002, msg: "Signature for this request is not valid." }, 400, read),
    );
    expect(halt).toMatchObject({ state: "refused", error: { mexcCode: 700002, kind: "bad_signature" } });
  });

  it("an HTML 403 from MEXC's edge is refused too: asked again slowly, never hammered", () => {
    const halt = haltStateOf(parseMexcErrorBody(EDGE_PAGE, 403, read));
    expect(halt?.state).toBe("refused");
    expect(halt?.error.mexcMessage).toContain("blocked by MEXC's edge (HTML 403)");
  });

  it("11444, the `message` body and a bare HTTP 503 are maintenance", () => {
    const answers = [
      parseMexcErrorBody({ code: 11444, msg: "This feature is temporarily unavailable." }, 400, read),
      parseMexcErrorBody({ code: 500, message: "Under maintenance, please try again later" }, 503, read),
      parseMexcErrorBody("", 503, read),
    ];
    expect(answers.map((error) => haltStateOf(error)?.state)).toEqual(["maintenance", "maintenance", "maintenance"]);
  });

  it("a clock error, a rate limit or one bad request is not a halt", () => {
    const answers = [
      parseMexcErrorBody({ code: 700003, msg: "Timestamp for this request is outside of the recvWindow." }, 400, read),
      parseMexcErrorBody({ code: 429, msg: "Too many requests" }, 429, read),
      parseMexcErrorBody({ code: -2013, msg: "Order does not exist." }, 400, read),
      new Error("socket hang up"),
    ];
    expect(answers.map((error) => haltStateOf(error))).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe("how slowly", () => {
  it("a refused key is asked about every 30-60 s; maintenance from 15-30 s, doubling up to 2.5-5 min", () => {
    for (let attempt = 0; attempt < 10; attempt++) {
      const refused = slowRetryDelay(DEFAULT_SLOW_RETRY, "refused", attempt);
      expect(refused).toBeGreaterThanOrEqual(30_000);
      expect(refused).toBeLessThanOrEqual(60_000);
    }
    const first = slowRetryDelay(DEFAULT_SLOW_RETRY, "maintenance", 0);
    expect(first).toBeGreaterThanOrEqual(15_000);
    expect(first).toBeLessThanOrEqual(30_000);
    const late = slowRetryDelay(DEFAULT_SLOW_RETRY, "maintenance", 20);
    expect(late).toBeGreaterThanOrEqual(150_000);
    expect(late).toBeLessThanOrEqual(300_000);
  });
});
