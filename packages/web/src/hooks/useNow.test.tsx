import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LivePaused } from "./livePaused.js";
import { nextTick, useNow, useOnTick } from "./useNow.js";

const T0 = 1_700_000_000_000; // a whole second

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function Clock() {
  return <p data-testid="now">{useNow(1000)}</p>;
}

function Sampled({ value }: { value: number }) {
  return <p data-testid="shown">{useOnTick(value, 1000)}</p>;
}

const shown = (id: string) => Number(screen.getByTestId(id).textContent);

describe("nextTick", () => {
  it("is the next whole multiple of the interval, never the moment itself", () => {
    expect(nextTick(T0, 1000)).toBe(T0 + 1000);
    expect(nextTick(T0 + 1, 1000)).toBe(T0 + 1000);
    expect(nextTick(T0 + 999, 1000)).toBe(T0 + 1000);
  });
});

describe("useNow", () => {
  it("ticks on the whole second, whenever it was mounted", () => {
    vi.useFakeTimers();
    vi.setSystemTime(T0 + 300);
    render(<Clock />);
    expect(shown("now")).toBe(T0 + 300);
    act(() => vi.advanceTimersByTime(700));
    expect(shown("now")).toBe(T0 + 1000);
    act(() => vi.advanceTimersByTime(1000));
    expect(shown("now")).toBe(T0 + 2000);
  });

  it("does not tick while paused (a hidden tab), and reads the time at once when seen again", () => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
    const { rerender } = render(
      <LivePaused paused={true}>
        <Clock />
      </LivePaused>,
    );
    act(() => vi.advanceTimersByTime(5_500));
    expect(shown("now")).toBe(T0);
    expect(vi.getTimerCount()).toBe(0);
    rerender(
      <LivePaused paused={false}>
        <Clock />
      </LivePaused>,
    );
    expect(shown("now")).toBe(T0 + 5_500);
  });
});

describe("useOnTick", () => {
  it("shows a new value at the next whole second, the latest of those that came meanwhile", () => {
    vi.useFakeTimers();
    vi.setSystemTime(T0 + 100);
    const { rerender } = render(<Sampled value={1} />);
    expect(shown("shown")).toBe(1);
    rerender(<Sampled value={2} />);
    act(() => vi.advanceTimersByTime(400));
    rerender(<Sampled value={3} />);
    expect(shown("shown")).toBe(1);
    act(() => vi.advanceTimersByTime(499)); // T0 + 999
    expect(shown("shown")).toBe(1);
    act(() => vi.advanceTimersByTime(1)); // T0 + 1000
    expect(shown("shown")).toBe(3);
    expect(vi.getTimerCount()).toBe(0); // nothing new: nothing scheduled
  });
});

describe("useOnTick with atOnce", () => {
  function Urgent({ value }: { value: number }) {
    return <p data-testid="urgent">{useOnTick(value, 1000, (shown, next) => next > shown + 10)}</p>;
  }

  it("shows a value it says is awaited without waiting for the tick, and others on the tick", () => {
    vi.useFakeTimers();
    vi.setSystemTime(T0 + 100);
    const { rerender } = render(<Urgent value={1} />);
    rerender(<Urgent value={2} />);
    expect(shown("urgent")).toBe(1);
    rerender(<Urgent value={50} />);
    expect(shown("urgent")).toBe(50);
    rerender(<Urgent value={51} />);
    expect(shown("urgent")).toBe(50);
    act(() => vi.advanceTimersByTime(900));
    expect(shown("urgent")).toBe(51);
  });
});
