import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { JournalComparisons } from "./JournalComparisons.js";

afterEach(cleanup);

const text = (compare: string) =>
  (screen.getByText((_, node) => node?.getAttribute("data-compare") === compare).textContent ?? "").replace(
    /\s+/g,
    " ",
  );

describe("the journal against holding still and against BTC, in words", () => {
  it("says what the account made, what holding still and BTC would have, and what trading added or cost", () => {
    render(
      <JournalComparisons
        quote="USDT"
        holding={{ pnl: "85", holdingPnl: "50", difference: "35", unpriced: [] }}
        benchmark={{ asset: "BTC", pnl: "85", benchmarkPnl: "500", difference: "-415", unpriced: [] }}
      />,
    );
    expect(text("holding")).toBe(
      "Against holding still. The account made +85.00 USDT in this range. Holding what it had at the start, with the same deposits and withdrawals and no trade, it would have made +50.00 USDT. Trading added +35.00 USDT.",
    );
    expect(text("benchmark")).toBe(
      "Against BTC. Had the starting equity and each deposit and withdrawal gone into BTC at its price then, it would have made +500.00 USDT. The account trailed it by -415.00 USDT.",
    );
  });

  it("against BTC says how far apart, not what trading cost (the holdings were not BTC either)", () => {
    render(
      <JournalComparisons
        quote="USDT"
        holding={{ pnl: "350.72", holdingPnl: "351.31", difference: "-0.59", unpriced: [] }}
        benchmark={{ asset: "BTC", pnl: "350.72", benchmarkPnl: "300", difference: "50.72", unpriced: [] }}
      />,
    );
    expect(text("holding")).toContain("Trading cost -0.59 USDT.");
    expect(text("benchmark")).toContain("it would have made +300.00 USDT. The account beat it by +50.72 USDT.");
    expect(text("benchmark")).not.toMatch(/Trading/);
  });

  it("names the assets with no price instead of a figure, and those left out", () => {
    render(
      <JournalComparisons
        quote="USDT"
        holding={{ pnl: "-3", holdingPnl: null, difference: null, unpriced: ["XYZ"] }}
        benchmark={{ asset: "BTC", pnl: "-3", benchmarkPnl: "1", difference: "-4", unpriced: ["DUST"] }}
      />,
    );
    expect(text("holding")).toContain("is not worked out: no price for XYZ.");
    expect(text("holding")).not.toMatch(/Trading/);
    expect(text("benchmark")).toContain("The account trailed it by -4.00 USDT. Left out for want of a price: DUST.");
  });

  it("says the assets left out only until their past prices are fetched, as the performance headline does", () => {
    render(
      <JournalComparisons
        quote="USDT"
        holding={{
          pnl: "-1081.2",
          holdingPnl: "-1080.35",
          difference: "-0.85",
          unpriced: ["BTC", "ETH"],
          pricesPending: true,
        }}
        benchmark={{
          asset: "BTC",
          pnl: "-1081.2",
          benchmarkPnl: null,
          difference: null,
          unpriced: ["BTC"],
          pricesPending: true,
        }}
      />,
    );
    expect(text("holding")).toContain(
      "Not in these figures yet: BTC, ETH. Their past prices or their history are still being fetched from MEXC; the figures take them in as they come.",
    );
    expect(text("holding")).not.toMatch(/for want of a price/);
    expect(text("benchmark")).toContain(
      "is not worked out: the past prices or history of BTC are still being fetched from MEXC.",
    );
  });

  it("says why there is nothing to compare", () => {
    render(<JournalComparisons quote="USDT" holding={null} benchmark={null} />);
    expect(screen.getByText(/not worked out here/)).toBeTruthy();
    cleanup();
    render(
      <JournalComparisons
        quote="USDT"
        holding={{ pnl: null, holdingPnl: null, difference: null, unpriced: [] }}
        benchmark={null}
      />,
    );
    expect(screen.getByText(/nothing to compare/)).toBeTruthy();
  });
});
