/**
 * How fills fold into state, on both sides of the stream (the gateway's topic state, the
 * dashboard's store): one row per tradeId (a fill seen again replaces the held copy), newest
 * first, at most `cap` rows. Pure: nothing here mutates its input.
 */
import type { FillItem } from "../items.js";

export interface FillsState {
  /** Newest first. */
  readonly items: readonly FillItem[];
  readonly ids: ReadonlySet<string>;
  /** Rows held at most. */
  readonly cap: number;
}

export function emptyFills(cap: number): FillsState {
  return { items: [], ids: new Set(), cap };
}

/** Numeric ids as strings: longer is larger, then lexical. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Newest first; trades in the same millisecond by id, highest first. */
export function newestFirst(a: FillItem, b: FillItem): number {
  return b.time - a.time || compareIds(b.tradeId, a.tradeId);
}

/** Adds fills to the held ones. */
export function mergeFills(fills: FillsState, incoming: readonly FillItem[]): FillsState {
  if (incoming.length === 0) return fills;
  const replaced = new Map<string, FillItem>();
  const fresh = new Map<string, FillItem>();
  for (const fill of incoming) {
    if (fills.ids.has(fill.tradeId)) replaced.set(fill.tradeId, fill);
    else fresh.set(fill.tradeId, fill);
  }
  const base = replaced.size > 0 ? fills.items.map((f) => replaced.get(f.tradeId) ?? f) : fills.items;
  const added = [...fresh.values()].sort(newestFirst);
  const items = mergeSorted(added, base, fills.cap);
  const ids = new Set<string>();
  for (const f of items) ids.add(f.tradeId);
  return { items, ids, cap: fills.cap };
}

function mergeSorted(a: readonly FillItem[], b: readonly FillItem[], cap: number): FillItem[] {
  const first = a[a.length - 1];
  const second = b[0];
  // The usual case: every new fill is newer than every held one.
  if (first === undefined || second === undefined || newestFirst(first, second) <= 0) {
    return a.concat(b).slice(0, cap);
  }
  const out: FillItem[] = [];
  let i = 0;
  let j = 0;
  while (out.length < cap && (i < a.length || j < b.length)) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && newestFirst(x, y) <= 0)) {
      out.push(x as FillItem);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out;
}

/**
 * A fills snapshot (the newest N, sent on subscribe and on every reconnect). When it overlaps what
 * is held the two are merged; when its oldest fill is newer than the newest held one, fills may
 * be missing in between, so the held ones are dropped rather than shown with a silent hole
 * (`cap` then falls back to `liveCap`; older pages come back from GET /api/fills).
 */
export function applyFillsSnapshot(fills: FillsState, snapshot: readonly FillItem[], liveCap: number): FillsState {
  const newestHeld = fills.items[0];
  const oldestSnapshot = [...snapshot].sort(newestFirst)[snapshot.length - 1];
  const gap = newestHeld !== undefined && oldestSnapshot !== undefined && oldestSnapshot.time > newestHeld.time;
  return mergeFills(gap ? emptyFills(liveCap) : fills, snapshot);
}

/** Older fills from GET /api/fills (scrolling back): raises the cap so they stay, up to `maxTotal`. */
export function appendOlderFills(fills: FillsState, page: readonly FillItem[], maxTotal: number): FillsState {
  const cap = Math.min(maxTotal, Math.max(fills.cap, fills.items.length + page.length));
  return mergeFills({ ...fills, cap }, page);
}
