import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MIGRATIONS } from "./migrations.js";
import { openRawFramesReader } from "./rawFrames.js";
import { openStore } from "./store.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "mexc-live-frames-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const CHANNEL = "spot@private.deals.v3.api.pb";

describe("raw frames", () => {
  it("keeps the bytes, the receive time and the channel (null when unknown), oldest first", () => {
    const store = openStore({ path: ":memory:" });
    store.recordRawFrame(new Uint8Array([0x0a, 0x01, 0x61]), 2_000, CHANNEL);
    store.recordRawFrame(Buffer.from([0x0f, 0xff]).subarray(1), 1_000, null);
    store.recordRawFrame(new Uint8Array([3]), 2_000);
    expect([...store.rawFrames()].map((frame) => ({ ...frame, bytes: [...frame.bytes] }))).toEqual([
      { receivedAt: 1_000, channel: null, bytes: [0xff] },
      { receivedAt: 2_000, channel: CHANNEL, bytes: [0x0a, 0x01, 0x61] },
      { receivedAt: 2_000, channel: null, bytes: [3] },
    ]);
    expect([...store.rawFrames({ from: 1_001, to: 2_000 })].map((frame) => frame.bytes[0])).toEqual([0x0a, 3]);
    expect([...store.rawFrames({ to: 1_999 })].map((frame) => frame.receivedAt)).toEqual([1_000]);
    store.close();
  });

  it("opens a database of the JSON-recording era: its JSON rows are dropped, everything else kept", () => {
    const path = join(dir, "old.db");
    const old = new Database(path);
    old.exec(MIGRATIONS[0] as string);
    old.pragma("user_version = 1");
    old.prepare("INSERT INTO raw_frames (received_at, channel, bytes) VALUES (?, ?, ?)").run(5, "", Buffer.from("{}"));
    old.prepare("INSERT INTO equity_snapshots (time, equity, by_asset) VALUES (?, ?, ?)").run(5, "100", "{}");
    old.close();

    const store = openStore({ path });
    expect([...store.rawFrames()]).toEqual([]);
    expect(store.latestEquity()).toEqual({ time: 5, equity: "100", byAsset: {} });
    store.recordRawFrame(new Uint8Array([1]), 6, null);
    expect(store.counts().rawFrames).toBe(1);
    store.close();
  });

  it("reads read-only only a schema it knows: an empty file and a newer gateway's file are refused, untouched", () => {
    const empty = join(dir, "empty.db");
    new Database(empty).close();
    expect(() => openRawFramesReader(empty)).toThrow(expect.objectContaining({ code: "SCHEMA_TOO_OLD" }));

    const newer = join(dir, "newer.db");
    const store = openStore({ path: newer });
    store.recordRawFrame(new Uint8Array([1]), 6, null);
    store.close();
    const db = new Database(newer);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openRawFramesReader(newer)).toThrow(
      `${newer} was written by a newer mexc-live (schema ${MIGRATIONS.length + 1}, this one reads up to ${MIGRATIONS.length})`,
    );

    const current = join(dir, "current.db");
    const writer = openStore({ path: current });
    writer.recordRawFrame(new Uint8Array([7]), 9, "c");
    writer.close();
    const reader = openRawFramesReader(current);
    expect([...reader.scan()].map((frame) => [frame.receivedAt, frame.channel, [...frame.bytes]])).toEqual([
      [9, "c", [7]],
    ]);
    reader.close();
  });
});
