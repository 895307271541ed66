/**
 * What buildApp needs from the rest of the gateway: read-only queries over the store and the
 * derived figures, the topic hub, a health reading, metrics and settings. The service (G3) wires
 * the real store and figures in; tests pass small in-memory implementations.
 *
 * Every query may answer synchronously (better-sqlite3) or with a promise. A history answer
 * (orders, fills, equity, allFills) drawn from less than the full history is marked with
 * markPartial (partialHistory.ts); the route then sets the X-MexcLive-History header.
 */

import type {
  BalanceItem,
  EquityPoint,
  FeeSummary,
  FillItem,
  Health,
  OrderItem,
  Page,
  PnlItem,
  VolumeItem,
} from "@mexc-live/contract";
import type { FastifyBaseLogger } from "fastify";
import type { TopicHub } from "../fanout/topicHub.js";
import type { GatewayMetrics } from "../metrics.js";
import type { AccessPolicy, SecuritySettings } from "../security/accessPolicy.js";

type Answer<T> = T | Promise<T>;

export interface OrdersQuery {
  readonly status: "open" | "all";
  readonly symbol?: string;
  readonly cursor?: string;
  readonly limit: number;
}

export interface FillsQuery {
  readonly symbol?: string;
  /** ms, inclusive. */
  readonly from?: number;
  /** ms, inclusive. */
  readonly to?: number;
  readonly cursor?: string;
  readonly limit: number;
}

export interface EquityQuery {
  readonly from?: number;
  readonly to?: number;
  /** One point per `step` ms (the last snapshot in each step); undefined: every snapshot. */
  readonly step?: number;
}

export interface RangeQuery {
  readonly symbol?: string;
  readonly from?: number;
  readonly to?: number;
}

export interface GatewayQueries {
  balances(): Answer<readonly BalanceItem[]>;
  /** Newest first. A cursor the store does not recognise throws InvalidCursorError. */
  orders(query: OrdersQuery): Answer<Page<OrderItem>>;
  /** Newest first. A cursor the store does not recognise throws InvalidCursorError. */
  fills(query: FillsQuery): Answer<Page<FillItem>>;
  equity(query: EquityQuery): Answer<readonly EquityPoint[]>;
  fees(): Answer<FeeSummary>;
  pnl(): Answer<readonly PnlItem[]>;
  volume(query: RangeQuery): Answer<readonly VolumeItem[]>;
  /**
   * Every fill in the range, oldest first, for the CSV export (read lazily: it may be long). A
   * promise when where the fills come from is known only after a first read (a web instance).
   */
  allFills(query: RangeQuery): Answer<Iterable<FillItem> | AsyncIterable<FillItem>>;
}

/** A query was given a cursor it did not issue; the API answers 400 naming `cursor`. */
export class InvalidCursorError extends Error {
  override readonly name = "InvalidCursorError";
}

export interface AppSettings extends SecuritySettings {
  /** Directory of the built dashboard (packages/web/dist); the default is found from this file. */
  readonly webDist?: string;
  /** SSE heartbeat comment interval; default SSE_HEARTBEAT_MS (fanout/limits.ts). */
  readonly sseHeartbeatMs?: number;
}

export interface AppDeps {
  readonly queries: GatewayQueries;
  readonly hub: TopicHub;
  readonly health: () => Health;
  readonly metrics: GatewayMetrics;
  readonly settings: AppSettings;
  /** Access rules shared with /stream (one count of wrong tokens); default: one from `settings`. */
  readonly policy?: AccessPolicy;
  /** A pino logger (the service's, with redaction); none: no request logging. */
  readonly logger?: FastifyBaseLogger;
}
