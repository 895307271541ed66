/**
 * Candle rows out of bounds never reach a figure: MEXC's (or an impostor's) rows are checked
 * before they are stored, and a bad row an older version stored is skipped when read, counted.
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MINUTE_MS } from "@mexc-live/protocol";
import type { RestKlineRow } from "@mexc-live/protocol/rest";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { candleProblem } from "./candleRows.js";
import { CandleStore } from "./candles.js";

const T = Date.UTC(2026, 0, 5, 10);
const row = (openTime: number, close: string, closeTime = openTime + MINUTE_MS): RestKlineRow =>
  [openTime, close, close, close, close, "1", closeTime, "1"] as unknown as RestKlineRow;
const WINDOW = { start: T, end: T + 10 * MINUTE_MS };

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe("a candle row", () => {
  it("has times in MEXC's window, the close after the open, and a positive close", () => {
    expect(candleProblem(T, T + MINUTE_MS, "93158.47", T)).toBeUndefined();
    expect(candleProblem(0, MINUTE_MS, "1", T)).toMatch(/^openTime before 2010/);
    expect(candleProblem(T, T, "1", T)).toBe("closeTime not after openTime");
    expect(candleProblem(T, 2 ** 53 - 1, "1", T)).toMatch(/^closeTime more than a day/);
    expect(candleProblem(T, T + MINUTE_MS, "NaN", T)).toBe("close not a decimal");
    expect(candleProblem(T, T + MINUTE_MS, "-1", T)).toBe("close negative");
    expect(candleProblem(T, T + MINUTE_MS, "1".repeat(41), T)).toBe("close more than 40 digits");
  });
});

describe("CandleStore", () => {
  it("stores the good rows of an answer and none of the bad, counted and said once a reason", () => {
    const lines: string[] = [];
    const store = new CandleStore(":memory:", { warn: (fields: object) => lines.push(JSON.stringify(fields)) });
    const stored = store.put(
      "BTCUSDT",
      "1m",
      [row(T, "NaN"), row(0, "5"), row(T + MINUTE_MS, "93000.5"), row(T + 2 * MINUTE_MS, "NaN")],
      WINDOW,
    );
    expect(stored).toBe(1);
    expect(store.refused()).toEqual({ written: 3, read: 0 });
    expect(lines).toHaveLength(2); // "close not a decimal" once, "openTime before 2010" once
    expect(store.at("BTCUSDT", "1m", T + MINUTE_MS + 1)).toMatchObject({ candle: { close: "93000.5" } });
    expect(store.at("BTCUSDT", "1m", T + 1)).toEqual({ kind: "none" });
    store.close();
  });

  it("skips a bad row an older version stored, removes it, and asks again", () => {
    dir = mkdtempSync(join(tmpdir(), "candle-rows-"));
    const path = join(dir, "market.db");
    new CandleStore(path).close(); // the tables
    const db = new Database(path);
    db.prepare("INSERT INTO candles VALUES (?, ?, ?, ?, ?)").run("BTCUSDT", "1m", T, T + MINUTE_MS, "NaN");
    db.prepare("INSERT INTO candles VALUES (?, ?, ?, ?, ?)").run("BTCUSDT", "1m", 0, 0, "1");
    db.close();

    const store = new CandleStore(path);
    expect(store.at("BTCUSDT", "1m", T + 1)).toEqual({ kind: "unknown" });
    expect(store.at("BTCUSDT", "1m", 1)).toEqual({ kind: "unknown" });
    expect(store.refused()).toEqual({ written: 0, read: 2 });
    // Asked again, MEXC's good row takes its place.
    store.put("BTCUSDT", "1m", [row(T, "93000")], WINDOW);
    expect(store.at("BTCUSDT", "1m", T + 1)).toMatchObject({ candle: { close: "93000" } });
    store.close();
  });
});
