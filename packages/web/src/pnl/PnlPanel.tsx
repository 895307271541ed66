/**
 * The PnL area: the cost-basis method (average cost or FIFO) every figure here follows; PnL by
 * day, week or month; PnL by symbol, a symbol whose position includes an opening one marked (the
 * legend says how much and at what cost); the opening positions with their costs (saving one
 * refreshes the PnL: `onCostSaved`); and the tax report of a year as CSV.
 */
import type { CostMethodName, OpeningPosition, PnlItem } from "@mexc-live/contract";
import { useCallback, useMemo } from "react";
import type { ChartTheme } from "../charts/index.js";
import { SegmentedButtons, type SegmentedOption } from "../controls/SegmentedButtons.js";
import { DataTable } from "../tables/DataTable.js";
import { COST_METHOD_HINT, COST_METHOD_LABEL, COST_METHODS } from "./costMethod.js";
import { OpeningPositions } from "./OpeningPositions.js";
import { openingNote } from "./openingNote.js";
import { PnlByPeriod } from "./PnlByPeriod.js";
import { PNL_COLUMNS, type PnlRow } from "./pnlColumns.js";
import { TaxExport } from "./TaxExport.js";
import { useOpeningPositions } from "./useOpeningPositions.js";
import "./pnl.css";

export interface PnlPanelProps {
  /** GET /api/pnl?method= (by the method picked). */
  readonly pnl: readonly PnlItem[];
  readonly quote: string;
  /** Height of the PnL by symbol table in px. */
  readonly height: number;
  readonly theme: ChartTheme;
  /** The method picked; null: none yet, the gateway's default applies. */
  readonly method: CostMethodName | null;
  readonly onMethodChange: (method: CostMethodName) => void;
  /** Changes when the fills topic moves: PnL by period is read again. */
  readonly version: unknown;
  /** After a cost was saved or reset: the PnL should be read again. */
  readonly onCostSaved?: () => void;
}

const symbolOf = (row: PnlRow) => row.item.symbol;
const NONE: readonly OpeningPosition[] = [];
const METHOD_OPTIONS: readonly SegmentedOption<CostMethodName>[] = COST_METHODS.map((id) => ({
  id,
  label: COST_METHOD_LABEL[id],
  hint: COST_METHOD_HINT[id],
}));

export function PnlPanel(props: PnlPanelProps) {
  const { pnl, quote, height, theme, method, onMethodChange, version, onCostSaved } = props;
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
  // What the table's figures follow, as the gateway said (the picked method once its answer is in).
  const tableMethod = pnl.find((item) => item.method !== undefined)?.method ?? method;
  const shownMethod = method ?? tableMethod;
  return (
    <section className="panel area-pnl" aria-label="PnL">
      <div className="pnl-head">
        <h2 className="panel-title">PnL</h2>
        <SegmentedButtons
          label="Cost basis"
          options={METHOD_OPTIONS}
          selected={shownMethod}
          onSelect={onMethodChange}
        />
      </div>
      <div className="pnl-layout">
        <div className="pnl-column">
          <PnlByPeriod method={method} version={version} quote={quote} theme={theme} />
          <TaxExport method={method} shownMethod={shownMethod} />
        </div>
        <div className="pnl-column">
          <h3 className="panel-subtitle">
            By symbol{" "}
            <small>
              {tableMethod === null ? "" : `${COST_METHOD_LABEL[tableMethod]} · `}in each pair's quote asset; fees in{" "}
              {quote}
            </small>
          </h3>
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
        </div>
      </div>
    </section>
  );
}
