import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { history, twoPairs } from "../../test/randomHistory.js";
import { Figures, type ValuedFillItem } from "./figures.js";

/** `extra`'s fills, renamed, the first at `first` and the others after `after`. */
function moved(extra: readonly ValuedFillItem[], prefix: string, first: number, after: number): ValuedFillItem[] {
  return extra.map((fill, i) => ({
    ...fill,
    tradeId: `${prefix}${String(i).padStart(4, "0")}`,
    time: i === 0 ? first : after + (fill.time - (extra[0] as ValuedFillItem).time) + 1,
  }));
}

function replayed(fills: readonly ValuedFillItem[]): Figures {
  const figures = new Figures(twoPairs());
  figures.replay(fills);
  return figures;
}

describe("figures resumed from a day's mark and the figures the mark came from", () => {
  it("go their own ways: each equals a replay of its own fills, though they share the days and FIFO lots before the mark", () => {
    fc.assert(
      fc.property(history, fc.nat(), history, history, (fills, cut, liveExtra, copyExtra) => {
        const live = replayed(fills);
        const resumed = live.fromDay((fills[cut % fills.length] as ValuedFillItem).time);
        expect(resumed).toBeDefined();
        const { figures: copy, from } = resumed as NonNullable<typeof resumed>;
        const last = (fills.at(-1) as ValuedFillItem).time;
        // Each side goes on with fills of its own, the first of them in a day before the mark
        // (held by both), applied in turns so that each appends lots and buckets after the other.
        const liveSequence = moved(liveExtra, "l", from - 1, last);
        const copySequence = [...fills.filter((fill) => fill.time >= from), ...moved(copyExtra, "c", from - 1, last)];
        for (let i = 0; i < Math.max(liveSequence.length, copySequence.length); i++) {
          const a = liveSequence[i];
          const b = copySequence[i];
          if (a !== undefined) live.apply(a);
          if (b !== undefined) copy.apply(b);
        }
        const liveAlone = replayed([...fills, ...liveSequence]);
        const copyAlone = replayed([...fills.filter((fill) => fill.time < from), ...copySequence]);
        expect(JSON.stringify(live.checkpoint())).toBe(JSON.stringify(liveAlone.checkpoint()));
        expect(JSON.stringify(copy.checkpoint())).toBe(JSON.stringify(copyAlone.checkpoint()));
        expect(copy.checkpointText()).toBe(JSON.stringify(copyAlone.checkpoint()));
        expect(live.volume({ tz: "Asia/Kathmandu" })).toEqual(liveAlone.volume({ tz: "Asia/Kathmandu" }));
      }),
      { numRuns: 150 },
    );
  });
});
