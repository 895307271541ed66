/**
 * The topic hub: the ingest pipeline publishes every normalized update here once; the hub
 * serializes it once and hands it to each session subscribed to its topic. Sessions (one per
 * WebSocket or SSE connection) batch, conflate and apply back-pressure (streamSession.ts); the
 * limits are in limits.ts.
 *
 * Contract for the snapshot provider: it returns the topic's current state, which must already
 * include every update published before the call (store first, then publish), or undefined when
 * the topic has no state yet (the snapshot then carries `data: null`).
 */
import type { Topic, TopicSnapshot, TopicUpdate } from "@mexc-live/contract";
import { CLOSE_CODES } from "../errors.js";
import type { GatewayMetrics, Transport } from "../metrics.js";
import { conflationKey } from "./conflation.js";
import { DEFAULT_SESSION_LIMITS, type SessionLimits } from "./limits.js";
import { type SessionHost, StreamSession, type StreamSink } from "./streamSession.js";

export type SnapshotProvider = (topic: Topic) => TopicSnapshot | undefined;

/** Called when the first client subscribes to a topic (`wanted` true) and when the last leaves. */
export type DemandListener = (topic: Topic, wanted: boolean) => void;

/** Who opened a connection: its client address and, for a logged-in browser, its login session key. */
export interface ConnectionOrigin {
  readonly address?: string;
  readonly login?: string;
}

export interface TopicHubOptions {
  /** Batch interval and per-client bounds; each defaults to limits.ts. */
  readonly limits?: Partial<SessionLimits>;
  readonly metrics?: GatewayMetrics;
  /** A snapshot provider threw; the snapshot is sent with `data: null`. */
  readonly onError?: (error: unknown, topic: Topic) => void;
  readonly now?: () => number;
}

export class TopicHub {
  readonly limits: SessionLimits;
  private readonly sessionSet = new Set<StreamSession>();
  private readonly subscribers = new Map<Topic, Set<StreamSession>>();
  private readonly addresses = new Map<StreamSession, string>();
  /** The login session (Sessions.keyOf) that authorized each stream, when it was a browser cookie. */
  private readonly logins = new Map<StreamSession, string>();
  private readonly perAddress = new Map<string, number>();
  private topicFilter: ((topic: Topic) => string | undefined) | undefined;
  private readonly demandListeners = new Set<DemandListener>();
  private provider: SnapshotProvider | undefined;
  private readonly host: SessionHost;

  constructor(private readonly options: TopicHubOptions = {}) {
    this.limits = { ...DEFAULT_SESSION_LIMITS, ...options.limits };
    const now = options.now ?? Date.now;
    this.host = {
      snapshot: (topic) => this.snapshot(topic),
      track: (session, topic, subscribed) => this.track(session, topic, subscribed),
      forget: (session) => this.forget(session),
      now,
    };
  }

  /** Delivers an update to every session subscribed to its topic (at their next batch). */
  publish(update: TopicUpdate): void {
    const sessions = this.subscribers.get(update.topic);
    if (sessions === undefined || sessions.size === 0) return;
    const json = JSON.stringify(update);
    const published = {
      topic: update.topic,
      key: conflationKey(update.topic, update.data),
      json,
      bytes: Buffer.byteLength(json),
      exchangeTime: update.exchangeTime,
      receiveTime: update.receiveTime,
    };
    for (const session of sessions) session.enqueue(published);
  }

  setSnapshotProvider(provider: SnapshotProvider): void {
    this.provider = provider;
  }

  /** Listens for topics gaining their first or losing their last subscriber; returns an unsubscribe. */
  onDemand(listener: DemandListener): () => void {
    this.demandListeners.add(listener);
    return () => this.demandListeners.delete(listener);
  }

  /**
   * A new browser connection writing to `sink`, from `address` (counted: sessionsFrom) and
   * authorized by `login` (closed by endLogin); close it when the connection ends.
   */
  openSession(sink: StreamSink, transport: Transport, from: ConnectionOrigin = {}): StreamSession {
    const session = new StreamSession(this.host, sink, this.limits, transport, this.options.metrics);
    const address = from.address ?? "";
    this.sessionSet.add(session);
    this.addresses.set(session, address);
    if (from.login !== undefined) this.logins.set(session, from.login);
    this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
    this.options.metrics?.clients.inc({ transport });
    return session;
  }

  /** Closes every connection a login session authorized (the browser logged out): close code 1008. */
  endLogin(login: string): void {
    for (const [session, key] of [...this.logins]) {
      if (key === login) session.end(CLOSE_CODES.POLICY_VIOLATION, "logged out");
    }
  }

  /** Open connections from one client address (the limit per address is MAX_CONNECTIONS_PER_ADDRESS). */
  sessionsFrom(address: string): number {
    return this.perAddress.get(address) ?? 0;
  }

  /**
   * Sets what a topic must be to be subscribed (e.g. a market topic's symbol listed by MEXC):
   * the filter returns why a topic is refused, or undefined to accept it.
   */
  setTopicFilter(filter: (topic: Topic) => string | undefined): void {
    this.topicFilter = filter;
  }

  /** Why `topic` cannot be subscribed; undefined when it can. */
  refusal(topic: Topic): string | undefined {
    return this.topicFilter?.(topic);
  }

  /** Whether any session is subscribed to `topic` now. */
  watched(topic: Topic): boolean {
    return (this.subscribers.get(topic)?.size ?? 0) > 0;
  }

  /** Topics with at least one subscriber. */
  activeTopics(): Topic[] {
    return [...this.subscribers.keys()];
  }

  get sessionCount(): number {
    return this.sessionSet.size;
  }

  sessions(): readonly StreamSession[] {
    return [...this.sessionSet];
  }

  /** Closes every session (on shutdown; the transports close their connections). */
  close(): void {
    for (const session of [...this.sessionSet]) session.close();
  }

  private snapshot(topic: Topic): TopicSnapshot | undefined {
    try {
      return this.provider?.(topic);
    } catch (error) {
      this.options.onError?.(error, topic);
      return undefined;
    }
  }

  private track(session: StreamSession, topic: Topic, subscribed: boolean): void {
    let sessions = this.subscribers.get(topic);
    if (subscribed) {
      if (sessions === undefined) {
        sessions = new Set();
        this.subscribers.set(topic, sessions);
      }
      sessions.add(session);
      if (sessions.size === 1) this.emitDemand(topic, true);
      return;
    }
    if (sessions === undefined || !sessions.delete(session)) return;
    if (sessions.size === 0) {
      this.subscribers.delete(topic);
      this.emitDemand(topic, false);
    }
  }

  private forget(session: StreamSession): void {
    if (!this.sessionSet.delete(session)) return;
    this.options.metrics?.clients.dec({ transport: session.transport });
    const address = this.addresses.get(session) ?? "";
    this.addresses.delete(session);
    this.logins.delete(session);
    const left = (this.perAddress.get(address) ?? 1) - 1;
    if (left > 0) this.perAddress.set(address, left);
    else this.perAddress.delete(address);
  }

  private emitDemand(topic: Topic, wanted: boolean): void {
    for (const listener of this.demandListeners) listener(topic, wanted);
  }
}
