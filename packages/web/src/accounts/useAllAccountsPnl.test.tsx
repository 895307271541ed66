import type { PnlPeriodItem } from "@mexc-live/contract";
import { DAY_MS } from "@mexc-live/protocol";
import { cleanup, renderHook, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { T0 } from "../../test/items.js";
import { scopeRequests } from "../api/http.js";
import { setDisplayZone, zoneOf } from "../format/timeZone.js";
import { useAllAccountsPnl } from "./useAllAccountsPnl.js";

afterEach(() => {
  cleanup();
  scopeRequests(undefined);
  setDisplayZone(zoneOf("UTC"));
  vi.unstubAllGlobals();
});

const TODAY = Math.floor(T0 / DAY_MS) * DAY_MS;
const SPAN = `period=day&from=${T0 - 30 * DAY_MS}&to=${T0}`;
/** The zone every period read names (the tests' browser zone is UTC). */
const ZONE = "tz=UTC";

function day(start: number, realized: string, unrealized: string | null = null): PnlPeriodItem {
  const period = new Date(start).toISOString().slice(0, 10);
  return { period, from: start, to: start + DAY_MS - 1, realized, unrealized, fees: "0", method: "avg" };
}

/** Daily periods per account named (`""`: none named, the gateway's sums); a number: that status. */
function periodsApi(byAccount: Record<string, PnlPeriodItem[] | number>): string[] {
  const sent: string[] = [];
  vi.stubGlobal("fetch", async (url: string) => {
    sent.push(url);
    const answer = byAccount[new URL(url, "http://x").searchParams.get("account") ?? ""] ?? 404;
    if (typeof answer === "number") return new Response("{}", { status: answer });
    return new Response(JSON.stringify({ items: answer }), { status: 200 });
  });
  return sent;
}

describe("useAllAccountsPnl", () => {
  it("reads the combined periods naming no account and each account's naming it, whichever is shown, with each one's unrealized PnL now", async () => {
    scopeRequests("main");
    const sent = periodsApi({
      "": [day(TODAY - DAY_MS, "0.1", "4"), day(TODAY, "0.2", "5.5")],
      main: [day(TODAY - DAY_MS, "0.1", "9"), day(TODAY, "0.15", "-3.5")],
      sub1: [day(TODAY, "0.05")],
    });
    const { result } = renderHook(() => useAllAccountsPnl(T0, ["main", "sub1"]));
    await waitFor(() => expect(result.current.combined).not.toBeNull());
    expect(result.current).toEqual({
      combined: { today: "0.2", span: "0.3" },
      // The unrealized PnL of the day holding the read's moment (not yesterday's "9"); sub1's cannot be valued.
      byAccount: [
        { name: "main", realized: "0.25", unrealized: "-3.5" },
        { name: "sub1", realized: "0.05", unrealized: null },
      ],
      failed: false,
    });
    expect([...sent].sort()).toEqual([
      `/api/pnl/periods?${SPAN}&account=main&${ZONE}`,
      `/api/pnl/periods?${SPAN}&account=sub1&${ZONE}`,
      `/api/pnl/periods?${SPAN}&${ZONE}`,
    ]);
  });

  it("reads nothing before the account list, and again at each list read or when the accounts change", async () => {
    const sent = periodsApi({ "": [], main: [], sub1: [], sub2: [] });
    const { result, rerender } = renderHook(({ readAt, names }) => useAllAccountsPnl(readAt, names), {
      initialProps: { readAt: null as number | null, names: ["main", "sub1"] },
    });
    expect(sent).toEqual([]);
    rerender({ readAt: T0, names: ["main", "sub1"] });
    await waitFor(() => expect(result.current.byAccount).toHaveLength(2));
    expect(result.current.combined).toEqual({ today: "0", span: "0" });
    rerender({ readAt: T0, names: ["main", "sub1", "sub2"] });
    await waitFor(() => expect(result.current.byAccount).toHaveLength(3));
    expect(sent).toHaveLength(7); // 1 + 2, then 1 + 3
  });

  it("shows an account it could not read as missing, and keeps the figures when the combined read fails", async () => {
    const answers: Record<string, PnlPeriodItem[] | number> = {
      "": [day(TODAY, "1")],
      main: [day(TODAY, "1")],
      sub1: 503,
    };
    periodsApi(answers);
    const { result, rerender } = renderHook(({ readAt }) => useAllAccountsPnl(readAt, ["main", "sub1"]), {
      initialProps: { readAt: T0 as number | null },
    });
    await waitFor(() => expect(result.current.combined).not.toBeNull());
    expect(result.current.byAccount).toEqual([
      { name: "main", realized: "1", unrealized: null },
      { name: "sub1", realized: null, unrealized: undefined },
    ]);
    answers[""] = [day(TODAY, "not a number")]; // corrupt: refused, never summed
    rerender({ readAt: T0 + 10_000 });
    await waitFor(() => expect(result.current.failed).toBe(true));
    expect(result.current.combined).toEqual({ today: "1", span: "1" });
  });

  it("asks every period read in the page's zone, and reads again in the new zone when it changes", async () => {
    setDisplayZone(zoneOf("browser", "America/Los_Angeles"));
    const sent = periodsApi({ "": [], main: [], sub1: [] });
    const { result, rerender } = renderHook(() => useAllAccountsPnl(T0, ["main", "sub1"]));
    await waitFor(() => expect(result.current.byAccount).toHaveLength(2));
    expect(sent).toHaveLength(3);
    for (const url of sent) expect(url).toContain("tz=America%2FLos_Angeles");
    setDisplayZone(zoneOf("UTC"));
    rerender();
    await waitFor(() => expect(sent).toHaveLength(6));
    for (const url of sent.slice(3)) expect(url).toContain(`&${ZONE}`);
  });
});
