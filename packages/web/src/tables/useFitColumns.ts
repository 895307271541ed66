/**
 * Columns wide enough for what they show, never a value cut short with "…": after each render
 * the cells in view (and the headers, and the total row) that overflow their column's content box
 * make it wider, by what they need. Widths only grow while the table is mounted, so a column never jumps back and forth as
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
    const range = document.createRange();
    // The cells' side padding, read once: every cell of a table has the same.
    let padding: number | undefined;
    for (const row of table.rows) {
      if (row.classList.contains("spacer")) continue;
      const cells = row.cells;
      for (let i = 0; i < cells.length && i < columnIds.length; i++) {
        const cell = cells[i] as HTMLTableCellElement;
        padding ??= sidePadding(cell);
        const need = overflowOf(cell, range, padding);
        if (need <= 0) continue;
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

/**
 * How many px `cell`'s content needs beyond its content box. scrollWidth alone misses text that
 * runs into the cell's padding: the ellipsis shows ("Total of USDT pai…") while scrollWidth still
 * equals clientWidth. The content's own width (a range over it) tells.
 */
function overflowOf(cell: HTMLTableCellElement, range: Range, padding: number): number {
  // More than a px past the box: scrollWidth and clientWidth round, one px of it is not a cut.
  const scrolled = cell.scrollWidth - cell.clientWidth > 1 ? cell.scrollWidth - cell.clientWidth : 0;
  if (cell.childNodes.length === 0) return scrolled;
  range.selectNodeContents(cell);
  // Fractional widths: clientWidth rounds, and a text a fraction of a px too wide is cut.
  const over = range.getBoundingClientRect().width - (cell.getBoundingClientRect().width - padding);
  return Math.max(scrolled, over > 0.01 ? Math.ceil(over) + 1 : 0);
}

function sidePadding(cell: HTMLTableCellElement): number {
  const style = getComputedStyle(cell);
  return (Number.parseFloat(style.paddingLeft) || 0) + (Number.parseFloat(style.paddingRight) || 0);
}
