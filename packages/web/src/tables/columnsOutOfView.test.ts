import { describe, expect, it } from "vitest";
import { columnsPastRight } from "./columnsOutOfView.js";

const COLUMNS = [
  { name: "Time", width: 170 },
  { name: "Price", width: 120 },
  { name: "Trade ID", width: 200 },
  { name: "Order ID", width: 250 },
];

describe("columnsPastRight: the columns a wide table's box does not show whole", () => {
  it("names every column whose right edge is past the box, in order", () => {
    expect(columnsPastRight(COLUMNS, 0, 400)).toEqual(["Trade ID", "Order ID"]);
    expect(columnsPastRight(COLUMNS, 0, 490)).toEqual(["Order ID"]);
  });

  it("names none once scrolled to the end, or when the table fits", () => {
    expect(columnsPastRight(COLUMNS, 340, 400)).toEqual([]);
    expect(columnsPastRight(COLUMNS, 0, 740)).toEqual([]);
  });

  it("takes a px of rounding for no cut, and a box not laid out for one that shows everything", () => {
    expect(columnsPastRight(COLUMNS, 0, 739)).toEqual([]);
    expect(columnsPastRight(COLUMNS, 0, 737)).toEqual(["Order ID"]);
    expect(columnsPastRight(COLUMNS, 0, 0)).toEqual([]);
  });
});
