/**
 * Filtering and sorting of table rows over plain arrays, driven by react-table's column
 * definitions and its sorting / column-filter state. Done here rather than by react-table's row
 * models so that a live table of thousands of rows turns only the rows in view into react-table
 * rows: with 10k fills a second, rebuilding a row object per held fill every frame is what
 * would make the page stutter.
 */
import type { ColumnDef, ColumnFiltersState, SortingState } from "@tanstack/react-table";
import { compareDecimal } from "../format/decimal.js";

export interface ColumnMeta {
  /** Width in px. */
  readonly width: number;
  readonly align?: "left" | "right";
  /** How the column sorts: decimal strings exactly, or numbers/strings as they are (default). */
  readonly sort?: "decimal" | "basic";
  /** How a column filter on it matches: the exact value, or a [from, to] time range (ms, inclusive). */
  readonly filter?: "equals" | "timeRange";
}

/** A decimal-string column: right-aligned, sorted by exact value. */
export const decimal = (width: number): ColumnMeta => ({ width, align: "right", sort: "decimal" });
export const equals = (width: number): ColumnMeta => ({ width, filter: "equals" });
export const left = (width: number): ColumnMeta => ({ width });

// biome-ignore lint/suspicious/noExplicitAny: columns of different value types in one table.
export type AnyColumn<T> = ColumnDef<T, any>;

export function columnMeta(column: { meta?: unknown }): ColumnMeta {
  return (column.meta as ColumnMeta | undefined) ?? { width: 100 };
}

export function columnId<T>(column: AnyColumn<T>): string {
  const key = (column as { accessorKey?: string }).accessorKey;
  return column.id ?? key ?? "";
}

function accessor<T>(column: AnyColumn<T>): ((row: T) => unknown) | undefined {
  const key = (column as { accessorKey?: string }).accessorKey;
  if (key !== undefined) return (row) => (row as Record<string, unknown>)[key];
  const fn = (column as { accessorFn?: (row: T, index: number) => unknown }).accessorFn;
  return fn ? (row) => fn(row, 0) : undefined;
}

function basicCompare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "boolean" && typeof b === "boolean") return a ? 1 : -1;
  return String(a) < String(b) ? -1 : 1;
}

/** The rows that pass every column filter, in their original order (the input itself when no filter applies). */
export function filterRows<T>(rows: readonly T[], filters: ColumnFiltersState, columns: readonly AnyColumn<T>[]) {
  const tests: ((row: T) => boolean)[] = [];
  for (const filter of filters) {
    const column = columns.find((c) => columnId(c) === filter.id);
    const get = column && accessor(column);
    if (!column || !get) continue;
    if (columnMeta(column).filter === "timeRange") {
      const [from, to] = filter.value as [number | undefined, number | undefined];
      tests.push((row) => {
        const time = get(row) as number;
        return (from === undefined || time >= from) && (to === undefined || time <= to);
      });
    } else {
      tests.push((row) => get(row) === filter.value);
    }
  }
  if (tests.length === 0) return rows;
  return rows.filter((row) => tests.every((test) => test(row)));
}

/** The rows sorted by `sorting` (a stable sort: an already sorted input costs one pass). */
export function sortRows<T>(rows: readonly T[], sorting: SortingState, columns: readonly AnyColumn<T>[]) {
  const keys = sorting.flatMap((sort) => {
    const column = columns.find((c) => columnId(c) === sort.id);
    const get = column && accessor(column);
    if (!column || !get) return [];
    const compare = columnMeta(column).sort === "decimal" ? compareDecimal : basicCompare;
    const sign = sort.desc ? -1 : 1;
    return [(a: T, b: T) => sign * compare(get(a) as never, get(b) as never)];
  });
  if (keys.length === 0) return rows;
  return [...rows].sort((a, b) => {
    for (const key of keys) {
      const order = key(a, b);
      if (order !== 0) return order;
    }
    return 0;
  });
}
