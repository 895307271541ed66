/**
 * One table component for orders, fills and balances, rendered as real <table> markup.
 * @tanstack/react-table holds the columns, the sorting state and renders headers and cells;
 * rows are filtered and sorted over plain arrays (rowPipeline.ts) and virtualized with
 * @tanstack/react-virtual: only the rows in view plus a few become react-table rows and DOM
 * rows, spacer rows keep the scroll height, so 50k rows scroll smoothly and a live feed costs
 * per frame only what is visible. Rows are a fixed height and columns fixed widths: nothing
 * jumps when data arrives, and a column that cannot show a value whole widens (useFitColumns):
 * never a value cut short with "…". A total row, when given, stays at the bottom of the box. At
 * phone width a table with a card layout shows its rows as cards (TableCards); a table wider than
 * its box names the columns past its right edge (columnsOutOfView.ts). A row that changed
 * live is highlighted for FLASH_MS, then fades out in a few steps (CSS, steps(): a few repaints,
 * where a smooth fade repainted every frame, issue 17: a light tab).
 */
import {
  type ColumnFiltersState,
  flexRender,
  getCoreRowModel,
  type SortingState,
  useReactTable,
} from "@tanstack/react-table";
import { observeElementRect, useVirtualizer, type Virtualizer } from "@tanstack/react-virtual";
import { type ReactNode, useEffect, useMemo, useRef, useState } from "react";
import { useNarrow } from "../hooks/useNarrow.js";
import { nextTick } from "../hooks/useNow.js";
import { FLASH_END_TICK_MS, FLASH_MS } from "../store/limits.js";
import { headerNames, useColumnsOutOfView } from "./columnsOutOfView.js";
import { type AnyColumn, columnId, columnMeta, filterRows, sortRows } from "./rowPipeline.js";
import { type CardLayout, cardHeight, TableCards } from "./TableCards.js";
import { useFitColumns } from "./useFitColumns.js";

/** Row height in px (CSS `--row-height` matches). */
const ROW_HEIGHT = 28;
/** Rows rendered beyond the visible ones, each way. */
const OVERSCAN = 12;
/** `onNearEnd` fires when the last rendered row is this close to the end. */
const NEAR_END_ROWS = 30;

export interface DataTableProps<T> {
  readonly label: string;
  readonly data: readonly T[];
  readonly columns: readonly AnyColumn<T>[];
  readonly getRowId: (row: T) => string;
  /** Height of the scroll area in px: fixed, so the page never jumps. */
  readonly height: number;
  readonly columnFilters?: ColumnFiltersState;
  readonly initialSorting?: SortingState;
  /** Browser time the row last changed live, if it did (for the highlight). */
  readonly changedAt?: (rowId: string) => number | undefined;
  /** Called when the user scrolls near the last row (load older history). */
  readonly onNearEnd?: () => void;
  readonly emptyText?: string;
  /** Rendered under the table with the rows as filtered and sorted (counts, CSV export). */
  readonly footer?: (rows: readonly T[]) => ReactNode;
  /** A total row at the bottom, by column id (a column not named is left blank). */
  readonly totals?: Readonly<Record<string, ReactNode>>;
  /** How a row shows as a card at phone width; none: the table, scrolled sideways. */
  readonly cards?: CardLayout;
}

const NO_FILTERS: ColumnFiltersState = [];

export function DataTable<T>(props: DataTableProps<T>) {
  const { data, columns, getRowId, height, changedAt, onNearEnd, footer } = props;
  const columnFilters = props.columnFilters ?? NO_FILTERS;
  const [sorting, setSorting] = useState<SortingState>(props.initialSorting ?? []);
  const rows = useMemo(
    () => sortRows(filterRows(data, columnFilters, columns), sorting, columns),
    [data, columnFilters, sorting, columns],
  );

  const scrollRef = useRef<HTMLDivElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const narrow = useNarrow();
  const asCards = narrow && props.cards !== undefined;
  const itemHeight = asCards && props.cards ? cardHeight(props.cards) : ROW_HEIGHT;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => itemHeight,
    overscan: OVERSCAN,
    initialRect: { width: 0, height },
    observeElementRect: (instance: Virtualizer<HTMLDivElement, Element>, cb) =>
      // A container not laid out yet (or a DOM without layout) measures 0: use its fixed height.
      observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { ...rect, height })),
  });
  // Cards and rows differ in height: measured again when one becomes the other.
  useEffect(() => {
    if (itemHeight > 0) virtualizer.measure();
  }, [virtualizer, itemHeight]);
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items[items.length - 1]?.index ?? -1;
  const windowRows = useMemo(() => rows.slice(firstIndex, lastIndex + 1), [rows, firstIndex, lastIndex]);

  const table = useReactTable<T>({
    data: windowRows as T[],
    columns: columns as AnyColumn<T>[],
    state: { sorting },
    onSortingChange: setSorting,
    manualSorting: true,
    manualFiltering: true,
    getRowId: (row) => getRowId(row),
    getCoreRowModel: getCoreRowModel(),
  });
  const tableRows = table.getRowModel().rows;
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;

  useEffect(() => {
    if (onNearEnd && rows.length > 0 && lastIndex >= rows.length - NEAR_END_ROWS) onNearEnd();
  }, [onNearEnd, lastIndex, rows.length]);

  const leafColumns = table.getVisibleLeafColumns();
  const columnIds = useMemo(() => columns.map(columnId), [columns]);
  // Measured again when the rows in view or the total row change: a total that came later
  // ("Total of USDT pairs") was cut with "…" in a column sized for the one before it.
  const shown = useMemo(() => [windowRows, props.totals], [windowRows, props.totals]);
  const extra = useFitColumns(tableRef, columnIds, shown);
  const widthOf = (column: (typeof leafColumns)[number]) =>
    columnMeta(column.columnDef).width + (extra[column.id] ?? 0);
  const tableWidth = leafColumns.reduce((sum, column) => sum + widthOf(column), 0);
  // Columns past the box's right edge, named under the table (a click scrolls to them).
  const pastRight = useColumnsOutOfView(
    scrollRef,
    leafColumns.map(widthOf),
    () =>
      headerNames(
        tableRef.current,
        leafColumns.map((column) => column.id),
      ),
    !asCards,
  );
  const now = Date.now();
  const flashUntil = (id: string): number | undefined => {
    const at = changedAt?.(id);
    if (at === undefined) return undefined;
    const end = nextTick(at + FLASH_MS - 1, FLASH_END_TICK_MS);
    return now < end ? end : undefined;
  };
  // Re-render when the first highlight shown is over, to take it off.
  let firstExpiry = Number.POSITIVE_INFINITY;
  for (const row of tableRows) firstExpiry = Math.min(firstExpiry, flashUntil(row.id) ?? Number.POSITIVE_INFINITY);
  const [, setExpired] = useState(0);
  useEffect(() => {
    if (!Number.isFinite(firstExpiry)) return;
    const timer = setTimeout(() => setExpired((n) => n + 1), Math.max(0, firstExpiry - Date.now()));
    return () => clearTimeout(timer);
  }, [firstExpiry]);

  const flashed = (id: string) => flashUntil(id) !== undefined;
  return (
    <div className="data-table">
      <div className="table-scroll" ref={scrollRef} style={{ height }} tabIndex={-1}>
        {asCards && props.cards ? (
          <TableCards
            label={props.label}
            layout={props.cards}
            rows={tableRows}
            headers={table.getFlatHeaders()}
            firstIndex={firstIndex}
            paddingTop={paddingTop}
            paddingBottom={paddingBottom}
            flashed={flashed}
            totals={props.totals}
          />
        ) : (
          <table ref={tableRef} aria-label={props.label} aria-rowcount={rows.length + 1} style={{ width: tableWidth }}>
            <colgroup>
              {leafColumns.map((column) => (
                <col key={column.id} style={{ width: widthOf(column) }} />
              ))}
            </colgroup>
            <thead>
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => {
                    const sorted = header.column.getIsSorted();
                    return (
                      <th
                        key={header.id}
                        scope="col"
                        className={columnMeta(header.column.columnDef).align === "right" ? "num" : undefined}
                        aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}
                      >
                        {header.column.getCanSort() ? (
                          <button type="button" className="sort" onClick={header.column.getToggleSortingHandler()}>
                            {flexRender(header.column.columnDef.header, header.getContext())}
                            <span className="sort-mark" aria-hidden="true">
                              {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : ""}
                            </span>
                          </button>
                        ) : (
                          flexRender(header.column.columnDef.header, header.getContext())
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody>
              {paddingTop > 0 && <Spacer height={paddingTop} span={leafColumns.length} />}
              {tableRows.map((row, i) => {
                const flash = flashed(row.id);
                return (
                  <tr
                    // Keyed by place, not by row: when new rows arrive at the top (10k fills a
                    // second), each <tr> in view keeps its DOM and only its text changes, instead
                    // of every row in view being torn down and built again each frame.
                    key={firstIndex + i}
                    className={flash ? "flash" : undefined}
                    aria-rowindex={firstIndex + i + 2}
                    data-row-id={row.id}
                  >
                    {row.getVisibleCells().map((cell) => (
                      <td
                        key={cell.id}
                        className={columnMeta(cell.column.columnDef).align === "right" ? "num" : undefined}
                      >
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </td>
                    ))}
                  </tr>
                );
              })}
              {paddingBottom > 0 && <Spacer height={paddingBottom} span={leafColumns.length} />}
            </tbody>
            {props.totals && (
              <tfoot>
                <tr className="total-row">
                  {leafColumns.map((column) => (
                    <td key={column.id} className={columnMeta(column.columnDef).align === "right" ? "num" : undefined}>
                      {props.totals?.[column.id] ?? null}
                    </td>
                  ))}
                </tr>
              </tfoot>
            )}
          </table>
        )}
        {rows.length === 0 && <p className="table-empty">{props.emptyText ?? "Nothing to show."}</p>}
      </div>
      {pastRight.length > 0 && (
        <button
          type="button"
          className="table-more-right"
          data-testid="columns-past-right"
          title="Scroll the table sideways to see them"
          onClick={() => scrollRef.current?.scrollTo({ left: scrollRef.current.scrollWidth })}
        >
          More columns to the right: {pastRight.join(", ")} →
        </button>
      )}
      {footer && <div className="table-footer">{footer(rows)}</div>}
    </div>
  );
}

function Spacer({ height, span }: { height: number; span: number }) {
  return (
    <tr className="spacer" style={{ height }}>
      <td colSpan={span} />
    </tr>
  );
}
