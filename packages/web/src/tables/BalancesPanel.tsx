/**
 * Balances held (zero ones hidden), most valuable first, with the API-disabled marker and legend;
 * their total above them is the sum of the values shown (to the cent), saying how many held
 * assets have no price and are left out of it.
 */
import type { BalanceItem } from "@mexc-live/contract";
import { useMemo } from "react";
import { isHeld } from "../charts/allocation.js";
import { useDisplay } from "../format/DisplayContext.js";
import { formatMoney, sumAsShown } from "../format/decimal.js";
import { changeKey } from "../store/liveState.js";
import { ApiDisabledLegend } from "./ApiDisabled.js";
import { BALANCE_CARD, balanceColumns } from "./columns.js";
import { DataTable } from "./DataTable.js";

export interface BalancesPanelProps {
  readonly balances: ReadonlyMap<string, BalanceItem>;
  readonly changed: ReadonlyMap<string, number>;
  readonly height: number;
  /** The balances have not come yet: "Loading balances…", not "No balances yet." */
  readonly loading?: boolean;
}

export function BalancesPanel({ balances, changed, height, loading = false }: BalancesPanelProps) {
  const { quote } = useDisplay();
  const held = useMemo(() => [...balances.values()].filter(isHeld), [balances]);
  const anyDisabled = held.some((b) => b.apiTradingDisabled);
  const columns = useMemo(() => balanceColumns(quote), [quote]);
  // The total of the rows below, as they show: not the equity point's, taken at another moment.
  const total = useMemo(() => sumAsShown(held.map((b) => b.value)), [held]);
  const unpriced = total.missing > 0 ? ` · ${total.missing} without a price left out` : "";
  return (
    <section className="panel area-balances" aria-label="Balances">
      <h2 className="panel-title">
        Balances
        <small data-testid="balances-total">
          {held.length === 0 ? "" : `total ${formatMoney(total.value)} ${quote}${unpriced}`}
        </small>
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
