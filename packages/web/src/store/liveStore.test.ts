import type { ServerMessage } from "@mexc-live/contract";
import { describe, expect, it } from "vitest";
import { fill } from "../../test/items.js";
import { LiveStore, MAX_QUEUED_EVENTS } from "./liveStore.js";

function fillBatch(id: number): ServerMessage {
  return {
    type: "batch",
    updates: [{ topic: "fills", data: fill(String(id), 1_000 + id), exchangeTime: 0, receiveTime: 0 }],
  };
}

/** A scheduler the test runs by hand, like one animation frame. */
function manualFrames() {
  const pending: (() => void)[] = [];
  return {
    schedule: (flush: () => void) => {
      pending.push(flush);
      return () => pending.splice(pending.indexOf(flush), 1);
    },
    frame: () => {
      for (const flush of pending.splice(0)) flush();
    },
    get scheduled() {
      return pending.length;
    },
  };
}

describe("LiveStore", () => {
  it("applies everything received between two frames as one update", () => {
    const frames = manualFrames();
    const store = new LiveStore({ schedule: frames.schedule });
    let renders = 0;
    store.subscribe(() => renders++);
    for (let i = 0; i < 200; i++) store.receive(fillBatch(i));
    expect(frames.scheduled).toBe(1);
    expect(store.getState().fills.items).toHaveLength(0);
    frames.frame();
    expect(renders).toBe(1);
    expect(store.getState().fills.items).toHaveLength(200);
  });

  it("flushes at once when the queue is full (a tab that gets no frames)", () => {
    const frames = manualFrames();
    const store = new LiveStore({ schedule: frames.schedule });
    for (let i = 0; i < MAX_QUEUED_EVENTS; i++) store.receive(fillBatch(i));
    expect(store.getState().fills.items.length).toBeGreaterThan(0);
  });

  it("records the connection state with the time it was lost", () => {
    const frames = manualFrames();
    let now = 5_000;
    const store = new LiveStore({ schedule: frames.schedule, now: () => now });
    store.setConnection("open");
    frames.frame();
    now = 9_000;
    store.setConnection("reconnecting");
    frames.frame();
    expect(store.getState().connection).toBe("reconnecting");
    expect(store.getState().disconnectedAt).toBe(9_000);
  });
});
