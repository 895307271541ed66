/**
 * What MEXC, or anything posing as it, sends outside a field's bounds never becomes an event: the
 * frame is refused with OUT_OF_BOUNDS (or BAD_DECIMAL) naming the field, by decodeEvent's reader
 * and by toEvent alike, and the frame's good twin still decodes.
 */
import { describe, expect, it } from "vitest";
import { FRAME_FIXTURES } from "../test/fixtures/index.js";
import { expectSame } from "../test/sameEvent.js";
import { encodePush } from "./codec.js";
import type { PushWrapper } from "./wire.js";

type Frame = Record<string, unknown> & { [body: string]: unknown };

/** A fixture frame with its body's fields (and the wrapper's) patched. */
function patched(name: keyof typeof FRAME_FIXTURES, body: Record<string, unknown>, wrapper: Frame = {}): Uint8Array {
  const frame = structuredClone(FRAME_FIXTURES[name]) as unknown as Frame;
  frame[name] = { ...(frame[name] as object), ...body };
  return encodePush({ ...frame, ...wrapper } as unknown as PushWrapper);
}

function refusal(bytes: Uint8Array) {
  const outcome = expectSame(bytes);
  if (!("error" in outcome)) throw new Error(`decoded: ${JSON.stringify(outcome.event).slice(0, 200)}`);
  return outcome.error;
}

const MILLION_DIGITS = "1".repeat(1_000_000);

describe("a private push outside its bounds is refused, naming the field", () => {
  it.each([
    ["a negative price", { price: "-3.6962" }, "fill.price", "negative"],
    ["a zero quantity", { quantity: "0" }, "fill.quantity", "zero"],
    ["a negative fee", { feeAmount: "-0.0004" }, "fill.fee", "negative"],
    ["a price of a million digits", { price: MILLION_DIGITS }, "fill.price", "more than 40 digits"],
    ["a formula-shaped fee asset", { feeCurrency: "=cmd|' /C calc'!A0" }, "fill.feeCurrency", "not upper-case"],
    ["a time of -1", { time: -1 }, "fill.timestamp", "before 2010"],
    ["a time of 2^53-1", { time: 2 ** 53 - 1 }, "fill.timestamp", "in the future"],
  ])("a fill with %s", (_, body, field, reason) => {
    const error = refusal(patched("privateDeals", body));
    expect(error.field).toBe(field);
    expect(error.message).toContain(reason);
    expect(error.message.length).toBeLessThan(160);
  });

  it("a fill on a symbol that is no pair's name", () => {
    expect(refusal(patched("privateDeals", {}, { symbol: "__proto__" })).field).toBe("fill.symbol");
  });

  it.each([
    ["an asset named __proto__", { vcoinName: "__proto__" }, "balance.asset"],
    ["a formula-shaped asset", { vcoinName: "+SUM(A1:A9)" }, "balance.asset"],
    ["a balance of 200,000 digits", { balanceAmount: "9".repeat(200_000) }, "balance.free"],
    ["a negative balance", { frozenAmount: "-1" }, "balance.locked"],
  ])("a balance with %s", (_, body, field) => {
    expect(refusal(patched("privateAccount", body))).toMatchObject({ code: "OUT_OF_BOUNDS", field });
  });

  it("a balance change may be negative", () => {
    expect(expectSame(patched("privateAccount", { balanceAmountChange: "-10" }))).toHaveProperty("event");
  });
});

describe("a public frame outside its bounds is refused, naming the field", () => {
  it("a depth level priced with a million digits, or negative", () => {
    const huge = patched("publicAggreDepths", { bids: [{ price: MILLION_DIGITS, quantity: "1" }] });
    expect(refusal(huge)).toMatchObject({ code: "OUT_OF_BOUNDS", field: "depthDiff.bids.price" });
    const negative = patched("publicAggreDepths", { asks: [{ price: "-1", quantity: "1" }] });
    expect(refusal(negative)).toMatchObject({ field: "depthDiff.asks.price" });
  });

  it("a depth level of quantity 0 is a removal, and stays", () => {
    expect(expectSame(patched("publicAggreDepths", { asks: [{ price: "1", quantity: "0" }] }))).toHaveProperty("event");
  });

  it("a trade of quantity 0 or at time -1", () => {
    const deal = (FRAME_FIXTURES.publicAggreDeals as unknown as { publicAggreDeals: { deals: object[] } })
      .publicAggreDeals.deals[0];
    expect(refusal(patched("publicAggreDeals", { deals: [{ ...deal, quantity: "0" }] })).field).toBe("trade.quantity");
    expect(refusal(patched("publicAggreDeals", { deals: [{ ...deal, time: -1 }] })).field).toBe("trade.time");
  });

  it("a frame sent at 2^53-1", () => {
    expect(refusal(patched("publicAggreBookTicker", {}, { sendTime: 2 ** 53 - 1 })).field).toBe("bookTicker.timestamp");
  });

  it("a candle opening at 0, or closing at a price that is no number", () => {
    expect(refusal(patched("publicSpotKline", { windowStart: 0 })).field).toBe("kline.openTime");
    expect(refusal(patched("publicSpotKline", { closingPrice: "NaN" })).code).toBe("BAD_DECIMAL");
  });

  it("every fixture frame, as MEXC sends it, still decodes", () => {
    for (const [name, frame] of Object.entries(FRAME_FIXTURES)) {
      expect(expectSame(encodePush(frame)), name).toHaveProperty("event");
    }
  });
});
