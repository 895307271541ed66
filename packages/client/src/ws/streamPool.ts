/**
 * More channels than one socket may carry (30, docs/mexc/protocol.md#connection-limits-and-timers): the channels are split into shards of at
 * most `maxChannelsPerConnection`, one StreamConnection each, and their events are merged.
 * The pool is `live` when every shard that still has channels is live; a `gap` names the
 * channels of the shard that had it.
 */
import { EventEmitter } from "node:events";
import { MAX_STREAMS_PER_CONNECTION } from "@mexc-live/protocol/limits";
import { ClientError } from "../errors.js";
import {
  StreamConnection,
  type StreamConnectionOptions,
  type StreamEvents,
  type StreamState,
  type StreamStats,
} from "./streamConnection.js";

export interface StreamPoolOptions extends StreamConnectionOptions {
  /** Any number of channels. */
  readonly channels: readonly string[];
  readonly maxChannelsPerConnection?: number;
}

export interface StreamPoolStats {
  readonly state: StreamState;
  readonly shards: readonly StreamStats[];
}

export class StreamPool extends EventEmitter<StreamEvents> {
  readonly shards: readonly StreamConnection[];
  private currentState: StreamState | undefined;

  constructor(options: StreamPoolOptions) {
    super();
    const perConnection = Math.min(
      options.maxChannelsPerConnection ?? MAX_STREAMS_PER_CONNECTION,
      MAX_STREAMS_PER_CONNECTION,
    );
    const channels = [...new Set(options.channels)];
    if (channels.length === 0) throw new ClientError("BAD_OPTION", "a stream needs at least one channel");
    const label = options.label ?? "stream";
    const shards: StreamConnection[] = [];
    for (let index = 0; index * perConnection < channels.length; index++) {
      const slice = channels.slice(index * perConnection, (index + 1) * perConnection);
      shards.push(new StreamConnection({ ...options, channels: slice, label: `${label}#${index}` }));
    }
    this.shards = shards;
    for (const shard of shards) {
      shard.on("frame", (bytes, at) => this.emit("frame", bytes, at));
      shard.on("gap", (gap) => this.emit("gap", gap));
      shard.on("channelError", (error) => this.emit("channelError", error));
      shard.on("authRejected", (info) => this.emit("authRejected", info));
      shard.on("textMessage", (message) => this.emit("textMessage", message));
      shard.on("reconnecting", (failure) => this.emit("reconnecting", failure));
      shard.on("state", (_state, detail) => this.updateState(detail));
    }
  }

  get channels(): readonly string[] {
    return this.shards.flatMap((shard) => shard.channels);
  }

  get state(): StreamState {
    return this.currentState ?? "connecting";
  }

  start(): void {
    for (const shard of this.shards) shard.start();
  }

  async close(): Promise<void> {
    await Promise.all(this.shards.map((shard) => shard.close()));
  }

  stats(): StreamPoolStats {
    return { state: this.state, shards: this.shards.map((shard) => shard.stats()) };
  }

  private updateState(detail: string | undefined): void {
    const states = this.shards.map((shard) => shard.state).filter((state) => state !== "closed");
    let state: StreamState;
    if (states.length === 0) state = "closed";
    else if (states.every((each) => each === "live")) state = "live";
    else if (states.includes("reconnecting")) state = "reconnecting";
    else state = "connecting";
    if (state === this.currentState) return;
    this.currentState = state;
    if (detail === undefined) this.emit("state", state);
    else this.emit("state", state, detail);
  }
}
