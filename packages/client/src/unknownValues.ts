/**
 * Values MEXC sends that the protocol's tables do not know (a new order status, order type,
 * account change type, side): each is counted, logged once, and may ask for a reconciliation,
 * at most one per interval per cause (field and value). Without this, a new value on every
 * orders push would mean a reconciliation per push: a REST storm, and a ban.
 *
 * A throttled request is not dropped: it runs once when its interval is over.
 */
import { UNKNOWN_VALUE_RECONCILE_INTERVAL_MS } from "./constants.js";
import type { Logger } from "./mask.js";

export interface UnknownValueOptions {
  readonly logger: Logger;
  /** Asks for a reconciliation; `cause` is e.g. `privateOrders.status=7`. */
  readonly reconcile: (cause: string) => void;
  /** At most one reconciliation per cause per this long. Default 60 s. */
  readonly intervalMs?: number;
  readonly now?: () => number;
}

export class UnknownValues {
  private readonly counts = new Map<string, number>();
  private readonly lastReconcile = new Map<string, number>();
  private readonly deferred = new Map<string, NodeJS.Timeout>();
  private readonly intervalMs: number;
  private readonly now: () => number;

  constructor(private readonly options: UnknownValueOptions) {
    this.intervalMs = options.intervalMs ?? UNKNOWN_VALUE_RECONCILE_INTERVAL_MS;
    this.now = options.now ?? Date.now;
  }

  /** A value of `field` the tables do not know; `reconcile`: whether REST should be asked what it was. */
  note(field: string, value: string, reconcile: boolean): void {
    const cause = `${field}=${value}`;
    const count = (this.counts.get(cause) ?? 0) + 1;
    this.counts.set(cause, count);
    if (count === 1) {
      this.options.logger.warn(
        { field, value: value.slice(0, 64) },
        "MEXC sent a value mexc-live does not know; it is counted and this is said once",
      );
    }
    if (reconcile) this.requestReconcile(cause);
  }

  /** Cause -> times seen. */
  stats(): Readonly<Record<string, number>> {
    return Object.fromEntries(this.counts);
  }

  close(): void {
    for (const timer of this.deferred.values()) clearTimeout(timer);
    this.deferred.clear();
  }

  private requestReconcile(cause: string): void {
    const last = this.lastReconcile.get(cause);
    const now = this.now();
    if (last === undefined || now - last >= this.intervalMs) {
      this.lastReconcile.set(cause, now);
      this.options.reconcile(cause);
      return;
    }
    if (this.deferred.has(cause)) return;
    const timer = setTimeout(
      () => {
        this.deferred.delete(cause);
        this.lastReconcile.set(cause, this.now());
        this.options.reconcile(cause);
      },
      last + this.intervalMs - now,
    );
    timer.unref();
    this.deferred.set(cause, timer);
  }
}
