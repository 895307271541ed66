/**
 * A list of history rows held in the browser (ledger entries, transfers), newest first and one
 * per id: older pages are appended as the user scrolls back, and the newest page is merged in
 * front when something changed. Pure; usePagedList.ts holds the state.
 */

/** `held` with an older page after it: rows already held are skipped, at most `max` rows kept. */
export function appendOlderPage<T>(
  held: readonly T[],
  page: readonly T[],
  idOf: (row: T) => string,
  max: number,
): readonly T[] {
  if (page.length === 0 || held.length >= max) return held;
  const ids = new Set(held.map(idOf));
  const fresh = page.filter((row) => !ids.has(idOf(row)));
  if (fresh.length === 0) return held;
  return [...held, ...fresh].slice(0, max);
}

export interface NewestMerge<T> {
  readonly items: readonly T[];
  /** Ids that were not held before (empty when nothing was held: a first load is not news). */
  readonly added: readonly string[];
}

/**
 * `held` with the newest page in front: the page's rows replace the held copies (a pending
 * deposit that completed), rows only held stay behind them. Undefined when the page does not
 * reach any held row and more pages follow it: what lies between is unknown, so the caller must
 * start again from this page rather than show a list with a hole in it.
 */
export function mergeNewestPage<T>(
  held: readonly T[],
  page: readonly T[],
  /** The page is the whole history (its nextCursor was null). */
  complete: boolean,
  idOf: (row: T) => string,
  max: number,
): NewestMerge<T> | undefined {
  if (held.length === 0) return { items: page.slice(0, max), added: [] };
  const heldIds = new Set(held.map(idOf));
  const pageIds = new Set(page.map(idOf));
  const added = [...pageIds].filter((id) => !heldIds.has(id));
  if (complete) return { items: page.slice(0, max), added };
  if (added.length === pageIds.size) return undefined;
  const rest = held.filter((row) => !pageIds.has(idOf(row)));
  return { items: [...page, ...rest].slice(0, max), added };
}
