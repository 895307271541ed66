/**
 * Sends the outbox. Every ALERT_TICK_MS it looks at the store:
 *
 *   - alerts waiting at a destination become one delivery once the burst is over (no new alert
 *     for ALERT_GATHER_QUIET_MS, or the first has waited ALERT_GATHER_MAX_MS): 50 fills in a
 *     second are one message;
 *   - a due delivery is sent, one at a time per destination, no sooner than the channel's own pace
 *     (sender.minIntervalMs) or what it asked for (a 429's retry-after);
 *   - a failure that may pass (5xx, 429, a timeout, no answer) is retried with exponential back-off
 *     up to ALERT_MAX_AGE_MS; one that will not (a bad token, an unknown chat) fails at once.
 *
 * Sends run concurrently across destinations, each bounded by ALERT_SEND_TIMEOUT_MS, so a slow or
 * dead channel delays only itself. Nothing here runs on the ingest path: raising an alert is an
 * insert (engine.ts). After a crash, whatever was not marked sent is sent on the next start; a
 * send in flight at the crash is sent again (the webhook's Idempotency-Key and alert ids let a
 * receiver drop the repeat).
 */
import type { AlertNotice } from "@mexc-live/contract";
import { backoffDelay, DAY_MS, HOUR_MS } from "@mexc-live/protocol";
import type { AlertStore, OpenDelivery } from "./alertStore.js";
import { channelKind, maskChannelUrl } from "./channels/channelUrl.js";
import type { ChannelSender } from "./channels/httpPost.js";
import {
  ALERT_GATHER_MAX_MS,
  ALERT_GATHER_QUIET_MS,
  ALERT_LOG_DAYS,
  ALERT_MAX_AGE_MS,
  ALERT_MAX_FOLD,
  ALERT_RETRY_FIRST_MS,
  ALERT_RETRY_MAX_MS,
  ALERT_TICK_MS,
} from "./defaults.js";
import type { AlertLog } from "./log.js";
import type { AlertRule } from "./rules.js";

export interface DeliveryTimings {
  readonly tickMs: number;
  readonly gatherQuietMs: number;
  readonly gatherMaxMs: number;
  readonly retryFirstMs: number;
  readonly retryMaxMs: number;
  readonly maxAgeMs: number;
}

export const DEFAULT_TIMINGS: DeliveryTimings = {
  tickMs: ALERT_TICK_MS,
  gatherQuietMs: ALERT_GATHER_QUIET_MS,
  gatherMaxMs: ALERT_GATHER_MAX_MS,
  retryFirstMs: ALERT_RETRY_FIRST_MS,
  retryMaxMs: ALERT_RETRY_MAX_MS,
  maxAgeMs: ALERT_MAX_AGE_MS,
};

export interface DeliveryDeps {
  readonly tables: AlertStore;
  /** The rule a delivery goes by: its own, else another rule to the same destination. */
  readonly ruleFor: (ruleId: string, destination: string) => AlertRule | undefined;
  readonly senderFor: (rule: AlertRule) => ChannelSender;
  /** A delivery's one-line title (the log's): one alert's title, or the summary of a burst. */
  readonly describe: (notices: readonly AlertNotice[]) => string;
  readonly logger: AlertLog;
  readonly timings?: Partial<DeliveryTimings>;
  readonly now?: () => number;
  /** Something was sent or gave up (the dashboard's log may refresh). */
  readonly onSettled?: (deliveryId: number) => void;
}

export class DeliveryWorker {
  private readonly timings: DeliveryTimings;
  private readonly now: () => number;
  private readonly busy = new Set<string>();
  /** Per destination: not before this (its pace, or what a 429 asked for). */
  private readonly notBefore = new Map<string, number>();
  private readonly inFlight = new Set<Promise<void>>();
  /** Deliveries the channel took whose "sent" could not be written yet: written, never sent again. */
  private readonly sentUnrecorded = new Set<number>();
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private lastSweep = 0;

  constructor(private readonly deps: DeliveryDeps) {
    this.timings = { ...DEFAULT_TIMINGS, ...deps.timings };
    this.now = deps.now ?? Date.now;
  }

  start(): void {
    if (this.timer !== undefined || this.abort.signal.aborted) return;
    this.timer = setInterval(() => this.tick(), this.timings.tickMs);
    this.timer.unref();
    this.tick();
  }

  /** Stops sending; a send in flight is abandoned (it stays due: sent again at the next start). */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.abort.abort();
    await Promise.allSettled([...this.inFlight]);
  }

  /** One round: gather finished bursts, send what is due. Public for tests. */
  tick(): void {
    if (this.abort.signal.aborted) return;
    try {
      const now = this.now();
      this.gather(now);
      for (const id of [...this.sentUnrecorded]) {
        this.deps.tables.markSent(id);
        this.sentUnrecorded.delete(id);
      }
      for (const delivery of this.deps.tables.due(now)) {
        if (this.busy.has(delivery.destination) || (this.notBefore.get(delivery.destination) ?? 0) > now) continue;
        this.send(delivery);
      }
      if (now - this.lastSweep > HOUR_MS) {
        this.lastSweep = now;
        this.deps.tables.forget(now - ALERT_LOG_DAYS * DAY_MS);
      }
    } catch (error) {
      this.deps.logger.error({ err: error }, "alert delivery round failed");
    }
  }

  private gather(now: number): void {
    const { tables } = this.deps;
    const waiting = tables.waiting();
    if (waiting.length === 0) return;
    const open = tables.openDestinations();
    for (const { destination, oldest, newest } of waiting) {
      // Behind an unsent delivery, alerts keep waiting: messages go in order, and fold meanwhile.
      if (open.has(destination)) continue;
      if (now - newest < this.timings.gatherQuietMs && now - oldest < this.timings.gatherMaxMs) continue;
      const ruleId = tables.firstWaitingRule(destination);
      const rule = ruleId === undefined ? undefined : this.deps.ruleFor(ruleId, destination);
      const toMasked = rule === undefined ? "(rule removed)" : maskChannelUrl(rule.target);
      // With its rule gone the kind is unknown; the log row says "(rule removed)" and why it failed.
      const channel = rule === undefined ? "webhook" : channelKind(rule.target);
      // With no rule left, the delivery is made anyway and fails when sent (the log says why).
      tables.gather(
        { destination, ruleId: rule?.id ?? ruleId ?? "", channel, toMasked, max: ALERT_MAX_FOLD },
        this.deps.describe,
      );
    }
  }

  private send(delivery: OpenDelivery): void {
    const { tables, logger } = this.deps;
    const rule = this.deps.ruleFor(delivery.ruleId, delivery.destination);
    if (rule === undefined) {
      tables.markFailed(delivery.id, "no rule sends to this channel any more");
      this.deps.onSettled?.(delivery.id);
      return;
    }
    const sender = this.deps.senderFor(rule);
    this.busy.add(delivery.destination);
    const started = this.now();
    const running = (async () => {
      try {
        const outcome = await sender.send({ id: String(delivery.id), notices: delivery.notices }, this.abort.signal);
        if (this.abort.signal.aborted) return;
        const now = this.now();
        this.notBefore.set(delivery.destination, started + sender.minIntervalMs);
        if (outcome.ok) {
          this.sentUnrecorded.add(delivery.id);
          tables.markSent(delivery.id);
          this.sentUnrecorded.delete(delivery.id);
          logger.info(
            { component: "alerts", delivery: delivery.id, channel: sender.kind, alerts: delivery.notices.length },
            "alert sent",
          );
        } else if (outcome.permanent || now - delivery.createdAt >= this.timings.maxAgeMs) {
          const why = outcome.permanent
            ? outcome.error
            : `gave up after ${delivery.attempts + 1} tries: ${outcome.error}`;
          tables.markFailed(delivery.id, why);
          logger.warn(
            { component: "alerts", delivery: delivery.id, channel: sender.kind, error: why },
            "alert not sent",
          );
        } else {
          const policy = { initialMs: this.timings.retryFirstMs, maxMs: this.timings.retryMaxMs };
          const wait = Math.max(outcome.retryAfterMs ?? 0, backoffDelay(policy, delivery.attempts));
          if (outcome.retryAfterMs !== undefined) this.notBefore.set(delivery.destination, now + outcome.retryAfterMs);
          tables.markRetrying(delivery.id, now + wait, outcome.error);
          logger.warn(
            { component: "alerts", delivery: delivery.id, channel: sender.kind, error: outcome.error, retryInMs: wait },
            "alert not sent yet; retrying",
          );
        }
        this.deps.onSettled?.(delivery.id);
      } catch (error) {
        logger.error({ err: error, delivery: delivery.id }, "alert send failed unexpectedly");
      } finally {
        this.busy.delete(delivery.destination);
      }
    })();
    this.inFlight.add(running);
    void running.finally(() => this.inFlight.delete(running));
  }
}
