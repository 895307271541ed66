import { describe, expect, it } from "vitest";
import type { Trip } from "./roundTrips.js";
import { StoredTrip, tripLine, tripsOfChunk } from "./tripLines.js";

const trip = (overrides: Partial<Trip> = {}): Trip => ({
  symbol: "BTCUSDT",
  orderId: "C02__505979017439002624115",
  clientOrderId: "grid-7",
  openTime: 1_736_417_000_000,
  closeTime: 1_736_417_034_280,
  quantity: 500_000_000_000_000_000n,
  cost: 50_000_000_000_000_000_000_000n,
  proceeds: 52_000_000_000_000_000_000_000n,
  realized: -1_234_567_890_123_456_789_012n,
  fees: null,
  amount: 52_000_000_000_000_000_000_000n,
  amountValue: 51_990_000_000_000_000_000_000n,
  ...overrides,
});

const fieldsOf = (t: Trip) => ({
  symbol: t.symbol,
  orderId: t.orderId,
  clientOrderId: t.clientOrderId,
  openTime: t.openTime,
  closeTime: t.closeTime,
  quantity: t.quantity,
  cost: t.cost,
  proceeds: t.proceeds,
  realized: t.realized,
  fees: t.fees,
  amount: t.amount,
  amountValue: t.amountValue,
});

describe("a trip as a line", () => {
  it.each([
    ["a MEXC trip", trip()],
    ["no opening time, fees valued, no value", trip({ openTime: null, fees: 12n, amountValue: null })],
    ["an order id with a quote, a backslash and a comma", trip({ orderId: 'a"b\\c,d', clientOrderId: "x\ny" })],
    ["a symbol with a quote", trip({ symbol: 'BT"C', orderId: "" })],
  ])("reads back every field: %s", (_, original) => {
    const [back] = tripsOfChunk([tripLine(original), tripLine(trip())].join("\n"));
    expect(fieldsOf(back as Trip)).toEqual(fieldsOf(original));
  });

  it("a chunk of no trips is no trip", () => {
    expect(tripsOfChunk("")).toEqual([]);
  });

  it("a trip read back and changed writes its new fields, not its old line", () => {
    const line = tripLine(trip());
    const back = new StoredTrip(line);
    expect(tripLine(back)).toBe(line);
    back.quantity += 1n;
    back.closeTime += 5;
    const again = new StoredTrip(tripLine(back));
    expect(again.quantity).toBe(500_000_000_000_000_001n);
    expect(again.closeTime).toBe(1_736_417_034_285);
    expect(again.realized).toBe(-1_234_567_890_123_456_789_012n);
  });
});
