/**
 * Columns of the PnL by symbol (by the cost-basis method of the figures): the position and its
 * cost, realized and unrealized PnL in the pair's quote asset, signed and coloured, the fees of
 * the symbol's fills valued in the quote currency, and the last price. A symbol whose position
 * includes one held before the known history is marked, the explanation on hover and in the legend.
 */
import type { PnlItem } from "@mexc-live/contract";
import { createColumnHelper } from "@tanstack/react-table";
import type { ReactNode } from "react";
import { Money, Rounded, SignedAmount } from "../tables/amounts.js";
import type { AnyColumn, ColumnMeta } from "../tables/rowPipeline.js";

/** A PnL item with the note on its opening position, if it has one. */
export interface PnlRow {
  readonly item: PnlItem;
  readonly openingNote: string | null;
}

const decimal = (width: number): ColumnMeta => ({ width, align: "right", sort: "decimal" });

const pnl = createColumnHelper<PnlRow>();

export const PNL_COLUMNS: AnyColumn<PnlRow>[] = [
  pnl.accessor((row) => row.item.symbol, {
    id: "symbol",
    header: "Symbol",
    cell: (c) => (
      <>
        {c.getValue()}{" "}
        {c.row.original.openingNote && (
          <span className="opening-mark" title={c.row.original.openingNote}>
            opening
          </span>
        )}
      </>
    ),
    meta: { width: 130 },
  }),
  pnl.accessor((row) => row.item.position, {
    id: "position",
    header: "Position",
    cell: (c) => <Rounded exact={c.getValue()} />,
    meta: decimal(105),
  }),
  pnl.accessor((row) => row.item.averageCost, {
    id: "averageCost",
    header: "Avg cost",
    cell: (c) => <Rounded exact={c.getValue()} />,
    meta: decimal(105),
  }),
  pnl.accessor((row) => row.item.realized, {
    id: "realized",
    header: "Realized",
    cell: (c) => <SignedAmount value={c.getValue()} />,
    meta: decimal(105),
  }),
  pnl.accessor((row) => row.item.unrealized, {
    id: "unrealized",
    header: "Unrealized",
    cell: (c) => {
      const value = c.getValue() as string | null;
      return value === null ? <span className="not-set">–</span> : <SignedAmount value={value} />;
    },
    meta: decimal(105),
  }),
  pnl.accessor((row) => row.item.fees ?? null, {
    id: "fees",
    header: "Fees",
    cell: (c) => <NotSet value={c.getValue()} render={(value) => <Money value={value} />} />,
    meta: decimal(70),
  }),
  pnl.accessor((row) => row.item.lastPrice ?? null, {
    id: "lastPrice",
    header: "Last price",
    cell: (c) => <NotSet value={c.getValue()} render={(value) => <Rounded exact={value} />} />,
    meta: decimal(95),
  }),
];

/** A missing figure (an older gateway, no price known) as "–". */
function NotSet({ value, render }: { value: string | null; render: (value: string) => ReactNode }) {
  return value === null ? <span className="not-set">–</span> : render(value);
}
