/**
 * The PnL area: the cost-basis method (average cost or FIFO) every figure here follows; PnL by
 * asset (every holding with its quantity, cost basis, realized and unrealized PnL and fees in the
 * quote currency) with a total row; PnL by day, week or month; PnL by pair with a total row, a
 * pair whose position includes an opening one marked (the legend says how much and at what cost);
 * the realized PnL by asset leading, and under the pairs' total how it comes from that total, by
 * cause (RealizedCausesNote); the opening positions with their costs (saving one refreshes the PnL: `onCostSaved`); and the
 * tax report of a year as CSV. Every figure's header says on hover what it is.
 */
import {
  type AssetPnlItem,
  COST_METHODS,
  type CostMethodName,
  type OpeningPosition,
  type PnlItem,
  type RealizedCauses,
  type UnplacedPair,
} from "@mexc-live/contract";
import { type ReactNode, useCallback, useMemo } from "react";
import { SegmentedButtons, type SegmentedOption } from "../controls/SegmentedButtons.js";
import { useDisplay } from "../format/DisplayContext.js";
import type { HistoryBeingRead } from "../header/useProvisional.js";
import { Money, SignedAmount } from "../tables/amounts.js";
import { DataTable } from "../tables/DataTable.js";
import { ASSET_CARD, assetColumns } from "./assetColumns.js";
import { COST_METHOD_HINT, COST_METHOD_LABEL } from "./costMethod.js";
import { OpeningPositions } from "./OpeningPositions.js";
import { openingNote } from "./openingNote.js";
import { PnlByPeriod } from "./PnlByPeriod.js";
import { PAIR_CARD, type PnlRow, pnlColumns } from "./pnlColumns.js";
import { type AssetTotals, assetTotals, type PairTotals, pairTotalNote, pairTotals, type Sum } from "./pnlTotals.js";
import { RealizedCausesNote } from "./RealizedCausesNote.js";
import { TaxExport } from "./TaxExport.js";
import { UnplacedFills } from "./UnplacedFills.js";
import { useOpeningPositions } from "./useOpeningPositions.js";
import "./pnl.css";

export interface PnlPanelProps {
  /** The pairs whose fills the figures by asset leave out (health's `figures.unplaced`). */
  readonly unplaced?: readonly UnplacedPair[] | undefined;
  /** GET /api/pnl?method= (by the method picked): by pair. */
  readonly pnl: readonly PnlItem[];
  /** The PnL has not been read yet: the tables say "Loading…", not that there is none. */
  readonly loading?: boolean;
  /** GET /api/pnl?by=asset&method=; null until read (or when the gateway does not serve it). */
  readonly pnlByAsset?: readonly AssetPnlItem[] | null;
  /** GET /api/pnl/realized?method=: the realized PnL by asset against the pairs' total, by cause; null until read. */
  readonly realized?: RealizedCauses | null;
  /** The figures version pnlByAsset was computed at (api/figuresVersion.ts); undefined: not read yet. */
  readonly pnlByAssetVersion?: number | null | undefined;
  /** Height of the PnL by symbol table in px. */
  readonly height: number;
  /** The method picked; null: none yet, the gateway's default applies. */
  readonly method: CostMethodName | null;
  readonly onMethodChange: (method: CostMethodName) => void;
  /** Changes when the fills topic moves: PnL by period is read again. */
  readonly version: unknown;
  /** After a cost was saved or reset: the PnL should be read again. */
  readonly onCostSaved?: () => void;
  /** The span of MEXC's history still being read (PnL by period's periods of nothing in it are unread); null once read. */
  readonly reading?: HistoryBeingRead | null;
}

const symbolOf = (row: PnlRow) => row.item.symbol;
const assetOf = (item: AssetPnlItem) => `${item.account ?? ""}:${item.asset}`;
/** Height (px) of the PnL by asset table: about ten assets and the total in view. */
const ASSET_TABLE_HEIGHT = 340;

/** A sum in a total row; "…" marked when rows without the figure (no price) were left out of it. */
function Total({ sum, signed = false }: { sum: Sum; signed?: boolean }) {
  const shown = signed ? <SignedAmount value={sum.value} money /> : <Money value={sum.value} />;
  if (sum.missing === 0) return shown;
  return (
    <span title={`${sum.missing} without a price left out of this sum`}>
      {shown} <span className="not-set">+?</span>
    </span>
  );
}

function assetTotalRow(totals: AssetTotals): Record<string, ReactNode> {
  return {
    asset: "Total",
    value: <Total sum={totals.value} />,
    costBasis: <Total sum={totals.costBasis} />,
    realized: <Total sum={totals.realized} signed />,
    unrealized: <Total sum={totals.unrealized} signed />,
    fees: <Total sum={totals.fees} />,
  };
}

function pairTotalRow(totals: PairTotals): Record<string, ReactNode> {
  const others = totals.otherQuotes.length;
  return {
    symbol: (
      <span title={pairTotalNote(totals) ?? `Every pair, in ${totals.quote}`}>
        Total{others > 0 ? ` of ${totals.quote} pairs` : ""}
      </span>
    ),
    quote: totals.quote,
    realized: <Total sum={totals.realized} signed />,
    unrealized: <Total sum={totals.unrealized} signed />,
    fees: <Total sum={totals.fees} />,
  };
}
const NONE: readonly OpeningPosition[] = [];
const METHOD_OPTIONS: readonly SegmentedOption<CostMethodName>[] = COST_METHODS.map((id) => ({
  id,
  label: COST_METHOD_LABEL[id],
  hint: COST_METHOD_HINT[id],
}));

export function PnlPanel(props: PnlPanelProps) {
  const {
    pnl,
    pnlByAsset = null,
    pnlByAssetVersion,
    realized = null,
    height,
    method,
    onMethodChange,
    version,
    onCostSaved,
    loading = false,
    unplaced,
    reading = null,
  } = props;
  const { quote } = useDisplay();
  const pairColumns = useMemo(() => pnlColumns(quote), [quote]);
  const columnsByAsset = useMemo(() => assetColumns(quote), [quote]);
  const assetSums = useMemo(() => (pnlByAsset ? assetTotals(pnlByAsset) : null), [pnlByAsset]);
  const byAssetTotals = useMemo(() => (assetSums ? assetTotalRow(assetSums) : undefined), [assetSums]);
  const pairSums = useMemo(() => pairTotals(pnl, quote), [pnl, quote]);
  const byPairTotals = useMemo(() => pairTotalRow(pairSums), [pairSums]);

  // Opening positions move with the fills and balances, as the PnL does: read again with it.
  const openings = useOpeningPositions(pnl);
  const { saveCost } = openings;
  const positions = openings.items ?? NONE;
  const rows = useMemo(
    () => pnl.map((item) => ({ item, openingNote: openingNote(item, positions, quote) })),
    [pnl, positions, quote],
  );
  const marked = rows.filter((row) => row.openingNote !== null);
  // What the total adds up and leaves out, on the screen at every width (a phone has no hover).
  const pairNote = pnl.length > 0 ? pairTotalNote(pairSums) : null;
  const onSave = useCallback(
    async (asset: string, costPrice: string | null) => {
      await saveCost(asset, costPrice);
      onCostSaved?.();
    },
    [saveCost, onCostSaved],
  );
  // What the tables' figures follow, as the gateway said (the picked method once its answer is in).
  const tableMethod = pnl.find((item) => item.method !== undefined)?.method ?? pnlByAsset?.[0]?.method ?? method;
  const shownMethod = method ?? tableMethod;
  return (
    <section className="panel area-pnl" aria-label="PnL">
      <div className="panel-head">
        <h2 className="panel-title">PnL</h2>
        <SegmentedButtons
          label="Cost basis"
          options={METHOD_OPTIONS}
          selected={shownMethod}
          onSelect={onMethodChange}
        />
      </div>
      {assetSums && (
        <p className="realized-lead" data-testid="realized-lead">
          Realized, all history:{" "}
          <strong>
            <Total sum={assetSums.realized} signed />
          </strong>{" "}
          {quote}{" "}
          <small>
            by asset, as Performance, PnL by period and the journal's calendar count it; by pair below, each in its
            pair's quote asset
          </small>
        </p>
      )}
      <h3 className="panel-subtitle">
        By asset{" "}
        <small>
          {tableMethod === null ? "" : `${COST_METHOD_LABEL[tableMethod]} · `}all history · in {quote}, quantities in
          the asset
        </small>
      </h3>
      {pnlByAsset === null ? (
        <p className="perf-note">PnL by asset: not read yet.</p>
      ) : (
        <div className="pnl-by-asset" data-figures-version={pnlByAssetVersion ?? undefined}>
          <DataTable
            label="PnL by asset"
            data={pnlByAsset}
            columns={columnsByAsset}
            getRowId={assetOf}
            height={ASSET_TABLE_HEIGHT}
            initialSorting={[{ id: "value", desc: true }]}
            totals={byAssetTotals}
            cards={ASSET_CARD}
            emptyText={loading ? "Loading PnL by asset…" : "No holdings yet."}
          />
        </div>
      )}
      <div className="pnl-layout">
        <div className="pnl-column">
          <PnlByPeriod
            method={method}
            version={version}
            byAsset={pnlByAsset === null ? undefined : { version: pnlByAssetVersion }}
            reading={reading}
          />
          <TaxExport method={method} shownMethod={shownMethod} quote={quote} />
          <UnplacedFills unplaced={unplaced} />
        </div>
        <div className="pnl-column">
          <h3 className="panel-subtitle">
            By pair{" "}
            <small>
              {tableMethod === null ? "" : `${COST_METHOD_LABEL[tableMethod]} · `}in each pair's quote asset (In); fees
              in {quote}
            </small>
          </h3>
          <DataTable
            label="PnL"
            data={rows}
            columns={pairColumns}
            getRowId={symbolOf}
            height={height}
            initialSorting={[{ id: "symbol", desc: false }]}
            totals={rows.length > 0 ? byPairTotals : undefined}
            cards={PAIR_CARD}
            emptyText={loading ? "Loading PnL…" : "No PnL yet: it starts with the first fill."}
          />
          {pairNote && (
            <p className="legend pair-total-note" data-testid="pair-total-note">
              {pairNote}
            </p>
          )}
          <RealizedCausesNote answer={realized} assets={pnlByAsset} pairs={pnl} quote={quote} />
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
