/**
 * Health's `figures` (contract Health.figures): what the account's figures are still taking in,
 * said once it has gone on for FIGURES_UPDATING_AFTER_MS. A live fill recomputes the figures in
 * milliseconds every so often; said at once, "Updating" would flash on screen at each one.
 */
import type { Health } from "@mexc-live/contract";
import { FIGURES_UPDATING_AFTER_MS } from "../config/defaults.js";

export class FiguresHealth {
  /** Since when the figures have been taking something in; undefined while they hold everything stored. */
  private since: number | undefined;

  constructor(private readonly after = FIGURES_UPDATING_AFTER_MS) {}

  /** `updating`: what the figures take in now (FiguresKeeper.updating), read at `now` (ms). */
  read(now: number, updating: readonly string[]): NonNullable<Health["figures"]> {
    if (updating.length === 0) this.since = undefined;
    else this.since ??= now;
    const said = this.since !== undefined && now - this.since >= this.after;
    return { updating: said ? [...updating] : [] };
  }
}
