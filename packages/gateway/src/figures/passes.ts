/**
 * How a read model is kept up to date (the figures by pair, the portfolio, the fills' valuation):
 * in passes, one at a time, each bringing it up to date from a point of the history.
 *
 *   - A request names where the model must be worked out again from (ms; -Infinity: from the
 *     first fill, openings included; +Infinity: only what the store reports changed), or asks for
 *     a pass from scratch (`wholly`). Requests made while a pass runs are merged into the next
 *     one: the earliest point wins.
 *   - A request resolves when the pass that takes it in has ended: the next one to begin (a pass
 *     already running read the store before the request).
 *   - Holds (an import writing, a model not started) keep passes from beginning; the requests made
 *     meanwhile are taken in by one pass at the last release.
 *   - A pass that throws is reported (`onError`) and the next request runs a pass again.
 */
import { HoldCount } from "./holdCount.js";

/** What one pass is asked to do. */
export interface PassRequest {
  /** Work the model out again from here (ms); +Infinity: only what changed, -Infinity: from the first fill. */
  readonly from: number;
  /** From scratch, whatever `from` says. */
  readonly wholly: boolean;
}

export class Passes {
  private wantedFrom = Number.POSITIVE_INFINITY;
  private wanted = false;
  private wholly = false;
  private running: Promise<void> | undefined;
  private begun = 0;
  private ended = 0;
  private waiters: { readonly pass: number; readonly resolve: () => void }[] = [];
  /** settled()'s: resolved when their pass ends, or when the loop stops before it (held, closed). */
  private settling: { readonly pass: number; readonly resolve: () => void }[] = [];
  private readonly holds = new HoldCount();
  private closed = false;

  constructor(
    private readonly run: (pass: PassRequest) => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Asks for a pass from `from` (default: only what changed); resolves when the pass taking it in has ended. */
  request(from = Number.POSITIVE_INFINITY, wholly = false): Promise<void> {
    this.wantedFrom = Math.min(this.wantedFrom, from);
    this.wholly ||= wholly;
    this.wanted = true;
    const done = new Promise<void>((resolve) => this.waiters.push({ pass: this.begun + 1, resolve }));
    if (this.closed) this.release(Number.POSITIVE_INFINITY);
    else if (this.running === undefined && !this.holds.held) this.start();
    return done;
  }

  /** No pass begins until the returned release is called (once; later calls do nothing). */
  hold(): () => void {
    return this.holds.take(() => {
      if (!this.holds.held && this.wanted && this.running === undefined && !this.closed) this.start();
    });
  }

  /** A pass is under way. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  /** A pass is wanted that has not begun (held, or after the one under way). */
  get due(): boolean {
    return this.wanted;
  }

  /** Where the next pass starts from, if one is due. */
  get dueFrom(): number | undefined {
    return this.wanted ? this.wantedFrom : undefined;
  }

  /** Passes ended so far (done, nothing to do, or failed). */
  get passes(): number {
    return this.ended;
  }

  /** Resolves once no pass runs (a loop that ends with a request pending starts another: that one too). */
  async idle(): Promise<void> {
    while (this.running !== undefined) await this.running;
  }

  /**
   * Resolves once the pass under way and the one due have ended, not those asked for later: while
   * requests keep coming (a backfill storing slice after slice), `idle()` waits for them all, and
   * a read waiting on it answered only once the history was in (local CI #74, #76). Resolves at
   * once when no pass runs and none can begin (held), as `idle()` does.
   */
  settled(): Promise<void> {
    if (this.running === undefined && (!this.wanted || this.holds.held || this.closed)) return Promise.resolve();
    const pass = this.begun + (this.wanted ? 1 : 0);
    return new Promise<void>((resolve) => this.settling.push({ pass, resolve }));
  }

  /** No pass begins after this one; requests resolve at once. */
  close(): void {
    this.closed = true;
    if (this.running !== undefined) return;
    this.release(Number.POSITIVE_INFINITY);
    this.settle(Number.POSITIVE_INFINITY);
  }

  private start(): void {
    this.running = this.loop().finally(() => {
      this.running = undefined;
      if (this.wanted && !this.closed && !this.holds.held) this.start();
      else {
        if (!this.wanted || this.closed) this.release(Number.POSITIVE_INFINITY);
        this.settle(Number.POSITIVE_INFINITY);
      }
    });
  }

  private async loop(): Promise<void> {
    while (this.wanted && !this.closed && !this.holds.held) {
      const pass: PassRequest = { from: this.wantedFrom, wholly: this.wholly };
      this.wanted = false;
      this.wholly = false;
      this.wantedFrom = Number.POSITIVE_INFINITY;
      this.begun++;
      try {
        await this.run(pass);
      } catch (error) {
        this.onError(error);
      }
      this.ended++;
      this.release(this.ended);
      this.settle(this.ended);
    }
  }

  private settle(ended: number): void {
    if (!this.settling.some((waiter) => waiter.pass <= ended)) return;
    const due = this.settling.filter((waiter) => waiter.pass <= ended);
    this.settling = this.settling.filter((waiter) => waiter.pass > ended);
    for (const waiter of due) waiter.resolve();
  }

  /** Resolves the requests whose pass has ended. */
  private release(ended: number): void {
    const due = this.waiters.filter((waiter) => waiter.pass <= ended);
    if (due.length === 0) return;
    this.waiters = this.waiters.filter((waiter) => waiter.pass > ended);
    for (const waiter of due) waiter.resolve();
  }
}
