import { describe, expect, it } from "vitest";
import { walkPages } from "./pageWalk.js";

interface Item {
  readonly id: string;
  readonly time: number;
}

/** 250 items, several per ms, like a burst of fills. */
const ITEMS: Item[] = Array.from({ length: 250 }, (_, i) => ({ id: `T${i}`, time: 1_000 + Math.floor(i / 3) }));

/** A server answering at most `limit` items in [start, end], keeping the newest (as the simulator does) or the oldest. */
function server(keep: "newest" | "oldest", limit: number) {
  let calls = 0;
  return {
    calls: () => calls,
    fetch: async (start: number, end: number) => {
      calls++;
      const inRange = ITEMS.filter((item) => item.time >= start && item.time <= end);
      return keep === "newest" ? inRange.slice(-limit) : inRange.slice(0, limit);
    },
  };
}

describe("walkPages", () => {
  for (const keep of ["newest", "oldest"] as const) {
    it(`finds every item when a full page keeps the ${keep} ones`, async () => {
      const api = server(keep, 100);
      const walk = await walkPages({
        fetch: api.fetch,
        limit: 100,
        timeOf: (item) => item.time,
        idOf: (item) => item.id,
        from: 0,
        to: 5_000,
      });
      expect(walk.items.map((item) => item.id).sort()).toEqual(ITEMS.map((item) => item.id).sort());
      expect(walk.newest).toBe(ITEMS[ITEMS.length - 1]!.time);
      expect(walk.unexploredFrom).toBeUndefined();
      expect(api.calls()).toBeLessThan(12);
    });
  }

  it("asks once when the first page is not full", async () => {
    const api = server("newest", 1_000);
    const walk = await walkPages({
      fetch: api.fetch,
      limit: 1_000,
      timeOf: (i) => i.time,
      idOf: (i) => i.id,
      from: 0,
      to: 5_000,
    });
    expect(walk.items).toHaveLength(250);
    expect(api.calls()).toBe(1);
  });

  it("stops at the page cap and says from where the rest is unexplored", async () => {
    const api = server("newest", 10);
    const walk = await walkPages({
      fetch: api.fetch,
      limit: 10,
      timeOf: (i) => i.time,
      idOf: (i) => i.id,
      from: 0,
      to: 5_000,
      maxPages: 3,
    });
    expect(api.calls()).toBe(3);
    expect(walk.unexploredFrom).toBe(0);
    expect(walk.newest).toBeUndefined();
  });

  it("reports an instant with more items than a page as saturated, and still walks both sides of it", async () => {
    // 150 items in one second (REST's whole-second times, docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.3) between quieter ones.
    const items: Item[] = [
      ...Array.from({ length: 30 }, (_, i) => ({ id: `A${i}`, time: 1_000 + i * 1_000 })),
      ...Array.from({ length: 150 }, (_, i) => ({ id: `S${i}`, time: 40_000 })),
      ...Array.from({ length: 30 }, (_, i) => ({ id: `B${i}`, time: 41_000 + i * 1_000 })),
    ];
    let calls = 0;
    const walk = await walkPages({
      fetch: async (start: number, end: number) => {
        calls++;
        return items.filter((item) => item.time >= start && item.time <= end).slice(-100);
      },
      limit: 100,
      timeOf: (item) => item.time,
      idOf: (item) => item.id,
      from: 0,
      to: 100_000,
    });
    expect(walk.saturated).toEqual([40_000]);
    expect(walk.items.filter((item) => item.id.startsWith("A"))).toHaveLength(30);
    expect(walk.items.filter((item) => item.id.startsWith("B"))).toHaveLength(30);
    expect(walk.items.filter((item) => item.id.startsWith("S"))).toHaveLength(100);
    expect(calls).toBeLessThan(10);
  });
});
