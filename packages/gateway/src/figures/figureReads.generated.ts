// Written by `npm run codegen` (scripts/figureReads.mjs) from every `export const ... = figureRead(...)`
// under figures/: do not edit. The compiler asks for a read of each figure row of the contract's table.
import type { FigureReadName } from "@mexc-live/contract";
import type { FigureRead } from "./figureRead.js";
import { holdingTimesRead } from "./journal/holdingTimes.js";
import { journalRead, journalTripsRead } from "./journal/journalReads.js";
import type { AccountModels } from "./keeper.js";
import { equityRead, feesRead, pnlRead, realizedRead, volumeRead } from "./modelReads.js";
import { assetPnlRead } from "./portfolio/assetPnlAnswer.js";
import { feeDaysRead } from "./portfolio/feeDaysAnswer.js";
import { moneyWeightedRead } from "./portfolio/moneyWeightedAnswer.js";
import { performanceRead } from "./portfolio/performanceAnswer.js";
import { pnlPeriodsRead } from "./portfolio/periodsAnswer.js";

/** Every figure read, by its row's name, each of the account's models. */
export const FIGURE_READS: { readonly [K in FigureReadName]: FigureRead<K, AccountModels> } = {
  assetPnl: assetPnlRead,
  equity: equityRead,
  feeDays: feeDaysRead,
  fees: feesRead,
  holdingTimes: holdingTimesRead,
  journal: journalRead,
  journalTrips: journalTripsRead,
  moneyWeighted: moneyWeightedRead,
  performance: performanceRead,
  pnl: pnlRead,
  pnlPeriods: pnlPeriodsRead,
  realized: realizedRead,
  volume: volumeRead,
};
