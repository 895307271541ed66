/**
 * Order and trade ids shaped like MEXC's: `C02__<18 digits><3 digits>` and `<18 digits>X1`.
 * The 18 digits come from one increasing sequence (seeded start, seeded gaps), so every id is
 * unique and later ids sort after earlier ones; the past's ids come from a sequence that ends
 * below the live one (createIdSourceBelow).
 */
import type { Random } from "../random.js";

/** Where the 18-digit sequence starts (plus a seeded offset), like MEXC's 2025 ids. */
const SEQUENCE_BASE = 505_979_017_439_000_000n;
/** Largest random gap between two consecutive sequence numbers. */
const MAX_GAP = 4096;

export interface IdSource {
  orderId(): string;
  tradeId(): string;
  /** Every id of this source is above this sequence number. */
  readonly floor: bigint;
}

export function createIdSource(
  random: Random,
  floor = SEQUENCE_BASE + BigInt(random.int(0, 999_999)) * 1000n,
): IdSource {
  let sequence = floor;
  const nextSequence = () => {
    sequence += BigInt(random.int(1, MAX_GAP));
    return sequence.toString();
  };
  return {
    orderId: () => `C02__${nextSequence()}${String(random.int(0, 999)).padStart(3, "0")}`,
    tradeId: () => `${nextSequence()}X1`,
    floor,
  };
}

/**
 * `count` ids of the same shapes, increasing, all below every id of `above` (the past's ids,
 * pastHistory.ts: they sort before live ones, as older ids do on MEXC).
 */
export function createIdSourceBelow(random: Random, above: IdSource, count: number): IdSource {
  return createIdSource(random, above.floor - BigInt(count) * BigInt(MAX_GAP) - 1n);
}
