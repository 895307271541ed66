import { HOUR_MS, MINUTE_MS } from "@mexc-live/protocol";
import type { RestKlineRow } from "@mexc-live/protocol/rest";
import { afterAll, describe, expect, it } from "vitest";
import { tempDir } from "../../test/e2eKit.js";
import { CandleStore, KNOWN_MAX, NO_CANDLE_RECHECK_MS, NO_CANDLE_SETTLE_MS } from "./candles.js";

const NOW = Date.UTC(2026, 10, 20, 12);
const dir = tempDir("candle-store");
afterAll(() => dir.remove());

describe("what MEXC answered without a candle, remembered (issue 37)", () => {
  it("is remembered for good across a restart for a window closed NO_CANDLE_SETTLE_MS before it was asked", () => {
    let now = NOW;
    const path = `${dir.path}/market.db`;
    const first = new CandleStore(path, undefined, () => now);
    const start = NOW - 10 * HOUR_MS;
    first.put("OLDUSDT", "60m", [], { start, end: NOW });
    first.close();
    now += 365 * 24 * HOUR_MS;
    const again = new CandleStore(path, undefined, () => now);
    expect(again.at("OLDUSDT", "60m", start).kind).toBe("none");
    // The last hour that had settled when asked: the one that ended NO_CANDLE_SETTLE_MS or more before.
    expect(again.at("OLDUSDT", "60m", NOW - HOUR_MS - 1).kind).toBe("none");
    // The hour that had only just closed is asked again once its "none" has expired.
    expect(again.at("OLDUSDT", "60m", NOW - 1).kind).toBe("unknown");
    again.close();
  });

  it("believes a window that had only just closed for NO_CANDLE_RECHECK_MS (and after a restart), then asks again", () => {
    let now = NOW;
    const path = `${dir.path}/recent.db`;
    const store = new CandleStore(path, undefined, () => now);
    const justClosed = NOW - MINUTE_MS;
    store.put("NEWUSDT", "1m", [], { start: justClosed, end: NOW });
    // Believed until MEXC is asked again, and said so: a price lookup waits for it (pastPrices.ts).
    expect(store.at("NEWUSDT", "1m", justClosed)).toEqual({ kind: "none", askAgainAt: NOW + NO_CANDLE_RECHECK_MS });
    store.close();
    now += NO_CANDLE_RECHECK_MS - 1;
    const reopened = new CandleStore(path, undefined, () => now);
    expect(reopened.at("NEWUSDT", "1m", justClosed).kind).toBe("none");
    now += 1;
    expect(reopened.at("NEWUSDT", "1m", justClosed).kind).toBe("unknown");
    // Asked again once it has settled: for good now.
    now = NOW + NO_CANDLE_SETTLE_MS;
    reopened.put("NEWUSDT", "1m", [], { start: justClosed, end: NOW });
    now += 365 * 24 * HOUR_MS;
    expect(reopened.at("NEWUSDT", "1m", justClosed).kind).toBe("none");
    reopened.close();
  });
});

describe("an answer asked again", () => {
  it("is what MEXC answered last: a candle stored where none was known, or none was asked yet, is found at once", () => {
    const store = new CandleStore(`${dir.path}/again.db`, undefined, () => NOW);
    const hour = NOW - 10 * HOUR_MS;
    const candle: RestKlineRow = [hour, "1", "1", "1", "1.5", "1", hour + HOUR_MS - 1, "1"];
    // Not asked yet, twice (the second kept in memory): then MEXC's answer has the candle.
    expect(store.at("ONEUSDT", "60m", hour + 1).kind).toBe("unknown");
    expect(store.at("ONEUSDT", "60m", hour + 1).kind).toBe("unknown");
    store.put("ONEUSDT", "60m", [candle], { start: hour, end: hour + HOUR_MS });
    expect(store.at("ONEUSDT", "60m", hour + 1)).toMatchObject({ kind: "candle", candle: { close: "1.5" } });
    // None for good, twice; MEXC asked again has the candle: the same moment now has it.
    store.put("TWOUSDT", "60m", [], { start: hour, end: hour + HOUR_MS });
    expect(store.at("TWOUSDT", "60m", hour + 1).kind).toBe("none");
    expect(store.at("TWOUSDT", "60m", hour + 1).kind).toBe("none");
    store.put("TWOUSDT", "60m", [candle], { start: hour, end: hour + HOUR_MS });
    expect(store.at("TWOUSDT", "60m", hour + 1)).toMatchObject({ kind: "candle", candle: { close: "1.5" } });
    // Another series is untouched by a put.
    expect(store.at("ONEUSDT", "60m", hour + 1)).toMatchObject({ kind: "candle", candle: { close: "1.5" } });
    store.close();
  });
});

describe("answers kept in memory", () => {
  it("keeps at most KNOWN_MAX answers in memory, and answers the same past the bound", () => {
    const store = new CandleStore(`${dir.path}/bound.db`, undefined, () => NOW);
    const hour = NOW - 10 * HOUR_MS;
    const candle: RestKlineRow = [hour, "1", "1", "1", "1.5", "1", hour + HOUR_MS - 1, "1"];
    store.put("ONEUSDT", "60m", [candle], { start: hour, end: hour + HOUR_MS });
    for (let n = 0; n <= KNOWN_MAX; n++) store.at("MANYUSDT", "1m", NOW - 100 * HOUR_MS - n);
    expect(store.kept()).toBeLessThanOrEqual(KNOWN_MAX);
    expect(store.at("ONEUSDT", "60m", hour + 1)).toMatchObject({ kind: "candle", candle: { close: "1.5" } });
    // A put lets its series' answers go from the count too.
    const before = store.kept();
    store.put("ONEUSDT", "60m", [candle], { start: hour, end: hour + HOUR_MS });
    expect(store.kept()).toBe(before - 1);
    store.close();
  });
});
