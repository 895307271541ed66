/**
 * What buildApp needs from the rest of the gateway: read-only queries over the store and the
 * derived figures, the topic hub, a health reading, metrics and settings. The service (G3) wires
 * the real store and figures in; tests pass small in-memory implementations
 * (queries/memoryQueries.ts). The queries are queries/gatewayQueries.ts.
 */

import type { AlertService } from "@mexc-live/alerts";
import type { Health } from "@mexc-live/contract";
import type { FastifyBaseLogger } from "fastify";
import type { TopicHub } from "../fanout/topicHub.js";
import type { GatewayMetrics } from "../metrics.js";
import type { AccessPolicy, SecuritySettings } from "../security/accessPolicy.js";
import type { AccountDirectory, HistoryWrites } from "./accountDirectory.js";
import type { GatewayQueries } from "./queries/gatewayQueries.js";

export interface AppSettings extends SecuritySettings {
  /** Directory of the built dashboard (packages/web/dist); the default is found from this file. */
  readonly webDist?: string;
  /** SSE heartbeat comment interval; default SSE_HEARTBEAT_MS (fanout/limits.ts). */
  readonly sseHeartbeatMs?: number;
}

export interface AppDeps {
  readonly queries: GatewayQueries;
  readonly writes?: HistoryWrites;
  /** Alert rules and deliveries; absent on a `--role web` instance. */
  readonly alerts?: AlertService;
  /** Every account of a collector (`?account=NAME`, GET /api/accounts); absent on a web instance. */
  readonly accounts?: AccountDirectory;
  readonly hub: TopicHub;
  readonly health: () => Health;
  readonly metrics: GatewayMetrics;
  readonly settings: AppSettings;
  /** Access rules shared with /stream (one count of wrong tokens); default: one from `settings`. */
  readonly policy?: AccessPolicy;
  /** A pino logger (the service's, with redaction); none: no request logging. */
  readonly logger?: FastifyBaseLogger;
}
