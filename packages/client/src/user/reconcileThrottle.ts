/**
 * At most one reconciliation per interval per cause. A frame that cannot be read (malformed, or
 * holding a value MEXC never documented) asks REST what it was; a stream where every frame does
 * that must not turn into a reconciliation per frame: a REST storm, then a ban. A throttled
 * request is not dropped: it runs once when its interval is over, and looks back to when it was
 * first asked for (a value seen 50 s before the deferred run may belong to an order created and
 * finished since: a window starting at the run would miss it).
 */
export class ReconcileThrottle {
  private readonly lastRun = new Map<string, number>();
  private readonly deferred = new Map<string, NodeJS.Timeout>();

  constructor(
    /** `since`: local ms of the earliest request this run answers. */
    private readonly reconcile: (cause: string, since: number) => void,
    private readonly now: () => number = Date.now,
  ) {}

  request(cause: string, intervalMs: number): void {
    const last = this.lastRun.get(cause);
    const now = this.now();
    if (last === undefined || now - last >= intervalMs) {
      this.lastRun.set(cause, now);
      this.reconcile(cause, now);
      return;
    }
    if (this.deferred.has(cause)) return;
    const timer = setTimeout(
      () => {
        this.deferred.delete(cause);
        this.lastRun.set(cause, this.now());
        this.reconcile(cause, now);
      },
      last + intervalMs - now,
    );
    timer.unref();
    this.deferred.set(cause, timer);
  }

  close(): void {
    for (const timer of this.deferred.values()) clearTimeout(timer);
    this.deferred.clear();
  }
}
