/**
 * The `health` topic: the upstream (MEXC or the demo simulator) as the user stream's state notices
 * and counters tell it. State: connecting -> live <-> reconnecting; `stale` when live but nothing
 * has arrived from MEXC for UPSTREAM_STALE_AFTER_MS; `down` when the stream ended or failed for
 * good; `refused` while MEXC refuses the API key (or its edge blocks us) and `maintenance` while
 * MEXC is under maintenance, both with `reason` (MEXC's code and message, what to do, since when)
 * until the stream is back; beside them, a maintenance MEXC announced (`maintenance`, its notice:
 * maintenanceNotices.ts), so both sides of "maintenance" are told in one place. The listen key's age is measured from the moment the client obtained
 * a new one (its create/reuse counters move), to within one health tick.
 */
import type { UserStreamNotice, UserStreamStats } from "@mexc-live/client";
import type { Health, MaintenanceNotice, UpstreamReason, UpstreamState } from "@mexc-live/contract";
import type { MexcApiError } from "@mexc-live/protocol";
import { UPSTREAM_STALE_AFTER_MS } from "../config/defaults.js";
import { upstreamReason } from "./upstreamReason.js";

/** What the tracker reads from the client at each tick. */
export interface UpstreamReadings {
  readonly stats: Pick<UserStreamStats, "reconnects" | "gaps" | "reconciliations" | "listenKeys"> &
    Partial<Pick<UserStreamStats, "waiting" | "reconciling">>;
  /** Server time minus local time (the REST client's measured offset), ms. */
  readonly clockSkewMs: number;
  /** A maintenance MEXC announced, upcoming or ongoing (the gateway's one read for all accounts); null or absent: none. */
  readonly maintenance?: MaintenanceNotice | null;
}

/** Kinds of refusal (protocol's error table) that every signed call meets alike. */
const ALL_CALLS_REFUSED: ReadonlySet<string> = new Set([
  "bad_signature",
  "invalid_key",
  "ip_not_allowed",
  "account_restricted",
]);

export class HealthTracker {
  private state: UpstreamState = "connecting";
  private lastEventAt: number | undefined;
  private everLive = false;
  private keysObtained = 0;
  private keyObtainedAt: number | undefined;
  private reason: UpstreamReason | null = null;

  constructor(
    private readonly mode: "demo" | "live",
    private readonly quote: string,
    private readonly staleAfterMs = UPSTREAM_STALE_AFTER_MS,
    /** When the API key was made (ms), if configured: a 700002 past its 90 days says the key expired. */
    private readonly keyCreatedAt?: number,
    /** When it was last renewed (ms), if configured: its 90 days run from the renewed date. */
    private readonly keyRenewedAt?: number,
  ) {}

  /** A user-stream notice. */
  notice(notice: UserStreamNotice): void {
    switch (notice.state) {
      case "connecting":
        this.back("connecting");
        break;
      case "live":
        this.back("live");
        this.everLive = true;
        this.noteEvent(notice.at);
        break;
      case "reconnecting":
        this.back("reconnecting");
        break;
      case "refused":
      case "maintenance": {
        const same = this.reason !== null && this.reason.code === (notice.error.mexcCode ?? notice.error.status);
        const reason = upstreamReason(
          notice.error,
          same ? this.reason!.since : notice.at,
          this.keyCreatedAt,
          this.keyRenewedAt,
        );
        this.state = notice.state;
        this.reason = reason ?? null;
        break;
      }
      case "reconciled":
        // REST answered a whole reconciliation: a refusal seen on another call is over.
        if (this.state === "refused" || this.state === "maintenance") this.back("live");
        this.noteEvent(notice.at);
        break;
      case "closed":
        this.state = "down";
        this.keyObtainedAt = undefined;
        break;
      case "error":
        if (notice.message.startsWith("user stream connection closed")) this.state = "down";
        break;
      case "gap":
        break;
    }
  }

  /**
   * MEXC refused another signed call (the wallet sync, the backfill) in a way that refuses every
   * signed call: a wrong secret or expired key, an unknown key, an IP not on the whitelist, a
   * restricted account. Shown at once, even while the socket still brings pushes: without REST
   * nothing missed can be recovered. A missing permission is not: it may concern that endpoint only.
   */
  refusedBy(error: MexcApiError, at: number): void {
    if (!ALL_CALLS_REFUSED.has(error.kind)) return;
    const same = this.reason !== null && this.reason.code === (error.mexcCode ?? error.status);
    this.state = "refused";
    this.reason = upstreamReason(error, same ? this.reason!.since : at, this.keyCreatedAt, this.keyRenewedAt) ?? null;
  }

  /** The stream is past a refusal or maintenance (or never was in one). */
  private back(state: UpstreamState): void {
    this.state = state;
    this.reason = null;
  }

  /** Anything arrived from MEXC (an account event, a price push). */
  noteEvent(at: number): void {
    if (this.lastEventAt === undefined || at > this.lastEventAt) this.lastEventAt = at;
  }

  /** Whether the user stream is up (a quiet account is up too, whatever the last event's age). */
  get live(): boolean {
    return this.state === "live";
  }

  health(now: number, readings: UpstreamReadings | undefined): Health {
    const stats = readings?.stats;
    if (stats !== undefined) {
      const obtained = stats.listenKeys.created + stats.listenKeys.reused;
      if (obtained !== this.keysObtained) {
        this.keysObtained = obtained;
        this.keyObtainedAt = now;
      }
    }
    const lastEventAgeMs = this.lastEventAt === undefined ? null : Math.max(0, now - this.lastEventAt);
    const stale = this.state === "live" && lastEventAgeMs !== null && lastEventAgeMs > this.staleAfterMs;
    return {
      mode: this.mode,
      quote: this.quote,
      upstream: {
        state: stale ? "stale" : this.state,
        lastEventAgeMs,
        listenKeyAgeMs: this.keyObtainedAt === undefined ? null : now - this.keyObtainedAt,
        reconnects: stats?.reconnects ?? 0,
        gaps: stats?.gaps ?? 0,
        reconciliations: stats?.reconciliations ?? 0,
        clockSkewMs: this.everLive && readings !== undefined ? Math.round(readings.clockSkewMs) : null,
        reason: this.reason,
        maintenance: readings?.maintenance ?? null,
        waiting:
          stats?.waiting === undefined || stats.waiting === null
            ? null
            : {
                events: stats.waiting.events,
                kind: stats.waiting.kind,
                reason: `the account read of the reconciliation with REST (${stats.waiting.reason})`,
                forMs: Math.max(0, now - stats.waiting.since),
              },
        reconciling:
          stats?.reconciling === undefined || stats.reconciling === null
            ? null
            : { reason: stats.reconciling.reason, forMs: Math.max(0, now - stats.reconciling.since) },
      },
    };
  }
}
