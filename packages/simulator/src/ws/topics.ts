/**
 * Who listens to what. A topic is one channel string for public streams and one channel string
 * per account for private ones (two listen keys of one account share the account's topic). The
 * feeds ask this registry which topics exist before doing any work for them.
 */
import type { ChannelSpec, ChannelStream } from "@mexc-live/protocol";

/** What a feed needs from a socket: a place to put a data frame. */
export interface Subscriber {
  readonly id: number;
  /** Sends one binary data frame unless the socket is stalled or closing. */
  sendData(frame: Buffer): void;
}

export interface Topic {
  /** The registry key: the channel, plus `#account` for private channels. */
  readonly key: string;
  readonly channel: string;
  readonly spec: ChannelSpec;
  /** The listen key's account, private topics only. */
  readonly account: string | undefined;
  readonly subscribers: Set<Subscriber>;
  /**
   * Set when a subscriber joins; snapshot-like feeds (limit depth) push on their next tick
   * even without a change, then clear it.
   */
  fresh: boolean;
}

function topicKey(channel: string, account: string | undefined): string {
  return account === undefined ? channel : `${channel}#${account}`;
}

export class TopicRegistry {
  private readonly byKey = new Map<string, Topic>();
  private readonly byStream = new Map<ChannelStream, Map<string, Topic>>();
  private subscriptionCount = 0;

  /** Adds a subscriber; returns the topic. Subscribing twice is a no-op. */
  add(channel: string, spec: ChannelSpec, account: string | undefined, subscriber: Subscriber): Topic {
    const key = topicKey(channel, account);
    let topic = this.byKey.get(key);
    if (!topic) {
      topic = { key, channel, spec, account, subscribers: new Set(), fresh: true };
      this.byKey.set(key, topic);
      let streamTopics = this.byStream.get(spec.stream);
      if (!streamTopics) {
        streamTopics = new Map();
        this.byStream.set(spec.stream, streamTopics);
      }
      streamTopics.set(key, topic);
    }
    if (!topic.subscribers.has(subscriber)) {
      topic.subscribers.add(subscriber);
      topic.fresh = true;
      this.subscriptionCount++;
    }
    return topic;
  }

  remove(topic: Topic, subscriber: Subscriber): void {
    if (!topic.subscribers.delete(subscriber)) return;
    this.subscriptionCount--;
    if (topic.subscribers.size > 0) return;
    this.byKey.delete(topic.key);
    const streamTopics = this.byStream.get(topic.spec.stream);
    streamTopics?.delete(topic.key);
    if (streamTopics?.size === 0) this.byStream.delete(topic.spec.stream);
  }

  /** The topic with at least one subscriber, or undefined. */
  get(channel: string, account?: string): Topic | undefined {
    return this.byKey.get(topicKey(channel, account));
  }

  /** Every live topic of one stream kind (empty iterable when none). */
  ofStream(stream: ChannelStream): Iterable<Topic> {
    return this.byStream.get(stream)?.values() ?? [];
  }

  hasStream(stream: ChannelStream): boolean {
    return this.byStream.has(stream);
  }

  /** Socket-channel pairs in total. */
  subscriptions(): number {
    return this.subscriptionCount;
  }
}
