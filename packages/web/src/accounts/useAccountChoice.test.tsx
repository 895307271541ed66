import type { AccountItem } from "@mexc-live/contract";
import { act, cleanup, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { accountItem, accountsAnswer, balance, T0 } from "../../test/items.js";
import { apiPath } from "../api/http.js";
import { LiveStore } from "../store/liveStore.js";
import { DEFAULT_ACCOUNT } from "./accountChoice.js";
import { useAccountChoice } from "./useAccountChoice.js";
import { ACCOUNTS_REFRESH_MS } from "./useAccountList.js";

/** GET /api/accounts answered from `listed()` at each read; undefined: the gateway is unreachable. */
function gatewayListing(listed: () => readonly AccountItem[] | undefined) {
  vi.stubGlobal("fetch", async () => {
    const items = listed();
    if (items === undefined) throw new TypeError("Failed to fetch");
    return new Response(JSON.stringify(accountsAnswer(items)), { status: 200 });
  });
}

/** Lets the fetches due by now answer. */
async function settle(ms = 0) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  window.history.replaceState(null, "", "/");
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("useAccountChoice", () => {
  it("shows the chosen account: requests name it, the store takes its topics only, the URL keeps it", async () => {
    gatewayListing(() => [accountItem("main", true), accountItem("sub1")]);
    const store = new LiveStore();
    const { result } = renderHook(() => useAccountChoice(store));
    expect(result.current.chosen).toBe(DEFAULT_ACCOUNT); // nothing named: the default account at once
    await settle();
    expect(result.current.accounts.map((a) => a.name)).toEqual(["main", "sub1"]);

    act(() => result.current.choose("sub1"));
    expect(result.current.chosen).toEqual({ param: "sub1", topicPrefix: "account.sub1." });
    expect(apiPath("/api/balances")).toBe("/api/balances?account=sub1");
    expect(store.getState().topicPrefix).toBe("account.sub1.");
    expect(window.location.search).toBe("?account=sub1");
  });

  it("waits for a gateway that does not answer before showing the account the URL names", async () => {
    window.history.replaceState(null, "", "/?account=sub1");
    let reachable = false;
    gatewayListing(() => (reachable ? [accountItem("main", true), accountItem("sub1")] : undefined));
    const { result } = renderHook(() => useAccountChoice(new LiveStore()));
    await settle();
    expect(result.current.chosen).toBeNull();
    expect(window.location.search).toBe("?account=sub1"); // kept for the next read
    reachable = true;
    await settle(ACCOUNTS_REFRESH_MS);
    expect(result.current.chosen?.param).toBe("sub1");
  });

  it("goes back to the default account when a later list no longer has the one shown", async () => {
    let listed = [accountItem("main", true), accountItem("sub1")];
    gatewayListing(() => listed);
    const store = new LiveStore();
    const { result } = renderHook(() => useAccountChoice(store));
    await settle();
    act(() => result.current.choose("sub1"));
    store.receive({
      type: "snapshot",
      topic: "account.sub1.balances",
      data: [balance("ETH", "2")],
      exchangeTime: 0,
      receiveTime: 0,
    });
    store.flush();
    expect(store.getState().balances.size).toBe(1);

    listed = [accountItem("main", true)];
    await settle(ACCOUNTS_REFRESH_MS);
    expect(result.current.chosen).toBe(DEFAULT_ACCOUNT);
    expect(store.getState().balances.size).toBe(0);
    expect(apiPath("/api/balances")).toBe("/api/balances");
    expect(window.location.search).toBe("");
  });

  it("carries the accounts' total and when the list was read; a failed read keeps both", async () => {
    let reachable = true;
    vi.stubGlobal("fetch", async () => {
      if (!reachable) throw new TypeError("Failed to fetch");
      const answer = accountsAnswer([accountItem("main", true), accountItem("sub1")], {
        equity: "12.5",
        byAsset: { USDT: "12.5" },
      });
      return new Response(JSON.stringify(answer), { status: 200 });
    });
    vi.setSystemTime(T0);
    const { result } = renderHook(() => useAccountChoice(new LiveStore()));
    expect(result.current.total).toBeNull();
    await settle();
    expect(result.current.total).toEqual({ equity: "12.5", byAsset: { USDT: "12.5" } });
    expect(result.current.readAt).toBe(T0);
    reachable = false;
    await settle(ACCOUNTS_REFRESH_MS);
    expect(result.current.total?.equity).toBe("12.5");
    expect(result.current.readAt).toBe(T0); // "updated" still says when it was last read
    reachable = true;
    await settle(ACCOUNTS_REFRESH_MS);
    expect(result.current.readAt).toBe(T0 + 2 * ACCOUNTS_REFRESH_MS);
  });

  it("names no account in requests once the dashboard is gone", async () => {
    gatewayListing(() => [accountItem("main", true), accountItem("sub1")]);
    const { result, unmount } = renderHook(() => useAccountChoice(new LiveStore()));
    await settle();
    act(() => result.current.choose("sub1"));
    unmount();
    expect(apiPath("/api/balances")).toBe("/api/balances");
  });
});
