import { act, cleanup, renderHook, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { useSummaryRead } from "./useSummaryRead.js";

afterEach(cleanup);

/** Ten turns of the event loop inside act(): every answer given has been read and rendered. */
const settle = () =>
  act(async () => {
    for (let turn = 0; turn < 10; turn++) await new Promise((resolve) => setImmediate(resolve));
  });

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
    await settle();
    expect(result.current).toBe(first); // an equal answer: the same object, nothing re-renders
    answer = { items: [{ id: "2" }, { id: "1" }] };
    rerender({ readAt: 3 });
    await waitFor(() => expect(result.current.value).toEqual(answer));
  });
});
