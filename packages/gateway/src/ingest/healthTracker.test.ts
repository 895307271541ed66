import { API_KEY_LIFETIME_MS } from "@mexc-live/protocol/limits";
import { parseMexcErrorBody } from "@mexc-live/protocol/rest";
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
        reason: null,
        maintenance: null,
        waiting: null,
        reconciling: null,
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
      reason: null,
      maintenance: null,
      waiting: null,
      reconciling: null,
    });
    tracker.notice({ type: "state", state: "reconnecting", at: 2_000 });
    expect(tracker.health(2_000, readings(1, { reconnects: 1 })).upstream).toMatchObject({
      state: "reconnecting",
      reconnects: 1,
    });
  });

  it("tells beside MEXC's own 'under maintenance' answer the maintenance it announced (one home for both)", () => {
    const tracker = new HealthTracker("live", "USDT");
    const notice = {
      title: "MEXC Spot System Maintenance: 2026-12-01 02:00 - 04:00 (UTC)",
      url: "https://www.mexc.com/announcements/1",
      postedAt: 1_000,
      startsAt: Date.UTC(2026, 11, 1, 2),
      endsAt: Date.UTC(2026, 11, 1, 4),
    };
    const error = parseMexcErrorBody({ code: 500, message: "Under maintenance, please try again later" }, 503, {
      isWrite: false,
    });
    tracker.notice({ type: "state", state: "maintenance", at: 1_000, message: error.message, error, retryInMs: 1 });
    const upstream = tracker.health(1_500, { ...readings(1), maintenance: notice }).upstream;
    expect(upstream.state).toBe("maintenance");
    expect(upstream.reason?.kind).toBe("maintenance");
    expect(upstream.maintenance).toEqual(notice);
  });

  it("says which events wait for a reconciliation's account read, which reconciliation and for how long", () => {
    const tracker = new HealthTracker("live", "USDT");
    const waiting = { events: 3, kind: "balance" as const, reason: "reconnect", since: 1_200 };
    const reconciling = { reason: "reconnect", since: 1_100 };
    const upstream = tracker.health(1_500, {
      ...readings(1),
      stats: { ...readings(1).stats, waiting, reconciling },
    }).upstream;
    expect(upstream.waiting).toEqual({
      events: 3,
      kind: "balance",
      reason: "the account read of the reconciliation with REST (reconnect)",
      forMs: 300,
    });
    expect(upstream.reconciling).toEqual({ reason: "reconnect", forMs: 400 });
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

  it("names a refused key in words with MEXC's code, keeps when it began while it repeats, and clears it once live again", () => {
    const tracker = new HealthTracker("live", "USDT");
    const error = parseMexcErrorBody({ code: 700002, msg: "Signature for this request is not valid." }, 400, {
      isWrite: true,
    });
    tracker.notice({ type: "state", state: "refused", at: 5_000, message: error.message, error, retryInMs: 60_000 });
    tracker.notice({ type: "state", state: "refused", at: 65_000, message: error.message, error, retryInMs: 60_000 });
    const refused = tracker.health(70_000, readings(0)).upstream;
    expect(refused.state).toBe("refused");
    expect(refused.reason).toMatchObject({
      kind: "bad_signature",
      code: 700002,
      message: "Signature for this request is not valid.",
      since: 5_000,
    });
    expect(refused.reason?.advice).toContain("API secret");
    tracker.notice({ type: "state", state: "live", at: 80_000 });
    expect(tracker.health(80_000, readings(1)).upstream).toMatchObject({ state: "live", reason: null });
  });

  it("says the key expired when its creation date is known and 90 days have passed", () => {
    const created = Date.UTC(2026, 0, 1);
    const tracker = new HealthTracker("live", "USDT", undefined, created);
    const error = parseMexcErrorBody({ code: 700002, msg: "Signature for this request is not valid." }, 400, {
      isWrite: false,
    });
    const at = created + API_KEY_LIFETIME_MS + 1_000;
    tracker.notice({ type: "state", state: "refused", at, message: error.message, error, retryInMs: 1 });
    expect(tracker.health(at, undefined).upstream.reason?.advice).toMatch(
      /^The key was made on 2026-01-01: MEXC expires/,
    );
  });

  it("with the renewal date set, says expired only past the renewed date, and names both dates", () => {
    const created = Date.UTC(2026, 0, 1);
    const renewed = created + API_KEY_LIFETIME_MS - 3 * 86_400_000;
    const tracker = new HealthTracker("live", "USDT", undefined, created, renewed);
    const error = parseMexcErrorBody({ code: 700002, msg: "Signature for this request is not valid." }, 400, {
      isWrite: false,
    });
    const past90 = created + API_KEY_LIFETIME_MS + 1_000;
    tracker.notice({ type: "state", state: "refused", at: past90, message: error.message, error, retryInMs: 1 });
    expect(tracker.health(past90, undefined).upstream.reason?.advice).toMatch(/^Check the API secret/);
    const later = new HealthTracker("live", "USDT", undefined, created, renewed);
    const past180 = created + 2 * API_KEY_LIFETIME_MS + 1_000;
    later.notice({ type: "state", state: "refused", at: past180, message: error.message, error, retryInMs: 1 });
    expect(later.health(past180, undefined).upstream.reason?.advice).toMatch(
      /^The key was made on 2026-01-01 and renewed on 2026-03-29, so it ran until 2026-06-30: /,
    );
  });

  it("shows maintenance with MEXC's words, the HTTP status standing in for a missing code", () => {
    const tracker = new HealthTracker("live", "USDT");
    const error = parseMexcErrorBody(
      { code: 500, message: "Under maintenance, please try again later", announcement: "https://www.mexc.com/" },
      503,
      { isWrite: false },
    );
    tracker.notice({ type: "state", state: "maintenance", at: 1, message: error.message, error, retryInMs: 30_000 });
    expect(tracker.health(2, undefined).upstream).toMatchObject({
      state: "maintenance",
      reason: { kind: "maintenance", code: 500, message: "Under maintenance, please try again later" },
    });
    const bare = parseMexcErrorBody("", 503, { isWrite: false });
    tracker.notice({ type: "state", state: "maintenance", at: 3, message: bare.message, error: bare, retryInMs: 1 });
    expect(tracker.health(4, undefined).upstream.reason).toMatchObject({ code: 503, message: "HTTP 503" });
  });

  it("shows a refusal another signed call met at once (an IP off the whitelist), not a missing permission, until a reconciliation passes", () => {
    const tracker = new HealthTracker("live", "USDT");
    tracker.notice({ type: "state", state: "live", at: 1 });
    const permission = parseMexcErrorBody({ code: 700007, msg: "No permission to access the endpoint" }, 403, {
      isWrite: false,
    });
    tracker.refusedBy(permission, 2);
    expect(tracker.health(3, undefined).upstream).toMatchObject({ state: "live", reason: null });
    const ip = parseMexcErrorBody({ code: 700006, msg: "IP non white list" }, 403, { isWrite: false });
    tracker.refusedBy(ip, 4);
    expect(tracker.health(5, undefined).upstream).toMatchObject({
      state: "refused",
      reason: { kind: "ip_not_allowed", code: 700006, since: 4 },
    });
    tracker.notice({
      type: "state",
      state: "reconciled",
      at: 6,
      reason: "gap",
      fills: 0,
      orders: 0,
      balances: 0,
      restCalls: 3,
      durationMs: 5,
      symbols: [],
    });
    expect(tracker.health(7, undefined).upstream).toMatchObject({ state: "live", reason: null });
  });
});
