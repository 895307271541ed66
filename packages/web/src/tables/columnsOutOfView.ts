/**
 * The columns of a table wider than its box that lie past the box's right edge, by name, so the
 * table says in words what scrolling sideways shows (the fills' Trade ID and Order ID at 1280 px
 * were cut at the edge without a word: issue 40, "readable numbers and labels"). Read again on
 * every sideways scroll and every resize of the box.
 */
import { type RefObject, useEffect, useRef, useState } from "react";

/** Indexes of the columns (by width, in order) not wholly in view when the box shows [scrollLeft, scrollLeft + boxWidth). */
export function columnsPastRight(widths: readonly number[], scrollLeft: number, boxWidth: number): number[] {
  if (!(boxWidth > 0)) return [];
  const edge = scrollLeft + boxWidth;
  const past: number[] = [];
  let right = 0;
  widths.forEach((width, index) => {
    right += width;
    // A px of rounding is not a cut.
    if (right > edge + 1) past.push(index);
  });
  return past;
}

/**
 * `widths`: the columns' widths in px, in order; `names`: their names as the header shows them,
 * read when the box is measured (a header may be a component, not a string).
 */
export function useColumnsOutOfView(
  boxRef: RefObject<HTMLElement | null>,
  widths: readonly number[],
  names: () => readonly string[],
  active: boolean,
): readonly string[] {
  const [past, setPast] = useState<readonly string[]>([]);
  const namesNow = useRef(names);
  namesNow.current = names;
  const key = widths.join("|");
  // `key` stands for the widths: a new array of the same widths reads nothing again.
  useEffect(() => {
    const box = boxRef.current;
    if (!box || !active) {
      setPast([]);
      return;
    }
    const read = () => {
      const indexes = columnsPastRight(widths, box.scrollLeft, box.clientWidth);
      // Names are read only when some column is out of view (a table that fits reads no header).
      const shown = indexes.length === 0 ? [] : namesNow.current();
      const next = indexes.map((index) => shown[index] ?? "");
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

/** The header cells' words (a header may be a component: "Avg cost (USDT)"), without the sort mark; an id where none shows. */
export function headerNames(table: HTMLTableElement | null, ids: readonly string[]): string[] {
  const cells = table?.querySelector("thead tr")?.children;
  return ids.map((id, index) => {
    const cell = cells?.[index];
    const mark = cell?.querySelector(".sort-mark")?.textContent ?? "";
    const text = (cell?.textContent ?? "").replace(mark, "").trim();
    return text === "" ? id : text;
  });
}
