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
import type { GatewayMetrics, Transport } from "../metrics.js";
import { conflationKey } from "./conflation.js";
import { DEFAULT_SESSION_LIMITS, type SessionLimits } from "./limits.js";
import { type SessionHost, StreamSession, type StreamSink } from "./streamSession.js";

export type SnapshotProvider = (topic: Topic) => TopicSnapshot | undefined;

/** Called when the first client subscribes to a topic (`wanted` true) and when the last leaves. */
export type DemandListener = (topic: Topic, wanted: boolean) => void;

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

  /** Opens a session writing to `sink`; close it when the connection ends. */
  openSession(sink: StreamSink, transport: Transport): StreamSession {
    const session = new StreamSession(this.host, sink, this.limits, transport, this.options.metrics);
    this.sessionSet.add(session);
    this.options.metrics?.clients.inc({ transport });
    return session;
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
    if (this.sessionSet.delete(session)) this.options.metrics?.clients.dec({ transport: session.transport });
  }

  private emitDemand(topic: Topic, wanted: boolean): void {
    for (const listener of this.demandListeners) listener(topic, wanted);
  }
}
