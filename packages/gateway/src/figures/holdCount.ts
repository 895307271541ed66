/**
 * Holds, counted, each released once: what keeps work from beginning while something else is
 * under way (an import writing, a model not started). The figures' passes (passes.ts) and their
 * keeper (keeper.ts) each count theirs.
 */
export class HoldCount {
  private count = 0;

  /** A hold is not released yet. */
  get held(): boolean {
    return this.count > 0;
  }

  /** Takes a hold; its release (once: later calls do nothing) counts it off, then calls `released`. */
  take(released: () => void): () => void {
    this.count++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.count--;
      released();
    };
  }
}
