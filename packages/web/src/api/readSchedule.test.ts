import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LIVE_MIN_GAP_MS, LIVE_SETTLE_MS, movedReadAt } from "./readSchedule.js";

const T = Date.UTC(2026, 10, 25, 12, 0, 0);

describe("movedReadAt: when a moved figure is read", () => {
  it("reads a lone move at the next whole second at least LIVE_SETTLE_MS on", () => {
    expect(movedReadAt(T + 100, Number.NEGATIVE_INFINITY)).toBe(T + 1_000);
    expect(movedReadAt(T + 600, Number.NEGATIVE_INFINITY)).toBe(T + 2_000);
    expect(movedReadAt(T + 100, T - 10_000)).toBe(T + 1_000);
  });

  it("reads moves that come fast on the shared 5 s grid, at least LIVE_MIN_GAP_MS after the last read", () => {
    expect(movedReadAt(T + 1_100, T + 1_000)).toBe(T + 10_000);
    expect(movedReadAt(T + 5_000, T + 5_000)).toBe(T + 10_000);
  });

  it("puts two panels' reads of a stream of moves at the same instants within two slots, whenever each last read", () => {
    /** A panel's reads while the figures move every second from T for a minute (a read due: no new one). */
    const reads = (lastRead: number) => {
      const at: number[] = [];
      let last = lastRead;
      let due: number | undefined;
      for (let now = T; now < T + 60_000; now += 1_000) {
        if (due !== undefined && due <= now) {
          at.push(due);
          last = due;
          due = undefined;
        }
        due ??= movedReadAt(now + 1, last); // a move just after the second
      }
      return at;
    };
    fc.assert(
      fc.property(fc.integer({ min: -20_000, max: 0 }), fc.integer({ min: -20_000, max: 0 }), (a, b) => {
        const later = (at: number[]) => at.filter((time) => time >= T + 2 * LIVE_MIN_GAP_MS + 1_000);
        const one = later(reads(T + a));
        return one.length > 5 && one.join() === later(reads(T + b)).join();
      }),
    );
  });

  it("never reads sooner than LIVE_SETTLE_MS after the move, nor twice in LIVE_MIN_GAP_MS", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 7 }), fc.integer({ min: -1, max: 10 ** 7 }), (now, last) => {
        const lastMoved = last < 0 ? Number.NEGATIVE_INFINITY : Math.min(last, now);
        const at = movedReadAt(T + now, T + lastMoved);
        return at >= T + now + LIVE_SETTLE_MS && at >= T + lastMoved + LIVE_MIN_GAP_MS;
      }),
    );
  });
});
