/**
 * One history table fetched from the gateway page by page (the ledger, the transfers): the
 * first page on mount and on every new filter, older pages as the user scrolls, the newest page
 * again when `version` changes; new rows flash. The footer counts what is held out of what the
 * filter matches in all ("500 of 12,345 entries"), says how far the history is loaded, and links
 * the gateway's CSV export of everything the filter matches.
 */
import { exportHref, type QueryValue } from "../api/http.js";
import { formatDateTime } from "../format/time.js";
import { zoneLabel } from "../format/timeZone.js";
import { usePagedList } from "../store/usePagedList.js";
import { countText } from "../tables/countText.js";
import { DataTable } from "../tables/DataTable.js";
import type { AnyColumn } from "../tables/rowPipeline.js";
import type { CardLayout } from "../tables/TableCards.js";

export interface HistoryTableProps<T> {
  readonly label: string;
  /** The list read page by page, and exported as CSV (its read and its export of the API table). */
  readonly read: "ledger" | "transfers";
  readonly query: Readonly<Record<string, QueryValue>>;
  readonly columns: readonly AnyColumn<T>[];
  /** Stable (module-level). */
  readonly idOf: (row: T) => string;
  /** Changes when the newest page may have changed (the balances topic moved). */
  readonly version: unknown;
  readonly height: number;
  /** What the rows are, plural ("entries", "transfers"). */
  readonly noun: string;
  readonly emptyText: string;
  /** How a row shows as a card at phone width. */
  readonly cards?: CardLayout;
  /** A row's time: once every row is loaded, the footer says when the oldest is ("from ..."). */
  readonly timeOf?: (row: T) => number;
}

/** ", from 2026-11-24 10:02:03 UTC": the oldest of the rows, once all are loaded; "" otherwise. */
function startText<T>(rows: readonly T[], timeOf: ((row: T) => number) | undefined): string {
  if (timeOf === undefined || rows.length === 0) return "";
  const oldest = rows.reduce((min, row) => Math.min(min, timeOf(row)), Number.POSITIVE_INFINITY);
  return `, from ${formatDateTime(oldest)} ${zoneLabel(undefined, oldest)}`;
}

function note(state: ReturnType<typeof usePagedList>["state"], noun: string): string | undefined {
  switch (state) {
    case "loading":
      return `loading ${noun}…`;
    case "done":
      return `all ${noun} loaded`;
    case "partial":
      return "only recent ones: the gateway's collector is not answering; scroll to retry";
    case "error":
      return `${noun} could not be loaded; asked again at the next balance change`;
    case "full":
      return "the newest ones only; the CSV export has them all";
    default:
      return undefined;
  }
}

export function HistoryTable<T>(props: HistoryTableProps<T>) {
  const { label, read, query, idOf, version, noun } = props;
  const list = usePagedList<T>(read, query, idOf, version);
  const csv = exportHref(read, query);
  const shownNote = note(list.state, noun);
  return (
    <DataTable
      label={label}
      data={list.items}
      columns={props.columns}
      getRowId={idOf}
      height={props.height}
      initialSorting={[{ id: "time", desc: true }]}
      changedAt={list.arrivedAt}
      onNearEnd={list.loadMore}
      cards={props.cards}
      emptyText={list.state === "loading" && list.items.length === 0 ? "Loading…" : props.emptyText}
      footer={(rows) => (
        <>
          <span>
            {countText(rows.length, list.total, noun)}
            {shownNote ? ` · ${shownNote}` : ""}
            {list.state === "done" ? startText(list.items, props.timeOf) : ""}
          </span>
          <a className="button" href={csv} download title={`Every one of the ${noun} the gateway stored, as filtered`}>
            Export CSV
          </a>
        </>
      )}
    />
  );
}
