import { describe, expect, it } from "vitest";
import type { Logger } from "../logging.js";
import { openStore } from "../store/index.js";
import { frameRecorder, RECORD_FAILURE_LOG_MS } from "./frameRecorder.js";

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
});
