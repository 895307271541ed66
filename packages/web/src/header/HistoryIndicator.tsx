/**
 * The backfill's progress in the header: a bar and "history: 18 of 30 days, 4 symbols left"; quiet
 * once complete; "history: queued, 2 accounts first" while other accounts' histories are read.
 */
import type { HistoryView } from "./historyProgress.js";

export function HistoryIndicator({ view }: { view: HistoryView }) {
  if (view.state === "complete") {
    return (
      <span className="header-fact header-history history-complete" title={view.detail}>
        {view.text}
      </span>
    );
  }
  if (view.state === "queued") {
    return (
      <span className="header-fact header-history history-queued" title={view.detail} data-testid="history-progress">
        {view.text}
      </span>
    );
  }
  return (
    <span className="header-history history-backfilling" title={view.detail} data-testid="history-progress">
      <progress value={view.done} max={view.total} aria-label="History backfill" />
      <span className="history-text">{view.text}</span>
    </span>
  );
}
