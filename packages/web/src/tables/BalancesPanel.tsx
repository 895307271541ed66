/** Balances held (zero ones hidden), most valuable first, with the API-disabled marker and legend. */
import type { BalanceItem } from "@mexc-live/contract";
import { useMemo } from "react";
import { compareDecimal, formatMoney } from "../format/decimal.js";
import { changeKey } from "../store/liveState.js";
import { ApiDisabledLegend } from "./ApiDisabled.js";
import { BALANCE_CARD, balanceColumns } from "./columns.js";
import { DataTable } from "./DataTable.js";

export interface BalancesPanelProps {
  readonly balances: ReadonlyMap<string, BalanceItem>;
  readonly changed: ReadonlyMap<string, number>;
  readonly quote: string;
  /** Latest total equity in the quote currency, if known. */
  readonly equity: string | null;
  readonly height: number;
  /** The balances have not come yet: "Loading balances…", not "No balances yet." */
  readonly loading?: boolean;
}

function isZero(value: string): boolean {
  return compareDecimal(value, "0") === 0;
}

export function BalancesPanel({ balances, changed, quote, equity, height, loading = false }: BalancesPanelProps) {
  const held = useMemo(() => [...balances.values()].filter((b) => !(isZero(b.free) && isZero(b.locked))), [balances]);
  const anyDisabled = held.some((b) => b.apiTradingDisabled);
  const columns = useMemo(() => balanceColumns(quote), [quote]);
  return (
    <section className="panel area-balances" aria-label="Balances">
      <h2 className="panel-title">
        Balances
        <small title={equity ?? undefined}>{equity === null ? "" : `total ${formatMoney(equity)} ${quote}`}</small>
      </h2>
      <DataTable
        label="Balances"
        data={held}
        columns={columns}
        cards={BALANCE_CARD}
        getRowId={(b) => b.asset}
        height={height}
        initialSorting={[{ id: "value", desc: true }]}
        changedAt={(id) => changed.get(changeKey("balances", id))}
        emptyText={loading ? "Loading balances…" : "No balances yet."}
      />
      {/* The legend's space is kept even without a marked pair, so the row never changes height. */}
      <div className="legend-slot">{anyDisabled && <ApiDisabledLegend />}</div>
    </section>
  );
}
