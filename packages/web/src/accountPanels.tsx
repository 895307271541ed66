/**
 * The account sections beyond the live tables, fed from the live store and the figures: the
 * ledger and transfers (refreshed when the balances move or a file was imported), PnL with the
 * opening positions, and the import of older history.
 */
import { useCallback, useMemo, useState } from "react";
import { useFiguresContext } from "./api/FiguresContext.js";
import { HistoryPanel } from "./history/HistoryPanel.js";
import { ImportPanel } from "./history/ImportPanel.js";
import { PnlPanel } from "./pnl/PnlPanel.js";
import { useLive } from "./store/LiveContext.js";

/** Fixed heights (px) of the table areas. */
const HISTORY_HEIGHT = 360;
const PNL_HEIGHT = 200;

export function AccountSections({ quote }: { quote: string }) {
  const balances = useLive((s) => s.balances);
  // The backfill's wallet counts move as it stores deposits and withdrawals: the transfers follow.
  const backfilled = useLive((s) => {
    const counts = s.health?.value.history?.counts;
    return counts ? `${counts.deposits}/${counts.withdrawals}/${counts.transfers}` : "";
  });
  const [imports, setImports] = useState(0);
  const { figures, refresh } = useFiguresContext();
  const assets = useMemo(() => [...balances.keys()].sort(), [balances]);
  const version = useMemo(() => [balances, backfilled, imports], [balances, backfilled, imports]);
  const onImported = useCallback(() => {
    setImports((n) => n + 1);
    refresh();
  }, [refresh]);
  return (
    <>
      <HistoryPanel assets={assets} version={version} height={HISTORY_HEIGHT} />
      <PnlPanel pnl={figures.pnl} quote={quote} height={PNL_HEIGHT} onCostSaved={refresh} />
      <ImportPanel onImported={onImported} />
    </>
  );
}
