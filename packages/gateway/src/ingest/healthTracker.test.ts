import { describe, expect, it } from "vitest";
import { HealthTracker } from "./healthTracker.js";

const readings = (
  created: number,
  overrides: Partial<{ reconnects: number; gaps: number; reconciliations: number }> = {},
) => ({
  stats: {
    reconnects: 0,
    gaps: 0,
    reconciliations: 0,
    ...overrides,
    listenKeys: { created, reused: 0, keepalives: 0, keepaliveFailures: 0, replaced: 0, deleted: 0 },
  },
  clockSkewMs: 12.4,
});

describe("HealthTracker", () => {
  it("starts connecting, with no ages and no skew", () => {
    const health = new HealthTracker("demo", "USDT").health(1_000, undefined);
    expect(health).toEqual({
      mode: "demo",
      quote: "USDT",
      upstream: {
        state: "connecting",
        lastEventAgeMs: null,
        listenKeyAgeMs: null,
        reconnects: 0,
        gaps: 0,
        reconciliations: 0,
        clockSkewMs: null,
      },
    });
  });

  it("follows the user stream's notices and counters", () => {
    const tracker = new HealthTracker("live", "USDT");
    tracker.health(1_000, readings(1));
    tracker.notice({ type: "state", state: "live", at: 1_000 });
    expect(tracker.health(1_500, readings(1, { reconciliations: 1 })).upstream).toEqual({
      state: "live",
      lastEventAgeMs: 500,
      listenKeyAgeMs: 500,
      reconnects: 0,
      gaps: 0,
      reconciliations: 1,
      clockSkewMs: 12,
    });
    tracker.notice({ type: "state", state: "reconnecting", at: 2_000 });
    expect(tracker.health(2_000, readings(1, { reconnects: 1 })).upstream).toMatchObject({
      state: "reconnecting",
      reconnects: 1,
    });
  });

  it("restarts the listen-key age when the client obtains a new key", () => {
    const tracker = new HealthTracker("live", "USDT");
    tracker.health(1_000, readings(1));
    expect(tracker.health(5_000, readings(1)).upstream.listenKeyAgeMs).toBe(4_000);
    expect(tracker.health(6_000, readings(2)).upstream.listenKeyAgeMs).toBe(0);
  });

  it("reports stale when live but silent too long, and down when closed", () => {
    const tracker = new HealthTracker("live", "USDT", 10_000);
    tracker.notice({ type: "state", state: "live", at: 0 });
    expect(tracker.health(5_000, readings(1)).upstream.state).toBe("live");
    expect(tracker.health(20_000, readings(1)).upstream.state).toBe("stale");
    tracker.noteEvent(19_000);
    expect(tracker.health(20_000, readings(1)).upstream.state).toBe("live");
    tracker.notice({ type: "state", state: "closed", at: 21_000 });
    expect(tracker.health(21_000, readings(1)).upstream).toMatchObject({ state: "down", listenKeyAgeMs: null });
  });
});
