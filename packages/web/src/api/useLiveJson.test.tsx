import { HOUR_MS } from "@mexc-live/protocol";
import { act, cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LIVE_REFRESH_MS, LIVE_SETTLE_MS, type LiveJson, type LiveQuery, msAgo, useLiveJson } from "./useLiveJson.js";

const T = Date.UTC(2026, 10, 23, 12, 0, 0);

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** A gateway whose answers the test releases one by one: `answer(i, body)` answers request i. */
function heldGateway() {
  const urls: string[] = [];
  const pending: ((body: unknown) => void)[] = [];
  vi.stubGlobal("fetch", (input: string) => {
    urls.push(String(input));
    return new Promise<Response>((resolve) => {
      pending.push((body) => resolve(new Response(JSON.stringify(body), { status: 200 })));
    });
  });
  const answer = async (index: number, body: unknown) => {
    await act(async () => pending[index]?.(body));
  };
  return { urls, answer };
}

function Probe(props: { path?: string; query: LiveQuery; version?: unknown; seen: LiveJson<unknown>[] }) {
  props.seen.push(useLiveJson(props.path, props.query, props.version ?? 0));
  return null;
}

describe("useLiveJson", () => {
  it("reads at once, then every minute, a relative start moving on with the clock", async () => {
    vi.useFakeTimers({ now: T });
    const { urls, answer } = heldGateway();
    const seen: LiveJson<unknown>[] = [];
    render(<Probe path="/api/performance" query={{ from: msAgo(HOUR_MS) }} seen={seen} />);
    expect(urls).toEqual([`/api/performance?from=${T - HOUR_MS}`]);
    await answer(0, { twr: "0.01" });
    expect(seen.at(-1)).toEqual({ data: { twr: "0.01" }, error: null, figuresVersion: null });

    act(() => vi.advanceTimersByTime(LIVE_REFRESH_MS));
    expect(urls).toEqual([
      `/api/performance?from=${T - HOUR_MS}`,
      `/api/performance?from=${T + LIVE_REFRESH_MS - HOUR_MS}`,
    ]);
  });

  it("reads a new query at once and drops a late answer to the old one", async () => {
    const { urls, answer } = heldGateway();
    const seen: LiveJson<unknown>[] = [];
    const view = render(<Probe path="/api/pnl/periods" query={{ period: "day" }} seen={seen} />);
    view.rerender(<Probe path="/api/pnl/periods" query={{ period: "week" }} seen={seen} />);
    expect(urls).toEqual(["/api/pnl/periods?period=day&tz=UTC", "/api/pnl/periods?period=week&tz=UTC"]);
    await answer(1, { items: ["week"] });
    await answer(0, { items: ["day"] });
    expect(seen.at(-1)?.data).toEqual({ items: ["week"] });
  });

  it("reads nothing until it has a path, and the same query again is not a new query", () => {
    const { urls } = heldGateway();
    const seen: LiveJson<unknown>[] = [];
    const view = render(<Probe query={{ period: "day" }} seen={seen} />);
    expect(urls).toEqual([]);
    view.rerender(<Probe path="/api/pnl/periods" query={{ period: "day" }} seen={seen} />);
    view.rerender(<Probe path="/api/pnl/periods" query={{ period: "day" }} seen={seen} />);
    expect(urls).toEqual(["/api/pnl/periods?period=day&tz=UTC"]);
  });

  it("lets a read still on its way go when the next goes out (its connection and its turn are free again)", async () => {
    vi.useFakeTimers({ now: T });
    const signals: AbortSignal[] = [];
    vi.stubGlobal("fetch", (_input: string, init?: RequestInit) => {
      if (init?.signal) signals.push(init.signal);
      return new Promise<Response>(() => {});
    });
    const seen: LiveJson<unknown>[] = [];
    const view = render(<Probe path="/api/performance" query={{ from: T }} seen={seen} />);
    view.rerender(<Probe path="/api/performance" query={{ from: T + 1 }} seen={seen} />);
    expect(signals.map((signal) => signal.aborted)).toEqual([true, false]);
    view.unmount();
    expect(signals.map((signal) => signal.aborted)).toEqual([true, true]);
  });

  it("reads a moved figure soon after the minute's refresh, not a gap later; a burst of moves is one read per slot", async () => {
    vi.useFakeTimers({ now: T }); // T is on a whole second and on the 5 s grid
    const { urls } = heldGateway();
    const seen: LiveJson<unknown>[] = [];
    const probe = (version: number) => (
      <Probe path="/api/performance" query={{ from: T }} version={version} seen={seen} />
    );
    const view = render(probe(0));
    act(() => vi.advanceTimersByTime(LIVE_REFRESH_MS)); // the minute's refresh, at T + 60 s
    expect(urls).toHaveLength(2);
    // The equity point of the same minute moves the figures 100 ms later: read at the next whole
    // second at least LIVE_SETTLE_MS on (T + 61 s), not LIVE_MIN_GAP_MS after the refresh (the
    // panels said "updating…" up to 5 s every minute).
    act(() => vi.advanceTimersByTime(100));
    view.rerender(probe(1));
    act(() => vi.advanceTimersByTime(LIVE_SETTLE_MS));
    expect(urls).toHaveLength(2);
    act(() => vi.advanceTimersByTime(400));
    expect(urls).toHaveLength(3);
    // Moves every 100 ms from T + 61.1 s: one read, on the 5 s grid at least 5 s after the last
    // (T + 70 s), however many moves.
    for (let version = 2; version < 40; version++) {
      act(() => vi.advanceTimersByTime(100));
      view.rerender(probe(version));
    }
    act(() => vi.advanceTimersByTime(T + 70_000 - Date.now() - 1));
    expect(urls).toHaveLength(3);
    act(() => vi.advanceTimersByTime(1));
    expect(urls).toHaveLength(4);
  });
});
