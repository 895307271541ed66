/**
 * Columns of the PnL by pair (by the cost-basis method of the figures): the position and its
 * cost and the last price at the pair's places (exchangeInfo; the exact figure on hover), realized and unrealized PnL in the pair's quote asset (its own column, one
 * unit per column: money to 2 places where that is the quote currency), the fees of the pair's
 * fills valued in the quote currency. A pair whose position includes one held before the known
 * history is marked, the explanation on hover and in the legend. Each header's tooltip says what
 * the figure is.
 */
import type { PnlItem } from "@mexc-live/contract";
import { createColumnHelper } from "@tanstack/react-table";
import { quoteOfPair } from "../format/pairQuote.js";
import { Money, PairFigure, Rounded, SignedAmount } from "../tables/amounts.js";
import { type AnyColumn, decimal } from "../tables/rowPipeline.js";
import type { CardLayout } from "../tables/TableCards.js";
import { Hinted, Unpriced } from "./assetColumns.js";
import { FIGURE_HINTS } from "./figureHints.js";

/** A PnL item with the note on its opening position, if it has one. */
export interface PnlRow {
  readonly item: PnlItem;
  readonly openingNote: string | null;
}

const pnl = createColumnHelper<PnlRow>();

export function pnlColumns(quote: string): AnyColumn<PnlRow>[] {
  /** A figure in the pair's quote asset: money (2 places) when that is the quote currency. */
  const inPairQuote = (row: PnlRow, value: string, signed: boolean) => {
    const asset = quoteOfPair(row.item.symbol, quote);
    const money = asset === quote;
    // Another quote asset (ETHBTC's BTC): at that asset's places, the exact figure on hover.
    if (signed) return <SignedAmount value={value} money={money} {...(money || !asset ? {} : { asset })} />;
    return money ? <Money value={value} /> : <Rounded exact={value} />;
  };
  return [
    pnl.accessor((row) => row.item.symbol, {
      id: "symbol",
      header: "Pair",
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
      meta: { width: 110 },
    }),
    pnl.accessor((row) => quoteOfPair(row.item.symbol, quote), {
      id: "quote",
      header: () => <Hinted label="In" hint={FIGURE_HINTS.pairQuote} />,
      cell: (c) => c.getValue() || <span className="not-set">?</span>,
      meta: { width: 50 },
    }),
    pnl.accessor((row) => row.item.position, {
      id: "position",
      header: () => <Hinted label="Position" hint={FIGURE_HINTS.position} />,
      cell: (c) => <PairFigure exact={c.getValue()} symbol={c.row.original.item.symbol} of="quantity" />,
      meta: decimal(96),
    }),
    pnl.accessor((row) => row.item.averageCost, {
      id: "averageCost",
      header: () => <Hinted label="Avg cost" hint={FIGURE_HINTS.pairAverageCost} />,
      // A price of the pair: at its price places (exchangeInfo), the exact figure on hover and in copies.
      cell: (c) => <PairFigure exact={c.getValue()} symbol={c.row.original.item.symbol} of="price" />,
      meta: decimal(96),
    }),
    pnl.accessor((row) => row.item.lastPrice ?? null, {
      id: "lastPrice",
      header: () => <Hinted label="Last price" hint={FIGURE_HINTS.lastPrice} />,
      cell: (c) => (
        <Unpriced
          value={c.getValue()}
          render={(value) => <PairFigure exact={value} symbol={c.row.original.item.symbol} of="price" />}
        />
      ),
      meta: decimal(100),
    }),
    pnl.accessor((row) => row.item.realized, {
      id: "realized",
      header: () => <Hinted label="Realized" hint={FIGURE_HINTS.pairRealized} />,
      cell: (c) => inPairQuote(c.row.original, c.getValue(), true),
      meta: decimal(100),
    }),
    pnl.accessor((row) => row.item.unrealized, {
      id: "unrealized",
      header: () => <Hinted label="Unrealized" hint={FIGURE_HINTS.pairUnrealized} />,
      cell: (c) => (
        <Unpriced value={c.getValue() as string | null} render={(value) => inPairQuote(c.row.original, value, true)} />
      ),
      meta: decimal(100),
    }),
    pnl.accessor((row) => row.item.fees ?? null, {
      id: "fees",
      header: () => <Hinted label={`Fees (${quote})`} hint={FIGURE_HINTS.pairFees} />,
      cell: (c) => <Unpriced value={c.getValue()} render={(value) => <Money value={value} />} />,
      meta: decimal(88),
    }),
  ];
}

/** A pair as a card at phone width. */
export const PAIR_CARD: CardLayout = {
  head: ["symbol", "quote"],
  fields: ["position", "averageCost", "realized", "unrealized", "lastPrice", "fees"],
};
