import { type Fixed, FixedCell } from "@mexc-live/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { POSITION_METHODS, type PositionMethod } from "./lots.js";
import { Position } from "./position.js";

/** Moves `quantity` for `money` (Fixed numbers, as a test writes them); the PnL it realized. */
function move(position: Position, quantity: Fixed, money: Fixed): Fixed {
  return position.move(FixedCell.of(quantity), FixedCell.of(money)).value;
}

/** Moves a decimal quantity for decimal money; the PnL it realized, as text. */
function moveText(position: Position, quantity: string, money: string): string {
  return position.move(FixedCell.parse(quantity), FixedCell.parse(money)).text();
}

/** Buys (quantity, money) and sells, as text; what the position realized and holds after them. */
function run(method: PositionMethod, moves: readonly (readonly [string, string])[]) {
  const position = new Position(method, "short");
  const realized = moves.map(([quantity, money]) => moveText(position, quantity, money));
  return { realized, quantity: position.quantity.text(), cost: position.cost.text() };
}

describe("a position's lots, one selection rule per method, worked by hand", () => {
  // Buy 1 @100, 1 @300, 1 @200; sell 1.5 for 450 (300 a unit).
  const moves = [
    ["1", "100"],
    ["1", "300"],
    ["1", "200"],
    ["-1.5", "450"],
  ] as const;
  it.each([
    // average: 600 / 3 = 200 a unit: 450 - 300
    ["avg", "150", "300"],
    // FIFO: the 100 lot and half the 300 lot: 450 - 250; left 0.5 @300 and 1 @200
    ["fifo", "200", "350"],
    // LIFO: the 200 lot and half the 300 lot: 450 - 350; left 1 @100 and 0.5 @300
    ["lifo", "100", "250"],
    // HIFO: the 300 lot and half the 200 lot: 450 - 400; left 1 @100 and 0.5 @200
    ["hifo", "50", "200"],
    // LOFO: the 100 lot and half the 200 lot: 450 - 200; left 1 @300 and 0.5 @200
    ["lofo", "250", "400"],
  ] as const)("%s realizes %s and keeps a cost of %s", (method, gain, cost) => {
    const result = run(method, moves);
    expect(result.realized.at(-1)).toBe(gain);
    expect(result).toMatchObject({ quantity: "1.5", cost });
  });

  /**
   * rp2's worked example of LOFO (eprbell/rp2, tests/test_accounting_method.py,
   * test_fixed_lot_candidates_with_lofo): lots of 10 @12, 20 @10 and 30 @11, bought a day apart;
   * sales of 15, 5, 20, 10 and 7 take 15 and 5 of the @10 lot, 20 and 10 of the @11 lot, 7 of the
   * @12 lot. Its dynamic case buys a lot before each sale: 4 (of the @12 lot, the only one), 16
   * (of the @10 lot), 40 (the @10 lot's last 4, the @11 lot's 30, 6 of the @12 lot).
   */
  it("LOFO takes the lots rp2's worked example takes, the lowest cost per unit first", () => {
    const costs = (moves: readonly (readonly [string, string])[]) => {
      const position = new Position("lofo", "short");
      return moves.map(([quantity, money]) => {
        moveText(position, quantity, money);
        return position.closedCost.text();
      });
    };
    const bought = [
      ["10", "120"],
      ["20", "200"],
      ["30", "330"],
    ] as const;
    const sales = ["15", "5", "20", "10", "7"].map((quantity) => [`-${quantity}`, "1000"] as const);
    expect(costs([...bought, ...sales]).slice(3)).toEqual(["150", "50", "220", "110", "84"]);
    expect(
      costs([
        ["10", "120"],
        ["-4", "1000"],
        ["20", "200"],
        ["-16", "1000"],
        ["30", "330"],
        ["-40", "1000"],
      ]).filter((_, at) => at % 2 === 1),
    ).toEqual(["48", "160", String(4 * 10 + 30 * 11 + 6 * 12)]);
  });

  it("LOFO: at one cost per unit, the older lot first; a part taken keeps its lot's rank", () => {
    // Two lots at 10 a unit (the first bigger), one at 20: a sale takes the first 10-lot, then the second.
    const position = new Position("lofo", "short");
    moveText(position, "3", "30");
    moveText(position, "1", "20");
    moveText(position, "2", "20");
    expect(moveText(position, "-1", "7")).toBe("-3");
    expect(position.save().lots).toEqual([
      ["2", "20", "3", "30"],
      ["2", "20"],
      ["1", "20"],
    ]);
  });

  it("HIFO: at one cost per unit, the older lot first; a part taken keeps its lot's rank", () => {
    // Two lots at 10 a unit (the first bigger), one at 5: a sale takes the first 10-lot, then the second.
    const position = new Position("hifo", "short");
    moveText(position, "3", "30");
    moveText(position, "1", "5");
    moveText(position, "2", "20");
    expect(moveText(position, "-1", "7")).toBe("-3");
    const saved = position.save();
    expect(saved.lots).toEqual([
      ["2", "20", "3", "30"],
      ["2", "20"],
      ["1", "5"],
    ]);
  });

  it("goes short on a sale beyond what is held, and realizes it when covered, under every method", () => {
    for (const method of POSITION_METHODS) {
      const result = run(method, [
        ["1", "100"],
        ["-3", "600"],
        ["2", "300"],
      ]);
      // 1 sold at 200 on a cost of 100; 2 sold short at 200 each and covered at 150.
      expect(result.realized, method).toEqual(["0", "100", "100"]);
      expect(result.quantity).toBe("0");
    }
  });
});

/** Random moves: buys and sells (beyond what is held too), quantities and money with up to 8 places. */
const moves = fc.array(
  fc.tuple(
    fc.integer({ min: -5_000_000, max: 5_000_000 }).filter((n) => n !== 0),
    fc.integer({ min: 0, max: 900_000_000 }),
  ),
  { minLength: 1, maxLength: 80 },
);

describe("lots, property-tested", () => {
  it("a position restored from its checkpoint goes on exactly as the one never saved, in every method", () => {
    fc.assert(
      fc.property(moves, fc.nat(80), (steps, cut) => {
        for (const method of POSITION_METHODS) {
          const whole = new Position(method, "short");
          let resumed = new Position(method, "short");
          const at = Math.min(cut, steps.length);
          steps.forEach(([q, m], i) => {
            if (i === at) resumed = new Position(method, "short", JSON.parse(JSON.stringify(resumed.save())));
            const quantity = BigInt(q) * 10n ** 10n;
            const money = BigInt(m) * 10n ** 10n;
            expect(move(resumed, quantity, money), method).toBe(move(whole, quantity, money));
          });
          expect(resumed.save()).toEqual(whole.save());
        }
      }),
      { numRuns: 200 },
    );
  });

  it("once flat, every method has realized the same: money in minus money out", () => {
    fc.assert(
      fc.property(moves, (steps) => {
        const totals = POSITION_METHODS.map((method) => {
          const position = new Position(method, "short");
          let net: Fixed = 0n;
          for (const [q, m] of steps) {
            const quantity = BigInt(q) * 10n ** 10n;
            move(position, quantity, BigInt(m));
            net += quantity > 0n ? -BigInt(m) : BigInt(m);
          }
          // Close what is left at no money, so the realized sum is every flow of money.
          move(position, -position.quantity.value, 0n);
          return { realized: position.realized.value, net };
        });
        for (const { realized, net } of totals) expect(realized).toBe(net);
      }),
      { numRuns: 200 },
    );
  });
});

describe("a sale past what is held, by view", () => {
  it("by pair (uncovered): realizes only the covered part and stays flat; by asset (short): goes short", () => {
    for (const method of POSITION_METHODS) {
      const pair = new Position(method, "uncovered");
      moveText(pair, "1", "100");
      expect(moveText(pair, "-3", "600"), method).toBe("100");
      expect([pair.closed.text(), pair.closedMoney.text(), pair.closedCost.text()], method).toEqual([
        "1",
        "200",
        "100",
      ]);
      expect(pair.quantity.text()).toBe("0");
      // Nothing held: nothing realized, still flat.
      expect(moveText(pair, "-1", "150")).toBe("0");
      expect(pair.quantity.text()).toBe("0");
      const asset = new Position(method, "short");
      moveText(asset, "1", "100");
      moveText(asset, "-3", "600");
      expect(asset.quantity.text(), method).toBe("-2");
      expect(asset.cost.text(), method).toBe("-400");
    }
  });
});
