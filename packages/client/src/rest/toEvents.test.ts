/**
 * REST answers are held to the bounds the stream's events are (protocol's valueBounds.ts): an
 * answer's fill or order with a value outside them is a ProtocolError naming the field, never an
 * event; reconciliation skips it (reconcile.ts) and keeps the rest.
 */
import { MAX_WORD_CHARS } from "@mexc-live/protocol";
import type { RestOrder, RestTrade } from "@mexc-live/protocol/rest";
import { describe, expect, it } from "vitest";
import { fillFromRest, orderFromRest, restTime } from "./toEvents.js";

const NOW = Date.now();
const TRADE: RestTrade = {
  symbol: "MXUSDT",
  id: "505979017439002624X1",
  orderId: "C02__505979017439002624115",
  price: "3.6962",
  qty: "1",
  quoteQty: "3.6962",
  commission: "0.0004",
  commissionAsset: "MX",
  time: NOW - 60_000,
  isBuyer: true,
  isMaker: false,
  clientOrderId: null,
};
const ORDER: RestOrder = {
  symbol: "MXUSDT",
  orderId: "C02__505979017439002624115",
  clientOrderId: null,
  price: "3.6962",
  origQty: "1",
  executedQty: "1",
  cummulativeQuoteQty: "3.6962",
  status: "FILLED",
  type: "LIMIT",
  side: "BUY",
  time: NOW - 60_000,
  updateTime: NOW - 50_000,
};

describe("a REST fill", () => {
  it("as MEXC sends it is an event", () => {
    expect(fillFromRest(TRADE, NOW)).toMatchObject({ type: "fill", price: "3.6962", fee: "0.0004" });
  });

  it.each([
    ["a negative price", { price: "-3.6962" }, "fill.price"],
    ["a zero quantity", { qty: "0" }, "fill.quantity"],
    ["a negative fee", { commission: "-0.0004" }, "fill.fee"],
    ["a price of a million digits", { price: "7".repeat(1_000_000) }, "fill.price"],
    ["a fee asset named __proto__", { commissionAsset: "__proto__" }, "fill.feeCurrency"],
    ["a symbol shaped like a formula", { symbol: "=HYPERLINK(1)" }, "fill.symbol"],
    ["a time of -1", { time: -1 }, "myTrades.time"],
    ["a time of 2^53-1", { time: 2 ** 53 - 1 }, "myTrades.time"],
  ])("with %s is refused, naming the field", (_, patch, field) => {
    expect(() => fillFromRest({ ...TRADE, ...patch } as RestTrade, NOW)).toThrow(expect.objectContaining({ field }));
  });
});

describe("a REST order", () => {
  it("of a million-digit quantity is refused before any arithmetic, at once", () => {
    const started = performance.now();
    expect(() => orderFromRest({ ...ORDER, origQty: "9".repeat(1_000_000) }, NOW)).toThrow(
      expect.objectContaining({ code: "OUT_OF_BOUNDS", field: "order.origQty" }),
    );
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("carries MEXC's cancelReason: stp_cancel for an order self-trade prevention canceled; none when empty", () => {
    const canceled = { ...ORDER, status: "CANCELED", executedQty: "0", cummulativeQuoteQty: "0" };
    expect(orderFromRest({ ...canceled, stpMode: "cancel_maker", cancelReason: "stp_cancel" }, NOW)).toMatchObject({
      status: "CANCELED",
      cancelReason: "stp_cancel",
    });
    expect(orderFromRest({ ...canceled, cancelReason: "" }, NOW).cancelReason).toBeUndefined();
    expect(orderFromRest(canceled, NOW).cancelReason).toBeUndefined();
  });

  it("with a cancelReason longer than MAX_WORD_CHARS, or not a word, is refused naming the field", () => {
    const at = (cancelReason: string) => orderFromRest({ ...ORDER, cancelReason }, NOW);
    expect(at("r".repeat(MAX_WORD_CHARS)).cancelReason).toHaveLength(MAX_WORD_CHARS);
    expect(() => at("r".repeat(MAX_WORD_CHARS + 1))).toThrow(
      expect.objectContaining({ code: "OUT_OF_BOUNDS", field: "order.cancelReason" }),
    );
    expect(() => at("<b>stp</b>")).toThrow(expect.objectContaining({ field: "order.cancelReason" }));
  });

  it("with a negative executed quantity is refused", () => {
    expect(() => orderFromRest({ ...ORDER, executedQty: "-1" }, NOW)).toThrow(
      expect.objectContaining({ field: "order.executedQty", reason: "negative" }),
    );
  });
});

describe("a REST time", () => {
  it("lies in MEXC's window", () => {
    expect(restTime(NOW, "deposit.insertTime")).toBe(NOW);
    expect(() => restTime(0, "deposit.insertTime")).toThrow(expect.objectContaining({ code: "OUT_OF_BOUNDS" }));
  });
});
