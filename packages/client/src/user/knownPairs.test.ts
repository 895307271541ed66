/**
 * The bound on re-reading the pair lists for unknown symbols (UNKNOWN_PAIR_REREAD_MS): a hostile
 * upstream naming a new pair in every push causes one re-read per 5 minutes, no more; a pair
 * listed since is known after it.
 */
import { describe, expect, it } from "vitest";
import { UNKNOWN_PAIR_REREAD_MS } from "../constants.js";
import { KnownPairs } from "./knownPairs.js";
import type { Pair, PairSource } from "./pairDirectory.js";

/** The pair lists as MEXC answers them, counting what was read. */
class Lists implements PairSource {
  reads = 0;
  private fresh = false;
  listed = new Set(["BTCUSDT"]);
  async all(): Promise<Pair[]> {
    return [];
  }
  async symbols(): Promise<ReadonlySet<string>> {
    if (!this.fresh) this.reads++;
    this.fresh = true;
    return new Set(this.listed);
  }
  forgetBefore(): void {
    this.fresh = false;
  }
}

describe("known pairs", () => {
  it("re-reads the lists for an unknown symbol at most once per UNKNOWN_PAIR_REREAD_MS", async () => {
    const lists = new Lists();
    let now = 1_000_000;
    const known = new KnownPairs({
      pairs: lists,
      configured: ["HIDDENUSDT"],
      history: () => new Set(["OLDUSDT"]),
      now: () => now,
    });
    expect(known.has("NEWUSDT")).toBe(true); // nothing read yet: nothing judged
    await known.refresh();
    expect(lists.reads).toBe(1);
    expect([known.has("BTCUSDT"), known.has("HIDDENUSDT"), known.has("OLDUSDT"), known.has("NEWUSDT")]).toEqual([
      true,
      true,
      true,
      false,
    ]);

    lists.listed.add("NEWUSDT");
    await known.recheck();
    expect(lists.reads).toBe(2);
    expect(known.has("NEWUSDT")).toBe(true);

    now += UNKNOWN_PAIR_REREAD_MS - 1;
    for (let n = 0; n < 100; n++) await known.recheck();
    expect(lists.reads).toBe(2);
    now += 1;
    await known.recheck();
    expect(lists.reads).toBe(3);
  });
});
