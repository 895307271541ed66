import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useThrottled } from "./useThrottled.js";

function Show({ value }: { value: number }) {
  return <p data-testid="shown">{useThrottled(value, 1000)}</p>;
}

const isZero = (value: number) => value === 0;

function ShowUnlessBlank({ value, seen }: { value: number; seen?: number[] }) {
  const shown = useThrottled(value, 1000, isZero);
  seen?.push(shown);
  return <p data-testid="shown">{shown}</p>;
}

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe("useThrottled", () => {
  it("follows a flood of values at most once per interval, ending on the latest", () => {
    vi.useFakeTimers();
    const { rerender } = render(<Show value={0} />);
    rerender(<Show value={1} />); // first change: at once
    expect(screen.getByTestId("shown").textContent).toBe("1");
    for (let v = 2; v <= 50; v++) rerender(<Show value={v} />);
    expect(screen.getByTestId("shown").textContent).toBe("1");
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(screen.getByTestId("shown").textContent).toBe("50");
  });

  it("keeps passing on the latest value at most once per interval after the first change", () => {
    vi.useFakeTimers();
    const { rerender } = render(<Show value={1} />);
    rerender(<Show value={2} />);
    expect(screen.getByTestId("shown").textContent).toBe("2");
    rerender(<Show value={3} />);
    rerender(<Show value={4} />);
    act(() => {
      vi.advanceTimersByTime(999);
    });
    expect(screen.getByTestId("shown").textContent).toBe("2");
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(screen.getByTestId("shown").textContent).toBe("4");
    rerender(<Show value={5} />);
    rerender(<Show value={6} />);
    expect(screen.getByTestId("shown").textContent).toBe("4");
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(screen.getByTestId("shown").textContent).toBe("6");
  });

  it("passes a change at once while the value shown is blank: the first picture is never held back", () => {
    vi.useFakeTimers();
    const { rerender } = render(<ShowUnlessBlank value={5} />);
    rerender(<ShowUnlessBlank value={0} />); // first change: at once, and it shows nothing
    expect(screen.getByTestId("shown").textContent).toBe("0");
    rerender(<ShowUnlessBlank value={7} />); // within the interval, but the chart is blank
    expect(screen.getByTestId("shown").textContent).toBe("7");
    rerender(<ShowUnlessBlank value={8} />); // not blank any more: held to the interval
    expect(screen.getByTestId("shown").textContent).toBe("7");
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(screen.getByTestId("shown").textContent).toBe("8");
  });

  it("passes the first picture in the render that brings it: no render of the blank value beside new facts", () => {
    vi.useFakeTimers();
    const seen: number[] = [];
    const { rerender } = render(<ShowUnlessBlank value={0} seen={seen} />);
    seen.length = 0;
    rerender(<ShowUnlessBlank value={7} seen={seen} />);
    expect(seen[0]).toBe(7); // the blank 0 was never rendered again once 7 came
    expect(new Set(seen)).toEqual(new Set([7]));
    seen.length = 0;
    rerender(<ShowUnlessBlank value={8} seen={seen} />); // 7 is not blank: held to the interval
    expect(new Set(seen)).toEqual(new Set([7]));
  });
});
