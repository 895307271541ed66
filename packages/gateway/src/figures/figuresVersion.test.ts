import type { FiguresVersion } from "@mexc-live/contract";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FIGURES_PUSH_MS, FiguresVersionKeeper, PUSH_ANSWERS_WAIT_MS, withFiguresVersion } from "./figuresVersion.js";
import { PushedAnswers } from "./pushedAnswers.js";

afterEach(() => {
  vi.useRealTimers();
});

function keeper() {
  vi.useFakeTimers({ now: 1_000_000 });
  const pushed: FiguresVersion[] = [];
  const kept = new FiguresVersionKeeper({ account: "main", publish: (version) => pushed.push(version) });
  return { kept, pushed };
}

describe("FiguresVersionKeeper", () => {
  it("moves the version on each change and pushes the latest on the next turn", async () => {
    const { kept, pushed } = keeper();
    expect(kept.current()).toEqual({ account: "main", version: 0, at: 1_000_000 });
    kept.bump();
    kept.bump();
    expect(kept.current().version).toBe(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(pushed).toEqual([{ account: "main", version: 2, at: 1_000_000 }]);
  });

  it("pushes at most once per FIGURES_PUSH_MS, the latest version at the end of it", async () => {
    const { kept, pushed } = keeper();
    kept.bump();
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 50; i++) {
      kept.bump();
      await vi.advanceTimersByTimeAsync(10);
    }
    // 500 ms after the first push: 50 changes, no second push yet.
    expect(pushed.map((item) => item.version)).toEqual([1]);
    await vi.advanceTimersByTimeAsync(FIGURES_PUSH_MS - 500 - 1);
    expect(pushed.map((item) => item.version)).toEqual([1]);
    await vi.advanceTimersByTimeAsync(1);
    expect(pushed.map((item) => item.version)).toEqual([1, 51]);
  });

  it("times the next push from when the last went out, however long its answers took", async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const sent: number[] = [];
    const slow = [1_500];
    const kept = new FiguresVersionKeeper({
      account: "main",
      publish: () => sent.push(Date.now()),
      answersWaitMs: 5_000,
      // The first push's answers take 1.5 s (a pass under way), the next's none.
      answers: () =>
        new Promise((resolve) =>
          setTimeout(() => resolve({ method: "avg", tz: "UTC", changedAt: {}, answers: {} }), slow.shift() ?? 0),
        ),
    });
    kept.bump();
    await vi.advanceTimersByTimeAsync(1_000);
    kept.bump();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sent).toHaveLength(2);
    expect(sent[1]! - sent[0]!).toBeGreaterThanOrEqual(FIGURES_PUSH_MS);
    kept.close();
  });

  it("sends the version alone when its answers take longer than PUSH_ANSWERS_WAIT_MS (they may wait on candles)", async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const pushed: FiguresVersion[] = [];
    const kept = new FiguresVersionKeeper({
      account: "main",
      publish: (version) => pushed.push(version),
      answers: () => new Promise(() => {}),
    });
    kept.bump();
    await vi.advanceTimersByTimeAsync(PUSH_ANSWERS_WAIT_MS - 1);
    expect(pushed).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(pushed).toEqual([{ account: "main", version: 1, at: 1_000_000 }]);
    kept.close();
  });

  it("after answers too late for their push, the next push carries every answer, none taken as sent", async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    // The first answers wait on candles being fetched, past their push; the later ones come at once.
    let release: () => void = () => {};
    const candles = new Promise<void>((resolve) => {
      release = resolve;
    });
    let slow = true;
    const reads = {
      fees: async () => {
        if (slow) await candles;
        return { quote: "USDT", byCurrency: {}, valueByCurrency: {}, totalValue: "1" };
      },
      feeDays: () => ({ quote: "USDT", items: [], total: "0" }),
      pnl: () => [],
    };
    const answers = new PushedAnswers(reads, "avg");
    const pushed: FiguresVersion[] = [];
    const kept = new FiguresVersionKeeper({
      account: "main",
      publish: (version) => pushed.push(version),
      answers: (version) => answers.at(version),
      answersDropped: () => answers.unheard(),
    });
    kept.bump();
    await vi.advanceTimersByTimeAsync(PUSH_ANSWERS_WAIT_MS);
    expect(pushed).toEqual([{ account: "main", version: 1, at: 1_000_000 }]);
    // The late answers come in after their push went out.
    release();
    await vi.advanceTimersByTimeAsync(0);
    slow = false;
    kept.bump();
    await vi.advanceTimersByTimeAsync(FIGURES_PUSH_MS);
    expect(pushed).toHaveLength(2);
    expect(Object.keys(pushed[1]?.answers?.answers ?? {}).sort()).toEqual(["feeDays", "fees", "pnl"]);
    expect(pushed[1]?.answers?.changedAt).toEqual({ fees: 2, feeDays: 2, pnl: 2 });
    kept.close();
  });

  it("sends the version alone at once when a push asks no answers (nobody could receive them)", async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const pushed: FiguresVersion[] = [];
    const kept = new FiguresVersionKeeper({
      account: "main",
      publish: (version) => pushed.push(version),
      answers: () => undefined,
    });
    kept.bump();
    await vi.advanceTimersByTimeAsync(0);
    expect(pushed).toEqual([{ account: "main", version: 1, at: 1_000_000 }]);
    kept.close();
  });

  it("pushes nothing once closed", async () => {
    const { kept, pushed } = keeper();
    kept.bump();
    kept.close();
    kept.bump();
    await vi.advanceTimersByTimeAsync(FIGURES_PUSH_MS * 2);
    expect(pushed).toEqual([]);
  });
});

describe("withFiguresVersion", () => {
  it("gives an equity point the version it moved the figures to, and leaves other updates as they are", () => {
    const point = { time: 1, equity: "100", byAsset: { USDT: "100" } };
    const equity = { topic: "equity", data: point, exchangeTime: 0, receiveTime: 1 } as const;
    expect(withFiguresVersion(equity, 7)).toEqual({ ...equity, data: { ...point, version: 7 } });
    expect(point).toEqual({ time: 1, equity: "100", byAsset: { USDT: "100" } }); // not changed in place
    const fills = { topic: "fills", data: [], exchangeTime: 0, receiveTime: 1 } as never;
    expect(withFiguresVersion(fills, 7)).toBe(fills);
  });
});
