/**
 * A few backfills at a time across the accounts of a gateway (issue 31), in their configured order.
 *
 * The backfills once shared MEXC's REST budget (myTrades weighed 10 of the 500 an endpoint gets per
 * 10 s per IP: BENCHMARKS.md, "Several accounts"), so running them together only spread the same
 * calls thin: at 20 accounts every one finished within the last minute of about 7. Each account's
 * signed calls now have their own budget (issue 41); the machine's CPU is what they share. Served a few at a
 * time (BACKFILL_CONCURRENT_ACCOUNTS), the k-th account has its month after about k/N of that time.
 * Not one at a time: one account's backfill sends one request at a time with a pause between
 * windows, so alone it does not fill the budget; at 5 accounts on a loaded machine one at a time
 * took 612 s where all together took 347 s (BENCHMARKS.md). Nothing is lost meanwhile: an account's live stream and its first reconciliation (the
 * last day of fills, its open orders and balances) do not wait for a turn; only the older history
 * does. Why not a round of every account's newest days first: reconciliation already brings each
 * account's last day, and a round would delay every account's full month by its share.
 *
 * An account that is not live yet (a refused key) is not waiting, so it never holds the others up;
 * among those waiting when a turn ends, the first configured goes next.
 */
import { BACKFILL_CONCURRENT_ACCOUNTS } from "../config/defaults.js";

export class BackfillTurns {
  private readonly holders = new Set<number>();
  /** Configured position -> grants its turn. */
  private readonly waiting = new Map<number, () => void>();
  private readonly listeners = new Set<() => void>();

  /** `slots`: how many backfills run at once. */
  constructor(private readonly slots: number = BACKFILL_CONCURRENT_ACCOUNTS) {}

  /**
   * Resolves with the release once the account at configured position `order` may run its
   * backfill; resolves with a no-op release when `signal` aborts first (the account is closing).
   */
  take(order: number, signal: AbortSignal): Promise<() => void> {
    if (signal.aborted) return Promise.resolve(() => {});
    if (this.holders.size < this.slots && this.waiting.size === 0) {
      this.holders.add(order);
      this.moved();
      return Promise.resolve(this.releaseOf(order));
    }
    return new Promise((resolve) => {
      const onAbort = () => {
        this.waiting.delete(order);
        this.moved();
        resolve(() => {});
      };
      signal.addEventListener("abort", onAbort, { once: true });
      this.waiting.set(order, () => {
        signal.removeEventListener("abort", onAbort);
        resolve(this.releaseOf(order));
      });
      this.moved();
    });
  }

  /** While the account waits: how many backfills run or wait before its own; undefined otherwise. */
  ahead(order: number): number | undefined {
    if (!this.waiting.has(order)) return undefined;
    const before = [...this.waiting.keys()].filter((other) => other < order).length;
    return before + this.holders.size;
  }

  /** Called whenever the queue moves (each waiting account republishes its place). Returns the unsubscribe. */
  onMoved(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private releaseOf(order: number): () => void {
    let released = false;
    return () => {
      if (released || !this.holders.has(order)) return;
      released = true;
      this.holders.delete(order);
      while (this.holders.size < this.slots && this.waiting.size > 0) {
        const next = Math.min(...this.waiting.keys());
        const grant = this.waiting.get(next) as () => void;
        this.waiting.delete(next);
        this.holders.add(next);
        grant();
      }
      this.moved();
    };
  }

  private moved(): void {
    for (const listener of this.listeners) listener();
  }
}
