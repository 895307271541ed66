import type { FillItem, Page } from "@mexc-live/contract";
import { act, renderHook, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PARTIAL_RETRY_MS, usePagedHistory } from "./usePagedHistory.js";

const fill = (tradeId: string) => ({ tradeId }) as FillItem;

function answer(page: Page<FillItem>, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(page), {
    status: 200,
    headers: { "content-type": "application/json", ...headers },
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** Ten turns of the event loop inside act(): every answer given has been read and rendered. */
const settle = () =>
  act(async () => {
    for (let turn = 0; turn < 10; turn++) await new Promise((resolve) => setImmediate(resolve));
  });

describe("usePagedHistory", () => {
  it("follows nextCursor until the history is done", async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(answer({ items: [fill("3"), fill("2")], nextCursor: "c1", total: 3 }))
      .mockResolvedValueOnce(answer({ items: [fill("1")], nextCursor: null, total: 3 }));
    vi.stubGlobal("fetch", fetch);
    const added: string[] = [];
    const { result } = renderHook(() =>
      usePagedHistory<FillItem>("fills", { symbol: "BTCUSDT" }, (items) => {
        added.push(...items.map((item) => item.tradeId));
      }),
    );
    act(() => result.current.loadMore());
    await waitFor(() => expect(result.current.state).toBe("idle"));
    act(() => result.current.loadMore());
    await waitFor(() => expect(result.current.state).toBe("done"));
    expect(added).toEqual(["3", "2", "1"]);
    expect(result.current.total).toBe(3);
    expect(fetch.mock.calls.map((call) => call[0])).toEqual([
      "/api/fills?symbol=BTCUSDT",
      "/api/fills?symbol=BTCUSDT&cursor=c1",
    ]);
  });

  it("says when the gateway answered from its recent snapshots only, and asks again a while later", async () => {
    let now = 1_000_000;
    vi.spyOn(Date, "now").mockImplementation(() => now);
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(
        answer({ items: [fill("9")], nextCursor: null, total: 3 }, { "X-MexcLive-History": "partial" }),
      )
      .mockResolvedValueOnce(answer({ items: [fill("8")], nextCursor: null, total: 3 }));
    vi.stubGlobal("fetch", fetch);
    const { result } = renderHook(() => usePagedHistory<FillItem>("fills", {}, () => {}));
    act(() => result.current.loadMore());
    await waitFor(() => expect(result.current.state).toBe("partial"));
    // Scrolling on right away does not hammer a gateway whose collector is down...
    act(() => result.current.loadMore());
    act(() => result.current.loadMore());
    expect(fetch).toHaveBeenCalledTimes(1);
    // ...a while later it asks again.
    now += PARTIAL_RETRY_MS;
    act(() => result.current.loadMore());
    await waitFor(() => expect(result.current.state).toBe("done"));
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("drops a page that arrives after the component went away (another account is shown by then)", async () => {
    let answerPage: (response: Response) => void = () => {};
    vi.stubGlobal("fetch", () => new Promise<Response>((resolve) => (answerPage = resolve)));
    const added: string[] = [];
    const { result, unmount } = renderHook(() =>
      usePagedHistory<FillItem>("fills", {}, (items) => added.push(...items.map((item) => item.tradeId))),
    );
    act(() => result.current.loadMore());
    unmount();
    answerPage(answer({ items: [fill("old-account")], nextCursor: null, total: 3 }));
    await settle();
    expect(added).toEqual([]);
  });
});
