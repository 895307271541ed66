import { dec } from "@mexc-live/protocol";
import { describe, expect, it } from "vitest";
import { withFill } from "../../test/legs.js";
import type { FlowLeg, Leg, TradeLeg } from "./ledger/legs.js";
import { type TaxEnd, type TaxLine, taxRows } from "./taxReport.js";

const at = (year: number, month: number, day = 1) => Date.UTC(year, month - 1, day);

/** A trade: quantity of base at price (in the pair's quote), valued at `quoteValue` a unit of quote. */
function trade(
  id: string,
  time: number,
  pair: [string, string],
  side: "BUY" | "SELL",
  quantity: string,
  price: string,
  fee: [string, string, string] = ["0", "", "0"],
  quoteValue = "1",
): TradeLeg {
  const amount = dec(quantity).times(price).toFixed();
  return withFill({
    kind: "trade",
    time,
    id,
    base: pair[0],
    quote: pair[1],
    side,
    quantity,
    amount,
    fee: fee[0],
    feeCurrency: fee[1],
    value: dec(amount).times(quoteValue).toFixed(),
    feeValue: fee[2],
  });
}

function flow(
  id: string,
  time: number,
  asset: string,
  direction: "in" | "out",
  amount: string,
  price: string,
  category: FlowLeg["category"] = direction === "in" ? "deposits" : "withdrawals",
): FlowLeg {
  return { kind: "flow", time, id, category, asset, direction, amount, fee: "0", price };
}

const lines = (rows: ReturnType<typeof taxRows>) => rows.filter((row): row is TaxLine => row.section !== "end");

describe("a tax year's disposals, from the figures by asset", () => {
  // 2024: 1 BTC deposited at 20,000, 1 BTC bought on BTCUSDT at 30,000.
  // 2025: 1.5 BTC sold at 40,000 (fee 40 USDT); 0.2 BTC withdrawn at 50,000; 1 ETH bought on ETHBTC
  // for 0.1 BTC (BTC at 50,000) with a fee of 1 MX (at 2 USDT), MX bought before at 1.
  const events: Leg[] = [
    flow("d1", at(2024, 2), "BTC", "in", "1", "20000"),
    trade("t1", at(2024, 3), ["BTC", "USDT"], "BUY", "1", "30000"),
    trade("t2", at(2024, 4), ["MX", "USDT"], "BUY", "10", "1"),
    trade("t3", at(2025, 2), ["BTC", "USDT"], "SELL", "1.5", "40000", ["40", "USDT", "40"]),
    flow("w1", at(2025, 3), "BTC", "out", "0.2", "50000"),
    trade("t4", at(2025, 4), ["ETH", "BTC"], "BUY", "1", "0.1", ["1", "MX", "2"], "50000"),
  ];

  it("FIFO: the deposited coin sold with its whole quantity, at its cost on arrival; the spend and the fee", () => {
    const rows = taxRows({ events, method: "fifo", year: 2025, quote: "USDT" });
    expect(
      lines(rows).map((r) => [r.section, r.kind, r.tradeId, r.asset, r.quantity, r.proceeds, r.costBasis, r.gain]),
    ).toEqual([
      // 1 deposited at 20,000 and 0.5 of the one bought at 30,000: 60,000 - 35,000.
      ["disposal", "sell", "t3", "BTC", "1.5", "60000", "35000", "25000"],
      // 0.1 BTC (of the 30,000 lot) spent on ETH worth 5,000: a disposal of BTC.
      ["disposal", "spend", "t4", "BTC", "0.1", "5000", "3000", "2000"],
      ["disposal", "fee", "t4", "MX", "1", "2", "1", "1"],
      // Listed apart, not a gain: 0.2 BTC left at 50,000 a unit on a cost of 30,000 a unit.
      ["movement", "withdrawal", "w1", "BTC", "0.2", "10000", "6000", "4000"],
    ]);
    expect(rows.at(-1)).toEqual({
      section: "end",
      time: at(2024, 3),
      symbol: "",
      gain: "",
      firstFill: at(2024, 3),
      disposals: 3,
      movements: 1,
      unplaced: [],
      // Long: the deposited coin (held 2024-02-01 to 2025-02-01, 366 days) and the BTC spent on ETH
      // (bought 2024-03-01, spent 2025-04-01: 396 days). Short: half the coin bought 2024-03-01
      // (337 days), and the MX fee (bought 2024-04-01, paid 2025-04-01: 365 days, not more).
      terms: {
        short: { proceeds: "20002", costBasis: "15001", gain: "5001" },
        long: { proceeds: "45000", costBasis: "23000", gain: "22000" },
      },
      longTermDays: 365,
      currency: "USDT",
      quote: "USDT",
      method: "fifo",
    } satisfies TaxEnd);
  });

  it("a row per disposal says when its lots were acquired and its quantity per term", () => {
    const rows = lines(taxRows({ events, method: "fifo", year: 2025, quote: "USDT" }));
    expect(
      rows.map((r) => [r.tradeId, r.acquiredFirst, r.acquiredLast, r.shortQuantity, r.longQuantity, r.term]),
    ).toEqual([
      ["t3", at(2024, 2), at(2024, 3), "0.5", "1", null],
      ["t4", at(2024, 3), at(2024, 3), "0", "0.1", null],
      ["t4", at(2024, 4), at(2024, 4), "1", "0", null],
      ["w1", at(2024, 3), at(2024, 3), "0.2", "0", null],
    ]);
  });

  it("lots=split: a row per lot taken, with its acquisition, the days held and its term; longTermDays moves the line", () => {
    const split = (longTermDays?: number) =>
      lines(taxRows({ events, method: "fifo", year: 2025, quote: "USDT", split: true, longTermDays })).map((r) => [
        r.tradeId,
        r.kind,
        r.quantity,
        r.proceeds,
        r.costBasis,
        r.gain,
        r.fee,
        r.acquired,
        r.heldDays,
        r.term,
      ]);
    expect(split()).toEqual([
      // The sale of 1.5 at 40,000 (fee 40 USDT, on its first row): the deposited coin, then half the bought one.
      ["t3", "sell", "1", "40000", "20000", "20000", "40", at(2024, 2), 366, "long"],
      ["t3", "sell", "0.5", "20000", "15000", "5000", "", at(2024, 3), 337, "short"],
      ["t4", "spend", "0.1", "5000", "3000", "2000", "1", at(2024, 3), 396, "long"],
      ["t4", "fee", "1", "2", "1", "1", "", at(2024, 4), 365, "short"],
      // 2024-03-01 to 2025-03-01: 365 days (the leap day came before).
      ["w1", "withdrawal", "0.2", "10000", "6000", "4000", "", at(2024, 3), 365, "short"],
    ]);
    // Held more than 366 days: the leap year's day-for-day sale is short term.
    expect(split(366).map((row) => row.at(-1))).toEqual(["short", "short", "long", "short", "short"]);
  });

  it("lots=split under average cost: the pool's acquisitions oldest first, each at the pool's cost per unit", () => {
    const rows = lines(taxRows({ events, method: "avg", year: 2025, quote: "USDT", split: true }));
    // The pool: 2 BTC for 50,000 (25,000 a unit); the sale takes the deposit's 1, then 0.5 of the buy.
    expect(rows.filter((r) => r.tradeId === "t3").map((r) => [r.quantity, r.costBasis, r.acquired, r.term])).toEqual([
      ["1", "25000", at(2024, 2), "long"],
      ["0.5", "12500", at(2024, 3), "short"],
    ]);
  });

  it("LIFO and HIFO take the newest and the dearest lot", () => {
    const sellCost = (method: "avg" | "lifo" | "hifo") =>
      lines(taxRows({ events, method, year: 2025, quote: "USDT" })).find((r) => r.kind === "sell")?.costBasis;
    // avg: 25,000 a unit; LIFO and HIFO: the 30,000 lot first, then half the deposited one.
    expect([sellCost("avg"), sellCost("lifo"), sellCost("hifo")]).toEqual(["37500", "40000", "40000"]);
  });

  it("a sale beyond what was ever held keeps its whole quantity; its gain comes with the coins that cover it", () => {
    const short: Leg[] = [
      trade("s1", at(2025, 1), ["SOL", "USDT"], "SELL", "2", "100"),
      flow("d2", at(2025, 2), "SOL", "in", "2", "150"),
    ];
    const rows = lines(taxRows({ events: short, method: "avg", year: 2025, quote: "USDT" }));
    expect(rows.map((r) => [r.section, r.kind, r.quantity, r.uncovered, r.proceeds, r.costBasis, r.gain])).toEqual([
      ["disposal", "sell", "2", "2", "200", "200", "0"],
      ["movement", "deposit", "2", "0", "200", "300", "-100"],
    ]);
  });

  it("holds the movements back to list them after the disposals, up to its bound; past it, where they fall", () => {
    const many: Leg[] = [
      flow("d", at(2025, 1), "BTC", "in", "3", "10"),
      flow("w1", at(2025, 2), "BTC", "out", "1", "10"),
      flow("w2", at(2025, 3), "BTC", "out", "1", "10"),
      trade("s", at(2025, 4), ["BTC", "USDT"], "SELL", "1", "10"),
    ];
    const order = (maxHeld: number) =>
      lines(taxRows({ events: many, method: "fifo", year: 2025, quote: "USDT" }, maxHeld)).map((r) => r.tradeId);
    expect(order(2)).toEqual(["s", "w1", "w2"]);
    expect(order(1)).toEqual(["w2", "s", "w1"]);
  });

  it("a year's line counts fills of that year only; the end names the first fill of the whole history", () => {
    const rows = taxRows({ events, method: "fifo", year: 2024, quote: "USDT" });
    expect(lines(rows)).toEqual([]);
    expect(rows.at(-1)).toMatchObject({ section: "end", firstFill: at(2024, 3), disposals: 0, movements: 0 });
  });
});
