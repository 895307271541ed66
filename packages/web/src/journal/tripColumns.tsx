/**
 * The journal's trips table (GET /api/journal/trips): one row per closing order. Quantity and the
 * average entry and exit prices at the pair's places, as MEXC shows a pair's prices (the exact
 * average on hover: printed in full, a BTC pair's "104,021.38965234" needs 137 px, and in one CI
 * run on 22b0fa3 the columns outgrew the box at 1280 px, Held past its right edge). Realized in
 * the pair's quote asset (every place on hover), its value in the quote currency, the holding time.
 */
import type { JournalTrip } from "@mexc-live/contract";
import { createColumnHelper } from "@tanstack/react-table";
import { DateTime, ZonedLabel } from "../format/DateTime.js";
import { Money, pairCell, SignedAmount } from "../tables/amounts.js";
import { type AnyColumn, decimal, equals } from "../tables/rowPipeline.js";
import type { CardLayout } from "../tables/TableCards.js";

const trip = createColumnHelper<JournalTrip>();
const HOUR_MS = 3_600_000;

/** "3 d 4 h", "5 h 2 m", "40 s": how long the units sold were held. */
export function holdingText(ms: number | null): string {
  if (ms === null) return "–";
  const days = Math.floor(ms / (24 * HOUR_MS));
  const hours = Math.floor((ms % (24 * HOUR_MS)) / HOUR_MS);
  const minutes = Math.floor((ms % HOUR_MS) / 60_000);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} m`;
  return minutes > 0 ? `${minutes} m` : `${Math.floor(ms / 1000)} s`;
}

function Unpriced() {
  return <span title="The pair's quote asset had no price at close">–</span>;
}

export function tripColumns(quote: string): AnyColumn<JournalTrip>[] {
  return [
    trip.accessor("closeTime", {
      header: () => <ZonedLabel label="Closed" />,
      cell: (c) => <DateTime ms={c.getValue()} />,
      meta: { width: 168, sort: "basic" },
    }),
    trip.accessor("symbol", { header: "Symbol", meta: equals(84) }),
    trip.accessor("strategy", { header: "Strategy", meta: equals(84) }),
    trip.accessor("quantity", {
      header: "Quantity",
      cell: pairCell("quantity"),
      meta: decimal(96),
    }),
    trip.accessor("entryPrice", {
      header: "Entry",
      cell: pairCell("price"),
      meta: decimal(100),
    }),
    trip.accessor("exitPrice", {
      header: "Exit",
      cell: pairCell("price"),
      meta: decimal(100),
    }),
    trip.accessor("realized", {
      header: "Realized",
      cell: (c) => <SignedAmount value={c.getValue()} />,
      meta: decimal(112),
    }),
    trip.accessor("value", {
      header: `Value (${quote})`,
      cell: (c) => {
        const value = c.getValue() as string | null;
        return value === null ? <Unpriced /> : <SignedAmount value={value} money />;
      },
      meta: decimal(110),
    }),
    trip.accessor("fees", {
      header: `Fees (${quote})`,
      cell: (c) => {
        const value = c.getValue() as string | null;
        return value === null ? <Unpriced /> : <Money value={value} />;
      },
      meta: decimal(96),
    }),
    trip.accessor("holdingMs", {
      header: "Held",
      cell: (c) => holdingText(c.getValue() as number | null),
      meta: { width: 96, align: "right", sort: "basic" },
    }),
  ];
}

export const TRIP_CARD: CardLayout = { head: ["symbol", "closeTime"], fields: ["realized", "value", "holdingMs"] };
