import { afterEach, describe, expect, it, vi } from "vitest";
import { startDeadline } from "./deadline.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("startDeadline", () => {
  it("aborts when the time runs out, with a TimeoutError, and says it expired", () => {
    vi.useFakeTimers();
    const deadline = startDeadline(1_000);
    vi.advanceTimersByTime(999);
    expect(deadline.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.expired).toBe(true);
    expect(deadline.signal.reason).toMatchObject({ name: "TimeoutError", message: "deadline of 1000 ms passed" });
  });

  it("follows a parent: its abort and its reason, and it did not expire", () => {
    vi.useFakeTimers();
    const parent = new AbortController();
    const deadline = startDeadline(1_000, [undefined, parent.signal]);
    parent.abort(new Error("closing"));
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.expired).toBe(false);
    expect(deadline.signal.reason).toEqual(new Error("closing"));
  });

  it("starts aborted under a parent that already is", () => {
    const parent = new AbortController();
    parent.abort("gone");
    const deadline = startDeadline(1_000, [parent.signal]);
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.signal.reason).toBe("gone");
  });

  it("without a time, only follows its parents", () => {
    vi.useFakeTimers();
    const parent = new AbortController();
    const deadline = startDeadline(undefined, [parent.signal]);
    vi.advanceTimersByTime(1e9);
    expect(deadline.signal.aborted).toBe(false);
    parent.abort();
    expect(deadline.signal.aborted).toBe(true);
  });

  it("once cleared, neither the timer nor a parent aborts it, and the parent keeps no listener", () => {
    vi.useFakeTimers();
    const parent = new AbortController();
    const added = vi.spyOn(parent.signal, "addEventListener");
    const removed = vi.spyOn(parent.signal, "removeEventListener");
    const deadline = startDeadline(1_000, [parent.signal]);
    deadline.clear();
    expect(removed.mock.calls).toEqual(added.mock.calls.map(([type, listener]) => [type, listener]));
    vi.advanceTimersByTime(2_000);
    parent.abort();
    expect(deadline.signal.aborted).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });
});
