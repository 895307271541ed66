import { describe, expect, it } from "vitest";
import { DEFAULT_PAGE_LIMIT } from "../http.js";
import { answerShape, READ_SCHEMAS } from "./params.js";
import { READS, type ReadRow } from "./reads.js";

describe("the check of an answer with no check of its own: its shape by its row", () => {
  it("a list (holding times): any list of objects, not an object nor a list of text", () => {
    const check = READ_SCHEMAS.holdingTimes.answer;
    expect(check.safeParse([{ symbol: "BTCUSDT", trips: 2 }]).success).toBe(true);
    expect(check.safeParse([]).success).toBe(true);
    expect(check.safeParse({ items: [] }).success).toBe(false);
    expect(check.safeParse(["BTCUSDT"]).success).toBe(false);
  });

  it("a page merged newest first: its cursor and total, and in each item the fields it is merged by", () => {
    const row: ReadRow = { ...READS.journalTrips, newestFirst: ["closeTime", "id"] };
    const check = answerShape(row);
    const page = (items: unknown[]) => ({ items, nextCursor: null, total: items.length });
    expect(check.safeParse(page([{ closeTime: 5, id: "a", more: true }])).success).toBe(true);
    expect(check.safeParse(page([{ closeTime: 5 }])).success).toBe(false);
    expect(check.safeParse({ items: [] }).success).toBe(false);
  });

  it("an object's answer: an object, not a list", () => {
    const check = answerShape({ ...READS.fees });
    expect(check.safeParse({ quote: "USDT" }).success).toBe(true);
    expect(check.safeParse([]).success).toBe(false);
  });
});

describe("the parameters of a row by their kinds", () => {
  it("holding times takes the journal's days, its zone and a pair; a date alone kept for the zone's midnight", () => {
    const http = READ_SCHEMAS.holdingTimes.http;
    expect(http.parse({ from: "2026-01-31", to: "1770000000000", tz: "europe/berlin", symbol: "btcusdt" })).toEqual({
      from: "2026-01-31",
      to: 1_770_000_000_000,
      tz: "Europe/Berlin",
      symbol: "BTCUSDT",
    });
    expect(() => http.parse({ method: "fifo" })).toThrow(/method/);
  });

  it("a list takes its page: limit (with its default) and cursor", () => {
    expect(READ_SCHEMAS.fills.http.parse({ symbol: "ethusdt" })).toEqual({
      symbol: "ETHUSDT",
      limit: DEFAULT_PAGE_LIMIT,
    });
    expect(READ_SCHEMAS.fills.wire.parse({ limit: 10, cursor: "abc" })).toEqual({ limit: 10, cursor: "abc" });
  });
});
