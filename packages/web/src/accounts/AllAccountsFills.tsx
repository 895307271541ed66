/**
 * "Latest fills, all accounts" in the "All accounts" summary: the newest fills of every account
 * together, each with its account, live (allAccountsFeed: each account's fills topic).
 */
import type { FillItem } from "@mexc-live/contract";
import { DateTime, ZonedLabel } from "../format/DateTime.js";
import { PairFigure } from "../tables/amounts.js";
import type { LatestFills } from "./allAccountsFeed.js";
import { accountColumn, type SummaryColumn, SummaryTable, sideColumn } from "./SummaryTable.js";

const FILLS_TITLE = "Latest fills, all accounts";

const COLUMNS: readonly SummaryColumn<FillItem>[] = [
  { label: "Time", heading: <ZonedLabel label="Time" />, cell: (fill) => <DateTime ms={fill.time} /> },
  accountColumn(),
  { label: "Symbol", cell: (fill) => fill.symbol },
  sideColumn(),
  { label: "Price", numeric: true, cell: (fill) => <PairFigure exact={fill.price} symbol={fill.symbol} of="price" /> },
  {
    label: "Quantity",
    numeric: true,
    cell: (fill) => <PairFigure exact={fill.quantity} symbol={fill.symbol} of="quantity" />,
  },
];

export function AllAccountsFills({ fills }: { fills: LatestFills }) {
  return (
    <SummaryTable
      title={FILLS_TITLE}
      className="all-accounts-fills"
      list={fills}
      columns={COLUMNS}
      rowId={(fill) => fill.tradeId}
      empty="no fills yet"
    />
  );
}
