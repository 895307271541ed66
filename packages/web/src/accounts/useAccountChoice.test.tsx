import type { AccountItem } from "@mexc-live/contract";
import { act, cleanup, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { accountItem, accountsAnswer, balance, T0 } from "../../test/items.js";
import { apiPath, NETWORK_RETRY_MS } from "../api/http.js";
import { LiveStore } from "../store/liveStore.js";
import { DEFAULT_ACCOUNT_CHOICE } from "./accountChoice.js";
import { useAccountChoice } from "./useAccountChoice.js";
import { UNLISTED_RETRY_MS } from "./useAccountList.js";

const TWO = [accountItem("main", true), accountItem("sub1")];

/**
 * GET /api/accounts answered from `listed()` at each read: the accounts, an HTTP status the
 * gateway answers instead, or undefined: the gateway is unreachable.
 */
function gatewayListing(listed: () => readonly AccountItem[] | number | undefined) {
  vi.stubGlobal("fetch", async () => {
    const items = listed();
    if (items === undefined) throw new TypeError("Failed to fetch");
    if (typeof items === "number")
      return new Response(JSON.stringify({ error: "X", message: "no" }), { status: items });
    return new Response(JSON.stringify(accountsAnswer(items)), { status: 200 });
  });
}

/** A live snapshot of `topic` holding one ETH balance. */
function ethBalance(store: LiveStore, topic: "balances" | `account.${string}.balances`) {
  store.receive({ type: "snapshot", topic, data: [balance("ETH", "2")], exchangeTime: 0, receiveTime: 0 });
  store.flush();
}

/** The list read again, as the dashboard asks it (the stream connected again), and its answer in. */
async function refreshed(result: { current: { refresh: () => void } }) {
  act(() => result.current.refresh());
  await settle(UNLISTED_RETRY_MS);
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
  it("with several accounts, names the account shown in every request, the default one too", async () => {
    gatewayListing(() => TWO);
    const store = new LiveStore();
    const { result } = renderHook(() => useAccountChoice(store));
    expect(result.current.chosen).toBeNull(); // until the list says which name requests carry
    await settle();
    expect(result.current.accounts.map((a) => a.name)).toEqual(["main", "sub1"]);
    expect(result.current.chosen).toBe(DEFAULT_ACCOUNT_CHOICE);
    expect(result.current.scope).toBe("main");
    expect(apiPath("/api/balances")).toBe("/api/balances?account=main");
    expect(window.location.search).toBe(""); // the page's URL leaves the default account out

    act(() => result.current.choose("sub1"));
    expect(result.current.chosen).toEqual({ param: "sub1", topicPrefix: "account.sub1." });
    expect(result.current.scope).toBe("sub1");
    expect(apiPath("/api/balances")).toBe("/api/balances?account=sub1");
    expect(store.getState().topicPrefix).toBe("account.sub1.");
    expect(window.location.search).toBe("?account=sub1");

    act(() => result.current.choose("main"));
    expect(result.current.chosen).toBe(DEFAULT_ACCOUNT_CHOICE);
    expect(apiPath("/api/balances")).toBe("/api/balances?account=main");
    expect(store.getState().topicPrefix).toBe("");
    expect(window.location.search).toBe("");
  });

  it("with one account, shows it once listed and names no account in any request", async () => {
    gatewayListing(() => [accountItem("main", true)]);
    const { result } = renderHook(() => useAccountChoice(new LiveStore()));
    await settle();
    expect(result.current.chosen).toBe(DEFAULT_ACCOUNT_CHOICE);
    expect(result.current.scope).toBeUndefined();
    expect(apiPath("/api/balances")).toBe("/api/balances");
  });

  it("takes a gateway answering 404 as one account, and asks one that fails otherwise again soon", async () => {
    gatewayListing(() => 404);
    const older = renderHook(() => useAccountChoice(new LiveStore()));
    await settle();
    expect(older.result.current.chosen).toBe(DEFAULT_ACCOUNT_CHOICE);
    expect(apiPath("/api/balances")).toBe("/api/balances");
    older.unmount();

    // A 503 says nothing of how many accounts there are: nothing is shown until the list answers.
    let answer: readonly AccountItem[] | number = 503;
    gatewayListing(() => answer);
    const { result } = renderHook(() => useAccountChoice(new LiveStore()));
    await settle();
    expect(result.current.chosen).toBeNull();
    answer = TWO;
    await settle(UNLISTED_RETRY_MS);
    expect(result.current.chosen).toBe(DEFAULT_ACCOUNT_CHOICE);
    expect(apiPath("/api/balances")).toBe("/api/balances?account=main");
  });

  it("waits for a gateway that does not answer before showing any account, the one the URL names kept", async () => {
    window.history.replaceState(null, "", "/?account=sub1");
    let reachable = false;
    gatewayListing(() => (reachable ? TWO : undefined));
    const { result } = renderHook(() => useAccountChoice(new LiveStore()));
    await settle();
    expect(result.current.chosen).toBeNull();
    expect(window.location.search).toBe("?account=sub1"); // kept for the next read
    reachable = true;
    await settle(UNLISTED_RETRY_MS);
    expect(result.current.chosen?.param).toBe("sub1");
  });

  it("names the default account from the list that first has several, keeping its live topics", async () => {
    let listed = [accountItem("main", true)];
    gatewayListing(() => listed);
    const store = new LiveStore();
    const { result } = renderHook(() => useAccountChoice(store));
    await settle();
    expect(result.current.scope).toBeUndefined();
    ethBalance(store, "balances");

    listed = TWO; // the gateway restarted with a second account
    await refreshed(result);
    expect(result.current.chosen).toBe(DEFAULT_ACCOUNT_CHOICE);
    expect(result.current.scope).toBe("main"); // its sections read again, naming it
    expect(apiPath("/api/balances")).toBe("/api/balances?account=main");
    expect(store.getState().balances.size).toBe(1); // the same topics: no new snapshot would refill them
  });

  it("changes nothing when the account shown is chosen again", async () => {
    gatewayListing(() => TWO);
    const store = new LiveStore();
    const { result } = renderHook(() => useAccountChoice(store));
    await settle();
    act(() => result.current.choose("sub1"));
    ethBalance(store, "account.sub1.balances");
    const chosen = result.current.chosen;
    act(() => result.current.choose("sub1"));
    expect(result.current.chosen).toBe(chosen);
    expect(store.getState().balances.size).toBe(1);
  });

  it("goes back to the default account when a later list no longer has the one shown", async () => {
    let listed = TWO;
    gatewayListing(() => listed);
    const store = new LiveStore();
    const { result } = renderHook(() => useAccountChoice(store));
    await settle();
    act(() => result.current.choose("sub1"));
    ethBalance(store, "account.sub1.balances");
    expect(store.getState().balances.size).toBe(1);

    listed = [accountItem("main", true)];
    await refreshed(result);
    expect(result.current.chosen).toBe(DEFAULT_ACCOUNT_CHOICE);
    expect(store.getState().balances.size).toBe(0);
    expect(apiPath("/api/balances")).toBe("/api/balances"); // one account left: no name needed
    expect(window.location.search).toBe("");
  });

  it("carries the accounts' total and when the list was read; a failed read keeps both", async () => {
    let reachable = true;
    vi.stubGlobal("fetch", async () => {
      if (!reachable) throw new TypeError("Failed to fetch");
      const answer = accountsAnswer(TWO, {
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
    await refreshed(result);
    // The read is asked again while the network drops it (api/http.ts), then fails.
    await settle(NETWORK_RETRY_MS.reduce((sum, ms) => sum + ms, 0));
    expect(result.current.total?.equity).toBe("12.5");
    expect(result.current.readAt).toBe(T0); // it still says when it was last read
    reachable = true;
    await refreshed(result);
    // Read UNLISTED_RETRY_MS after the first refresh, then again UNLISTED_RETRY_MS after its tries ended.
    expect(result.current.readAt).toBe(T0 + 2 * UNLISTED_RETRY_MS + NETWORK_RETRY_MS.reduce((sum, ms) => sum + ms, 0));
  });

  it("reads the list again only when asked, never on a timer, and at most every UNLISTED_RETRY_MS", async () => {
    let reads = 0;
    gatewayListing(() => {
      reads++;
      return TWO;
    });
    const { result } = renderHook(() => useAccountChoice(new LiveStore()));
    await settle();
    expect(reads).toBe(1);
    await settle(60_000);
    expect(reads).toBe(1);
    act(() => result.current.refresh());
    act(() => result.current.refresh());
    await settle();
    expect(reads).toBe(2); // due at once: the last read was long ago; the two asks are one read
    act(() => result.current.refresh());
    await settle(UNLISTED_RETRY_MS - 1);
    expect(reads).toBe(2);
    await settle(1);
    expect(reads).toBe(3);
  });

  it("names no account in requests once the dashboard is gone", async () => {
    gatewayListing(() => TWO);
    const { result, unmount } = renderHook(() => useAccountChoice(new LiveStore()));
    await settle();
    act(() => result.current.choose("sub1"));
    unmount();
    expect(apiPath("/api/balances")).toBe("/api/balances");
  });
});
