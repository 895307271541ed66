/**
 * When a figure the account's moves change is read again (issue 40, one moment on one screen):
 * one rule for every panel's reads (useLiveJson, useFigures), so panels shown together read their
 * figures at the same instants and get answers of one figures version. A lone move is read soon
 * (the next whole second at least LIVE_SETTLE_MS after it); moves coming faster than
 * LIVE_MIN_GAP_MS are read on a shared grid of LIVE_MIN_GAP_MS (epoch-aligned), at most once a
 * slot. Reads of their own (a new query, the minute's refresh) do not count: they hold no move back.
 *
 * Measured before: a move read just after the minute's refresh waited up to 5 s ("updating…" all
 * that time), and with a move every second (an equity point a second) two panels drifted apart
 * and the By-period total said "updating" for good (CI, figuresOneMoment.e2e).
 */
import { SECOND_MS } from "@mexc-live/protocol";

/** However fast the figures move, a read for a move comes at most once per slot of this grid. */
export const LIVE_MIN_GAP_MS = 5_000;
/** A fill is followed by its balance and ledger changes: wait at least this long so they are counted too. */
export const LIVE_SETTLE_MS = 500;

/**
 * When to read after a move seen at `now`, the last read for a move having gone out at
 * `lastMoved` (-Infinity: none yet). Always at least LIVE_SETTLE_MS after `now`, on a whole second.
 */
export function movedReadAt(now: number, lastMoved: number): number {
  const soon = Math.ceil((now + LIVE_SETTLE_MS) / SECOND_MS) * SECOND_MS;
  if (soon >= lastMoved + LIVE_MIN_GAP_MS) return soon;
  return Math.ceil((lastMoved + LIVE_MIN_GAP_MS) / LIVE_MIN_GAP_MS) * LIVE_MIN_GAP_MS;
}
