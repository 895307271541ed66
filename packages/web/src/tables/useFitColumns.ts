/**
 * Columns wide enough for what they show, never a value cut short with "…": after each render
 * the cells in view (and the headers) that overflow their column make it wider, by what they
 * need. Widths only grow while the table is mounted, so a column never jumps back and forth as
 * rows scroll by. One read of the laid-out cells per render of the rows in view (the browser lays
 * them out before painting anyway).
 */
import { type RefObject, useLayoutEffect, useState } from "react";

export function useFitColumns(
  tableRef: RefObject<HTMLTableElement | null>,
  columnIds: readonly string[],
  rendered: unknown,
): Readonly<Record<string, number>> {
  const [extra, setExtra] = useState<Readonly<Record<string, number>>>({});
  useLayoutEffect(() => {
    const table = tableRef.current;
    if (!table) return;
    let grown: Record<string, number> | undefined;
    for (const row of table.rows) {
      if (row.classList.contains("spacer")) continue;
      const cells = row.cells;
      for (let i = 0; i < cells.length && i < columnIds.length; i++) {
        const cell = cells[i] as HTMLTableCellElement;
        const need = cell.scrollWidth - cell.clientWidth;
        if (need <= 1) continue;
        const id = columnIds[i] as string;
        const wanted = (extra[id] ?? 0) + need + 2;
        if (wanted > (grown?.[id] ?? extra[id] ?? 0)) {
          grown ??= { ...extra };
          grown[id] = wanted;
        }
      }
    }
    if (grown) setExtra(grown);
  }, [tableRef, columnIds, rendered, extra]);
  return extra;
}
