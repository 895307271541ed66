/**
 * Puts stream events and reconciliation results into one sequence for downstream:
 *
 * - a reconciliation is requested at start and after every gap (or malformed frame); requests
 *   made while one is pending merge (the earliest `since` wins), one runs at a time;
 * - while one runs, stream events are held back; its findings go out first (older), then the
 *   held events; a failed run hands the held events over and is retried with back-off;
 * - every event passes the ExecutionRecord, which drops repeats and backward steps; a REST balance
 *   newer than every push of its asset also drops the pushes of it still held (they are older);
 * - fill watermarks move with stream fills only while in sync (no gap since the last run).
 */
import type { MexcEvent } from "@mexc-live/protocol";
import { type BackoffPolicy, backoffDelay, sleep } from "../backoff.js";
import { RECONCILE_RETRY_INITIAL_MS, RECONCILE_RETRY_MAX_MS } from "../constants.js";
import { type Logger, SILENT_LOGGER } from "../redact.js";
import { balanceFromRest } from "../rest/toEvents.js";
import type { ExecutionRecord, Source, UserEvent } from "./executionRecord.js";
import type { ReconcileResult, Reconciler } from "./reconcile.js";

export interface ReconcileReport {
  readonly reason: string;
  /** What REST had that the stream had not delivered. */
  readonly fills: number;
  readonly orders: number;
  readonly balances: number;
  readonly restCalls: number;
  readonly durationMs: number;
  readonly symbols: readonly string[];
}

export interface EventSequencerOptions {
  readonly record: ExecutionRecord;
  readonly reconciler: Pick<Reconciler, "run">;
  readonly deliver: (event: UserEvent) => void;
  readonly reconciled: (report: ReconcileReport) => void;
  /** A reconciliation failed; it is tried again in `retryInMs`. */
  readonly failed: (message: string, error: Error, retryInMs: number) => void;
  /**
   * The wait before trying a failed reconciliation again (`failures` counts from 1), when it is
   * not the usual back-off: e.g. slowly while MEXC refuses the key (slowRetry.ts).
   */
  readonly retryDelay?: (error: Error, failures: number) => number | undefined;
  /** A REST balance disagreed with a push received just before it was read: reconcile again later. */
  readonly onBalanceDoubt?: () => void;
  readonly retry?: BackoffPolicy;
  readonly logger?: Logger;
  readonly signal: AbortSignal;
}

export interface SequencerCounts {
  readonly delivered: { readonly stream: number; readonly rest: number };
  readonly fills: number;
  readonly orders: number;
  readonly balances: number;
  readonly duplicatesDropped: number;
  readonly reconciliations: number;
  readonly reconcileFailures: number;
  readonly lastReconcileRestCalls: number;
  /**
   * Stream events held back now, and why (the reconciliation they wait for and since when, local
   * ms); null when nothing is held. Every one is delivered after the reconciliation, in order.
   */
  readonly waiting: { readonly events: number; readonly reason: string; readonly since: number } | null;
}

export class EventSequencer {
  private readonly options: EventSequencerOptions;
  private readonly record: ExecutionRecord;
  private readonly logger: Logger;
  private inSync = false;
  private holding = true;
  private held: MexcEvent[] = [];
  private pending: { since: number; reason: string } | undefined;
  private running = false;
  /** What events are held for: the reconciliation running or waiting, and since when (local ms). */
  private holdingFor: { reason: string; since: number } = { reason: "start", since: Date.now() };
  private counts = {
    stream: 0,
    rest: 0,
    fills: 0,
    orders: 0,
    balances: 0,
    duplicatesDropped: 0,
    reconciliations: 0,
    reconcileFailures: 0,
    lastReconcileRestCalls: 0,
  };

  constructor(options: EventSequencerOptions) {
    this.options = options;
    this.record = options.record;
    this.logger = options.logger ?? SILENT_LOGGER;
  }

  /** A decoded private push. */
  streamEvent(event: MexcEvent): void {
    if (event.type === "balance") this.record.noteStreamBalance(event);
    if (this.holding) this.held.push(event);
    else this.deliver(event, "stream");
  }

  /** The stream went down: frames may be missed until the next reconciliation. */
  outOfSync(): void {
    this.inSync = false;
  }

  /** `since`: server ms from which events may have been missed. */
  requestReconcile(reason: string, since: number): void {
    if (this.options.signal.aborted) return;
    this.inSync = false;
    if (!this.holding) this.holdingFor = { reason, since: Date.now() };
    this.holding = true;
    const pending = this.pending;
    this.pending = pending
      ? {
          since: Math.min(since, pending.since),
          reason: pending.reason.split("+").includes(reason) ? pending.reason : `${pending.reason}+${reason}`,
        }
      : { since, reason };
    if (!this.running) void this.run();
  }

  /** True while a reconciliation runs or waits. */
  busy(): boolean {
    return this.running || this.pending !== undefined;
  }

  stats(): SequencerCounts {
    const { stream, rest, ...counts } = this.counts;
    const waiting =
      this.holding && this.held.length > 0
        ? {
            events: this.held.length,
            reason: this.pending?.reason ?? this.holdingFor.reason,
            since: this.holdingFor.since,
          }
        : null;
    return { ...counts, delivered: { stream, rest }, waiting };
  }

  private async run(): Promise<void> {
    this.running = true;
    let failures = 0;
    const { signal } = this.options;
    while (this.pending && !signal.aborted) {
      const { since, reason } = this.pending;
      this.pending = undefined;
      if (!this.holding) this.holdingFor = { reason, since: Date.now() };
      else this.holdingFor = { reason, since: this.holdingFor.since };
      this.holding = true;
      const startedAt = Date.now();
      try {
        const result = await this.options.reconciler.run(since);
        if (signal.aborted) break;
        const found = this.apply(result);
        failures = 0;
        this.counts.reconciliations++;
        this.counts.lastReconcileRestCalls = result.restCalls;
        if (!this.pending) {
          this.inSync = true;
          this.release();
        }
        const durationMs = Date.now() - startedAt;
        this.options.reconciled({ reason, ...found, restCalls: result.restCalls, durationMs, symbols: result.symbols });
      } catch (error) {
        if (signal.aborted) break;
        failures++;
        this.counts.reconcileFailures++;
        const message = `reconciliation (${reason}) failed: ${(error as Error).message}`;
        const policy = this.options.retry ?? { initialMs: RECONCILE_RETRY_INITIAL_MS, maxMs: RECONCILE_RETRY_MAX_MS };
        const delay = this.options.retryDelay?.(error as Error, failures) ?? backoffDelay(policy, failures - 1);
        this.logger.warn({ reason, attempt: failures, retryInMs: delay }, message);
        this.options.failed(message, error as Error, delay);
        // Hand over what the stream had meanwhile; the retry holds events back again.
        this.release();
        this.requestLater(since, reason);
        await sleep(delay, signal);
      }
    }
    this.running = false;
  }

  /** Re-queues a failed run without starting the loop (it is running). */
  private requestLater(since: number, reason: string): void {
    const pending = this.pending;
    this.pending = pending ? { since: Math.min(since, pending.since), reason: pending.reason } : { since, reason };
  }

  private apply(result: ReconcileResult): { fills: number; orders: number; balances: number } {
    const before = { fills: this.counts.fills, orders: this.counts.orders, balances: this.counts.balances };
    for (const event of result.events) this.deliver(event, "rest");
    const localNow = Date.now();
    const superseded = new Set<string>();
    let doubt = false;
    for (const [asset, value] of result.balances) {
      const verdict = this.record.acceptRestBalance(asset, value, result.balancesReadAt);
      if (!verdict.use) {
        doubt ||= verdict.doubt;
        continue;
      }
      superseded.add(asset);
      if (verdict.news)
        this.emit({ ...balanceFromRest(asset, value, verdict.before, result.serverTime, localNow), source: "rest" });
    }
    if (superseded.size > 0) {
      this.held = this.held.filter((event) => event.type !== "balance" || !superseded.has(event.asset));
    }
    if (doubt) this.options.onBalanceDoubt?.();
    for (const [symbol, time] of result.watermarks) this.record.advanceWatermark(symbol, time);
    return {
      fills: this.counts.fills - before.fills,
      orders: this.counts.orders - before.orders,
      balances: this.counts.balances - before.balances,
    };
  }

  private release(): void {
    const held = this.held;
    this.held = [];
    this.holding = false;
    for (const event of held) this.deliver(event, "stream");
  }

  private deliver(event: MexcEvent, source: Source): void {
    let isNew: boolean;
    if (event.type === "fill") {
      isNew = this.record.acceptFill(event);
      if (isNew && source === "stream" && this.inSync) this.record.advanceWatermark(event.symbol, event.timestamp);
    } else if (event.type === "order") {
      isNew = this.record.acceptOrder(event);
    } else if (event.type === "balance") {
      isNew = this.record.acceptStreamBalance(event);
    } else {
      return;
    }
    if (!isNew) {
      this.counts.duplicatesDropped++;
      return;
    }
    this.emit({ ...event, source } as UserEvent);
  }

  private emit(event: UserEvent): void {
    this.counts[event.source]++;
    if (event.type === "fill") this.counts.fills++;
    else if (event.type === "order") this.counts.orders++;
    else this.counts.balances++;
    this.options.deliver(event);
  }
}
