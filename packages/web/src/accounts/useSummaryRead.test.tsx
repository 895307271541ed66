import { cleanup, renderHook, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { useSummaryRead } from "./useSummaryRead.js";

afterEach(cleanup);

describe("useSummaryRead", () => {
  it("keeps the value it holds when a later read answers the same, and takes a different one", async () => {
    let answer: unknown = { items: [{ id: "1" }] };
    const read = async () => structuredClone(answer);
    const { result, rerender } = renderHook(({ readAt }) => useSummaryRead(readAt, read), {
      initialProps: { readAt: 1 },
    });
    await waitFor(() => expect(result.current.value).toEqual({ items: [{ id: "1" }] }));
    const first = result.current;
    rerender({ readAt: 2 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(result.current).toBe(first); // an equal answer: the same object, nothing re-renders
    answer = { items: [{ id: "2" }, { id: "1" }] };
    rerender({ readAt: 3 });
    await waitFor(() => expect(result.current.value).toEqual(answer));
  });
});
