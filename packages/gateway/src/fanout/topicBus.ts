/**
 * The bus between the ingest pipeline and the browsers' hub(s). The ingest only ever calls
 * `publish` and `drop`, and learns from `onDemand` which market topics browsers want; whether the
 * browsers sit on this process (in-process bus) or on other machines behind Redis
 * (redisCollectorBus.ts + redisWebFeed.ts) is the bus's business.
 *
 * In-process: an update is folded into the topic states (the hub's snapshots) and then handed to
 * the hub, in the same tick, so a snapshot never misses nor repeats an update; an account's
 * update is then repeated on the topic of all accounts together (allAccountsFanout.ts). A web
 * instance's Redis feed publishes through this bus too, so its browsers get the same.
 */
import { type MarketTopic, parseTopic, type Topic, type TopicUpdate } from "@mexc-live/contract";
import type { TopicStates } from "../state/topicStates.js";
import type { AllAccountsFanout } from "./allAccountsFanout.js";
import type { TopicHub } from "./topicHub.js";

export type DemandListener = (topic: MarketTopic, wanted: boolean) => void;

export interface TopicBus {
  /** An update, already stored: to every browser of every instance. */
  publish(update: TopicUpdate): void;
  /** A market topic is no longer served: its state is forgotten everywhere. */
  drop(topic: Topic): void;
  /** Market topics gaining their first / losing their last browser (anywhere); returns an unsubscribe. */
  onDemand(listener: DemandListener): () => void;
  /** Market topics browsers want now. */
  wanted(): MarketTopic[];
  close(): Promise<void>;
}

export function isMarketTopic(topic: Topic): topic is MarketTopic {
  return parseTopic(topic)?.kind === "market";
}

/** The bus when browsers and ingest share this process (role `all`, no Redis). */
export function createLocalBus(hub: TopicHub, states: TopicStates, allAccounts?: AllAccountsFanout): TopicBus {
  return {
    publish(update) {
      states.apply(update);
      hub.publish(update);
      allAccounts?.publish(update);
    },
    drop(topic) {
      states.drop(topic);
    },
    onDemand(listener) {
      return hub.onDemand((topic, wanted) => {
        if (isMarketTopic(topic)) listener(topic, wanted);
      });
    },
    wanted: () => hub.activeTopics().filter(isMarketTopic),
    close: async () => {},
  };
}
