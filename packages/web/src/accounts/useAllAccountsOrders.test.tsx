import { cleanup, renderHook, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { order, T0 } from "../../test/items.js";
import { apiPath, scopeRequests } from "../api/http.js";
import { useAllAccountsOrders } from "./useAllAccountsOrders.js";

afterEach(() => {
  cleanup();
  scopeRequests(undefined);
  vi.unstubAllGlobals();
});

/** GET /api/orders answering `answer()` (a status: an error), recording each URL. */
function ordersApi(answer: () => unknown | number): string[] {
  const sent: string[] = [];
  vi.stubGlobal("fetch", async (url: string) => {
    sent.push(url);
    const body = answer();
    if (typeof body === "number") return new Response("{}", { status: body });
    return new Response(JSON.stringify(body), { status: 200 });
  });
  return sent;
}

describe("useAllAccountsOrders", () => {
  it("reads the open orders naming no account, while requests name the one shown, at each list read", async () => {
    scopeRequests("main");
    const items = [order("s1", T0 + 1, { account: "sub1" }), order("m1", T0, { account: "main" })];
    const sent = ordersApi(() => ({ items, nextCursor: null }));
    const { result, rerender } = renderHook(({ readAt }) => useAllAccountsOrders(readAt), {
      initialProps: { readAt: null as number | null },
    });
    expect(sent).toEqual([]); // nothing before the account list was read
    rerender({ readAt: T0 });
    await waitFor(() => expect(result.current.items).toEqual(items));
    rerender({ readAt: T0 + 10_000 });
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent).toEqual(["/api/orders?status=open&limit=20", "/api/orders?status=open&limit=20"]);
    expect(apiPath("/api/orders", { status: "open" })).toBe("/api/orders?status=open&account=main");
  });

  it("keeps the orders it has when a read fails, saying so; says so with none read yet too", async () => {
    let answer: unknown = 503;
    ordersApi(() => answer);
    const { result, rerender } = renderHook(({ readAt }) => useAllAccountsOrders(readAt), {
      initialProps: { readAt: T0 as number | null },
    });
    await waitFor(() => expect(result.current).toEqual({ items: null, failed: true }));
    answer = { items: [order("m1", T0, { account: "main" })], nextCursor: null };
    rerender({ readAt: T0 + 10_000 });
    await waitFor(() => expect(result.current.items).toHaveLength(1));
    expect(result.current.failed).toBe(false);
    answer = 503;
    rerender({ readAt: T0 + 20_000 });
    await waitFor(() => expect(result.current.failed).toBe(true));
    expect(result.current.items).toHaveLength(1);
  });
});
