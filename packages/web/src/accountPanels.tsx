/**
 * The account sections beyond the live tables, fed from the live store and the figures: the
 * ledger and transfers (refreshed when the balances move or a file was imported), PnL (by the
 * cost-basis method picked, by period refreshed with the fills) with the opening positions and
 * the tax report, the import of older history and the files other tools import. The ledger and
 * PnL follow the store only while on screen (FollowWhenSeen).
 */
import type { CostMethodName } from "@mexc-live/contract";
import { useCallback, useMemo, useState } from "react";
import { useHistoryBeingRead } from "./header/useProvisional.js";
import { HistoryPanel } from "./history/HistoryPanel.js";
import { ImportPanel } from "./history/ImportPanel.js";
import { ToolExports } from "./history/ToolExports.js";
import { JournalPanel } from "./journal/JournalPanel.js";
import { PnlPanel } from "./pnl/PnlPanel.js";
import { useFiguresContext } from "./store/FiguresContext.js";
import { FollowWhenSeen } from "./store/FollowWhenSeen.js";
import { useHeldWhilePaused, useLive } from "./store/LiveContext.js";

/** Fixed heights (px) of the table areas. */
const HISTORY_HEIGHT = 360;
const PNL_HEIGHT = 220;

export interface AccountSectionsProps {
  readonly method: CostMethodName | null;
  readonly onMethodChange: (method: CostMethodName) => void;
}

export function AccountSections(props: AccountSectionsProps) {
  const { method } = props;
  const [imports, setImports] = useState(0);
  const { refresh } = useFiguresContext();
  const onImported = useCallback(() => {
    setImports((n) => n + 1);
    refresh();
  }, [refresh]);
  return (
    <>
      <FollowWhenSeen>
        <LiveHistory imports={imports} />
      </FollowWhenSeen>
      <FollowWhenSeen>
        <LivePnl {...props} imports={imports} onCostSaved={refresh} />
      </FollowWhenSeen>
      <FollowWhenSeen>
        <LiveJournal method={method} imports={imports} />
      </FollowWhenSeen>
      <ImportPanel onImported={onImported} />
      <ToolExports />
    </>
  );
}

function LiveHistory({ imports }: { imports: number }) {
  const balances = useLive((s) => s.balances);
  // The backfill's wallet counts move as it stores deposits and withdrawals: the transfers follow.
  const backfilled = useLive((s) => {
    const counts = s.health?.value.history?.counts;
    return counts ? `${counts.deposits}/${counts.withdrawals}/${counts.transfers}` : "";
  });
  const assets = useMemo(() => [...balances.keys()].sort(), [balances]);
  const version = useMemo(() => [balances, backfilled, imports], [balances, backfilled, imports]);
  return <HistoryPanel assets={assets} version={version} height={HISTORY_HEIGHT} />;
}

interface LivePnlProps extends AccountSectionsProps {
  readonly imports: number;
  readonly onCostSaved: () => void;
}

function LivePnl({ method, onMethodChange, imports, onCostSaved }: LivePnlProps) {
  const newestFill = useLive((s) => s.fills.items[0]?.tradeId ?? "");
  const figuresVersion = useLive((s) => s.figures?.version ?? null);
  const figures = useHeldWhilePaused(useFiguresContext().figures);
  const reading = useHistoryBeingRead();
  const unplaced = useLive((s) => s.health?.value.figures?.unplaced);
  return (
    <PnlPanel
      unplaced={unplaced}
      pnl={figures.pnl}
      loading={!figures.loaded.pnl}
      pnlByAsset={figures.pnlByAsset}
      pnlByAssetVersion={figures.pnlByAssetVersion}
      realized={figures.realized}
      height={PNL_HEIGHT}
      method={method}
      onMethodChange={onMethodChange}
      version={`${newestFill}#${figuresVersion}#${imports}`}
      onCostSaved={onCostSaved}
      reading={reading}
    />
  );
}

function LiveJournal({ method, imports }: { method: CostMethodName | null; imports: number }) {
  const newestFill = useLive((s) => s.fills.items[0]?.tradeId ?? "");
  const figuresVersion = useLive((s) => s.figures?.version ?? null);
  return <JournalPanel method={method} version={`${newestFill}#${figuresVersion}#${imports}`} />;
}
