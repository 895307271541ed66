import { FixedCell, fixed } from "@mexc-live/protocol";
import { describe, expect, it } from "vitest";
import type { Disposal } from "./seriesLines.js";
import { byCloseTime, TripList, TripTable } from "./tripTable.js";

const DAY = 86_400_000;

/** A sell of `closed` units of `orderId` at `time`, its amounts all `amount`. */
function disposal(orderId: string, time: number, amount: string, more: Partial<Disposal> = {}): Disposal {
  const value = FixedCell.of(fixed(amount));
  return {
    symbol: "BTCUSDT",
    orderId,
    clientOrderId: "",
    time,
    openTime: time - 1000,
    closed: value,
    feeValue: value,
    amount: value,
    amountValue: value,
    avgRealized: value,
    avgCost: value,
    avgMoney: value,
    fifoRealized: FixedCell.of(-value.value),
    fifoCost: value,
    fifoMoney: value,
    heldQuantity: value,
    heldWeight: value,
    ...more,
  };
}

describe("the journal's trip table", () => {
  it("keeps amounts of any size and nulls exactly, and sums a later disposal into its order's trips", () => {
    const table = new TripTable();
    const huge = "1234567890123456789012.123456789012345678";
    table.add(0, disposal("a", 5 * DAY, huge, { feeValue: null }), 5 * DAY);
    table.add(1, disposal("b", 6 * DAY, "0.000000000000000001"), 6 * DAY);
    table.add(0, disposal("a", 7 * DAY + 1, "1", { openTime: null, clientOrderId: "grid-1" }), 7 * DAY);
    const a = table.at(0, "avg");
    expect(a.quantity).toBe(fixed(huge) + fixed("1"));
    expect(a.fees).toBeNull();
    expect(a.openTime).toBeNull();
    expect(a.clientOrderId).toBe("grid-1");
    expect([a.closeTime, a.firstDay, a.lastDay]).toEqual([7 * DAY + 1, 5 * DAY, 7 * DAY]);
    expect(table.at(0, "fifo").realized).toBe(-(fixed(huge) + fixed("1")));
    expect(table.at(1, "avg").quantity).toBe(1n);
  });

  it("shares its trips with a table of its first ones until either writes (copy on write)", () => {
    const table = new TripTable();
    // Two chunks and more: the copy's last shared chunk is written by both.
    for (let i = 0; i < 5_000; i++) table.add(i, disposal(`o${i}`, i * 1000, "2"), 0);
    const copy = table.prefix(4_500);
    copy.add(10, disposal("o10", 10_000, "3"), 0);
    copy.add(4_500, disposal("new", 9e9, "4"), 0);
    table.add(4_200, disposal("o4200", 4_200_000, "5"), 0);
    expect(table.at(10, "avg").quantity).toBe(fixed("2"));
    expect(copy.at(10, "avg").quantity).toBe(fixed("5"));
    expect(copy.at(4_200, "avg").quantity).toBe(fixed("2"));
    expect(table.at(4_200, "avg").quantity).toBe(fixed("7"));
    expect(table.at(4_500, "avg").orderId).toBe("o4500");
    expect(copy.at(4_500, "avg").orderId).toBe("new");
    expect([table.length, copy.length]).toEqual([5_000, 4_501]);
  });

  it("lists the trips by close time as a stable sort does, a later fill moving a trip on", () => {
    const table = new TripTable();
    const closes = [3, 1, 2, 2, 9, 4];
    closes.forEach((close, i) => {
      table.add(i, disposal(`o${i}`, close, "1"), 0);
    });
    table.add(1, disposal("o1", 10, "1"), 0);
    const list = new TripList(table, "avg", byCloseTime(table));
    expect(list.map((trip) => trip.orderId)).toEqual(["o2", "o3", "o0", "o5", "o4", "o1"]);
    expect([...list.slice(1, 3)].map((trip) => trip.closeTime)).toEqual([2, 3]);
  });
});
