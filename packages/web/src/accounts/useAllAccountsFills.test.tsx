import { cleanup, renderHook, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fill, T0 } from "../../test/items.js";
import { apiPath, scopeRequests } from "../api/http.js";
import { useAllAccountsFills } from "./useAllAccountsFills.js";

afterEach(() => {
  cleanup();
  scopeRequests(undefined);
  vi.unstubAllGlobals();
});

/** GET /api/fills answering `answer()` (a status: an error), recording each URL. */
function fillsApi(answer: () => unknown | number): string[] {
  const sent: string[] = [];
  vi.stubGlobal("fetch", async (url: string) => {
    sent.push(url);
    const body = answer();
    if (typeof body === "number") return new Response("{}", { status: body });
    return new Response(JSON.stringify(body), { status: 200 });
  });
  return sent;
}

describe("useAllAccountsFills", () => {
  it("reads the newest fills naming no account, while requests name the one shown, at each list read", async () => {
    scopeRequests("main");
    const items = [fill("s1", T0 + 1, { account: "sub1" }), fill("m1", T0, { account: "main" })];
    const sent = fillsApi(() => ({ items, nextCursor: null }));
    const { result, rerender } = renderHook(({ readAt }) => useAllAccountsFills(readAt), {
      initialProps: { readAt: null as number | null },
    });
    expect(sent).toEqual([]); // nothing before the account list was read
    rerender({ readAt: T0 });
    await waitFor(() => expect(result.current.items).toEqual(items));
    rerender({ readAt: T0 + 10_000 });
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent).toEqual(["/api/fills?limit=10", "/api/fills?limit=10"]);
    expect(apiPath("/api/fills", { limit: 10 })).toBe("/api/fills?limit=10&account=main");
  });

  it("keeps the fills it has when a read fails, saying so", async () => {
    let answer: unknown = { items: [fill("m1", T0, { account: "main" })], nextCursor: null };
    fillsApi(() => answer);
    const { result, rerender } = renderHook(({ readAt }) => useAllAccountsFills(readAt), {
      initialProps: { readAt: T0 as number | null },
    });
    await waitFor(() => expect(result.current.items).toHaveLength(1));
    answer = 503;
    rerender({ readAt: T0 + 10_000 });
    await waitFor(() => expect(result.current.failed).toBe(true));
    expect(result.current.items).toHaveLength(1);
  });
});
