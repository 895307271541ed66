/**
 * The account's own events, complete: one listen key (listenKeyKeeper.ts), one StreamConnection
 * on `${wsUrl}?listenKey=KEY` with the three private channels, and reconciliation (reconcile.ts)
 * at start and after every gap. Downstream sees one gap-free, duplicate-free sequence of fills,
 * order states and balances, each marked `source: "stream" | "rest"`, with state notices:
 *
 *   connecting -> live -> reconciled ... reconnecting -> live -> gap -> reconciled ...
 *   error (a reconciliation or a channel failed; it is retried), closed
 *   refused (MEXC refuses the API key, or its edge blocks us) / maintenance (MEXC is under
 *   maintenance): carries MEXC's error; signed calls are then retried slowly (slowRetry.ts), the
 *   public streams keep running, and once MEXC answers again the stream goes on with a
 *   reconciliation, so nothing is lost
 *
 * While a reconciliation runs, fills and order states from the stream go on at once and balance
 * pushes wait for its account read (eventSequencer.ts); the ExecutionRecord drops whatever
 * either source repeats, and order states that would go backwards.
 */
import { EventEmitter } from "node:events";
import {
  buildChannel,
  decodeEvent,
  isKnownAccountChangeType,
  isProtocolError,
  type MexcEvent,
} from "@mexc-live/protocol";
import { MEXC_WS_URL } from "@mexc-live/protocol/limits";
import { backoffDelay, sleep } from "../backoff.js";
import {
  BALANCE_RECHECK_INTERVAL_MS,
  FIRST_START_LOOKBACK_MS,
  MALFORMED_RECONCILE_INTERVAL_MS,
  ORDER_RECHECK_RETRY,
  RECONCILE_WINDOW_SLACK_MS,
  REST_BALANCE_LAG_MS,
  USER_STREAM_MAX_QUEUED,
} from "../constants.js";
import { checkMaxQueued, notIterable, QueuedIterator } from "../queuedIterator.js";
import { handOutRawFrame } from "../rawFrame.js";
import { type Logger, mask, SILENT_LOGGER } from "../redact.js";
import { failureCode, hostAndPort } from "../rest/fetchFailure.js";
import { type ConnectFailure, StreamConnection } from "../ws/streamConnection.js";
import { EventSequencer } from "./eventSequencer.js";
import { ExecutionRecord } from "./executionRecord.js";
import { KnownPairs } from "./knownPairs.js";
import { ListenKeyKeeper } from "./listenKeyKeeper.js";
import { PairDirectory } from "./pairDirectory.js";
import { Reconciler } from "./reconcile.js";
import { ReconcileThrottle } from "./reconcileThrottle.js";
import { NOT_A_PAIR, refusalOf, refusedValue } from "./refusedValues.js";
import { DEFAULT_SLOW_RETRY, haltStateOf, SlowRetryGate } from "./slowRetry.js";
import { UnknownValues } from "./unknownValues.js";
import { type LiveOptions, untilLive } from "./untilLive.js";
import type {
  UserStreamEvents,
  UserStreamItem,
  UserStreamNotice,
  UserStreamOptions,
  UserStreamStats,
} from "./userStreamTypes.js";

/** reconcileNow() checks this often whether the reconciliation has run. */
const RECONCILE_POLL_MS = 10;

export type {
  UserStreamEvents,
  UserStreamItem,
  UserStreamNotice,
  UserStreamOptions,
  UserStreamResume,
  UserStreamStats,
} from "./userStreamTypes.js";

export const PRIVATE_CHANNELS: readonly string[] = [
  buildChannel({ stream: "privateAccount" }),
  buildChannel({ stream: "privateDeals" }),
  buildChannel({ stream: "privateOrders" }),
];

export class UserStream extends EventEmitter<UserStreamEvents> implements AsyncIterable<UserStreamItem> {
  readonly record: ExecutionRecord;
  private readonly options: UserStreamOptions;
  private readonly logger: Logger;
  private readonly keeper: ListenKeyKeeper;
  private readonly closing = new AbortController();
  private connection: StreamConnection | undefined;
  private started = false;
  /** The key the last connect used (compared when the keeper replaces it). */
  private connectedKey: string | undefined;
  /** A reconciliation to read the balances again, due after the REST lag margin (eventSequencer's onBalanceDoubt). */
  private balanceCheck: NodeJS.Timeout | undefined;
  private everLive = false;
  /** Connected and reconciled since it last connected (live()). */
  private ready = false;
  private restartGap: { reason: string; downSince: number } | undefined;
  private readonly sequencer: EventSequencer;
  private readonly unknownValues: UnknownValues;
  /** Which symbols are pairs: a fill or order naming another is refused (knownPairs.ts). */
  private readonly knownPairs: KnownPairs;
  /** Reconciliations asked for by frames that could not be read: at most one per interval per cause. */
  private readonly throttle: ReconcileThrottle;
  private counts = { gaps: 0, reconnects: 0, failedConnects: 0, malformedFrames: 0 };
  /** The last failed try to connect, since the stream was last live: what live({ timeoutMs }) names. */
  private lastFailure: ConnectFailure | undefined;
  /** Slow retries while MEXC refuses the key or is under maintenance. */
  private readonly gate: SlowRetryGate;
  /** A reconciliation asked for because an order the stream reported was not found yet (REST lag). */
  private orderRecheck: { timer: NodeJS.Timeout | undefined; attempt: number } = { timer: undefined, attempt: 0 };
  /** What `for await` reads: every item from the creation on, bounded (none with maxQueued 0). */
  private readonly queue: QueuedIterator<UserStreamItem> | undefined;

  constructor(options: UserStreamOptions) {
    super();
    this.options = options;
    const maxQueued = checkMaxQueued(options.maxQueued, USER_STREAM_MAX_QUEUED, "user stream");
    this.queue = maxQueued > 0 ? queueUserStream(this, maxQueued) : undefined;
    this.logger = options.logger ?? SILENT_LOGGER;
    this.record = new ExecutionRecord({ restLagMs: options.restBalanceLagMs });
    this.keeper = new ListenKeyKeeper({
      endpoints: options.endpoints,
      keepaliveMs: options.keepaliveMs,
      keyTtlMs: options.listenKeyTtlMs,
      logger: this.logger,
    });
    this.gate = new SlowRetryGate({
      retry: { ...DEFAULT_SLOW_RETRY, ...options.slowRetry },
      logger: this.logger,
      notice: (notice) => this.notice(notice),
      stateNow: () => (this.connection?.state === "live" ? "live" : this.everLive ? "reconnecting" : "connecting"),
      signal: this.closing.signal,
    });
    this.keeper.on("replaced", ({ reason }) => this.onKeyReplaced(reason));
    this.keeper.on("refused", (error) => this.gate.halt("refused", error, "listen key keepalive refused", 0));
    this.keeper.on("kept", () => this.gate.resume());
    this.throttle = new ReconcileThrottle((cause, since) =>
      this.requestReconcile(cause, this.toServerTime(since) - RECONCILE_WINDOW_SLACK_MS),
    );
    this.unknownValues = new UnknownValues({ logger: this.logger, throttle: this.throttle });
    const pairs =
      options.pairs ?? new PairDirectory({ endpoints: options.endpoints, logger: this.logger, now: Date.now });
    this.knownPairs = new KnownPairs({
      pairs,
      configured: options.symbols ?? [],
      history: () => this.record.symbols(),
      now: Date.now,
    });
    this.sequencer = new EventSequencer({
      record: this.record,
      reconciler: new Reconciler({
        endpoints: options.endpoints,
        record: this.record,
        symbols: options.symbols,
        discoverSymbols: options.discoverSymbols,
        pairs,
        knownPairs: this.knownPairs,
        logger: this.logger,
        onUnknownValue: (field, value) => this.unknownValues.note(field, value, false),
        onOrdersPending: (count) => this.recheckOrders(count),
      }),
      deliver: (event) => this.emit("event", event),
      reconciled: (report) => {
        this.gate.resume();
        this.notice({ type: "state", state: "reconciled", at: Date.now(), ...report });
      },
      failed: (message, error, retryInMs) => {
        const halt = haltStateOf(error);
        if (halt) this.gate.halt(halt.state, halt.error, "reconciliation refused", retryInMs);
        else this.notice({ type: "state", state: "error", at: Date.now(), message, error });
      },
      retryDelay: (error, failures) => this.gate.delayAfter(error, failures),
      onBalanceDoubt: () => this.scheduleBalanceCheck(),
      retry: options.reconcileRetry,
      logger: this.logger,
      signal: this.closing.signal,
    });
    for (const [symbol, last] of Object.entries(options.resume?.lastFills ?? {}))
      this.record.seedLastFill(symbol, last);
    for (const tradeId of options.resume?.knownTradeIds ?? []) this.record.seedTradeId(tradeId);
    for (const order of options.resume?.openOrders ?? []) this.record.seedOpenOrder(order.symbol, order.orderId);
  }

  /** Connects on the next tick, so listeners attached right after start() see everything, "connecting" first. */
  start(): void {
    if (this.started || this.closing.signal.aborted) return;
    this.started = true;
    // The pair lists, read (or taken from the shared copy) before the first push is judged.
    void this.knownPairs.refresh().catch(() => {});
    queueMicrotask(() => {
      if (this.closing.signal.aborted) return;
      this.notice({ type: "state", state: "connecting", at: Date.now() });
      this.connection = this.openConnection();
      this.connection.start();
    });
  }

  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    this.closing.abort();
    this.throttle.close();
    clearTimeout(this.balanceCheck);
    clearTimeout(this.orderRecheck.timer);
    const connection = this.connection;
    this.connection = undefined;
    await connection?.close();
    await this.keeper.close();
    this.notice({ type: "state", state: "closed", at: Date.now() });
  }

  /**
   * Iterates events and notices in order, from the stream's creation on, until the stream closes;
   * leaving the loop closes it. One queue per stream (a second loop goes on where the first left).
   */
  [Symbol.asyncIterator](): AsyncIterator<UserStreamItem> {
    if (!this.queue) throw notIterable("user stream");
    return this.queue;
  }

  /**
   * Resolves once the stream is connected and reconciled, at once when it is; rejects with a
   * ClientError STREAM_REFUSED (MEXC refuses the key or is under maintenance), CLOSED, or with
   * `timeoutMs`, LIVE_TIMEOUT naming the last failed try (untilLive.ts).
   */
  live(options?: LiveOptions): Promise<void> {
    return untilLive(
      this,
      {
        ready: this.ready,
        closed: this.closing.signal.aborted,
        connected: () => this.connection?.state === "live",
        lastFailure: () => this.lastFailure,
        underWay: () => this.connection?.tryUnderWay(),
        lastRestFailure: () => this.options.endpoints.rest.stats().lastFailure,
      },
      options,
    );
  }

  /** Reconcile now (e.g. the caller suspects something); resolves when it has run. */
  async reconcileNow(reason = "requested"): Promise<void> {
    this.requestReconcile(reason, this.options.endpoints.rest.serverNow() - RECONCILE_WINDOW_SLACK_MS);
    while (this.sequencer.busy() && !this.closing.signal.aborted) await sleep(RECONCILE_POLL_MS, this.closing.signal);
  }

  stats(): UserStreamStats {
    return {
      ...this.sequencer.stats(),
      ...this.counts,
      unknownValues: this.unknownValues.stats(),
      listenKeys: this.keeper.stats(),
      connection: this.connection?.stats(),
    };
  }

  // ------------------------------------------------------------------------------ connection

  private openConnection(): StreamConnection {
    const wsUrl = this.options.wsUrl ?? MEXC_WS_URL;
    const connection = new StreamConnection({
      ...this.options.connection,
      label: "user",
      channels: PRIVATE_CHANNELS,
      logger: this.logger,
      // The URL carries a listen key from REST: a try that cannot get one names the REST host and why.
      urlSource: { host: this.restHost(), what: "a listen key", codeOf: failureCode },
      url: async () => {
        const key = await this.gate.until(() => this.keeper.current(), "listen key refused");
        this.connectedKey = key;
        return `${wsUrl}${wsUrl.includes("?") ? "&" : "?"}listenKey=${key}`;
      },
    });
    connection.on("frame", (bytes, receivedAt) => this.onFrame(bytes, receivedAt));
    connection.on("state", (state, detail) => this.onConnectionState(state, detail));
    connection.on("gap", (gap) => this.gap(gap.reason, gap.downSince, gap.liveAt));
    connection.on("reconnecting", (failure) => {
      this.lastFailure = failure;
      this.counts.failedConnects++;
      // Stamped when the connection timed the next try (failure.at): nextTryAt - at is the wait.
      this.notice({ type: "state", state: "reconnecting", ...failure });
    });
    connection.on("authRejected", ({ message }) => {
      if (this.connectedKey !== undefined) this.keeper.invalidate(this.connectedKey, message);
    });
    connection.on("channelError", (error) =>
      this.notice({ type: "state", state: "error", at: Date.now(), message: `${error.channel}: ${error.message}` }),
    );
    return connection;
  }

  private onConnectionState(state: string, detail: string | undefined): void {
    const at = Date.now();
    if (state === "live") {
      this.lastFailure = undefined;
      this.notice({ type: "state", state: "live", at });
      if (!this.everLive) {
        this.everLive = true;
        const { resume, firstStartLookbackMs = FIRST_START_LOOKBACK_MS } = this.options;
        this.requestReconcile("start", resume?.since ?? this.options.endpoints.rest.serverNow() - firstStartLookbackMs);
      } else if (this.restartGap) {
        const { reason, downSince } = this.restartGap;
        this.restartGap = undefined;
        this.gap(reason, downSince, at);
      }
    } else if (state === "reconnecting") {
      // The `reconnecting` notice, with its cause, follows from the connection's own event.
      this.counts.reconnects++;
      this.sequencer.outOfSync();
    } else if (state === "closed" && !this.closing.signal.aborted) {
      this.notice({
        type: "state",
        state: "error",
        at,
        message: `user stream connection closed: ${detail ?? "unknown"}`,
      });
    }
  }

  /**
   * Orders the stream reported that MEXC does not find yet (its REST lags, docs/mexc/undocumented.md#orders item 11.13): reconcile again
   * a little later, and later still while they stay missing (the reconciler forgets one only after
   * ORDER_MISSING_FORGET_MS).
   */
  private recheckOrders(pending: number): void {
    if (pending === 0) {
      this.orderRecheck.attempt = 0;
      return;
    }
    if (this.orderRecheck.timer !== undefined || this.closing.signal.aborted) return;
    const delay = backoffDelay(ORDER_RECHECK_RETRY, this.orderRecheck.attempt++);
    this.orderRecheck.timer = setTimeout(() => {
      this.orderRecheck.timer = undefined;
      this.requestReconcile("orderLookup", this.options.endpoints.rest.serverNow() - RECONCILE_WINDOW_SLACK_MS);
    }, delay);
    this.orderRecheck.timer.unref();
  }

  /** From `downSince` (local ms) to `liveAt` the stream may have missed events: say so and reconcile. */
  private gap(reason: string, downSince: number, liveAt: number): void {
    this.counts.gaps++;
    this.notice({ type: "state", state: "gap", at: Date.now(), reason, downSince, liveAt });
    this.requestReconcile(reason, this.toServerTime(downSince) - RECONCILE_WINDOW_SLACK_MS);
  }

  /** The keeper replaced the key after a failed keepalive: a socket on the old key must be replaced too. */
  private onKeyReplaced(reason: string): void {
    const old = this.connection;
    if (!old || this.closing.signal.aborted) return;
    this.logger.info(
      { listenKey: mask(this.connectedKey), reason },
      "reconnecting the user stream on a fresh listen key",
    );
    this.restartGap = { reason: "keyReplaced", downSince: old.stats().lastFrameAt ?? Date.now() };
    this.counts.reconnects++;
    this.sequencer.outOfSync();
    this.connection = this.openConnection();
    old.removeAllListeners();
    void old.close();
    this.connection.start();
  }

  // ------------------------------------------------------------------------------ events

  private onFrame(bytes: Uint8Array, receivedAt: number): void {
    if (this.options.onRawFrame) handOutRawFrame(this.options.onRawFrame, bytes, receivedAt, this.logger);
    let event: MexcEvent;
    try {
      // toEvent(decodePush(bytes)), with the usual balance, fill and order pushes read straight into events.
      event = decodeEvent(bytes, receivedAt);
    } catch (error) {
      if (isProtocolError(error) && error.code === "UNKNOWN_VALUE") {
        // A fill or order whose side MEXC names in a way we do not know: not delivered (corrupt
        // data is worse than none); REST says what it was, at most once a minute per value.
        this.unknownValues.note(error.field ?? "unknown", error.value ?? "", true);
        return;
      }
      // Corrupt data is worse than none: skip it, and let REST say what it was. Counted and said
      // once per field and reason (the REST side's counter, refusedValues.ts), never per frame:
      // a stream of bad frames is one line, not a line each.
      this.counts.malformedFrames++;
      const refusal = refusalOf(error) ?? {
        field: "frame",
        reason: `malformed (${isProtocolError(error) ? error.code : "DECODE_FAILED"})`,
      };
      this.unknownValues.note(refusal.field, refusedValue(refusal.reason), false);
      this.throttle.request("malformed", MALFORMED_RECONCILE_INTERVAL_MS);
      return;
    }
    if (event.type !== "fill" && event.type !== "order" && event.type !== "balance") return;
    if (event.type !== "balance" && !this.knownPairs.has(event.symbol)) {
      // A symbol of the right shape that no list names (knownPairs.ts): not delivered; the lists
      // are read again (bounded) and REST asked (once a minute at most) what the account really did.
      this.unknownValues.note(`${event.type}.symbol`, refusedValue(NOT_A_PAIR), true);
      void this.knownPairs.recheck().catch(() => {});
      return;
    }
    if (event.type === "order" && event.rawValues) {
      for (const [field, value] of Object.entries(event.rawValues)) {
        this.unknownValues.note(`privateOrders.${field}`, String(value), true);
      }
    }
    if (event.type === "balance" && !isKnownAccountChangeType(event.changeType)) {
      // The balance itself is absolute and right: nothing to reconcile, only to tell.
      this.unknownValues.note("privateAccount.type", event.changeType, false);
    }
    this.sequencer.streamEvent(event);
  }

  /**
   * REST and a push just before it disagreed on a balance: reconcile again (the account read is
   * its first call) once the push is surely older. Rare: 1-2 of ~50 reconciliations in 90 s of the
   * 3-account fault soak at speed 30.
   */
  private scheduleBalanceCheck(): void {
    if (this.balanceCheck !== undefined || this.closing.signal.aborted) return;
    this.balanceCheck = setTimeout(() => {
      this.balanceCheck = undefined;
      this.throttle.request("balanceCheck", BALANCE_RECHECK_INTERVAL_MS);
    }, this.options.restBalanceLagMs ?? REST_BALANCE_LAG_MS);
    this.balanceCheck.unref();
  }

  private notice(notice: UserStreamNotice): void {
    if (notice.state === "reconciled") this.ready = this.connection?.state === "live";
    else if (notice.state !== "live" && notice.state !== "error") this.ready = false;
    this.emit("state", notice);
  }

  private requestReconcile(reason: string, since: number): void {
    this.sequencer.requestReconcile(reason, since);
  }

  /** host:port of the REST API the listen keys come from. */
  private restHost(): string {
    return hostAndPort(this.options.endpoints.rest.baseUrl);
  }

  private toServerTime(localMs: number): number {
    return localMs + (this.options.endpoints.rest.serverNow() - Date.now());
  }
}

/** The queue `for await` reads, attached at the stream's creation (before start(), so it holds "connecting" on): events and notices in order (see QueuedIterator). */
function queueUserStream(stream: UserStream, maxQueued: number): QueuedIterator<UserStreamItem> {
  const iterator = new QueuedIterator<UserStreamItem>({
    maxQueued,
    label: "user stream",
    close: () => stream.close(),
  });
  iterator.listenTo(stream, {
    event: (event) => iterator.push(event),
    state: (notice) => {
      iterator.push(notice);
      if (notice.state === "closed") iterator.finish();
    },
  });
  return iterator;
}
