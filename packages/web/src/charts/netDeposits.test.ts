import type { NetFlowPoint } from "@mexc-live/contract";
import { describe, expect, it } from "vitest";
import { netDepositsLine } from "./netDeposits.js";

const T0 = Date.UTC(2026, 10, 1);
const S = 1000;
const s = (ms: number) => ms / 1000;

/** A deposit of 1000, another of 500.5, then a withdrawal of 300.5. */
const FLOWS: NetFlowPoint[] = [
  { time: T0 + 400 * S, value: "1200" },
  { time: T0 + 100 * S, value: "1000" },
  { time: T0 + 200 * S, value: "1500.5" },
];

describe("netDepositsLine", () => {
  it("starts the window at the value held then, steps at each flow, and carries the last value to the end", () => {
    expect(netDepositsLine(FLOWS, T0 + 150 * S, T0 + 300 * S)).toEqual([
      { time: s(T0 + 150 * S), value: 1000 },
      { time: s(T0 + 200 * S), value: 1500.5 },
      { time: s(T0 + 300 * S), value: 1500.5 },
    ]);
  });

  it("begins at the first flow when the window starts before it", () => {
    expect(netDepositsLine(FLOWS, T0, T0 + 500 * S)).toEqual([
      { time: s(T0 + 100 * S), value: 1000 },
      { time: s(T0 + 200 * S), value: 1500.5 },
      { time: s(T0 + 400 * S), value: 1200 },
      { time: s(T0 + 500 * S), value: 1200 },
    ]);
  });

  it("holds a value from before the window across all of it", () => {
    expect(netDepositsLine(FLOWS, T0 + 450 * S, T0 + 600 * S)).toEqual([
      { time: s(T0 + 450 * S), value: 1200 },
      { time: s(T0 + 600 * S), value: 1200 },
    ]);
  });

  it("draws nothing before the first flow, and leaves out a value that is not a number", () => {
    expect(netDepositsLine(FLOWS, T0, T0 + 50 * S)).toEqual([]);
    expect(netDepositsLine([], T0, T0 + 50 * S)).toEqual([]);
    const broken = [...FLOWS, { time: T0 + 250 * S, value: "garbage" }];
    expect(netDepositsLine(broken, T0 + 150 * S, T0 + 300 * S).map((p) => p.value)).toEqual([1000, 1500.5, 1500.5]);
  });
});
