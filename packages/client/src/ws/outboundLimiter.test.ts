import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { OutboundLimiter } from "./outboundLimiter.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("OutboundLimiter", () => {
  it("sends the first maxPerSecond at once and the rest, in order, after the window", async () => {
    const sent: { text: string; at: number }[] = [];
    const limiter = new OutboundLimiter((text) => sent.push({ text, at: Date.now() }), 5);
    const start = Date.now();
    for (let index = 0; index < 8; index++) limiter.push(String(index));
    expect(sent.map((entry) => entry.text)).toEqual(["0", "1", "2", "3", "4"]);
    expect(limiter.pending).toBe(3);
    await vi.advanceTimersByTimeAsync(999);
    expect(sent).toHaveLength(5); // not one before the window is over
    await vi.advanceTimersByTimeAsync(201);
    expect(sent.map((entry) => entry.text)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7"]);
    expect(sent[5]!.at - start).toBeGreaterThanOrEqual(1_000);
  });

  it("drops what waits when cleared", async () => {
    const sent: string[] = [];
    const limiter = new OutboundLimiter((text) => sent.push(text), 1);
    limiter.push("a");
    limiter.push("b");
    limiter.clear();
    await vi.advanceTimersByTimeAsync(1_100);
    expect(sent).toEqual(["a"]);
  });
});
