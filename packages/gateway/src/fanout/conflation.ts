/**
 * Which topics may be conflated, and by what key. State-like topics carry the latest value of
 * something (a balance, an order, the ticker), so while a client waits only the newest update per
 * key matters. Log-like topics (fills, alerts, trades, kline) carry events that each count; they are
 * queued, and a queue that overflows is replaced by a fresh snapshot.
 */
import { parseTopic, type Topic } from "@mexc-live/contract";

/** The whole topic is one value: only the latest update is kept. */
const WHOLE = "*";

/** The conflation key of an update, or undefined when the topic is log-like. */
export function conflationKey(topic: Topic, data: unknown): string | undefined {
  const parsed = parseTopic(topic);
  if (parsed === undefined) return undefined;
  if (parsed.kind === "market") return parsed.stream === "ticker" || parsed.stream === "depth" ? WHOLE : undefined;
  if (parsed.kind === "all") {
    // All accounts together: one account's latest per key, so the key names its account.
    const account = keyOf(data, "account");
    if (account === undefined || parsed.topic === "fills") return undefined;
    if (parsed.topic === "orders") {
      const order = keyOf(data, "orderId");
      return order === undefined ? undefined : `${account} ${order}`;
    }
    return account;
  }
  switch (parsed.topic) {
    case "balances":
      return keyOf(data, "asset");
    case "orders":
      return keyOf(data, "orderId");
    case "equity":
    case "health":
      return WHOLE;
    // Each push carries the answers that changed with it (contract PushedFigures): none is
    // replaced by a later one waiting in the queue (a queue that overflows becomes the topic
    // state's snapshot, which folds them all: contract fold/figures.ts).
    case "figures":
    case "fills":
    case "alerts":
      return undefined;
  }
}

/** True when updates of the topic are conflated per key. */
export function isStateTopic(topic: Topic): boolean {
  const parsed = parseTopic(topic);
  if (parsed === undefined) return false;
  if (parsed.kind === "market") return parsed.stream === "ticker" || parsed.stream === "depth";
  return parsed.topic !== "fills" && parsed.topic !== "alerts";
}

function keyOf(data: unknown, field: string): string | undefined {
  const value = typeof data === "object" && data !== null ? (data as Record<string, unknown>)[field] : undefined;
  // A state update without its key cannot be conflated safely; it is kept like a log entry.
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}
