import { act, cleanup, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { T0 } from "../../test/items.js";
import { LIVE_MIN_GAP_MS, LIVE_SETTLE_MS } from "../api/useLiveJson.js";
import { useReadAfterChange } from "./useReadAfterChange.js";

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe("useReadAfterChange", () => {
  it("reads at the list's read, then once a moment after fills, however many, and never while nothing happens", async () => {
    const { result, rerender } = renderHook(({ start, version }) => useReadAfterChange(start, version), {
      initialProps: { start: null as number | null, version: 0 },
    });
    expect(result.current).toBeNull();
    rerender({ start: T0, version: 0 });
    expect(result.current).toBe(T0);
    // Nothing moves: no read falls due, however long.
    await act(() => vi.advanceTimersByTimeAsync(10 * LIVE_MIN_GAP_MS));
    expect(result.current).toBe(T0);
    // A burst of fills: one read, LIVE_SETTLE_MS after the first.
    const burst = Date.now();
    for (let version = 1; version <= 5; version++) rerender({ start: T0, version });
    await act(() => vi.advanceTimersByTimeAsync(LIVE_SETTLE_MS - 1));
    expect(result.current).toBe(T0);
    await act(() => vi.advanceTimersByTimeAsync(1));
    expect(result.current).toBe(burst + LIVE_SETTLE_MS);
    // Another fill right after: not before LIVE_MIN_GAP_MS since that read.
    rerender({ start: T0, version: 6 });
    await act(() => vi.advanceTimersByTimeAsync(LIVE_MIN_GAP_MS - 1));
    expect(result.current).toBe(burst + LIVE_SETTLE_MS);
    await act(() => vi.advanceTimersByTimeAsync(1));
    expect(result.current).toBe(burst + LIVE_SETTLE_MS + LIVE_MIN_GAP_MS);
  });
});
