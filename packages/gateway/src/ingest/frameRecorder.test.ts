import { MAX_FRAME_BYTES } from "@mexc-live/client";
import { describe, expect, it } from "vitest";
import type { Logger } from "../logging.js";
import { type GatewayStore, openStore } from "../store/index.js";
import { frameRecorder, MAX_RECORDED_BYTES, MAX_RECORDED_FRAME_BYTES, RECORD_FAILURE_LOG_MS } from "./frameRecorder.js";

const CHANNEL = "spot@private.orders.v3.api.pb";

describe("frameRecorder", () => {
  it("stores each frame with its receive time and channel", () => {
    const store = openStore({ path: ":memory:" });
    const record = frameRecorder(store, {} as Logger);
    record({ bytes: new Uint8Array([0x0a, 0x00]), receivedAt: 10, channel: CHANNEL });
    record({ bytes: new Uint8Array([0xff]), receivedAt: 11, channel: null });
    expect([...store.rawFrames()].map((frame) => ({ ...frame, bytes: [...frame.bytes] }))).toEqual([
      { receivedAt: 10, channel: CHANNEL, bytes: [0x0a, 0x00] },
      { receivedAt: 11, channel: null, bytes: [0xff] },
    ]);
    store.close();
  });

  it("never throws into the stream when the database fails; logs once a minute with the frames lost", () => {
    const store = openStore({ path: ":memory:" });
    store.close();
    const lines: { lost: number }[] = [];
    const logger = { error: (fields: { lost: number }) => lines.push(fields) } as unknown as Logger;
    let now = 0;
    const record = frameRecorder(store, logger, () => now);
    const frame = { bytes: new Uint8Array([1]), receivedAt: 1, channel: null };
    for (let index = 0; index < 3; index++) expect(() => record(frame)).not.toThrow();
    now = RECORD_FAILURE_LOG_MS;
    record(frame);
    expect(lines.map((line) => line.lost)).toEqual([1, 3]);
  });

  it("logs the frames lost in the quiet minute once writes work again, each lost frame counted once", () => {
    let failing = true;
    const stored: number[] = [];
    const store = {
      recordRawFrame: (_bytes: Uint8Array, receivedAt: number) => {
        if (failing) throw new Error("database or disk is full");
        stored.push(receivedAt);
      },
    } as unknown as GatewayStore;
    const lines: { level: string; lost: number; message: string }[] = [];
    const line = (level: string) => (fields: { lost: number }, message: string) =>
      lines.push({ level, lost: fields.lost, message });
    const logger = { error: line("error"), warn: line("warn") } as unknown as Logger;
    let now = 0;
    const record = frameRecorder(store, logger, () => now);
    const frame = (receivedAt: number) => record({ bytes: new Uint8Array([1]), receivedAt, channel: null });

    frame(1); // logged at once
    now = 1_000;
    frame(2);
    frame(3); // within the minute: counted, not logged
    failing = false;
    now = 2_000;
    frame(4);
    frame(5);
    expect(stored).toEqual([4, 5]);
    expect(lines).toEqual([
      { level: "error", lost: 1, message: "raw frame not recorded" },
      { level: "warn", lost: 2, message: "raw frames recorded again; 2 lost since the last line" },
    ]);

    // A relapse within the minute: counted, and said at the first line a minute after the last.
    failing = true;
    now = 3_000;
    frame(6);
    failing = false;
    frame(7);
    expect(lines).toHaveLength(2);
    now = 2_000 + RECORD_FAILURE_LOG_MS;
    frame(8);
    expect(lines.slice(2)).toEqual([
      { level: "warn", lost: 1, message: "raw frames recorded again; 1 lost since the last line" },
    ]);
    frame(9);
    expect(lines).toHaveLength(3);
    const counted = lines.reduce((sum, entry) => sum + entry.lost, 0);
    expect(counted).toBe(4);
  });
});

describe("frameRecorder's bounds", () => {
  const frame = (length: number, receivedAt = 1) => ({ bytes: new Uint8Array(length), receivedAt, channel: null });

  it("records a frame at the cap and not one byte longer, said once", () => {
    const store = openStore({ path: ":memory:" });
    const lines: string[] = [];
    const logger = { warn: (_: unknown, message: string) => lines.push(message) } as unknown as Logger;
    const record = frameRecorder(store, logger, Date.now, { maxFrameBytes: 100 });
    record(frame(100, 1));
    record(frame(101, 2));
    record(frame(10 * 1024 * 1024, 3));
    expect([...store.rawFrames()].map((row) => row.receivedAt)).toEqual([1]);
    expect(lines).toEqual(["raw frame longer than the cap not recorded"]);
    store.close();
  });

  it("stops at the run's total cap with one line; the stream is never thrown into", () => {
    const store = openStore({ path: ":memory:" });
    const lines: string[] = [];
    const logger = { warn: (_: unknown, message: string) => lines.push(message) } as unknown as Logger;
    const record = frameRecorder(store, logger, Date.now, { maxTotalBytes: 250 });
    for (let at = 1; at <= 5; at++) expect(() => record(frame(100, at))).not.toThrow();
    expect([...store.rawFrames()].map((row) => row.receivedAt)).toEqual([1, 2]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("--record-frames stopped");
    store.close();
  });

  it("defaults to the client's frame cap and 1 GiB a run", () => {
    expect(MAX_RECORDED_FRAME_BYTES).toBe(MAX_FRAME_BYTES);
    expect(MAX_RECORDED_BYTES).toBe(1024 ** 3);
  });
});
