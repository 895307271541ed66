/**
 * Columns of the PnL by symbol (average cost): the position and its cost, realized and
 * unrealized PnL in the pair's quote asset, signed and coloured. A symbol whose position includes
 * one held before the known history is marked, the explanation on hover and in the legend.
 */
import type { PnlItem } from "@mexc-live/contract";
import { createColumnHelper } from "@tanstack/react-table";
import { Rounded, SignedAmount } from "../tables/amounts.js";
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
    meta: { width: 170 },
  }),
  pnl.accessor((row) => row.item.position, {
    id: "position",
    header: "Position",
    cell: (c) => <Rounded exact={c.getValue()} />,
    meta: decimal(120),
  }),
  pnl.accessor((row) => row.item.averageCost, {
    id: "averageCost",
    header: "Avg cost",
    cell: (c) => <Rounded exact={c.getValue()} />,
    meta: decimal(120),
  }),
  pnl.accessor((row) => row.item.realized, {
    id: "realized",
    header: "Realized",
    cell: (c) => <SignedAmount value={c.getValue()} />,
    meta: decimal(120),
  }),
  pnl.accessor((row) => row.item.unrealized, {
    id: "unrealized",
    header: "Unrealized",
    cell: (c) => {
      const value = c.getValue() as string | null;
      return value === null ? <span className="not-set">–</span> : <SignedAmount value={value} />;
    },
    meta: decimal(120),
  }),
];
