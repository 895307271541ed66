import type { ServerMessage } from "@mexc-live/contract";
import { describe, expect, it } from "vitest";
import { fill, health, ticker } from "../../test/items.js";
import { FLOOD_HOLD_MS, LiveStore, MAX_QUEUED_EVENTS } from "./liveStore.js";

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

  describe("the market lane (issue 17)", () => {
    const tickerBatch = (price: string): ServerMessage => ({
      type: "batch",
      updates: [
        {
          topic: "market.BTCUSDT.ticker",
          data: ticker("BTCUSDT", { last: price }),
          exchangeTime: 0,
          receiveTime: 0,
        },
      ],
    });
    const lastPrice = (store: LiveStore) => store.getState().market.get("BTCUSDT")?.ticker?.last;

    function stores() {
      const frames = manualFrames();
      const market = manualFrames();
      const store = new LiveStore({ schedule: frames.schedule, marketSchedule: market.schedule });
      let renders = 0;
      store.subscribe(() => renders++);
      return { frames, market, store, renders: () => renders };
    }

    it("renders market updates on their own only when their slower timer runs, asking for no frame", () => {
      const { frames, market, store, renders } = stores();
      store.receive(tickerBatch("100"));
      store.receive(tickerBatch("101"));
      expect(frames.scheduled).toBe(0);
      expect(market.scheduled).toBe(1);
      expect(lastPrice(store)).toBeUndefined();
      market.frame(); // MARKET_FLUSH_MS later
      expect(lastPrice(store)).toBe("101");
      expect(renders()).toBe(1);
      expect(frames.scheduled).toBe(0);
    });

    it("puts the health topic's beat on the slower lane too, the default account's and another's", () => {
      const { frames, market, store } = stores();
      for (const topic of ["health", "account.sub1.health"] as const) {
        store.receive({
          type: "batch",
          updates: [{ topic, data: health({ state: "reconnecting" }), exchangeTime: 0, receiveTime: 0 }],
        });
      }
      expect(frames.scheduled).toBe(0);
      expect(market.scheduled).toBe(1);
      market.frame();
      expect(store.getState().health?.value.upstream.state).toBe("reconnecting");
    });

    it("renders an account update at the next frame, taking the waiting market updates along", () => {
      const { frames, market, store, renders } = stores();
      store.receive(tickerBatch("100"));
      store.receive({
        type: "batch",
        updates: [
          { topic: "fills", data: fill("1", 1_000), exchangeTime: 0, receiveTime: 0 },
          {
            topic: "market.BTCUSDT.ticker",
            data: ticker("BTCUSDT", { last: "102" }),
            exchangeTime: 0,
            receiveTime: 0,
          },
        ],
      });
      expect(frames.scheduled).toBe(1);
      frames.frame();
      expect(store.getState().fills.items).toHaveLength(1);
      expect(lastPrice(store)).toBe("102");
      expect(renders()).toBe(1);
      expect(market.scheduled).toBe(0); // nothing left for the market timer
    });
  });

  it("renders a flood of fills at the flood pace, and every frame again once it is over", () => {
    const frames = manualFrames();
    const flood = manualFrames();
    let now = 0;
    const store = new LiveStore({ schedule: frames.schedule, floodSchedule: flood.schedule, now: () => now });
    const burst = (from: number, count: number): ServerMessage => ({
      type: "batch",
      updates: Array.from({ length: count }, (_, k) => ({
        topic: "fills" as const,
        data: fill(String(from + k), 1_000 + from + k),
        exchangeTime: 0,
        receiveTime: 0,
      })),
    });
    store.receive(burst(0, 100)); // more than FLOOD_UPDATES in one frame
    frames.frame();
    // Flooded: the next burst waits for the flood timer before asking for a frame.
    store.receive(burst(100, 100));
    expect(frames.scheduled).toBe(0);
    expect(flood.scheduled).toBe(1);
    flood.frame();
    frames.frame();
    expect(store.getState().fills.items).toHaveLength(200);
    // A second after the last flooded flush, one fill is on screen at the next frame again.
    now += FLOOD_HOLD_MS;
    store.receive(fillBatch(500));
    expect(frames.scheduled).toBe(1);
    expect(flood.scheduled).toBe(0);
  });
});
