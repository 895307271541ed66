/**
 * PnL by asset now (GET /api/pnl?by=asset): per asset held or traded, its quantity, cost basis,
 * realized, unrealized at the price of now, fees and value.
 */
import type { AssetPnlItem } from "@mexc-live/contract";
import { fixedDecimal, fixedText, fmt, roundFigure } from "@mexc-live/protocol";
import type { CostMethod } from "../engine/lots.js";
import { figureRead } from "../figureRead.js";
import { valueAt } from "./bridge.js";
import type { PortfolioModels, PortfolioQueries } from "./portfolioQueries.js";
import type { Readings } from "./readings.js";

function assetPnlAnswer(readings: Readings, method: CostMethod): AssetPnlItem[] {
  const items: AssetPnlItem[] = [];
  for (const [asset, totals] of readings.deps.portfolio.headTotals()) {
    const realized = totals.realized[method];
    if (totals.quantity === 0n && realized === 0n && totals.fees === 0n) continue;
    const price = readings.livePrice(asset);
    const value = valueAt(totals.quantity, price);
    const known = !totals.costUnknown[method];
    const cost = known ? totals.cost[method] : null;
    items.push({
      asset,
      quantity: fixedText(totals.quantity),
      costBasis: cost === null ? null : fixedText(cost),
      averageCost:
        cost === null || totals.quantity === 0n
          ? null
          : fmt(roundFigure(fixedDecimal(cost).div(fixedDecimal(totals.quantity)))),
      realized: fixedText(realized),
      unrealized: value === null || cost === null ? null : fixedText(value - cost),
      fees: fixedText(totals.fees),
      value: value === null ? null : fixedText(value),
      price: price === null ? null : fmt(price),
      method,
    });
  }
  return items;
}

/** PnL by asset by `method` (default the --cost-basis setting) once the portfolio holds everything stored. */
export async function assetPnlOf(queries: PortfolioQueries, method?: CostMethod): Promise<AssetPnlItem[]> {
  return queries.readings.current(() => assetPnlAnswer(queries.readings, method ?? queries.readings.deps.method));
}

export const assetPnlRead = figureRead("assetPnl", {
  answer: ({ keeper }: PortfolioModels, query) => assetPnlOf(keeper.queries, query.method),
});
