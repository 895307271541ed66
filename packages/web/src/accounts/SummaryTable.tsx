/**
 * A list of the "All accounts" summary as a compact table (latest fills, open orders): its title,
 * the read note (live, or when read), the columns, and a line when it is empty. At phone width
 * (useNarrow) the rows are cards, as the account's own tables are (tables/TableCards.tsx): a first
 * line with the columns a row is known by, then each figure as label and value, so Price and
 * Quantity are never cut at the box's edge (issue 40 item 8).
 */
import type { ReactNode } from "react";
import { useNarrow } from "../hooks/useNarrow.js";
import type { AccountsList } from "./allAccountsFeed.js";
import { SummaryReadNote, SummaryTitle } from "./SummarySection.js";

export interface SummaryColumn<T> {
  readonly label: string;
  /** What the header shows, when more than the label (the time zone of a time). */
  readonly heading?: ReactNode;
  readonly numeric?: boolean;
  readonly className?: string;
  /** A class for this item's cell (e.g. the side's colour). */
  readonly cellClass?: (item: T) => string;
  readonly cell: (item: T) => ReactNode;
}

type AccountItem = { readonly account?: string };

export interface SummaryTableProps<T extends AccountItem> {
  readonly title: string;
  readonly className: string;
  /** Followed over the stream (`failed`: it is down), not read with the account list. */
  readonly list: AccountsList<T>;
  readonly columns: readonly SummaryColumn<T>[];
  /** The item's id in its account: the row's data-row-id (its key adds the account). */
  readonly rowId: (item: T) => string;
  readonly empty: string;
}

export function SummaryTable<T extends AccountItem>({
  title,
  className,
  list,
  columns,
  rowId,
  empty,
}: SummaryTableProps<T>) {
  const narrow = useNarrow();
  const { items, failed } = list;
  const rowKey = (item: T) => `${item.account ?? ""}:${rowId(item)}`;
  return (
    <div className={className}>
      <SummaryTitle title={title} live down={failed} />
      <SummaryReadNote failed={failed} read={items !== null} live />
      {items === null && !failed && (
        // Before the stream's snapshot (the page opened, shown again, or the list scrolled back to):
        // an empty box under "live" read as "nothing happened".
        <p className="all-accounts-note" role="status">
          Loading…
        </p>
      )}
      <div className="all-accounts-fills-scroll">
        {narrow ? (
          <SummaryCards title={title} items={items} columns={columns} rowKey={rowKey} rowId={rowId} empty={empty} />
        ) : (
          <table aria-label={title}>
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column.label} scope="col" className={column.numeric ? "num" : undefined}>
                    {column.heading ?? column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {items?.map((item) => (
                <tr key={rowKey(item)} data-row-id={rowId(item)}>
                  {columns.map((column) => (
                    <td
                      key={column.label}
                      className={column.numeric ? "num" : (column.cellClass?.(item) ?? column.className)}
                    >
                      {column.cell(item)}
                    </td>
                  ))}
                </tr>
              ))}
              {items?.length === 0 && (
                <tr>
                  <td colSpan={columns.length} className="all-accounts-note">
                    {empty}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}

type SummaryCardsProps<T extends AccountItem> = Pick<SummaryTableProps<T>, "title" | "columns" | "rowId" | "empty"> & {
  readonly items: readonly T[] | null;
  readonly rowKey: (item: T) => string;
};

/** The rows as cards: the columns that name a row on its first line, the figures under it as label and value. */
function SummaryCards<T extends AccountItem>({ title, items, columns, rowKey, rowId, empty }: SummaryCardsProps<T>) {
  const head = columns.filter((column) => !column.numeric);
  const fields = columns.filter((column) => column.numeric);
  return (
    <ul className="table-cards summary-cards" aria-label={title}>
      {items?.map((item) => (
        <li key={rowKey(item)} className="table-card" data-row-id={rowId(item)}>
          <div className="table-card-head">
            {head.map((column) => (
              <span key={column.label} className={column.cellClass?.(item) ?? column.className}>
                {column.cell(item)}
              </span>
            ))}
          </div>
          <dl className="table-card-fields">
            {fields.map((column) => (
              <div key={column.label} className="table-card-field">
                <dt>{column.label}</dt>
                <dd>{column.cell(item)}</dd>
              </div>
            ))}
          </dl>
        </li>
      ))}
      {items?.length === 0 && <li className="all-accounts-note">{empty}</li>}
    </ul>
  );
}

/** The account column both lists start or carry. */
export function accountColumn<T extends { account?: string }>(): SummaryColumn<T> {
  return { label: "Account", className: "all-accounts-fills-account", cell: (item) => item.account ?? "–" };
}

/** The side column, coloured. */
export function sideColumn<T extends { side: "BUY" | "SELL" }>(): SummaryColumn<T> {
  return {
    label: "Side",
    cellClass: (item) => (item.side === "BUY" ? "side-buy" : "side-sell"),
    cell: (item) => item.side,
  };
}
