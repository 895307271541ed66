/**
 * PnL by symbol (average cost) and, under it, the opening positions with their costs. A symbol
 * whose position includes an opening one is marked, and the legend says how much and at what
 * cost; saving a cost refreshes the PnL (`onCostSaved`).
 */
import type { OpeningPosition, PnlItem } from "@mexc-live/contract";
import { useCallback, useMemo } from "react";
import { DataTable } from "../tables/DataTable.js";
import { OpeningPositions } from "./OpeningPositions.js";
import { openingNote } from "./openingNote.js";
import { PNL_COLUMNS, type PnlRow } from "./pnlColumns.js";
import { useOpeningPositions } from "./useOpeningPositions.js";
import "./pnl.css";

export interface PnlPanelProps {
  readonly pnl: readonly PnlItem[];
  readonly quote: string;
  readonly height: number;
  /** After a cost was saved or reset: the PnL should be read again. */
  readonly onCostSaved?: () => void;
}

const symbolOf = (row: PnlRow) => row.item.symbol;
const NONE: readonly OpeningPosition[] = [];

export function PnlPanel({ pnl, quote, height, onCostSaved }: PnlPanelProps) {
  // Opening positions move with the fills and balances, as the PnL does: read again with it.
  const openings = useOpeningPositions(pnl);
  const { saveCost } = openings;
  const positions = openings.items ?? NONE;
  const rows = useMemo(
    () => pnl.map((item) => ({ item, openingNote: openingNote(item, positions, quote) })),
    [pnl, positions, quote],
  );
  const marked = rows.filter((row) => row.openingNote !== null);
  const onSave = useCallback(
    async (asset: string, costPrice: string | null) => {
      await saveCost(asset, costPrice);
      onCostSaved?.();
    },
    [saveCost, onCostSaved],
  );
  return (
    <section className="panel area-pnl" aria-label="PnL">
      <h2 className="panel-title">
        PnL by symbol <small>average cost, in each pair's quote asset</small>
      </h2>
      <DataTable
        label="PnL"
        data={rows}
        columns={PNL_COLUMNS}
        getRowId={symbolOf}
        height={height}
        initialSorting={[{ id: "symbol", desc: false }]}
        emptyText="No PnL yet: it starts with the first fill."
      />
      {marked.length > 0 && (
        <ul className="legend opening-notes">
          {marked.map((row) => (
            <li key={row.item.symbol}>
              <span className="opening-mark" aria-hidden="true">
                opening
              </span>{" "}
              {row.item.symbol}: {row.openingNote}
            </li>
          ))}
        </ul>
      )}
      <OpeningPositions items={openings.items} loadError={openings.loadError} onSave={onSave} />
    </section>
  );
}
