/**
 * The version of one account's figures (contract FiguresVersion): a counter moved whenever
 * something the figures read changes (a fill, a balance or an equity point published, a rebuild
 * pass or a portfolio recompute done, an import taken in), and pushed on the account's `figures`
 * topic at most once per FIGURES_PUSH_MS with the answers that moved (pushedAnswers.ts), so a
 * dashboard shows the answers of one version together (issue 40) without reading them again. The
 * figures routes read it before computing their answer (contract FIGURES_VERSION_HEADER).
 */
import type { EquityPoint, FiguresVersion, PushedFigures, TopicUpdate } from "@mexc-live/contract";

/**
 * At most one `figures` push per second per account: a busy bot moves the version on every fill
 * and every equity point, and each push a browser can receive works the pushed answers out again
 * (accountFanout.ts); a second is below what a person reading the panels notices, and the latest
 * version is always the one sent.
 */
export const FIGURES_PUSH_MS = 1_000;

/**
 * The longest a push waits for its answers (pushedAnswers.ts), ms: as long as the gap between two
 * pushes (FIGURES_PUSH_MS). An answer may wait up to 8 s on candles being fetched (portfolio/readings.ts,
 * ANSWER_WAIT_MS); the version must not: it goes out alone then, and browsers read what it moved.
 */
export const PUSH_ANSWERS_WAIT_MS = 1_000;

/** What a push's wait for its answers ends with when they come too late. */
const LATE = Symbol("late");

export interface FiguresVersionDeps {
  readonly account: string;
  /** Sends the version on the account's `figures` topic. */
  readonly publish: (version: FiguresVersion) => void;
  /**
   * The answers a push carries, worked out at `version` (pushedAnswers.ts); none, or undefined for
   * this push (nobody could receive them: accountFanout.ts), the version alone.
   */
  readonly answers?: (version: number) => Promise<PushedFigures> | undefined;
  /**
   * A push's answers came later than PUSH_ANSWERS_WAIT_MS and its version went out alone: what they
   * hold was never sent, so the next push must not take them as sent (PushedAnswers.unheard).
   */
  readonly answersDropped?: () => void;
  readonly now?: () => number;
  /** Default FIGURES_PUSH_MS (tests shorten it). */
  readonly pushMs?: number;
  /** Default PUSH_ANSWERS_WAIT_MS. */
  readonly answersWaitMs?: number;
}

export class FiguresVersionKeeper {
  private version = 0;
  private at: number;
  private readonly now: () => number;
  private readonly pushMs: number;
  private readonly answersWaitMs: number;
  private lastPush = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** A push is being worked out (its answers): the next is timed from when it goes out. */
  private sending = false;

  constructor(private readonly deps: FiguresVersionDeps) {
    this.now = deps.now ?? Date.now;
    this.pushMs = deps.pushMs ?? FIGURES_PUSH_MS;
    this.answersWaitMs = deps.answersWaitMs ?? PUSH_ANSWERS_WAIT_MS;
    this.at = this.now();
  }

  /** The version now (what an answer computed from now on reflects at least). */
  current(): FiguresVersion {
    return { account: this.deps.account, version: this.version, at: this.at };
  }

  /** Something the figures read changed: the version moves, and is pushed (coalesced). */
  bump(): void {
    if (this.closed) return;
    this.version++;
    this.at = this.now();
    this.schedule();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The next push, FIGURES_PUSH_MS after the last went out; while one is being worked out, once it went out. */
  private schedule(): void {
    if (this.timer !== undefined || this.sending) return;
    const wait = Math.max(0, this.lastPush + this.pushMs - this.now());
    this.timer = setTimeout(() => this.push(), wait);
    this.timer.unref();
  }

  private push(): void {
    this.timer = undefined;
    if (this.closed) return;
    const version = this.current();
    this.sending = true;
    void this.send(version).finally(() => {
      this.sending = false;
      this.lastPush = this.now();
      if (this.version > version.version) this.schedule();
    });
  }

  /** Publishes `version` with the answers worked out at it (the version alone if they cannot be, or are not asked). */
  private async send(version: FiguresVersion): Promise<void> {
    let pushed: PushedFigures | undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      const answers = this.deps.answers?.(version.version);
      if (answers !== undefined) {
        const late = new Promise<typeof LATE>((resolve) => {
          timer = setTimeout(resolve, this.answersWaitMs, LATE);
          timer.unref();
        });
        const first = await Promise.race([answers, late]);
        if (first === LATE) this.deps.answersDropped?.();
        else pushed = first;
      }
    } catch {
      // No answer now (the store closing, a read refused): the version alone, and browsers read.
      pushed = undefined;
    } finally {
      clearTimeout(timer);
    }
    if (!this.closed) this.deps.publish(pushed === undefined ? version : { ...version, answers: pushed });
  }
}

/**
 * An account topic's update as published once the version has moved for it: an equity point
 * carries the version it moved the figures to (contract EquityPoint `version`), so a dashboard can
 * tell a figures answer that holds this point from one read before it (issue 40: "End equity"
 * beside the "All accounts" equity of another moment). Other updates go out as they are.
 */
export function withFiguresVersion(update: TopicUpdate, version: number): TopicUpdate {
  if (update.topic !== "equity") return update;
  return { ...update, data: { ...(update.data as EquityPoint), version } } as TopicUpdate;
}
