/**
 * Order and trade ids shaped like MEXC's: `C02__<18 digits><3 digits>` and `<18 digits>X1`.
 *
 * The 18 digits are a time-ordered sequence, as MEXC's are: its ids are snowflakes, the ms since
 * MEXC_ID_EPOCH_MS shifted left by 22 bits (docs/mexc/protobuf.md, order ids and createTime:
 * `C02__583905164440776704043` created at 1754996075502 and `505979017439002624` sent at
 * 1736417034281 are 18,579,041,221 ms and 77,926,147,001,774,080 apart, 4,194,304 = 2^22 a ms).
 * Each id is the larger of the previous one plus a seeded gap and the wall clock's place in that
 * sequence, so ids are unique and increasing within a run, and a restarted simulator, seeded the
 * same, never hands out an id of an earlier run: its ids start at its own start time (the seed
 * keeps prices, flow and keys reproducible, not ids; MEXC never reuses one). That holds while the
 * machine's clock does not step back and a run hands out fewer than 2^22 / MAX_GAP ids a ms.
 *
 * The past's ids (pastHistory.ts) come from a block just below the start's place, with gaps of
 * at most PAST_MAX_GAP, so they sort before live ones as older ids do on MEXC. Even the largest
 * past (MAX_ACCOUNTS accounts, MAX_HISTORY_DAYS days at about 25 fills a day, tradingPace.ts: a few
 * million ids) spans some 10 ms of the sequence, less than any restart takes, so the block stays
 * above every id of the run before.
 */
import type { Random } from "../random.js";

/** MEXC's id epoch (ms), from the two ids and times above (they agree within 22 ms). */
const MEXC_ID_EPOCH_MS = 1_615_782_235_866n;
/** The bits below the time in MEXC's ids (2^22 per ms, measured above). */
const TIME_SHIFT = 22n;
/** Largest random gap between two consecutive live sequence numbers. */
const MAX_GAP = 4096;
/** Largest random gap between two past ids: keeps the past's block within a few ms (above). */
const PAST_MAX_GAP = 16;

export interface IdSource {
  orderId(): string;
  tradeId(): string;
  /** Every id of this source is above this sequence number. */
  readonly floor: bigint;
}

/** The sequence number of wall-clock time `ms`: its first id of that ms. */
export function sequenceAt(ms: number): bigint {
  const since = BigInt(Math.max(0, Math.floor(ms))) - MEXC_ID_EPOCH_MS;
  return (since > 0n ? since : 0n) << TIME_SHIFT;
}

/** Below 2^22: a seeded place within the start's ms, where the first live id goes. */
const START_OFFSET_MAX = 999_999;

/** Live ids: from a seeded place in the start's ms, never behind the clock afterwards. */
export function createIdSource(random: Random, now: () => number): IdSource {
  return sequenceSource(random, sequenceAt(now()) + BigInt(random.int(0, START_OFFSET_MAX)), MAX_GAP, now);
}

/**
 * `count` ids of the same shapes, increasing, all below every id of `above` (the past's ids,
 * pastHistory.ts: they sort before live ones, as older ids do on MEXC).
 */
export function createIdSourceBelow(random: Random, above: IdSource, count: number): IdSource {
  return sequenceSource(random, above.floor - BigInt(count) * BigInt(PAST_MAX_GAP) - 1n, PAST_MAX_GAP);
}

function sequenceSource(random: Random, floor: bigint, maxGap: number, now?: () => number): IdSource {
  let sequence = floor;
  const nextSequence = () => {
    sequence += BigInt(random.int(1, maxGap));
    if (now) {
      const clock = sequenceAt(now());
      if (clock > sequence) sequence = clock;
    }
    return sequence.toString();
  };
  return {
    orderId: () => `C02__${nextSequence()}${String(random.int(0, 999)).padStart(3, "0")}`,
    tradeId: () => `${nextSequence()}X1`,
    floor,
  };
}
