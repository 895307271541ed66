import type { Health } from "@mexc-live/contract";
import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { health, historyProgress } from "../../test/items.js";
import { setDisplayZone, zoneOf } from "../format/timeZone.js";
import { useNow } from "../hooks/useNow.js";
import { initialLiveState, type LiveState } from "../store/liveState.js";
import { Header } from "./Header.js";
import { describeHealth } from "./healthView.js";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const T0 = 1_700_000_000_000;

function disconnected(): LiveState {
  return {
    ...initialLiveState(100),
    connection: "reconnecting",
    disconnectedAt: T0,
    lastMessageAt: T0 - 500,
    hello: { mode: "demo", quote: "USDT", skewMs: 0 },
    health: { value: health({ lastEventAgeMs: 1_000 }), receivedAt: T0 - 500 },
  };
}

/** The header as the dashboard mounts it: re-rendered by a ticking clock. */
function TickingHeader({ state }: { state: LiveState }) {
  const now = useNow(1000);
  return <Header view={describeHealth(state, now)} now={now} theme="dark" onToggleTheme={() => {}} />;
}

const REFUSED = {
  kind: "bad_signature",
  code: 700002,
  message: "Signature for this request is not valid.",
  advice:
    "Check the API secret. MEXC answers a key it expired (90 days after it was made, unless bound to an IP) or deleted the same way: then create a new key.",
  since: new Date(2025, 0, 15, 9, 41, 5).getTime(),
} as const;

function withUpstream(upstream: Health["upstream"]): LiveState {
  return {
    ...initialLiveState(100),
    connection: "open",
    health: { value: { ...health({}, "live"), upstream }, receivedAt: T0 },
  };
}

describe("Header", () => {
  it("says in words what MEXC refuses, its own message and code, since when, and what to do, instead of connecting", () => {
    const state = withUpstream({ ...health({}, "live").upstream, state: "refused", reason: REFUSED });
    render(<Header view={describeHealth(state, T0)} now={T0} theme="dark" onToggleTheme={() => {}} />);
    expect(screen.getByTestId("upstream-status").textContent).toContain("API key refused");
    expect(screen.getByTestId("upstream-status").textContent).not.toContain("connecting");
    const reason = screen.getByRole("alert");
    expect(reason.textContent).toBe(
      "MEXC refuses the API key: a wrong secret, or a key that expired or was deleted since 09:41:05: Signature for this request is not valid. (MEXC 700002). " +
        REFUSED.advice,
    );
  });

  it("shows no green LIVE and no 'last event' beside a refused key: MEXC sends it nothing", () => {
    const state = withUpstream({
      ...health({ lastEventAgeMs: 1_000 }, "live").upstream,
      state: "refused",
      reason: REFUSED,
    });
    render(<Header view={describeHealth(state, T0)} now={T0} theme="dark" onToggleTheme={() => {}} />);
    expect(screen.queryByText("LIVE")).toBeNull();
    expect(screen.getByText("REAL").className).not.toContain("status-live");
    expect(screen.getByTestId("upstream-status").textContent).not.toContain("last event");
    expect(screen.getByTestId("upstream-status").className).toContain("status-down");
  });

  it("says 'connecting' with no age while the page connects, even after the gateway's hello", () => {
    const state: LiveState = {
      ...initialLiveState(100),
      lastMessageAt: T0,
      hello: { mode: "demo", quote: "USDT", skewMs: 0 },
    };
    render(<Header view={describeHealth(state, T0)} now={T0} theme="dark" onToggleTheme={() => {}} />);
    expect(screen.getByTestId("upstream-status").textContent).toBe("connecting");
    expect(screen.queryByTestId("gateway-lost")).toBeNull();
  });

  it("names an IP off the whitelist and MEXC's maintenance in their own words", () => {
    const ip = withUpstream({
      ...health({}, "live").upstream,
      state: "refused",
      reason: {
        ...REFUSED,
        kind: "ip_not_allowed",
        code: 700006,
        message: "IP non white list",
        advice: "Add this machine's public IP address to the key's IP whitelist on MEXC.",
      },
    });
    render(<Header view={describeHealth(ip, T0)} now={T0} theme="dark" onToggleTheme={() => {}} />);
    expect(screen.getByRole("alert").textContent).toContain(
      "This machine's address is not on the API key's IP whitelist",
    );
    expect(screen.getByRole("alert").textContent).toContain("IP non white list (MEXC 700006)");
    cleanup();
    const maintenance = withUpstream({
      ...health({}, "live").upstream,
      state: "maintenance",
      reason: {
        ...REFUSED,
        kind: "maintenance",
        code: 11444,
        message: "This feature is temporarily unavailable.",
        advice: "MEXC is under maintenance: mexc-live asks again by itself and catches up when MEXC is back.",
      },
    });
    render(<Header view={describeHealth(maintenance, T0)} now={T0} theme="dark" onToggleTheme={() => {}} />);
    expect(screen.getByTestId("upstream-status").textContent).toContain("MEXC maintenance");
    expect(screen.getByRole("alert").textContent).toContain("MEXC is under maintenance since");
    expect(screen.getByRole("alert").textContent).toContain("(MEXC 11444)");
  });

  it("calls an HTML 403 from MEXC's edge a block, not a refused key (ccxt/ccxt#15873)", () => {
    const blocked = withUpstream({
      ...health({}, "live").upstream,
      state: "refused",
      reason: {
        ...REFUSED,
        kind: "blocked",
        code: 403,
        message: "blocked by MEXC's edge (HTML 403), reference 18.1fcbdc17.1669712345.5b3c2d1",
        advice:
          "MEXC's edge blocks this machine's address (a VPN, a proxy, or a region MEXC does not serve): mexc-live asks again slowly.",
      },
    });
    render(<Header view={describeHealth(blocked, T0)} now={T0} theme="dark" onToggleTheme={() => {}} />);
    const status = screen.getByTestId("upstream-status").textContent;
    expect(status).toContain("blocked by MEXC's edge");
    expect(status).not.toContain("API key refused");
    const alert = screen.getByRole("alert").textContent;
    expect(alert).toContain("blocked by MEXC's edge (HTML 403), reference 18.1fcbdc17.1669712345.5b3c2d1");
    expect(alert).not.toContain("MEXC 403"); // no MEXC code: the page came from the edge in front of MEXC
  });

  it("says nothing of a refusal once MEXC answers again", () => {
    const state = withUpstream({ ...health({}, "live").upstream, state: "live", reason: null });
    render(<Header view={describeHealth(state, T0)} now={T0} theme="dark" onToggleTheme={() => {}} />);
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByTestId("upstream-status").textContent).toContain("live");
  });

  it("shows DEMO, and 'gateway lost' in words with the seconds since the last event, ticking", () => {
    vi.useFakeTimers();
    vi.setSystemTime(T0 + 3_500);
    render(<TickingHeader state={disconnected()} />);
    expect(screen.getByText("DEMO")).toBeTruthy();
    const status = screen.getByTestId("upstream-status");
    expect(status.textContent).toContain("gateway lost");
    expect(status.className).toContain("status-down");
    expect(screen.getByTestId("gateway-lost").textContent).toContain(
      "Connection to the gateway lost; reconnecting. Figures shown are stale.",
    );
    expect(status.textContent).toContain("last event 5 s ago");
    act(() => {
      vi.advanceTimersByTime(3_500); // the clock turns with the second: the tick at T0 + 7 s
    });
    expect(screen.getByTestId("upstream-status").textContent).toContain("last event 8 s ago");
    // The listen key is not counted on: a gateway that stops deletes it.
    expect(screen.getByTestId("listen-key-age").textContent).toBe("listen key –");
    expect(screen.getByTestId("listen-key-age").getAttribute("title")).toMatch(/deletes its listen key/);
  });

  it("shows live, the listen-key age and the clock skew from the gateway's health", () => {
    const state: LiveState = {
      ...initialLiveState(100),
      connection: "open",
      health: { value: health({ listenKeyAgeMs: 754_000, clockSkewMs: -35 }, "live"), receivedAt: T0 },
    };
    render(<Header view={describeHealth(state, T0)} now={T0} theme="light" onToggleTheme={() => {}} />);
    expect(screen.getByText("REAL")).toBeTruthy();
    expect(screen.getByTestId("upstream-status").textContent).toContain("live");
    expect(screen.getByText(/listen key 12 min 34 s/)).toBeTruthy();
    expect(screen.getByText(/skew -35 ms/)).toBeTruthy();
  });

  it("shows the backfill's progress while MEXC's history is read", () => {
    const state: LiveState = {
      ...initialLiveState(100),
      connection: "open",
      health: {
        value: { ...health({}, "live"), history: historyProgress({ symbols: { done: 6, total: 10 } }) },
        receivedAt: T0,
      },
    };
    render(<Header view={describeHealth(state, T0)} now={T0} theme="dark" onToggleTheme={() => {}} />);
    const progress = screen.getByTestId("history-progress");
    expect(progress.textContent).toBe("history: 18 of 30 days, 4 symbols left");
    const bar = screen.getByRole("progressbar", { name: "History backfill" }) as HTMLProgressElement;
    expect([bar.value, bar.max]).toEqual([18, 30]);
  });

  it("says an account's history waits for other accounts' (one at a time), and for how many", () => {
    const state: LiveState = {
      ...initialLiveState(100),
      connection: "open",
      health: {
        value: { ...health({}, "live"), history: historyProgress({ state: "queued", ahead: 2 }) },
        receivedAt: T0,
      },
    };
    render(<Header view={describeHealth(state, T0)} now={T0} theme="dark" onToggleTheme={() => {}} />);
    expect(screen.getByTestId("history-progress").textContent).toBe("history: queued, 2 accounts first");
    expect(screen.queryByRole("progressbar")).toBeNull();
  });

  it("says how many balance updates wait for a reconciliation's account read, and which reconciliation", () => {
    const live = health({}, "live");
    const reason = "the account read of the reconciliation with REST (reconnect)";
    const shown = (waiting: NonNullable<Health["upstream"]["waiting"]>) => {
      const state: LiveState = {
        ...initialLiveState(100),
        connection: "open",
        health: { value: { ...live, upstream: { ...live.upstream, waiting } }, receivedAt: T0 },
      };
      return describeHealth(state, T0).waiting;
    };
    const state: LiveState = {
      ...initialLiveState(100),
      connection: "open",
      health: {
        value: {
          ...live,
          upstream: { ...live.upstream, waiting: { events: 3, kind: "balance", reason, forMs: 4_000 } },
        },
        receivedAt: T0,
      },
    };
    render(<Header view={describeHealth(state, T0)} now={T0} theme="dark" onToggleTheme={() => {}} />);
    expect(screen.getByTestId("upstream-waiting").textContent).toBe(`3 balance updates wait: ${reason}`);
    expect(shown({ events: 1, kind: "balance", reason, forMs: 10 })).toBe(`1 balance update waits: ${reason}`);
    // A gateway from before issue 31 held every kind and names none.
    expect(shown({ events: 2, reason: "reconciling with REST (reconnect)", forMs: 10 })).toBe(
      "2 events wait: reconciling with REST (reconnect)",
    );
  });

  it("says quietly since when the history is complete once the backfill is done", () => {
    const from = new Date(2024, 11, 16, 12).getTime();
    const complete = historyProgress({ state: "complete", days: { done: 30, total: 30 }, from, completedAt: T0 });
    const state: LiveState = {
      ...initialLiveState(100),
      connection: "open",
      health: { value: { ...health({}, "live"), history: complete }, receivedAt: T0 },
    };
    render(<Header view={describeHealth(state, T0)} now={T0} theme="dark" onToggleTheme={() => {}} />);
    expect(screen.getByText("history: complete since 2024-12-16")).toBeTruthy();
    expect(screen.queryByRole("progressbar")).toBeNull();
  });

  it("says nothing about history when the gateway's health has none", () => {
    const state: LiveState = {
      ...initialLiveState(100),
      connection: "open",
      health: { value: health({}, "live"), receivedAt: T0 },
    };
    const { container } = render(
      <Header view={describeHealth(state, T0)} now={T0} theme="dark" onToggleTheme={() => {}} />,
    );
    expect(container.textContent).not.toMatch(/history|undefined|NaN/);
    expect(screen.queryByRole("progressbar")).toBeNull();
  });

  describe("a maintenance MEXC announced (upstream.maintenance, issue 41)", () => {
    const savedTz = process.env.TZ;
    afterEach(() => {
      process.env.TZ = savedTz;
      setDisplayZone(zoneOf("browser"));
    });
    const NOTICE = {
      title: "MEXC Spot System Maintenance Notice: 2026-12-01 02:00 - 04:00 (UTC)",
      url: "https://www.mexc.com/announcements/17827791531809",
      postedAt: Date.UTC(2026, 10, 29, 9),
      startsAt: Date.UTC(2026, 11, 1, 2),
      endsAt: Date.UTC(2026, 11, 1, 4),
    };
    const inBerlin = () => {
      process.env.TZ = "Europe/Berlin";
      setDisplayZone(zoneOf("browser", "Europe/Berlin"));
    };
    const header = (state: LiveState, now: number) =>
      render(<Header view={describeHealth(state, now)} now={now} theme="dark" onToggleTheme={() => {}} />);

    it("says an upcoming one in words, its times in the page's zone, the title linking to MEXC's notice", () => {
      inBerlin();
      const now = Date.UTC(2026, 11, 1, 0, 50);
      header(withUpstream({ ...health({}, "live").upstream, maintenance: NOTICE }), now);
      const line = screen.getByTestId("maintenance-notice");
      expect(line.textContent).toBe(
        `MEXC announced maintenance on 2026-12-01 from 03:00 to 05:00 GMT+1, in 1 h 10 min: “${NOTICE.title}”`,
      );
      expect(line.getAttribute("role")).toBe("status");
      const link = screen.getByRole("link", { name: `“${NOTICE.title}”` });
      expect(link.getAttribute("href")).toBe(NOTICE.url);
      expect(link.getAttribute("rel")).toBe("noopener noreferrer");
      // The state stays live: an announcement is not an outage.
      expect(screen.getByTestId("upstream-status").getAttribute("data-state")).toBe("live");
      cleanup();
      setDisplayZone(zoneOf("UTC"));
      header(withUpstream({ ...health({}, "live").upstream, maintenance: NOTICE }), now);
      expect(screen.getByTestId("maintenance-notice").textContent).toContain("on 2026-12-01 from 02:00 to 04:00 UTC");
    });

    it("says it is under way, then until when; one without a time says its time is in the notice", () => {
      inBerlin();
      header(withUpstream({ ...health({}, "live").upstream, maintenance: NOTICE }), Date.UTC(2026, 11, 1, 2, 30));
      expect(screen.getByTestId("maintenance-notice").textContent).toBe(
        `MEXC's announced maintenance is under way until 05:00 GMT+1: “${NOTICE.title}”`,
      );
      cleanup();
      const undated = {
        ...NOTICE,
        title: "MEXC Spot System Upgrade Notice (Dec 1)",
        url: null,
        startsAt: null,
        endsAt: null,
      };
      header(withUpstream({ ...health({}, "live").upstream, maintenance: undated }), Date.UTC(2026, 11, 1, 2, 30));
      expect(screen.getByTestId("maintenance-notice").textContent).toBe(
        "MEXC announced maintenance on 2026-11-29; its time is in the notice: “MEXC Spot System Upgrade Notice (Dec 1)”",
      );
      expect(screen.queryByRole("link")).toBeNull();
    });

    it("is one line with MEXC's own 'under maintenance' answer, not two", () => {
      inBerlin();
      const reason = {
        kind: "maintenance",
        code: 500,
        message: "Under maintenance, please try again later",
        advice: "MEXC is under maintenance: mexc-live asks again by itself and catches up when MEXC is back.",
        since: Date.UTC(2026, 11, 1, 2, 1),
      } as const;
      header(
        withUpstream({ ...health({}, "live").upstream, state: "maintenance", reason, maintenance: NOTICE }),
        Date.UTC(2026, 11, 1, 2, 30),
      );
      expect(screen.queryByTestId("maintenance-notice")).toBeNull();
      const line = screen.getByTestId("upstream-reason");
      expect(line.textContent).toBe(
        `MEXC is under maintenance since 03:01:00: Under maintenance, please try again later (MEXC 500). ${reason.advice} ` +
          `MEXC's announced maintenance is under way until 05:00 GMT+1: “${NOTICE.title}”`,
      );
    });

    it("says nothing of it while the page's connection to the gateway is lost (the gateway's words are not current)", () => {
      const state = disconnected();
      const lost: LiveState = {
        ...state,
        health: {
          value: { ...health({}, "demo"), upstream: { ...health({}).upstream, maintenance: NOTICE } },
          receivedAt: T0,
        },
      };
      header(lost, T0 + 60_000);
      expect(screen.queryByTestId("maintenance-notice")).toBeNull();
    });
  });
});
