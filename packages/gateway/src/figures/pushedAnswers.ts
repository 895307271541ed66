/**
 * The answers the `figures` topic carries (contract PushedFigures): the reads a dashboard shows
 * beside its fills, at the gateway's defaults, worked out once per push of the figures version
 * (figuresVersion.ts: at most once per FIGURES_PUSH_MS, however many browsers watch, and not at
 * all while none can receive them: accountFanout.ts), compared with those sent before, and the
 * ones that changed carried; so a browser applies them and reads nothing over HTTP after a fill
 * (the walk of a fill, ARCHITECTURE.md).
 */
import { PUSHED_READS, type PushedFigures, type PushedReadName } from "@mexc-live/contract";
import type { CostMethod } from "./index.js";
import type { TableReads } from "./tableReads.js";

/**
 * The most JSON one carried answer may take, characters. Three of them make a push of at most
 * 192 KiB, under a fifth of a browser's 1 MiB of queued updates (fanout/limits.ts,
 * MAX_QUEUED_BYTES_PER_CLIENT), so a push never overflows a slow browser's queue by itself; a year
 * of fee days (43 KB for the bench's 100,000 fills) or a few hundred pairs' PnL fit. An answer over it goes out as its version only
 * (changedAt), and the browser reads that one over HTTP.
 */
export const MAX_PUSHED_ANSWER_CHARS = 64 * 1024;

/** The days of `feeDays` as pushed: UTC (a browser in another zone reads its own). */
const PUSHED_ZONE = "UTC";

type Carried = { -readonly [K in PushedReadName]?: PushedFigures["answers"][K] };

export class PushedAnswers {
  /** Per read, the JSON last worked out and the version it changed at. */
  private readonly sent = new Map<PushedReadName, { readonly json: string; readonly at: number }>();
  /** Which call is the latest: one overtaken while it read (its push went out without it) changes nothing. */
  private calls = 0;

  constructor(
    private readonly reads: Pick<TableReads, PushedReadName>,
    private readonly method: CostMethod,
    private readonly maxChars = MAX_PUSHED_ANSWER_CHARS,
  ) {}

  /**
   * A push went out without answers (nobody could receive them: accountFanout.ts), none worked
   * out: what changed until the next call is not known, so the next carries every answer, changed
   * at its version. A browser that opened meanwhile read them over HTTP at some version between;
   * an answer said unchanged since an older version would leave it with that read's (it may have
   * been a state the figures passed through). A call under way then is overtaken.
   */
  unheard(): void {
    this.sent.clear();
    this.calls++;
  }

  /** The answers at `version`: those that changed since the last call carried, every read's version of change said. */
  async at(version: number): Promise<PushedFigures> {
    const { reads, method } = this;
    const call = ++this.calls;
    const worked = await Promise.all([reads.fees(), reads.feeDays({ tz: PUSHED_ZONE }), reads.pnl({ method })]);
    if (call !== this.calls) throw new Error("answers overtaken by a later push");
    const answers: Carried = {};
    const changedAt: { [K in PushedReadName]?: number } = {};
    PUSHED_READS.forEach((name, index) => {
      const answer = worked[index];
      const json = JSON.stringify(answer);
      const before = this.sent.get(name);
      const at = before?.json === json ? before.at : version;
      this.sent.set(name, { json, at });
      changedAt[name] = at;
      if (at === version && json.length <= this.maxChars) (answers as Record<string, unknown>)[name] = answer;
    });
    return { method, tz: PUSHED_ZONE, changedAt, answers };
  }
}
