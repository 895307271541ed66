/**
 * The `health` topic: the upstream (MEXC or the demo simulator) as the user stream's state notices
 * and counters tell it. State: connecting -> live <-> reconnecting; `stale` when live but nothing
 * has arrived from MEXC for UPSTREAM_STALE_AFTER_MS; `down` when the stream ended or failed for
 * good. The listen key's age is measured from the moment the client obtained a new one (its
 * create/reuse counters move), to within one health tick.
 */
import type { UserStreamNotice, UserStreamStats } from "@mexc-live/client";
import type { Health, UpstreamState } from "@mexc-live/contract";
import { UPSTREAM_STALE_AFTER_MS } from "../config/defaults.js";

/** What the tracker reads from the client at each tick. */
export interface UpstreamReadings {
  readonly stats: Pick<UserStreamStats, "reconnects" | "gaps" | "reconciliations" | "listenKeys">;
  /** Server time minus local time (the REST client's measured offset), ms. */
  readonly clockSkewMs: number;
}

export class HealthTracker {
  private state: UpstreamState = "connecting";
  private lastEventAt: number | undefined;
  private everLive = false;
  private keysObtained = 0;
  private keyObtainedAt: number | undefined;

  constructor(
    private readonly mode: "demo" | "live",
    private readonly quote: string,
    private readonly staleAfterMs = UPSTREAM_STALE_AFTER_MS,
  ) {}

  /** A user-stream notice. */
  notice(notice: UserStreamNotice): void {
    switch (notice.state) {
      case "connecting":
        this.state = "connecting";
        break;
      case "live":
        this.state = "live";
        this.everLive = true;
        this.noteEvent(notice.at);
        break;
      case "reconnecting":
        this.state = "reconnecting";
        break;
      case "reconciled":
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
      },
    };
  }
}
