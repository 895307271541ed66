import { cleanup, renderHook } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { useSameList } from "./useSameList.js";

afterEach(cleanup);

describe("useSameList", () => {
  it("keeps the earlier list while the items are the same, and takes a list whose items changed", () => {
    const first = ["BTC", "ETH"];
    const { result, rerender } = renderHook(({ items }) => useSameList(items), { initialProps: { items: first } });
    expect(result.current).toBe(first);
    rerender({ items: ["BTC", "ETH"] });
    expect(result.current).toBe(first);
    const reordered = ["ETH", "BTC"];
    rerender({ items: reordered });
    expect(result.current).toBe(reordered);
    const longer = ["ETH", "BTC", "SOL"];
    rerender({ items: longer });
    expect(result.current).toBe(longer);
  });
});
