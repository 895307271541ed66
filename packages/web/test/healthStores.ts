/** Live stores holding a health snapshot, for components that read the account's health. */
import type { Health } from "@mexc-live/contract";
import { DAY_MS } from "@mexc-live/protocol";
import { LiveStore } from "../src/store/liveStore.js";

/**
 * A live store whose health says MEXC's history is being read (`backfilling`) or read
 * (`complete`), at `now`, and what the figures are still taking in (`updating`).
 */
export function storeWithHistory(
  state: "backfilling" | "complete",
  now: number,
  updating: readonly string[] = [],
): LiveStore {
  const store = new LiveStore();
  const history = {
    ...{ state, days: { done: state === "complete" ? 30 : 3, total: 30 }, symbols: { done: 2, total: 6 } },
    ...{ counts: { fills: 10, orders: 4, deposits: 1, withdrawals: 0, transfers: 0 } },
    ...{ from: now - 30 * DAY_MS, plannedAt: now - 60_000, completedAt: state === "complete" ? now : null },
  };
  const data = { history, figures: { updating } } as unknown as Health;
  store.receive({ type: "snapshot", topic: "health", data, exchangeTime: 0, receiveTime: now });
  return store;
}
