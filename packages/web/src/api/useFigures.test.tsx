import { FIGURES_VERSION_HEADER, type FiguresVersion, type PnlItem } from "@mexc-live/contract";
import { act, cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LIVE_MIN_GAP_MS } from "./readSchedule.js";
import { type Figures, useFigures } from "./useFigures.js";

const T = Date.UTC(2026, 10, 28, 12, 0, 0, 300);
const pnl = [{ symbol: "BTCUSDT", realized: "12.5" }] as unknown as readonly PnlItem[];
const fees = { quote: "USDT", byCurrency: {}, valueByCurrency: {}, totalValue: "3" };
const feeDays = { quote: "USDT", total: "0", items: [] };

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** A gateway answering every read at once, at figures version `at`; the paths read, in order. */
function gateway(at: number) {
  const paths: string[] = [];
  vi.stubGlobal("fetch", async (input: string) => {
    const url = new URL(String(input), "http://127.0.0.1");
    paths.push(url.pathname + (url.searchParams.get("by") === "asset" ? "?by=asset" : ""));
    const body = url.pathname.endsWith("/realized") ? { causes: [] } : { items: [], quote: "USDT" };
    return new Response(JSON.stringify(body), { status: 200, headers: { [FIGURES_VERSION_HEADER]: String(at) } });
  });
  return paths;
}

function Probe(props: { version: string; pushed: FiguresVersion | null; seen: Figures[] }) {
  props.seen.push(useFigures(props.version, null, "UTC", props.pushed));
  return null;
}

/** A push of the version alone (the gateway's answers came too late for it), or with them. */
function push(version: number, carried = false): FiguresVersion {
  if (!carried) return { account: "main", version, at: T };
  return {
    account: "main",
    version,
    at: T,
    answers: {
      method: "avg",
      tz: "UTC",
      changedAt: { fees: version, feeDays: version, pnl: version },
      answers: { fees, feeDays, pnl },
    },
  } as unknown as FiguresVersion;
}

describe("useFigures", () => {
  it("does not read over HTTP what a push carried while its read waited for its slot", async () => {
    vi.useFakeTimers({ now: T });
    const paths = gateway(3);
    const seen: Figures[] = [];
    const view = render(<Probe version="v3" pushed={null} seen={seen} />);
    await act(async () => vi.advanceTimersByTime(0));
    expect(paths).toHaveLength(6); // the load reads every figure
    paths.length = 0;

    // A push of the version alone: every figure is to be read again at the schedule's slot...
    view.rerender(<Probe version="v4" pushed={push(4)} seen={seen} />);
    // ...and before the slot, the next push carries the pushed ones.
    view.rerender(<Probe version="v4" pushed={push(5, true)} seen={seen} />);
    expect(seen.at(-1)?.pnl).toEqual(pnl);
    expect(seen.at(-1)?.fees).toEqual(fees);
    await act(async () => vi.advanceTimersByTime(2 * LIVE_MIN_GAP_MS));
    // Only what no push carries is read.
    expect(paths.sort()).toEqual(["/api/pnl/realized", "/api/pnl?by=asset", "/api/volume"].sort());
  });

  it("reads every figure on mount, even when a push carrying some came first", async () => {
    vi.useFakeTimers({ now: T });
    const paths = gateway(5);
    render(<Probe version="v5" pushed={push(5, true)} seen={[]} />);
    await act(async () => vi.advanceTimersByTime(0));
    expect(paths).toHaveLength(6);
  });

  it("reads again what the network failed, saying PnL is loading (not empty) until its answer came", async () => {
    vi.useFakeTimers({ now: T });
    let pnlRefused = 0;
    vi.stubGlobal("fetch", async (input: string) => {
      const url = new URL(String(input), "http://127.0.0.1");
      // The load's read of PnL by pair and its two retries (http.ts NETWORK_RETRY_MS) find no network.
      if (url.pathname === "/api/pnl" && url.searchParams.get("by") === null && pnlRefused++ < 3)
        throw new TypeError("Failed to fetch");
      const body = url.pathname === "/api/pnl" && url.searchParams.get("by") === null ? { items: pnl } : { items: [] };
      return new Response(JSON.stringify(url.pathname.endsWith("/realized") ? { causes: [] } : body), {
        status: 200,
        headers: { [FIGURES_VERSION_HEADER]: "3" },
      });
    });
    const seen: Figures[] = [];
    render(<Probe version="v3" pushed={null} seen={seen} />);
    await act(async () => vi.advanceTimersByTimeAsync(3_000)); // the load, its retries spent
    expect(pnlRefused).toBe(3);
    expect(seen.at(-1)?.loaded).toEqual({ pnl: false, volume: true }); // "Loading PnL…", not "No PnL yet"
    expect(seen.at(-1)?.pnl).toEqual([]);
    await act(async () => vi.advanceTimersByTimeAsync(LIVE_MIN_GAP_MS)); // the schedule's next slot
    expect(pnlRefused).toBe(4);
    expect(seen.at(-1)?.pnl).toEqual(pnl);
    expect(seen.at(-1)?.loaded).toEqual({ pnl: true, volume: true });
  });

  it("loses no read to a later one of other figures, nor to a figures message without a version", async () => {
    vi.useFakeTimers({ now: T });
    const paths: string[] = [];
    /** The answers a gateway busy with a pass holds back, until the test lets them go. */
    const held: (() => void)[] = [];
    vi.stubGlobal("fetch", async (input: string) => {
      const url = new URL(String(input), "http://127.0.0.1");
      paths.push(url.pathname + (url.searchParams.get("by") === "asset" ? "?by=asset" : ""));
      await new Promise<void>((answer) => held.push(answer));
      const byPair = url.pathname === "/api/pnl" && url.searchParams.get("by") === null;
      const body = url.pathname.endsWith("/realized") ? { causes: [] } : { items: byPair ? pnl : [] };
      return new Response(JSON.stringify(body), { status: 200 });
    });
    const seen: Figures[] = [];
    const view = render(<Probe version="" pushed={null} seen={seen} />);
    await act(async () => vi.advanceTimersByTimeAsync(10)); // the load's read of every figure goes out
    view.rerender(<Probe version="f1" pushed={null} seen={seen} />); // the fills came: all to read again
    // Then an empty list on the figures topic (what the fake gateway sent before a first version).
    view.rerender(<Probe version="f1" pushed={[] as unknown as FiguresVersion} seen={seen} />);
    // The move's read goes out at its slot while the load's answers are held; then all come.
    await act(async () => vi.advanceTimersByTimeAsync(LIVE_MIN_GAP_MS));
    for (let round = 0; round < 3; round++)
      await act(async () => {
        for (const answer of held.splice(0)) answer();
        await vi.advanceTimersByTimeAsync(LIVE_MIN_GAP_MS);
      });
    expect(paths.filter((path) => path === "/api/pnl")).toHaveLength(2); // by pair asked again with the rest
    expect(seen.at(-1)?.pnl).toEqual(pnl);
    expect(seen.at(-1)?.loaded.pnl).toBe(true);
  });
});
