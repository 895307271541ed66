/**
 * The pairs whose fills the figures by asset and the tax report leave out, named with how many and
 * why (health's `figures.unplaced`): a pair nothing splits into base and quote (not in MEXC's symbol
 * list, never remembered from it nor named by an import, no known quote at its end). A pair MEXC
 * delisted is not one of them: its split is remembered, or read off its spelling.
 */
import type { UnplacedPair } from "@mexc-live/contract";

export interface UnplacedFillsProps {
  /** Health's `figures.unplaced`; undefined from a gateway that does not say. */
  readonly unplaced: readonly UnplacedPair[] | undefined;
}

/** Nothing while every fill is placed (or the gateway says nothing). */
export function UnplacedFills({ unplaced }: UnplacedFillsProps) {
  if (!Array.isArray(unplaced) || unplaced.length === 0) return null;
  return (
    <div className="legend unplaced-fills" role="note">
      <p>Left out of PnL by asset, performance, the journal's comparisons and the tax report:</p>
      <ul>
        {unplaced.map((pair) => (
          <li key={pair.symbol}>
            {pair.fills} {pair.fills === 1 ? "fill" : "fills"} of {pair.symbol}: {pair.reason}. Importing MEXC's trade
            export that holds them names both assets (docs/troubleshooting.md).
          </li>
        ))}
      </ul>
    </div>
  );
}
