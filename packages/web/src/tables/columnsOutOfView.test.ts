import { describe, expect, it } from "vitest";
import { columnsPastRight, headerNames } from "./columnsOutOfView.js";

const NAMED = [
  { name: "Time", width: 170 },
  { name: "Price", width: 120 },
  { name: "Trade ID", width: 200 },
  { name: "Order ID", width: 250 },
];
const WIDTHS = NAMED.map((column) => column.width);
/** The names of the columns past the right edge. */
const pastRight = (scrollLeft: number, boxWidth: number) =>
  columnsPastRight(WIDTHS, scrollLeft, boxWidth).map((index) => NAMED[index]?.name);

describe("columnsPastRight: the columns a wide table's box does not show whole", () => {
  it("names every column whose right edge is past the box, in order", () => {
    expect(pastRight(0, 400)).toEqual(["Trade ID", "Order ID"]);
    expect(pastRight(0, 490)).toEqual(["Order ID"]);
  });

  it("names none once scrolled to the end, or when the table fits", () => {
    expect(pastRight(340, 400)).toEqual([]);
    expect(pastRight(0, 740)).toEqual([]);
  });

  it("takes a px of rounding for no cut, and a box not laid out for one that shows everything", () => {
    expect(pastRight(0, 739)).toEqual([]);
    expect(pastRight(0, 737)).toEqual(["Order ID"]);
    expect(pastRight(0, 0)).toEqual([]);
  });
});

describe("headerNames: the columns as their headers read", () => {
  it("reads a header made by a component, without its sort mark; an id where no header shows", () => {
    const table = document.createElement("table");
    table.innerHTML =
      '<thead><tr><th><button><span title="What it cost">Avg cost (USDT)</span><span class="sort-mark">▲</span></button></th>' +
      "<th>Trade ID</th><th></th></tr></thead>";
    expect(headerNames(table, ["averageCost", "tradeId", "orderId"])).toEqual([
      "Avg cost (USDT)",
      "Trade ID",
      "orderId",
    ]);
    expect(headerNames(null, ["a"])).toEqual(["a"]);
  });
});
