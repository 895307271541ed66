/**
 * When the "All accounts" summary reads its PnL again: at `start` (the account list read), then
 * once soon after `version` moves (a fill of any account came over the stream), however many
 * fills came: LIVE_SETTLE_MS after the first (its balance and ledger changes are counted too),
 * and at most every LIVE_MIN_GAP_MS, the rule the account's own figures follow (useLiveJson). No
 * timer reads anything while nothing happens.
 */
import { useEffect, useRef, useState } from "react";
import { LIVE_MIN_GAP_MS, LIVE_SETTLE_MS } from "../api/useLiveJson.js";

/** The time of the read due now (a new value: read again); null while `start` is null. */
export function useReadAfterChange(start: number | null, version: number): number | null {
  const [readAt, setReadAt] = useState<number | null>(start);
  const lastRead = useRef(Number.NEGATIVE_INFINITY);
  const due = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const seen = useRef(version);

  useEffect(() => {
    if (start === null) return;
    lastRead.current = Date.now();
    setReadAt(start);
  }, [start]);

  useEffect(() => {
    if (version === seen.current) return;
    seen.current = version;
    if (start === null || due.current !== undefined) return;
    const wait = Math.max(LIVE_SETTLE_MS, lastRead.current + LIVE_MIN_GAP_MS - Date.now());
    due.current = setTimeout(() => {
      due.current = undefined;
      lastRead.current = Date.now();
      setReadAt(lastRead.current);
    }, wait);
  }, [version, start]);

  useEffect(() => () => clearTimeout(due.current), []);
  return start === null ? null : readAt;
}
