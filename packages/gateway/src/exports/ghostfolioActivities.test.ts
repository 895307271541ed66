import { dec, exact } from "@mexc-live/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { balanceChanges, EXAMPLE_FILLS } from "../../test/exportExample.js";
import { type ExampleStore, exportText, openExampleStore } from "../../test/exportKit.js";
import { checkGhostfolioActivities, ghostfolioHoldings, readGhostfolio } from "../../test/exportReaders.js";

let example: ExampleStore;
afterEach(() => example?.close());

describe("Ghostfolio's activities import", () => {
  it("holds a BUY or SELL per fill in a dollar-stablecoin pair, valid by CreateOrderDto's rules", () => {
    example = openExampleStore();
    const file = readGhostfolio(exportText("ghostfolio", example.store));
    expect(file.activities).toHaveLength(3);
    checkGhostfolioActivities(file);
  });

  it("keeps each holding and its cost exact: a fee in the coin bought is taken from the quantity", () => {
    example = openExampleStore();
    const file = readGhostfolio(exportText("ghostfolio", example.store));
    const { activities, digits } = file;
    // Holdings by Ghostfolio's reading (BUY adds quantity, SELL takes it) match the fills of the USDT pairs.
    const held = ghostfolioHoldings(file);
    const changes = balanceChanges({ symbols: ["BTCUSDT", "ETHUSDT"], movements: false });
    expect(held.get("BTC")).toBe(changes.get("BTC"));
    expect(held.get("ETH")).toBe(changes.get("ETH"));
    // The buy's cost, quantity x unitPrice + fee, is the 900 USDT paid.
    const first = digits[0] as Record<string, string>;
    expect(
      exact(
        dec(first.quantity as string)
          .times(dec(first.unitPrice as string))
          .plus(dec(first.fee as string)),
      ),
    ).toBe(EXAMPLE_FILLS[0]?.fill.amount);
    expect(first).toEqual({ fee: "0.9", quantity: "0.00999", unitPrice: "90000" });
    // The sell's fee in USDT as it is; the MX fee valued in USDT at fill time.
    expect(digits[1]).toEqual({ fee: "0.364", quantity: "0.004", unitPrice: "91000" });
    expect(digits[2]).toEqual({ fee: "0.15", quantity: "0.2", unitPrice: "2000" });
    expect(activities[2]?.comment).toContain("fee 0.05 MX");
  });

  it("says in meta what it cannot hold: the BTC-quoted fill, the movements, the conversions", () => {
    example = openExampleStore();
    const { meta } = readGhostfolio(exportText("ghostfolio", example.store));
    expect(meta).toEqual({
      source: "mexc-live",
      activities: 3,
      leftOut: { fills: 1, movements: 4, conversions: 2, unvaluedFees: 0 },
    });
  });
});
