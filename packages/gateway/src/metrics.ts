/**
 * The gateway's Prometheus metrics, in a registry of their own (not prom-client's global one,
 * so two gateways in one process, as in tests, do not collide). Served as text at GET /metrics.
 *
 * Who counts what: the ingest pipeline (G3) counts events in, reconnects, gaps, reconciliations
 * and decode errors as the client reports them; the fan-out counts events out, clients and lag.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** End-to-end lag buckets, seconds: from 1 ms (same machine) to 30 s (a stalled client). */
const LAG_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export type Transport = "ws" | "sse";

export interface GatewayMetrics {
  readonly registry: Registry;
  /** Events received from MEXC (label `source`: stream | rest | market). */
  readonly eventsIn: Counter<"source">;
  /** Topic updates and snapshots written to browser connections (one per client). */
  readonly eventsOut: Counter<"transport">;
  readonly reconnects: Counter;
  readonly gaps: Counter;
  readonly reconciliations: Counter;
  readonly decodeErrors: Counter;
  /** Reads of MEXC's announcements (maintenance notices), by outcome: ok | failed | malformed (an answer not in MEXC's shape, skipped). */
  readonly announcementReads: Counter<"outcome">;
  /** Announcements left out of a read: no title, no http(s) link or no posting time. */
  readonly announcementsSkipped: Counter;
  /** Browser connections open now. */
  readonly clients: Gauge<"transport">;
  /** Fresh snapshots sent because a client fell behind (its queue was dropped). */
  readonly resnapshots: Counter<"transport">;
  /** Client messages refused (bad JSON, unknown topic, ...), by contract error code. */
  readonly clientErrors: Counter<"code">;
  /**
   * Lag of the oldest update in each batch written to a client: from the exchange time
   * (`since="exchange"`) and from the gateway's receive time (`since="receive"`).
   */
  readonly lag: Histogram<"since">;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): GatewayMetrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: "gateway_" });
  const registers = [registry];
  return {
    registry,
    eventsIn: new Counter({
      name: "gateway_events_in_total",
      help: "Events received from MEXC, by source",
      labelNames: ["source"],
      registers,
    }),
    eventsOut: new Counter({
      name: "gateway_events_out_total",
      help: "Topic updates and snapshots written to browser connections",
      labelNames: ["transport"],
      registers,
    }),
    reconnects: new Counter({ name: "gateway_upstream_reconnects_total", help: "Reconnects to MEXC", registers }),
    gaps: new Counter({ name: "gateway_upstream_gaps_total", help: "Gaps detected in MEXC streams", registers }),
    reconciliations: new Counter({
      name: "gateway_reconciliations_total",
      help: "Reconciliations of the account against MEXC REST",
      registers,
    }),
    decodeErrors: new Counter({
      name: "gateway_decode_errors_total",
      help: "MEXC frames that could not be decoded",
      registers,
    }),
    announcementReads: new Counter({
      name: "gateway_announcement_reads_total",
      help: "Reads of MEXC's announcements (maintenance notices), by outcome: ok, failed, malformed",
      labelNames: ["outcome"],
      registers,
    }),
    announcementsSkipped: new Counter({
      name: "gateway_announcements_skipped_total",
      help: "Announcements left out: no title, link or posting time",
      registers,
    }),
    clients: new Gauge({
      name: "gateway_clients",
      help: "Browser connections open now",
      labelNames: ["transport"],
      registers,
    }),
    resnapshots: new Counter({
      name: "gateway_client_resnapshots_total",
      help: "Fresh snapshots sent to clients that fell behind",
      labelNames: ["transport"],
      registers,
    }),
    clientErrors: new Counter({
      name: "gateway_client_errors_total",
      help: "Client messages refused, by error code",
      labelNames: ["code"],
      registers,
    }),
    lag: new Histogram({
      name: "gateway_end_to_end_lag_seconds",
      help: "Lag of the oldest update in each batch written to a client",
      labelNames: ["since"],
      buckets: LAG_BUCKETS,
      registers,
    }),
  };
}
