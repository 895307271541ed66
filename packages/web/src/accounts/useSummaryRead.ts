/**
 * One read of the "All accounts" summary: made again at each `readAt` (the account list's read,
 * then a moment after fills). A failed read keeps the last value and says so; an answer equal to
 * the last keeps it (nothing re-renders); nothing is read while `readAt` is null.
 */
import { useEffect, useRef, useState } from "react";

export interface SummaryRead<T> {
  /** null until first read. */
  readonly value: T | null;
  /** The last read failed (the value shown, if any, is older). */
  readonly failed: boolean;
}

/**
 * `read(readAt, signal)` at each `readAt`, and again when `key` changes (what the read depends on
 * besides the time, e.g. the accounts' names); `read` itself may change identity freely.
 */
export function useSummaryRead<T>(
  readAt: number | null,
  read: (readAt: number, signal: AbortSignal) => Promise<T>,
  key = "",
): SummaryRead<T> {
  const [state, setState] = useState<SummaryRead<T>>({ value: null, failed: false });
  const reader = useRef(read);
  reader.current = read;
  // Read again at each list read, or when `key` changes (`read` is taken from the ref).
  useEffect(() => {
    if (readAt === null) return;
    const controller = new AbortController();
    reader
      .current(readAt, controller.signal)
      .then((value) => {
        if (controller.signal.aborted) return;
        // The same answer as before (no new fill, no order moved): nothing re-renders or redraws.
        setState((held) =>
          !held.failed && held.value !== null && JSON.stringify(held.value) === JSON.stringify(value)
            ? held
            : { value, failed: false },
        );
      })
      .catch(() => {
        if (!controller.signal.aborted) setState((held) => ({ value: held.value, failed: true }));
      });
    return () => controller.abort();
  }, [readAt, key]);
  return state;
}
