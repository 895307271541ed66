/**
 * The user stream's public shapes: what it emits (events and state notices), where a restarted
 * process resumes from, its options and its counters (userStream.ts is the stream itself).
 */

import type { BackoffPolicy } from "../backoff.js";
import type { RawFrameHandler } from "../rawFrame.js";
import type { Logger } from "../redact.js";
import type { RestEndpoints } from "../rest/endpoints.js";
import type { ConnectFailure, StreamConnectionOptions, StreamStats } from "../ws/streamConnection.js";
import type { ReconcileReport, SequencerCounts } from "./eventSequencer.js";
import type { LastFill, UserEvent } from "./executionRecord.js";
import type { ListenKeyStats } from "./listenKeyKeeper.js";
import type { PairSource } from "./pairDirectory.js";
import type { HaltedNotice, SlowRetry } from "./slowRetry.js";

export type UserStreamNotice =
  | { readonly type: "state"; readonly state: "connecting" | "live" | "closed"; readonly at: number }
  /**
   * After every failed try to connect (and when a live socket went down): the host, the error code
   * (ECONNREFUSED, HTTP_401, stall, ...), the tries failed in a row and the next try's time. Without
   * them only when the stream goes back to waiting on its socket after MEXC refused the key.
   */
  | ({ readonly type: "state"; readonly state: "reconnecting"; readonly at: number } & Partial<ConnectFailure>)
  | {
      readonly type: "state";
      readonly state: "gap";
      readonly at: number;
      readonly reason: string;
      /** Local ms: from here to liveAt the stream may have missed events. */
      readonly downSince: number;
      readonly liveAt: number;
    }
  | ({ readonly type: "state"; readonly state: "reconciled"; readonly at: number } & ReconcileReport)
  | {
      readonly type: "state";
      readonly state: "error";
      readonly at: number;
      readonly message: string;
      readonly error?: Error;
    }
  | HaltedNotice;

export type UserStreamItem = UserEvent | UserStreamNotice;

export type UserStreamEvents = {
  event: [event: UserEvent];
  state: [notice: UserStreamNotice];
};

/** Where a restarted process resumes from (its own storage): only what it missed is reconciled. */
export interface UserStreamResume {
  /** Per symbol, the last fill already stored: its time is where myTrades starts again. */
  readonly lastFills?: Readonly<Record<string, LastFill>>;
  /**
   * Trade ids already stored from one second before those times on: they are not delivered
   * again. MEXC's REST dates fills to the whole second (docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.3), so the fills of the last fill's
   * second are asked for again and only their ids tell them apart. E.g. the stored fills of the
   * last minute.
   */
  readonly knownTradeIds?: readonly string[];
  /** Orders stored as open: each is checked. */
  readonly openOrders?: readonly { readonly symbol: string; readonly orderId: string }[];
  /** Server ms: orders created before this are known (default: now - 24 h). */
  readonly since?: number;
}

export interface UserStreamOptions {
  readonly endpoints: RestEndpoints;
  /** Default wss://wbs-api.mexc.com/ws */
  readonly wsUrl?: string;
  readonly symbols?: readonly string[];
  readonly discoverSymbols?: boolean;
  /** The pairs symbol discovery reads, shared by several accounts (default: this stream's own). */
  readonly pairs?: PairSource;
  readonly resume?: UserStreamResume;
  /** First start without `resume`: reconcile this far back. Default 24 h. */
  readonly firstStartLookbackMs?: number;
  readonly keepaliveMs?: number;
  /** How long MEXC keeps a listen key after its last keepalive. Default 60 min (docs/mexc/rest.md#listen-keys). */
  readonly listenKeyTtlMs?: number;
  readonly connection?: Omit<StreamConnectionOptions, "url" | "urlSource" | "channels" | "logger">;
  readonly reconcileRetry?: BackoffPolicy;
  /**
   * How long MEXC's REST account answer may lag its balance pushes (REST_BALANCE_LAG_MS, 1 s, an
   * assumption: no public report either way). 0 trusts the answer as of the moment the request left.
   */
  readonly restBalanceLagMs?: number;
  readonly maxQueued?: number;
  /**
   * How slowly signed calls are retried while MEXC refuses the key or is under maintenance.
   * Default: every 30-60 s while refused, 15 s doubling to 5 min under maintenance.
   */
  readonly slowRetry?: Partial<SlowRetry>;
  readonly logger?: Logger;
  /**
   * Recording for replay: every binary frame of the private channels, as received and before it
   * is decoded (malformed ones included), with its receive time and channel. These are the frames
   * the stream decodes: copies from a rotation's overlapping sockets are already left out.
   */
  readonly onRawFrame?: RawFrameHandler;
}

export interface UserStreamStats extends SequencerCounts {
  readonly gaps: number;
  /** Times the socket went down and was reopened (listen-key replacements included). */
  readonly reconnects: number;
  /** Tries to connect that failed (each told by a `reconnecting` notice), over every connection of the stream. */
  readonly failedConnects: number;
  readonly malformedFrames: number;
  /** Values MEXC sent that the protocol does not know, by `field=value`: counted, logged once. */
  readonly unknownValues: Readonly<Record<string, number>>;
  readonly listenKeys: ListenKeyStats;
  readonly connection: StreamStats | undefined;
}
