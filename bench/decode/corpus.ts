/**
 * The decode benchmark's corpus: a seeded, deterministic mix of realistic frames encoded with
 * encodePush, in the proportions of issue 2 (60% depth diffs, 25% trades, 10% book tickers,
 * 5% private), shuffled so kinds and symbols interleave as they do on a live connection.
 */
import { encodePush, type MexcEventType } from "@mexc-live/protocol";
import type { PushWrapper } from "@mexc-live/protocol/wire";
import { createRng } from "../lib/prng.js";
import { type FrameContext, openMarkets } from "./markets.js";
import { balanceFrame, fillFrame, orderFrame } from "./privateFrames.js";
import { bookTickerFrame, depthDiffFrame, tradeFrame } from "./publicFrames.js";

/** Each frame kind is named by the event type `toEvent` makes of it. */
export type FrameKind = Extract<MexcEventType, "depthDiff" | "trade" | "bookTicker" | "balance" | "fill" | "order">;

/** Share of each kind; the 5% private splits 40/35/25 into balance, order and fill pushes. */
export const FRAME_MIX: Readonly<Record<FrameKind, number>> = {
  depthDiff: 0.6,
  trade: 0.25,
  bookTicker: 0.1,
  balance: 0.02,
  order: 0.0175,
  fill: 0.0125,
};

export const PRIVATE_KINDS: readonly FrameKind[] = ["balance", "order", "fill"];

export const DEFAULT_SEED = 20261121;

/** 2026-11-21T10:00:00Z: where the corpus' stream clock starts. */
const START_TIME_MS = 1795255200000;

const BUILDERS: Record<FrameKind, (ctx: FrameContext) => PushWrapper> = {
  depthDiff: depthDiffFrame,
  trade: tradeFrame,
  bookTicker: bookTickerFrame,
  balance: balanceFrame,
  order: orderFrame,
  fill: fillFrame,
};

export interface Corpus {
  readonly frames: readonly Uint8Array[];
  /** The kind of each frame, same index. */
  readonly kinds: readonly FrameKind[];
  readonly counts: Readonly<Record<FrameKind, number>>;
  readonly totalBytes: number;
  readonly seed: number;
}

export interface CorpusOptions {
  readonly frames: number;
  readonly seed?: number;
}

export function buildCorpus({ frames: size, seed = DEFAULT_SEED }: CorpusOptions): Corpus {
  const rng = createRng(seed);
  const counts = allocate(size);
  const kinds = rng.shuffle(
    (Object.keys(counts) as FrameKind[]).flatMap((kind) => Array<FrameKind>(counts[kind]).fill(kind)),
  );
  const ctx: FrameContext = { rng, markets: openMarkets(), now: START_TIME_MS };
  const frames: Uint8Array[] = [];
  let totalBytes = 0;
  for (const kind of kinds) {
    ctx.now += rng.int(0, 2);
    const frame = encodePush(BUILDERS[kind](ctx));
    frames.push(frame);
    totalBytes += frame.length;
  }
  return { frames, kinds, counts, totalBytes, seed };
}

/** Exact counts per kind summing to `size` (largest remainder). */
function allocate(size: number): Record<FrameKind, number> {
  const kinds = Object.keys(FRAME_MIX) as FrameKind[];
  const counts = Object.fromEntries(kinds.map((k) => [k, Math.floor(size * FRAME_MIX[k])])) as Record<
    FrameKind,
    number
  >;
  const byRemainder = [...kinds].sort((a, b) => ((size * FRAME_MIX[b]) % 1) - ((size * FRAME_MIX[a]) % 1));
  let missing = size - kinds.reduce((sum, k) => sum + counts[k], 0);
  for (let i = 0; missing > 0; i = (i + 1) % kinds.length, missing--) counts[byRemainder[i]!]++;
  return counts;
}
