/**
 * One symbol's local order book: price levels per side with their absolute quantities. Prices
 * are keys as canonical decimal strings (REST snapshots are padded "96987.90", pushes trimmed
 * "96987.9": both become one key), kept in a sorted array best-first; no float ever touches a
 * price. A malformed number is refused (ProtocolError), never guessed at.
 */
import { compareCanonical, isUnsignedDecimal, normalize, ProtocolError } from "@mexc-live/protocol";

export interface BookLevel {
  readonly price: string;
  readonly quantity: string;
}

/** A level as pushes carry it ({price, quantity}) or as REST snapshots do ([price, quantity]). */
export type LevelInput = BookLevel | readonly [string, string];

/** Both sides' levels, of a snapshot or a diff. */
export interface BookLevels {
  readonly bids: readonly LevelInput[];
  readonly asks: readonly LevelInput[];
}

export interface BookTop {
  readonly bids: readonly BookLevel[];
  readonly asks: readonly BookLevel[];
}

/** "0096987.90" -> "96987.9", "0.000" -> "0". Throws ProtocolError for anything but a plain non-negative decimal. */
export function canonicalDecimal(text: string): string {
  if (!isUnsignedDecimal(text)) {
    throw new ProtocolError("MALFORMED", `not a decimal price or quantity: "${text.slice(0, 40)}"`);
  }
  return normalize(text);
}

function canonicalLevel(level: LevelInput): [string, string] {
  const [price, quantity] = isPair(level) ? level : [level.price, level.quantity];
  return [canonicalDecimal(price), canonicalDecimal(quantity)];
}

function isPair(level: LevelInput): level is readonly [string, string] {
  return Array.isArray(level);
}

class BookSide {
  readonly quantities = new Map<string, string>();
  /** Best first: bids descending, asks ascending. */
  readonly prices: string[] = [];

  constructor(private readonly descending: boolean) {}

  /** Sets one level; `price` and `quantity` are canonical. */
  set(price: string, quantity: string): void {
    const known = this.quantities.has(price);
    if (quantity === "0") {
      if (!known) return;
      this.quantities.delete(price);
      this.prices.splice(this.indexOf(price), 1);
      return;
    }
    if (!known) this.prices.splice(this.indexOf(price), 0, price);
    this.quantities.set(price, quantity);
  }

  top(n: number): BookLevel[] {
    return this.prices.slice(0, n).map((price) => ({ price, quantity: this.quantities.get(price)! }));
  }

  clear(): void {
    this.quantities.clear();
    this.prices.length = 0;
  }

  /** Index of `price`, or where it would go. */
  private indexOf(price: string): number {
    let lo = 0;
    let hi = this.prices.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const order = compareCanonical(this.prices[mid]!, price);
      if (this.descending ? order > 0 : order < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export class DepthBook {
  private readonly bidSide = new BookSide(true);
  private readonly askSide = new BookSide(false);
  private currentVersion: string | undefined;

  constructor(readonly symbol: string) {}

  /** The version the book reflects (snapshot lastUpdateId, then each applied toVersion). */
  get version(): string | undefined {
    return this.currentVersion;
  }

  /** Replaces everything with a snapshot. */
  load(snapshot: BookLevels & { readonly version: string }): void {
    this.write(snapshot.version, snapshot, true);
  }

  /** Applies absolute level quantities ("0" removes the level) and moves to `toVersion`. */
  apply(diff: BookLevels & { readonly toVersion: string }): void {
    this.write(diff.toVersion, diff, false);
  }

  private write(version: string, levels: BookLevels, replace: boolean): void {
    // Every number is checked before the first level changes: a bad one leaves the book as it was.
    const bids = levels.bids.map(canonicalLevel);
    const asks = levels.asks.map(canonicalLevel);
    if (replace) this.clear();
    for (const [price, quantity] of bids) this.bidSide.set(price, quantity);
    for (const [price, quantity] of asks) this.askSide.set(price, quantity);
    this.currentVersion = version;
  }

  bestBid(): BookLevel | undefined {
    return this.bidSide.top(1)[0];
  }

  bestAsk(): BookLevel | undefined {
    return this.askSide.top(1)[0];
  }

  /** The best `n` levels of each side, best first. */
  top(n: number): BookTop {
    return { bids: this.bidSide.top(n), asks: this.askSide.top(n) };
  }

  /** Levels per side. */
  get size(): { readonly bids: number; readonly asks: number } {
    return { bids: this.bidSide.prices.length, asks: this.askSide.prices.length };
  }

  clear(): void {
    this.bidSide.clear();
    this.askSide.clear();
    this.currentVersion = undefined;
  }
}
