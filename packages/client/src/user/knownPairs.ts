/**
 * Whether a symbol MEXC (or anything posing as it) names in a private fill or order is a pair: a
 * symbol of the right shape may still be none (issue 37: "symbols that are no pair ... all
 * stored"). Known is any of:
 *
 * - listed in exchangeInfo, or in the offline pairs (GET /api/v3/symbol/offline: paused and
 *   delisted pairs, which leave exchangeInfo and are still reconciled), as the PairSource last read
 *   them (shared by a gateway's accounts, re-read hourly);
 * - configured by the user (the way to name a pair unsigned exchangeInfo hides, e.g. MEXC's
 *   "Assessment Zone");
 * - in the account's own accepted history (the execution record: fills and orders taken before,
 *   the store's when resumed), so a delisted pair the account traded stays known.
 *
 * An unknown symbol makes both lists be read again, at most once per UNKNOWN_PAIR_REREAD_MS: a
 * pair listed since is known from then on, and the reconciliation the refusal asks for reads its
 * fills from REST. Until the lists were read once, nothing can be judged: every well-shaped symbol
 * passes (protocol's shape checks still apply), so no real fill is dropped at start.
 */
import { UNKNOWN_PAIR_REREAD_MS } from "../constants.js";
import type { PairSource } from "./pairDirectory.js";

export class KnownPairs {
  private listed: ReadonlySet<string> | undefined;
  private rereadAt = Number.NEGATIVE_INFINITY;
  private reading: Promise<void> | undefined;

  constructor(
    private readonly deps: {
      readonly pairs: PairSource;
      /** Symbols the user configured. */
      readonly configured: readonly string[];
      /** The account's accepted history. */
      readonly history: () => ReadonlySet<string>;
      readonly now: () => number;
    },
  ) {}

  /** Whether `symbol` is a known pair now (true before the lists were ever read). */
  has(symbol: string): boolean {
    return (
      this.listed === undefined ||
      this.listed.has(symbol) ||
      this.deps.configured.includes(symbol) ||
      this.deps.history().has(symbol)
    );
  }

  /** Takes the lists' current copies (the PairSource's cache: no request while it is fresh). */
  refresh(): Promise<void> {
    this.reading ??= this.deps.pairs
      .symbols()
      .then((symbols) => {
        // An empty answer (both lists unavailable and never read) judges nothing.
        if (symbols.size > 0) this.listed = symbols;
      })
      .finally(() => {
        this.reading = undefined;
      });
    return this.reading;
  }

  /** An unknown symbol was seen: both lists are read again, unless that was done within UNKNOWN_PAIR_REREAD_MS. */
  recheck(): Promise<void> {
    const now = this.deps.now();
    if (now - this.rereadAt < UNKNOWN_PAIR_REREAD_MS) return Promise.resolve();
    this.rereadAt = now;
    this.deps.pairs.forgetBefore(now + 1);
    return this.refresh();
  }
}
