import { dec, exact } from "@mexc-live/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { balanceChanges, EXAMPLE_FILLS } from "../../test/exportExample.js";
import { type ExampleStore, exportText, openExampleStore } from "../../test/exportKit.js";

let example: ExampleStore;
afterEach(() => example?.close());

/** CreateOrderDto's types (prisma/schema.prisma `enum Type`). */
const TYPES = ["BUY", "SELL", "DIVIDEND", "FEE", "INTEREST", "LIABILITY"];
/** Number fields of an activity, each >= 0 (create-order.dto.ts: IsNumber, Min(0)). */
const NUMBERS = ["fee", "quantity", "unitPrice"] as const;

interface Activity {
  readonly comment: string;
  readonly currency: string;
  readonly dataSource: string;
  readonly date: string;
  readonly fee: number;
  readonly quantity: number;
  readonly symbol: string;
  readonly type: string;
  readonly unitPrice: number;
}

/** The file as Ghostfolio's import dialog reads it (JSON.parse, `activities`), and each number's digits as written. */
function readGhostfolio(text: string) {
  const content = JSON.parse(text) as { activities: Activity[]; meta: Record<string, unknown> };
  const lines = text.split("\n").filter((line) => line.startsWith("{") && line.includes('"type"'));
  const digits = lines.map((line) =>
    Object.fromEntries(NUMBERS.map((key) => [key, new RegExp(`"${key}":([^,}]+)`).exec(line)?.[1] as string])),
  );
  return { ...content, digits };
}

describe("Ghostfolio's activities import", () => {
  it("holds a BUY or SELL per fill in a dollar-stablecoin pair, valid by CreateOrderDto's rules", () => {
    example = openExampleStore();
    const { activities, digits } = readGhostfolio(exportText("ghostfolio", example.store));
    expect(activities).toHaveLength(3);
    for (const [i, activity] of activities.entries()) {
      expect(TYPES).toContain(activity.type);
      expect(activity.currency).toBe("USD");
      expect(activity.dataSource).toBe("YAHOO");
      expect(activity.symbol).toMatch(/^[A-Z0-9]+USD$/);
      expect(new Date(activity.date).toISOString()).toBe(activity.date);
      for (const key of NUMBERS) {
        expect(activity[key]).toBeGreaterThanOrEqual(0);
        // The digits written are the exact decimal; JSON.parse reads the same number.
        expect(Number(digits[i]?.[key])).toBe(activity[key]);
      }
    }
  });

  it("keeps each holding and its cost exact: a fee in the coin bought is taken from the quantity", () => {
    example = openExampleStore();
    const { activities, digits } = readGhostfolio(exportText("ghostfolio", example.store));
    // Holdings by Ghostfolio's reading (BUY adds quantity, SELL takes it) match the fills of the USDT pairs.
    const held = new Map<string, ReturnType<typeof dec>>();
    for (const [i, activity] of activities.entries()) {
      const asset = activity.symbol.replace(/USD$/, "");
      const quantity = dec(digits[i]?.quantity as string).times(activity.type === "BUY" ? 1 : -1);
      held.set(asset, (held.get(asset) ?? dec("0")).plus(quantity));
    }
    const changes = balanceChanges({ symbols: ["BTCUSDT", "ETHUSDT"], movements: false });
    expect(exact(held.get("BTC") as ReturnType<typeof dec>)).toBe(changes.get("BTC"));
    expect(exact(held.get("ETH") as ReturnType<typeof dec>)).toBe(changes.get("ETH"));
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
