/**
 * The filters shared by every table (symbol, side, date range) and how they become
 * @tanstack/react-table column filters. A filter applies to a table only if it has that column.
 */
import type { ColumnFiltersState } from "@tanstack/react-table";
import { type DateRange, type FilterChoice, sameLabel } from "./FilterFieldset.js";

export interface TableFilter extends DateRange {
  readonly symbol: string;
  readonly side: "" | "BUY" | "SELL";
}

export const NO_FILTER: TableFilter = { symbol: "", side: "", from: undefined, to: undefined };

const SIDES = sameLabel(["BUY", "SELL"]);

/** The bar's choices: the symbols traded, and the side. */
export function tableChoices(symbols: readonly string[]): readonly FilterChoice<TableFilter>[] {
  return [
    { field: "symbol", label: "Symbol", options: sameLabel(symbols) },
    { field: "side", label: "Side", allLabel: "both", options: SIDES },
  ];
}

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
