/**
 * The one position engine: positions keyed by pair (money in the pair's quote asset, a sale past
 * what is held "uncovered") or by asset (money in the account's quote currency, "short"), all by
 * one cost-basis method (lots.ts) over one fixed-point type (protocol's Fixed). The figures by
 * pair (figures.ts), the figures by asset (portfolio/portfolio.ts), the journal's round trips and
 * the tax report are views of it: the same `move`, the same rounding.
 */
import type { FixedRead } from "@mexc-live/protocol";
import type { PositionMethod } from "./lots.js";
import { type Overreach, Position, type PositionState } from "./position.js";

/** A book as plain JSON: each key's position. */
export type PositionBookState = Readonly<Record<string, PositionState>>;

export class PositionBook {
  private readonly positions = new Map<string, Position>();

  constructor(
    readonly method: PositionMethod,
    readonly overreach: Overreach,
    state?: PositionBookState,
    /** Lots that keep when each was acquired (Position's `dated`). */
    readonly dated = false,
  ) {
    for (const [key, saved] of Object.entries(state ?? {}))
      this.positions.set(key, new Position(method, overreach, saved));
  }

  /** Moves `quantity` of `key` for `money` (Position.move); the PnL it realized (read it before the key's next move). */
  move(key: string, quantity: FixedRead, money: FixedRead | null): FixedRead {
    return this.positionOf(key).move(quantity, money);
  }

  /** The position of `key`; undefined before its first move. */
  position(key: string): Position | undefined {
    return this.positions.get(key);
  }

  /** The position of `key`, made flat when it has none yet. */
  positionOf(key: string): Position {
    let position = this.positions.get(key);
    if (position === undefined) {
      position = new Position(this.method, this.overreach, undefined, this.dated);
      this.positions.set(key, position);
    }
    return position;
  }

  /** Every key moved so far, sorted. */
  keys(): string[] {
    return [...this.positions.keys()].sort();
  }

  /** Lots held over every position (what a checkpoint costs to write). */
  lotCount(): number {
    let lots = 0;
    for (const position of this.positions.values()) lots += position.lotCount;
    return lots;
  }

  save(): PositionBookState {
    // Null-prototype: a key named "__proto__" (refused at the edge anyway) stays a plain key.
    const out: Record<string, PositionState> = Object.create(null);
    for (const [key, position] of this.positions) out[key] = position.save();
    return out;
  }
}
