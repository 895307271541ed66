import { describe, expect, it } from "vitest";
import { ProtocolError } from "./errors.js";
import { DAY_MS } from "./timeUnits.js";
import {
  assetProblem,
  boundsProblem,
  checkDecimal,
  checkLink,
  clientIdProblem,
  decimalProblem,
  EARLIEST_TIME_MS,
  linkProblem,
  MAX_ASSET_CHARS,
  MAX_CLIENT_ID_CHARS,
  MAX_DECIMAL_DIGITS,
  MAX_SYMBOL_CHARS,
  MAX_URL_CHARS,
  MAX_WORD_CHARS,
  QUOTED_VALUE_CHARS,
  quoteValue,
  symbolProblem,
  timeProblem,
  wordProblem,
} from "./valueBounds.js";

const NOW = Date.UTC(2026, 10, 25);

describe("a decimal MEXC sends", () => {
  it("may have MAX_DECIMAL_DIGITS digits, both sides together, and not one more", () => {
    const atBound = `${"9".repeat(20)}.${"1".repeat(MAX_DECIMAL_DIGITS - 20)}`;
    expect(decimalProblem(atBound, "positive")).toBeUndefined();
    expect(decimalProblem(`-${atBound}`, "signed")).toBeUndefined();
    expect(decimalProblem(`${atBound}1`, "positive")).toBe(`more than ${MAX_DECIMAL_DIGITS} digits`);
    expect(decimalProblem("1".repeat(MAX_DECIMAL_DIGITS + 1), "signed")).toBe("more than 40 digits");
  });

  it("of a million digits is refused at once", () => {
    const huge = "1".repeat(1_000_000);
    const started = performance.now();
    expect(decimalProblem(huge, "positive")).toBe("more than 40 digits");
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("has the sign its field allows: a price is positive, a fee or a balance not negative", () => {
    expect(decimalProblem("-1.5", "positive")).toBe("negative");
    expect(decimalProblem("0", "positive")).toBe("zero");
    expect(decimalProblem("0.000", "positive")).toBe("zero");
    expect(decimalProblem("0.001", "positive")).toBeUndefined();
    expect(decimalProblem("-0.01", "nonNegative")).toBe("negative");
    expect(decimalProblem("0", "nonNegative")).toBeUndefined();
    expect(decimalProblem("-0", "nonNegative")).toBeUndefined();
    expect(decimalProblem("-0", "positive")).toBe("zero");
    expect(boundsProblem("-0", "positive")).toBe("zero");
    expect(boundsProblem("-0", "nonNegative")).toBeUndefined();
    expect(decimalProblem("-0.01", "signed")).toBeUndefined();
  });

  it("is a plain decimal first", () => {
    for (const bad of ["NaN", "1e5", "", "Infinity", " 1"]) expect(decimalProblem(bad, "signed")).toBe("not a decimal");
    expect(decimalProblem(undefined, "signed")).toBe("not a decimal");
  });

  it("refused names its field and quotes at most QUOTED_VALUE_CHARS characters", () => {
    const huge = "1".repeat(200_000);
    try {
      checkDecimal("balance.free", huge, "nonNegative");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ProtocolError);
      const { code, field, value, message } = error as ProtocolError;
      expect({ code, field }).toEqual({ code: "OUT_OF_BOUNDS", field: "balance.free" });
      expect(value!.length).toBeLessThanOrEqual(QUOTED_VALUE_CHARS);
      expect(message.length).toBeLessThan(120);
    }
    expect(() => checkDecimal("fill.fee", "NaN", "nonNegative")).toThrow(
      expect.objectContaining({ code: "BAD_DECIMAL", field: "fill.fee" }),
    );
    expect(quoteValue("x".repeat(40))).toHaveLength(QUOTED_VALUE_CHARS);
  });
});

describe("a time MEXC sends", () => {
  it("lies between 2010 and a day after it was received", () => {
    expect(timeProblem(EARLIEST_TIME_MS, NOW)).toBeUndefined();
    expect(timeProblem(EARLIEST_TIME_MS - 1, NOW)).toBe("before 2010, older than any MEXC history");
    expect(timeProblem(NOW + DAY_MS, NOW)).toBeUndefined();
    expect(timeProblem(Math.max(NOW, Date.now()) + DAY_MS + 60_000, NOW)).toBe("more than a day in the future");
  });

  it("of -1, 2^53-1, a fraction or NaN is refused", () => {
    expect(timeProblem(-1, NOW)).toBe("before 2010, older than any MEXC history");
    expect(timeProblem(0, NOW)).toBe("before 2010, older than any MEXC history");
    expect(timeProblem(2 ** 53 - 1, NOW)).toBe("more than a day in the future");
    expect(timeProblem(2 ** 53, NOW)).toBe("not a whole number of milliseconds");
    expect(timeProblem(NOW + 0.5, NOW)).toBe("not a whole number of milliseconds");
    expect(timeProblem(Number.NaN, NOW)).toBe("not a whole number of milliseconds");
  });

  it("received long ago (a replay, a test's receipt time) is judged by this machine's clock too", () => {
    expect(timeProblem(NOW, EARLIEST_TIME_MS)).toBeUndefined();
  });
});

describe("an asset and a symbol", () => {
  it("are upper-case letters and digits, as MEXC names them", () => {
    for (const asset of ["USDT", "1INCH", "AZERO3S", "NBNTEST", "A".repeat(MAX_ASSET_CHARS)]) {
      expect(assetProblem(asset), asset).toBeUndefined();
    }
    expect(assetProblem("A".repeat(MAX_ASSET_CHARS + 1))).toBe(`longer than ${MAX_ASSET_CHARS} characters`);
    for (const bad of ["__proto__", "constructor", "=cmd|' /C calc'!A0", "+SUM(A1)", "usdt", "", "BT C", "BTC\n"]) {
      expect(assetProblem(bad), bad).toBeDefined();
    }
  });

  it("a symbol is one or two such names", () => {
    for (const symbol of ["BTCUSDT", "BTC_USDT", "AZERO3SUSDT", "A".repeat(MAX_SYMBOL_CHARS)]) {
      expect(symbolProblem(symbol), symbol).toBeUndefined();
    }
    expect(symbolProblem("A".repeat(MAX_SYMBOL_CHARS + 1))).toBe(`longer than ${MAX_SYMBOL_CHARS} characters`);
    for (const bad of ["__proto__", "=HYPERLINK(1)", "BTC/USDT", "_BTC", "btcusdt", ""]) {
      expect(symbolProblem(bad), bad).toBeDefined();
    }
  });
});

describe("a word, a link and a client's id MEXC sends", () => {
  it("a word (cancelReason) has letters, digits and _, at most MAX_WORD_CHARS", () => {
    expect(wordProblem("stp_cancel")).toBeUndefined();
    expect(wordProblem("w".repeat(MAX_WORD_CHARS))).toBeUndefined();
    expect(wordProblem("w".repeat(MAX_WORD_CHARS + 1))).toBe(`longer than ${MAX_WORD_CHARS} characters`);
    expect(wordProblem("__proto__")).toBe("not letters, digits and _");
    expect(wordProblem("<b>")).toBe("not letters, digits and _");
    expect(wordProblem("")).toBe("empty");
  });

  it("a link (explorerUrl) is http(s) to a plain host, at most MAX_URL_CHARS; javascript: and data: are not", () => {
    expect(linkProblem("https://etherscan.io/tx/0xabc")).toBeUndefined();
    expect(linkProblem("http://tronscan.org/#/transaction/7f3a")).toBeUndefined();
    const atBound = `https://x.io/${"a".repeat(MAX_URL_CHARS - "https://x.io/".length)}`;
    expect(linkProblem(atBound)).toBeUndefined();
    expect(linkProblem(`${atBound}a`)).toBe(`longer than ${MAX_URL_CHARS} characters`);
    for (const bad of [
      "javascript:alert(1)",
      "data:text/html,x",
      "https://user@evil.io/",
      "https://a.io/x y",
      "//a.io",
    ])
      expect(linkProblem(bad), bad).toBe("not an http(s) address");
    expect(() => checkLink("withdrawal.explorerUrl", "javascript:alert(1)")).toThrow(
      expect.objectContaining({ code: "OUT_OF_BOUNDS", field: "withdrawal.explorerUrl" }),
    );
  });

  it("a client's id (withdrawOrderId) is printable ASCII without spaces, at most MAX_CLIENT_ID_CHARS", () => {
    expect(clientIdProblem("client-withdraw-123")).toBeUndefined();
    expect(clientIdProblem("i".repeat(MAX_CLIENT_ID_CHARS))).toBeUndefined();
    expect(clientIdProblem("i".repeat(MAX_CLIENT_ID_CHARS + 1))).toBe(`longer than ${MAX_CLIENT_ID_CHARS} characters`);
    expect(clientIdProblem("a b")).toBe("not printable characters without spaces");
  });
});
