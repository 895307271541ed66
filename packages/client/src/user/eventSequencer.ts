/**
 * Puts stream events and reconciliation results into one sequence for downstream:
 *
 * - a reconciliation is requested at start and after every gap (or malformed frame); requests
 *   made while one is pending merge (the earliest `since` wins), one runs at a time;
 * - while one runs, the events that are not in doubt go on at once (issue 31), and every event
 *   passes the ExecutionRecord, which drops repeats and backward steps whichever source says it
 *   first (docs/accounts.md, "Events during a reconciliation"):
 *     fills   a fact with its trade id: delivered at once; REST's copy is a repeat (trade id +
 *             order id) and dropped;
 *     orders  delivered at once: the record takes an order state only when it moves the order
 *             forward (status rank, filled quantity), so an older REST state is dropped and a
 *             newer one moves it on: an order never shows an older status after a newer one;
 *     balances held until the run's account read is answered (the reconciliation's first REST
 *             call): a push may be older than that read, and a shown balance must never be
 *             replaced by an older one. Then the time rule decides per asset: a read newer than
 *             every push of the asset drops the held ones (older) and goes out; else the held
 *             pushes go out and the read is ignored. Later pushes go on at once;
 * - a failed run hands the held balances over and is retried with back-off;
 * - fill watermarks move with stream fills only while in sync (no gap since the last run).
 */
import type { BalanceUpdate, MexcEvent } from "@mexc-live/protocol";
import { type BackoffPolicy, backoffDelay, sleep } from "../backoff.js";
import { RECONCILE_RETRY_INITIAL_MS, RECONCILE_RETRY_MAX_MS } from "../constants.js";
import { type Logger, SILENT_LOGGER } from "../redact.js";
import { balanceFromRest } from "../rest/toEvents.js";
import type { ExecutionRecord, Source, UserEvent } from "./executionRecord.js";
import type { BalanceRead, ReconcileResult, Reconciler } from "./reconcile.js";

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
  /** Local ms, on the clock the reconciler's `readAt` is taken on. Default Date.now. */
  readonly now?: () => number;
}

/** What is held back during a reconciliation: only balance pushes (fills and orders go on at once). */
export type WaitingKind = "balance";

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
   * Stream events held back now: how many, of which kind, why (the reconciliation whose account
   * read they wait for) and since when (local ms); null when nothing is held. Each is delivered,
   * in order, once that read is answered, unless the read is newer and supersedes it.
   */
  readonly waiting: {
    readonly events: number;
    readonly kind: WaitingKind;
    readonly reason: string;
    readonly since: number;
  } | null;
  /** A reconciliation running or due: its reason and since when (local ms); null when none. */
  readonly reconciling: { readonly reason: string; readonly since: number } | null;
}

export class EventSequencer {
  private readonly options: EventSequencerOptions;
  private readonly record: ExecutionRecord;
  private readonly logger: Logger;
  private readonly now: () => number;
  private inSync = false;
  /** Balance pushes wait: a reconciliation was asked for and no account read sent after the request is answered yet. */
  private holdingBalances = true;
  private held: BalanceUpdate[] = [];
  /** Local ms of the latest reconciliation request: an account read sent before it does not end the hold. */
  private requestedAt: number;
  private pending: { since: number; reason: string } | undefined;
  private running = false;
  /** The reconciliation running (or due) and since when it or one before it without a pause ran (local ms). */
  private current: { reason: string; since: number } | undefined;
  /** What balances are held for: the reconciliation and since when (local ms). */
  private holdingFor: { reason: string; since: number };
  /** Whether the running reconciliation's balances were applied (the reconciler said when it read them). */
  private balancesApplied = false;
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
  /** What the running reconciliation found that the stream had not delivered. */
  private found = { fills: 0, orders: 0, balances: 0 };

  constructor(options: EventSequencerOptions) {
    this.options = options;
    this.record = options.record;
    this.logger = options.logger ?? SILENT_LOGGER;
    this.now = options.now ?? Date.now;
    this.requestedAt = this.now();
    this.holdingFor = { reason: "start", since: this.requestedAt };
  }

  /** A decoded private push. */
  streamEvent(event: MexcEvent): void {
    if (event.type === "balance") {
      this.record.noteStreamBalance(event);
      if (this.holdingBalances) {
        this.held.push(event);
        return;
      }
    }
    this.deliver(event, "stream");
  }

  /** The stream went down: frames may be missed until the next reconciliation. */
  outOfSync(): void {
    this.inSync = false;
  }

  /** `since`: server ms from which events may have been missed. */
  requestReconcile(reason: string, since: number): void {
    if (this.options.signal.aborted) return;
    this.inSync = false;
    this.requestedAt = this.now();
    this.holdBalances(reason);
    if (!this.busy()) this.current = { reason, since: this.requestedAt };
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
      this.holdingBalances && this.held.length > 0
        ? {
            events: this.held.length,
            kind: "balance" as const,
            reason: this.pending?.reason ?? this.holdingFor.reason,
            since: this.holdingFor.since,
          }
        : null;
    const reconciling =
      this.busy() && this.current !== undefined
        ? { reason: this.pending?.reason ?? this.current.reason, since: this.current.since }
        : null;
    return { ...counts, delivered: { stream, rest }, waiting, reconciling };
  }

  private async run(): Promise<void> {
    this.running = true;
    let failures = 0;
    const { signal } = this.options;
    while (this.pending && !signal.aborted) {
      const { since, reason } = this.pending;
      this.pending = undefined;
      this.current = { reason, since: this.current?.since ?? this.now() };
      this.holdBalances(reason);
      this.balancesApplied = false;
      this.found = { fills: 0, orders: 0, balances: 0 };
      const startedAt = this.now();
      try {
        const result = await this.options.reconciler.run(since, (read) => {
          if (!signal.aborted) this.applyBalances(read);
        });
        if (signal.aborted) break;
        if (!this.balancesApplied) this.applyBalances(result);
        this.applyHistory(result);
        failures = 0;
        this.counts.reconciliations++;
        this.counts.lastReconcileRestCalls = result.restCalls;
        if (!this.pending) {
          this.inSync = true;
          this.release();
        }
        const durationMs = this.now() - startedAt;
        this.options.reconciled({
          reason,
          ...this.found,
          restCalls: result.restCalls,
          durationMs,
          symbols: result.symbols,
        });
      } catch (error) {
        if (signal.aborted) break;
        failures++;
        this.counts.reconcileFailures++;
        const message = `reconciliation (${reason}) failed: ${(error as Error).message}`;
        const policy = this.options.retry ?? { initialMs: RECONCILE_RETRY_INITIAL_MS, maxMs: RECONCILE_RETRY_MAX_MS };
        const delay = this.options.retryDelay?.(error as Error, failures) ?? backoffDelay(policy, failures - 1);
        this.logger.warn({ reason, attempt: failures, retryInMs: delay }, message);
        this.options.failed(message, error as Error, delay);
        // Hand over the balances the stream had meanwhile; the retry holds them back again.
        this.release();
        this.requestLater(since, reason);
        await sleep(delay, signal);
      }
    }
    this.running = false;
    this.current = undefined;
  }

  /** Balance pushes wait from now until an account read sent after this request is answered. */
  private holdBalances(reason: string): void {
    this.holdingFor = { reason, since: this.holdingBalances ? this.holdingFor.since : this.now() };
    this.holdingBalances = true;
  }

  /** Re-queues a failed run without starting the loop (it is running). */
  private requestLater(since: number, reason: string): void {
    const pending = this.pending;
    this.pending = pending ? { since: Math.min(since, pending.since), reason: pending.reason } : { since, reason };
  }

  /**
   * The run's account read is answered: each asset's REST balance against the pushes of it (the
   * record's time rule); held pushes older than a read that is used are dropped. Once the read
   * was sent after the latest request, the other held pushes go out and the hold ends.
   */
  private applyBalances(read: BalanceRead): void {
    this.balancesApplied = true;
    const localNow = this.now();
    const superseded = new Set<string>();
    let doubt = false;
    for (const [asset, value] of read.balances) {
      const verdict = this.record.acceptRestBalance(asset, value, read.balancesReadAt);
      if (!verdict.use) {
        doubt ||= verdict.doubt;
        continue;
      }
      superseded.add(asset);
      if (verdict.news)
        this.emit({
          ...balanceFromRest(asset, value, verdict.before, read.balancesServerTime, localNow),
          source: "rest",
        });
    }
    if (superseded.size > 0) this.held = this.held.filter((event) => !superseded.has(event.asset));
    if (doubt) this.options.onBalanceDoubt?.();
    if (read.balancesReadAt >= this.requestedAt) this.release();
  }

  /** REST's fills and order states (each goes out only if the record has not had it), then the watermarks. */
  private applyHistory(result: ReconcileResult): void {
    for (const event of result.events) this.deliver(event, "rest");
    for (const [symbol, time] of result.watermarks) this.record.advanceWatermark(symbol, time);
  }

  /** Delivers the held balance pushes, in order, and ends the hold. */
  private release(): void {
    const held = this.held;
    this.held = [];
    this.holdingBalances = false;
    for (const event of held) this.deliver(event, "stream");
  }

  private deliver(event: MexcEvent, source: Source): void {
    let isNew: boolean;
    if (event.type === "fill") {
      isNew = this.record.acceptFill(event);
      // The same rule for the caller's resume point (DeliveredFill.resumable) as for the record's.
      const resumable = source === "rest" || this.inSync;
      if (isNew && source === "stream" && this.inSync) this.record.advanceWatermark(event.symbol, event.timestamp);
      if (isNew) this.emit({ ...event, source, resumable });
      else this.counts.duplicatesDropped++;
      return;
    }
    if (event.type === "order") {
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
    const kind = event.type === "fill" ? "fills" : event.type === "order" ? "orders" : "balances";
    this.counts[kind]++;
    if (event.source === "rest") this.found[kind]++;
    this.options.deliver(event);
  }
}
