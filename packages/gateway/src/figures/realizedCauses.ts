/**
 * Why the realized PnL by asset and the pairs' total differ (GET /api/pnl/realized; contract
 * realized.ts; issue 57 item 1), a read model of the one loop (keeper.ts). The portfolio by asset
 * tells it what every move realized (portfolio.ts RealizedHook): the asset, what the move stood
 * for in its event (a trade's base, quote or fee, a flow, a conversion, an opening) and what it
 * realized by each method. Each move's realized goes to one cause:
 *
 *   a trade on a pair quoted in the quote currency (base or quote)   quotePairs
 *   a trade on a pair quoted in another coin: its base               otherBase
 *                                              its quote              otherQuote
 *   a trade's fee paid in a coin                                      feeCoins
 *   a withdrawal, deposit or transfer                                 flows
 *   a conversion of small balances                                    conversions
 *   an opening                                                        openings
 *
 * so the causes sum to the realized PnL by asset, exactly (every move realizes once, in one
 * cause). The answer takes the pairs' total out of quotePairs: what the trades of the pairs quoted
 * in the quote currency realized by asset, minus what those pairs realized by pair. Then
 *
 *   byAsset = byPair + the causes' realized, summed
 *
 * to the last of the figures' 18 places. Pure: no IO.
 */
import {
  type CostMethodName,
  MAX_CAUSE_NAMES,
  type PnlItem,
  REALIZED_CAUSES,
  type RealizedCause,
  type RealizedCauseName,
  type RealizedCauses,
} from "@mexc-live/contract";
import { FixedCell, type FixedRead, fixed, fixedText } from "@mexc-live/protocol";
import { COST_METHODS, type CostMethod } from "./engine/lots.js";
import type { Leg } from "./ledger/legs.js";
import type { AssetTotals, MoveRole, RealizedHook } from "./portfolio/portfolio.js";
import type { LedgerModel } from "./readModel.js";

/**
 * Names (pairs, assets) a cause keeps at most: MEXC lists about 2,500 spot pairs (its exchangeInfo),
 * so an account cannot have traded more; past it a name is counted in `more` only.
 */
const MAX_KEPT_NAMES = 4_096;
const STATE_VERSION = 1;

interface Tally {
  /** By method, in the portfolio's order (COST_METHODS). */
  readonly realized: readonly FixedCell[];
  readonly names: Set<string>;
  /** Names past MAX_KEPT_NAMES, each counted once it realized something. */
  more: number;
  readonly unpriced: Set<string>;
}

interface SavedTally {
  readonly realized: Record<CostMethod, string>;
  readonly names: readonly string[];
  readonly more: number;
  readonly unpriced: readonly string[];
}

const emptyTally = (): Tally => ({
  realized: COST_METHODS.map(() => new FixedCell()),
  names: new Set(),
  more: 0,
  unpriced: new Set(),
});

/** The cause of one move of the portfolio, and the name it goes under (the pair, or the asset). */
function causeOf(event: Leg, role: MoveRole, asset: string, quote: string): { cause: RealizedCauseName; name: string } {
  switch (event.kind) {
    case "trade": {
      if (role === "fee") return { cause: "feeCoins", name: asset };
      const symbol = event.fill.symbol;
      if (event.quote === quote) return { cause: "quotePairs", name: symbol };
      return { cause: role === "quote" ? "otherQuote" : "otherBase", name: symbol };
    }
    case "flow":
      return { cause: "flows", name: asset };
    case "conversion":
      return { cause: "conversions", name: asset };
    default:
      return { cause: "openings", name: asset };
  }
}

export class RealizedCausesModel implements LedgerModel, RealizedHook {
  readonly name = "realized";
  private tallies = new Map<RealizedCauseName, Tally>();

  /** `quote`: the quote currency the portfolio values in (the pairs quoted in it are quotePairs). */
  constructor(private readonly quote: string) {}

  /** The moves come through the portfolio (RealizedHook): a leg itself adds nothing here. */
  apply(): void {}

  realized(event: Leg, role: MoveRole, asset: string, index: number, realized: FixedRead): void {
    (this.tallyOf(event, role, asset).realized[index] as FixedCell).add(realized);
  }

  unpriced(event: Leg, role: MoveRole, asset: string): void {
    const tally = this.tallyOf(event, role, asset);
    if (tally.unpriced.size < MAX_KEPT_NAMES) tally.unpriced.add(asset);
  }

  /** The tally of the move's cause, its name counted in. */
  private tallyOf(event: Leg, role: MoveRole, asset: string): Tally {
    const { cause, name } = causeOf(event, role, asset, this.quote);
    let tally = this.tallies.get(cause);
    if (tally === undefined) {
      tally = emptyTally();
      this.tallies.set(cause, tally);
    }
    if (!tally.names.has(name)) {
      if (tally.names.size < MAX_KEPT_NAMES) tally.names.add(name);
      else tally.more++;
    }
    return tally;
  }

  /**
   * The answer by `method`: `totals`, every asset's by the portfolio now (their realized summed is
   * the figure by asset), `pairs` the figures by pair now, `quoteOf` a pair's quote asset.
   */
  answer(
    method: CostMethod,
    totals: Iterable<AssetTotals>,
    pairs: readonly PnlItem[],
    quoteOf: (symbol: string) => string | undefined,
  ): RealizedCauses {
    let byAsset = 0n;
    for (const asset of totals) byAsset += asset.realized[method];
    let byPair = 0n;
    for (const pair of pairs) if (quoteOf(pair.symbol) === this.quote) byPair += fixed(pair.realized, "realized");
    const causes: RealizedCause[] = [];
    for (const cause of REALIZED_CAUSES) {
      const tally = this.tallies.get(cause);
      if (tally === undefined && (cause !== "quotePairs" || byPair === 0n)) continue;
      const realized =
        (tally?.realized[COST_METHODS.indexOf(method)]?.value ?? 0n) - (cause === "quotePairs" ? byPair : 0n);
      const names = [...(tally?.names ?? [])].sort();
      const unpriced = [...(tally?.unpriced ?? [])].sort();
      causes.push({
        cause,
        realized: unpriced.length > 0 ? null : fixedText(realized),
        names: names.slice(0, MAX_CAUSE_NAMES),
        more: names.length - Math.min(names.length, MAX_CAUSE_NAMES) + (tally?.more ?? 0),
        unpriced,
      });
    }
    return {
      quote: this.quote,
      method: method as CostMethodName,
      byAsset: fixedText(byAsset),
      byPair: fixedText(byPair),
      causes,
    };
  }

  save(): string {
    const tallies: Record<string, SavedTally> = {};
    for (const [cause, tally] of this.tallies) {
      tallies[cause] = {
        realized: Object.fromEntries(
          COST_METHODS.map((method, i) => [method, (tally.realized[i] as FixedCell).text()]),
        ) as Record<CostMethod, string>,
        names: [...tally.names],
        more: tally.more,
        unpriced: [...tally.unpriced],
      };
    }
    return JSON.stringify({ version: STATE_VERSION, tallies });
  }

  endDay(): undefined {
    return undefined;
  }

  restore(text: string): boolean {
    let saved: { version?: unknown; tallies?: Record<string, SavedTally> };
    try {
      saved = JSON.parse(text) as typeof saved;
    } catch {
      return false;
    }
    if (saved.version !== STATE_VERSION || typeof saved.tallies !== "object" || saved.tallies === null) return false;
    const tallies = new Map<RealizedCauseName, Tally>();
    for (const [cause, tally] of Object.entries(saved.tallies)) {
      if (!(REALIZED_CAUSES as readonly string[]).includes(cause)) return false;
      tallies.set(cause as RealizedCauseName, {
        realized: COST_METHODS.map((method) => FixedCell.parse(tally.realized[method] ?? "0")),
        names: new Set(tally.names),
        more: tally.more,
        unpriced: new Set(tally.unpriced),
      });
    }
    this.tallies = tallies;
    return true;
  }
}
