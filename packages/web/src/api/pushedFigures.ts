/**
 * What a `figures` push (contract PushedFigures) does to the figures a dashboard holds
 * (useFigures.ts): the answers it carries for the dashboard's own query are applied as they are,
 * with no read over HTTP; an answer it says changed since the one held and does not carry (too
 * large for a push, conflated away behind a later push, or for another query: another cost basis,
 * days in another zone) is read again over HTTP, that one alone.
 */
import { type CostMethodName, type FiguresVersion, PUSHED_READS, type PushedReadName } from "@mexc-live/contract";

/** Per read, the figures version the answer held is known to be current at (undefined: none held yet). */
export type HeldAt = { [K in PushedReadName]?: number };

/** The reads whose days follow the query's zone. */
const ZONED: ReadonlySet<PushedReadName> = new Set(["feeDays"]);
/** The reads whose answer follows the query's cost basis. */
const BY_METHOD: ReadonlySet<PushedReadName> = new Set(["pnl"]);

export interface PushOutcome {
  /** The answers to apply now, each current at `push.version`. */
  readonly apply: {
    readonly [K in PushedReadName]?: NonNullable<NonNullable<FiguresVersion["answers"]>["answers"][K]>;
  };
  /** The reads to make over HTTP. */
  readonly read: readonly PushedReadName[];
}

/**
 * `method` the dashboard's cost basis (null: the gateway's), `tz` its zone. A push without answers
 * (an older gateway) applies nothing and reads nothing: the version's read (useFigures) does.
 */
export function takePush(
  push: FiguresVersion,
  held: HeldAt,
  method: CostMethodName | null,
  tz: string | undefined,
): PushOutcome {
  const pushed = push.answers;
  if (pushed === undefined) return { apply: {}, read: [] };
  const apply: Record<string, unknown> = {};
  const read: PushedReadName[] = [];
  for (const name of PUSHED_READS) {
    const ours =
      (!ZONED.has(name) || (tz ?? "UTC") === pushed.tz) &&
      (!BY_METHOD.has(name) || method === null || method === pushed.method);
    const answer = pushed.answers[name];
    // An answer read over HTTP at a later version than this push's is newer: kept.
    if (ours && answer !== undefined) {
      if (push.version >= (held[name] ?? Number.NEGATIVE_INFINITY)) apply[name] = answer;
    } else if (!ours || (held[name] ?? Number.NEGATIVE_INFINITY) < (pushed.changedAt[name] ?? Number.POSITIVE_INFINITY))
      read.push(name);
  }
  return { apply: apply as PushOutcome["apply"], read };
}
