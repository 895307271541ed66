/**
 * Partial depth (docs/mexc/protocol.md#channels): `spot@public.limit.depth.v3.api.pb@<SYM>@<5|10|20>` carries the top N
 * levels per side and the depth version, as a snapshot. Checked every 100 ms; a symbol's
 * snapshot is taken once per check (top 20, sliced for 5 and 10) and pushed when its version
 * moved since the last push, or when a topic has a new subscriber. [UNCONFIRMED cadence]
 */
import { eventTypeFor, LIMIT_DEPTH_LEVELS } from "@mexc-live/protocol";
import type { SimClock } from "../../clock.js";
import type { DepthSnapshot, Exchange } from "../../types.js";
import type { Fanout } from "../fanout.js";
import type { Topic, TopicRegistry } from "../topics.js";
import { LIMIT_DEPTH_PUSH_INTERVAL_MS } from "../wsConstants.js";
import { trimDecimal } from "./trimDecimal.js";
import { wrapperHeader } from "./wrapperHeader.js";

const DEEPEST_LEVEL = Math.max(...LIMIT_DEPTH_LEVELS);

export function startLimitDepthFeed(deps: {
  readonly exchange: Exchange;
  readonly topics: TopicRegistry;
  readonly fanout: Fanout;
  readonly clock: SimClock;
}): { stop(): void } {
  const { exchange, topics, clock } = deps;
  /** topic key -> depth version last pushed on it. */
  const pushedVersion = new Map<string, number>();

  const tick = (): void => {
    if (!topics.hasStream("limitDepth")) {
      pushedVersion.clear();
      return;
    }
    const now = clock.now();
    const snapshots = new Map<string, DepthSnapshot>();
    const live = new Set<string>();
    for (const topic of topics.ofStream("limitDepth")) {
      if (topic.spec.stream !== "limitDepth") continue;
      live.add(topic.key);
      const { symbol, level } = topic.spec;
      const version = exchange.depthVersion(symbol);
      if (!topic.fresh && pushedVersion.get(topic.key) === version) continue;
      let snapshot = snapshots.get(symbol);
      if (!snapshot) {
        snapshot = exchange.depthSnapshot(symbol, DEEPEST_LEVEL);
        snapshots.set(symbol, snapshot);
      }
      topic.fresh = false;
      pushedVersion.set(topic.key, snapshot.lastUpdateId);
      publish(topic, symbol, level, snapshot, now);
    }
    for (const key of pushedVersion.keys()) if (!live.has(key)) pushedVersion.delete(key);
  };

  const publish = (topic: Topic, symbol: string, level: number, snapshot: DepthSnapshot, now: number): void => {
    deps.fanout.publish(topic, {
      ...wrapperHeader("limitDepth", topic.channel, { symbol, sendTime: now }),
      publicLimitDepths: {
        asks: top(snapshot.asks, level),
        bids: top(snapshot.bids, level),
        eventType: eventTypeFor(topic.spec),
        version: String(snapshot.lastUpdateId),
      },
    });
  };

  const timer = clock.setInterval(tick, LIMIT_DEPTH_PUSH_INTERVAL_MS);
  return { stop: () => clock.clear(timer) };
}

function top(levels: [string, string][], count: number): { price: string; quantity: string }[] {
  return levels.slice(0, count).map(([price, quantity]) => ({
    price: trimDecimal(price),
    quantity: trimDecimal(quantity),
  }));
}
