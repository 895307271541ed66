/**
 * The columns of a table wider than its box that lie past the box's right edge, by name, so the
 * table says in words what scrolling sideways shows (the fills' Trade ID and Order ID at 1280 px
 * were cut at the edge without a word: issue 40, "readable numbers and labels"). Read again on
 * every sideways scroll and every resize of the box.
 */
import { type RefObject, useEffect, useState } from "react";

export interface ColumnWidth {
  readonly name: string;
  readonly width: number;
}

/** Names of the columns not wholly in view when the box shows [scrollLeft, scrollLeft + boxWidth). */
export function columnsPastRight(columns: readonly ColumnWidth[], scrollLeft: number, boxWidth: number): string[] {
  if (!(boxWidth > 0)) return [];
  const edge = scrollLeft + boxWidth;
  const past: string[] = [];
  let right = 0;
  for (const column of columns) {
    right += column.width;
    // A px of rounding is not a cut.
    if (right > edge + 1) past.push(column.name);
  }
  return past;
}

export function useColumnsOutOfView(
  boxRef: RefObject<HTMLElement | null>,
  columns: readonly ColumnWidth[],
  active: boolean,
): readonly string[] {
  const [past, setPast] = useState<readonly string[]>([]);
  const key = columns.map((column) => `${column.name}:${column.width}`).join("|");
  // `key` stands for the columns' names and widths: a new array of the same columns reads nothing again.
  useEffect(() => {
    const box = boxRef.current;
    if (!box || !active) {
      setPast([]);
      return;
    }
    const read = () => {
      const next = columnsPastRight(columns, box.scrollLeft, box.clientWidth);
      setPast((before) => (before.join("|") === next.join("|") ? before : next));
    };
    read();
    box.addEventListener("scroll", read, { passive: true });
    const resize = typeof ResizeObserver === "undefined" ? undefined : new ResizeObserver(read);
    resize?.observe(box);
    return () => {
      box.removeEventListener("scroll", read);
      resize?.disconnect();
    };
  }, [boxRef, key, active]);
  return past;
}
