/**
 * The filters shared by every table (symbol, side, date range) and how they become
 * @tanstack/react-table column filters. A filter applies to a table only if it has that column.
 */
import type { ColumnFiltersState } from "@tanstack/react-table";

export interface TableFilter {
  readonly symbol: string;
  readonly side: "" | "BUY" | "SELL";
  /** ms, inclusive; undefined: open. */
  readonly from: number | undefined;
  readonly to: number | undefined;
}

export const NO_FILTER: TableFilter = { symbol: "", side: "", from: undefined, to: undefined };

/** The react-table column filters for `filter`, for a table whose columns are `columnIds`. */
export function toColumnFilters(filter: TableFilter, columnIds: readonly string[]): ColumnFiltersState {
  const filters: ColumnFiltersState = [];
  if (filter.symbol !== "" && columnIds.includes("symbol")) filters.push({ id: "symbol", value: filter.symbol });
  if (filter.side !== "" && columnIds.includes("side")) filters.push({ id: "side", value: filter.side });
  if ((filter.from !== undefined || filter.to !== undefined) && columnIds.includes("time")) {
    filters.push({ id: "time", value: [filter.from, filter.to] });
  }
  return filters;
}
