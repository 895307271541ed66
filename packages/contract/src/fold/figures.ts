/**
 * How figures pushes (FiguresVersion with PushedFigures, items.ts) fold, on both sides of the
 * stream: a later push replaces an earlier one, but an answer the earlier carried that has not
 * changed since (the later's `changedAt` for it is the same) is kept, so a push conflated away or
 * replaced before it was shown loses no answer, and a snapshot holds every answer it can. Pure.
 */
import { type FiguresVersion, PUSHED_READS } from "../items.js";

export function laterFigures(held: FiguresVersion | null, next: FiguresVersion): FiguresVersion {
  const before = held?.answers;
  const after = next.answers;
  if (before === undefined || after === undefined || held?.account !== next.account) return next;
  if (before.method !== after.method || before.tz !== after.tz) return next;
  const kept: Record<string, unknown> = {};
  for (const name of PUSHED_READS) {
    const answer = before.answers[name];
    if (answer !== undefined && after.answers[name] === undefined && after.changedAt[name] === before.changedAt[name])
      kept[name] = answer;
  }
  if (Object.keys(kept).length === 0) return next;
  return { ...next, answers: { ...after, answers: { ...kept, ...after.answers } } };
}
