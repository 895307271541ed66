/**
 * Columns of the PnL by asset (GET /api/pnl?by=asset), every figure in the quote currency but
 * the quantity (in the asset itself): quantity held, price, value, cost basis and average cost,
 * realized and unrealized PnL (signed, coloured), fees paid in the asset. Each header's tooltip
 * says what the figure is; an asset without a price shows "–", never a guess.
 */
import type { AssetPnlItem } from "@mexc-live/contract";
import { createColumnHelper } from "@tanstack/react-table";
import type { ReactNode } from "react";
import { AssetAmount, Money, PairFigure, SignedAmount } from "../tables/amounts.js";
import { type AnyColumn, decimal } from "../tables/rowPipeline.js";
import type { CardLayout } from "../tables/TableCards.js";
import { FIGURE_HINTS } from "./figureHints.js";

const row = createColumnHelper<AssetPnlItem>();

/** A header with what the figure is on hover. */
export function Hinted({ label, hint }: { label: string; hint: string }) {
  return <span title={hint}>{label}</span>;
}

/** A figure the gateway could not give (no price): "–", explained on hover. */
export function Unpriced({
  value,
  render,
}: {
  value: string | null | undefined;
  render: (value: string) => ReactNode;
}) {
  return value == null ? (
    <span className="not-set" title="No market price for it">
      –
    </span>
  ) : (
    render(value)
  );
}

export function assetColumns(quote: string): AnyColumn<AssetPnlItem>[] {
  const q = (label: string) => `${label} (${quote})`;
  return [
    row.accessor("asset", { header: "Asset", meta: { width: 90 } }),
    row.accessor("quantity", {
      header: () => <Hinted label="Quantity" hint={FIGURE_HINTS.quantity} />,
      cell: (c) => <AssetAmount exact={c.getValue()} asset={c.row.original.asset} />,
      meta: decimal(130),
    }),
    row.accessor((item) => item.price ?? null, {
      id: "price",
      header: () => <Hinted label={q("Price")} hint={FIGURE_HINTS.price} />,
      // A price of the asset in the quote currency: at its pair's price places (exchangeInfo) when
      // it trades against it, the exact figure on hover and in copies.
      cell: (c) => (
        <Unpriced
          value={c.getValue()}
          render={(value) => <PairFigure exact={value} symbol={`${c.row.original.asset}${quote}`} of="price" />}
        />
      ),
      meta: decimal(115),
    }),
    row.accessor("value", {
      header: () => <Hinted label={q("Value")} hint={FIGURE_HINTS.value} />,
      cell: (c) => <Unpriced value={c.getValue()} render={(value) => <Money value={value} />} />,
      meta: decimal(115),
    }),
    row.accessor("costBasis", {
      header: () => <Hinted label={q("Cost basis")} hint={FIGURE_HINTS.costBasis} />,
      cell: (c) => <Unpriced value={c.getValue()} render={(value) => <Money value={value} />} />,
      meta: decimal(130),
    }),
    row.accessor("averageCost", {
      header: () => <Hinted label={q("Avg cost")} hint={FIGURE_HINTS.averageCost} />,
      cell: (c) => (
        <Unpriced
          value={c.getValue()}
          render={(value) => <PairFigure exact={value} symbol={`${c.row.original.asset}${quote}`} of="price" />}
        />
      ),
      meta: decimal(120),
    }),
    row.accessor("realized", {
      header: () => <Hinted label={q("Realized")} hint={FIGURE_HINTS.realized} />,
      cell: (c) => <SignedAmount value={c.getValue()} money />,
      meta: decimal(120),
    }),
    row.accessor("unrealized", {
      header: () => <Hinted label={q("Unrealized")} hint={FIGURE_HINTS.unrealized} />,
      cell: (c) => <Unpriced value={c.getValue()} render={(value) => <SignedAmount value={value} money />} />,
      meta: decimal(130),
    }),
    row.accessor("fees", {
      header: () => <Hinted label={q("Fees")} hint={FIGURE_HINTS.feesInAsset} />,
      cell: (c) => <Money value={c.getValue()} />,
      meta: decimal(100),
    }),
  ];
}

/** An asset as a card at phone width. */
export const ASSET_CARD: CardLayout = {
  head: ["asset", "quantity"],
  fields: ["value", "costBasis", "realized", "unrealized", "price", "fees"],
  perLine: 1,
};
