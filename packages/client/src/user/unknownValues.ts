/**
 * Values MEXC sends that the protocol's tables do not know (a new order status, order type,
 * account change type, side): each is counted, logged once, and may ask for a reconciliation,
 * at most one per interval per cause (field and value, reconcileThrottle.ts). Without this, a new
 * value on every orders push would mean a reconciliation per push: a REST storm, and a ban.
 */
import { UNKNOWN_VALUE_RECONCILE_INTERVAL_MS } from "../constants.js";
import type { Logger } from "../redact.js";
import type { ReconcileThrottle } from "./reconcileThrottle.js";

export interface UnknownValueOptions {
  readonly logger: Logger;
  /**
   * Where reconciliations are asked for; the cause is e.g. `unknown privateOrders.status=7`. None:
   * only counted and said (a wallet sync's refused rows, which no reconciliation would mend).
   */
  readonly throttle?: ReconcileThrottle;
  /** At most one reconciliation per cause per this long. Default 60 s. */
  readonly intervalMs?: number;
}

export class UnknownValues {
  private readonly counts = new Map<string, number>();
  private readonly intervalMs: number;

  constructor(private readonly options: UnknownValueOptions) {
    this.intervalMs = options.intervalMs ?? UNKNOWN_VALUE_RECONCILE_INTERVAL_MS;
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
    if (reconcile) this.options.throttle?.request(`unknown ${cause}`, this.intervalMs);
  }

  /** Cause -> times seen. */
  stats(): Readonly<Record<string, number>> {
    return Object.fromEntries(this.counts);
  }
}
