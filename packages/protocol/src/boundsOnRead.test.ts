/**
 * The aggregated streams' reader holds its events to the value bounds as it reads them
 * (aggreBodies.ts) and decodeEvent skips eventBounds.ts for an event it found in bounds: at each
 * bound, the frame is refused or decoded exactly as toEvent + checkEventBounds would, and the
 * reader still reads it itself (the frame is not left to the generated decoder).
 */
import { describe, expect, it } from "vitest";
import { FRAME_FIXTURES } from "../test/fixtures/index.js";
import { expectSame, LOCAL, readByOurs } from "../test/sameEvent.js";
import { encodePush } from "./codec.js";
import { DAY_MS } from "./timeUnits.js";
import { EARLIEST_TIME_MS, MAX_DECIMAL_DIGITS } from "./valueBounds.js";
import type { PushWrapper } from "./wire.js";

type Aggre = "publicAggreDepths" | "publicAggreDeals" | "publicAggreBookTicker";

function frame(name: Aggre, body: Record<string, unknown>, wrapper: Record<string, unknown> = {}): Uint8Array {
  const fixture = structuredClone(FRAME_FIXTURES[name]) as unknown as Record<string, unknown>;
  fixture[name] = { ...(fixture[name] as object), ...body };
  const bytes = encodePush({ ...fixture, ...wrapper } as unknown as PushWrapper);
  expect(readByOurs(bytes)).toBe(true);
  return bytes;
}

/** The field a refusal names, or "decoded". */
function verdict(bytes: Uint8Array): string {
  const outcome = expectSame(bytes);
  return "error" in outcome ? `${outcome.error.code} ${outcome.error.field}` : "decoded";
}

const level = (price: string, quantity: string) => ({ bids: [{ price, quantity }] });
const deal = (fields: Record<string, unknown>) => {
  const first = (FRAME_FIXTURES.publicAggreDeals as unknown as { publicAggreDeals: { deals: object[] } })
    .publicAggreDeals.deals[0];
  return { deals: [{ ...first, ...fields }] };
};
/** 40 digits in 41 bytes: past what the reader judges on the bytes, so eventBounds judges it. */
const forty = `1${"0".repeat(MAX_DECIMAL_DIGITS - 3)}.25`;
const fortyOne = `1${"0".repeat(MAX_DECIMAL_DIGITS - 2)}.25`;
/** The latest time the reader's 7-byte varints hold (2^49 - 1 ms, the year 19,800). */
const FAR_FUTURE = 2 ** 49 - 1;

describe("a depth level at its bounds", () => {
  it.each([
    ["price 40 digits", level(forty, "1"), "decoded"],
    ["price 41 digits", level(fortyOne, "1"), "OUT_OF_BOUNDS depthDiff.bids.price"],
    ["price 40 bytes", level("9".repeat(MAX_DECIMAL_DIGITS), "1"), "decoded"],
    ["price 0", level("0", "1"), "OUT_OF_BOUNDS depthDiff.bids.price"],
    ["price 0.000", level("0.000", "1"), "OUT_OF_BOUNDS depthDiff.bids.price"],
    ["price 0.001", level("0.001", "1"), "decoded"],
    ["price -0", level("-0", "1"), "OUT_OF_BOUNDS depthDiff.bids.price"],
    ["quantity 0", level("1", "0"), "decoded"],
    ["quantity -0", level("1", "-0"), "decoded"],
    ["quantity -0.5", level("1", "-0.5"), "OUT_OF_BOUNDS depthDiff.bids.quantity"],
  ])("%s", (_, body, expected) => {
    expect(verdict(frame("publicAggreDepths", body))).toBe(expected);
  });
});

describe("a trade at its bounds", () => {
  it.each([
    ["price 0", deal({ price: "0" }), "OUT_OF_BOUNDS trade.price"],
    ["quantity 0.0", deal({ quantity: "0.0" }), "OUT_OF_BOUNDS trade.quantity"],
    ["quantity -2", deal({ quantity: "-2" }), "OUT_OF_BOUNDS trade.quantity"],
    ["time 2010-01-01", deal({ time: EARLIEST_TIME_MS }), "decoded"],
    ["time a ms before 2010", deal({ time: EARLIEST_TIME_MS - 1 }), "OUT_OF_BOUNDS trade.time"],
    ["time a day past receipt", deal({ time: LOCAL + DAY_MS }), "decoded"],
    // Past the receipt by more than a day but not past this machine's clock: judged by the clock.
    ["time a day and a ms past receipt", deal({ time: LOCAL + DAY_MS + 1 }), "decoded"],
    ["time in the year 19,800", deal({ time: FAR_FUTURE }), "OUT_OF_BOUNDS trade.time"],
  ])("%s", (_, body, expected) => {
    expect(verdict(frame("publicAggreDeals", body))).toBe(expected);
  });
});

describe("a book ticker and a frame's wrapper at their bounds", () => {
  it.each([
    ["an empty side", { bidPrice: "0", bidQuantity: "0" }, {}, "decoded"],
    ["a negative ask", { askPrice: "-1" }, {}, "OUT_OF_BOUNDS bookTicker.askPrice"],
    ["an ask of 41 digits", { askQuantity: fortyOne }, {}, "OUT_OF_BOUNDS bookTicker.askQuantity"],
    ["a symbol that is no pair's name", {}, { symbol: "btc-usdt" }, "OUT_OF_BOUNDS bookTicker.symbol"],
    ["sent a ms before 2010", {}, { sendTime: EARLIEST_TIME_MS - 1 }, "OUT_OF_BOUNDS bookTicker.timestamp"],
    ["sent in 2010", {}, { sendTime: EARLIEST_TIME_MS }, "decoded"],
  ])("%s", (_, body, wrapper, expected) => {
    expect(verdict(frame("publicAggreBookTicker", body, wrapper))).toBe(expected);
  });

  it("a bad symbol after a good one, and a good one after a bad one (the last good symbol is remembered)", () => {
    expect(verdict(frame("publicAggreDepths", {}, { symbol: "BTCUSDT" }))).toBe("decoded");
    expect(verdict(frame("publicAggreDepths", {}, { symbol: "__proto__" }))).toBe("OUT_OF_BOUNDS depthDiff.symbol");
    expect(verdict(frame("publicAggreDepths", {}, { symbol: "BTCUSDT" }))).toBe("decoded");
  });
});
