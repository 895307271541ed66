/** Derived figures: prices (live and of past moments) and valuation, equity, PnL by pair and by asset (average cost and FIFO), the bridge over a range, fees, volume, time zones. Pure, no I/O. */

export { AvgCostBook } from "./costBasis/avgCost.js";
export { FifoBook } from "./costBasis/fifo.js";
export { COST_METHODS, type CostMethod, type Disposal, type PositionBook } from "./costBasis/positionBook.js";
export type { PnlFill } from "./costBasis/tradeLegs.js";
export { type BalanceAmounts, balanceItems, equityPoint } from "./equity.js";
export { FeeBook, type FeeFill, type FillValuation, feeSummary, type ValuedFill, valueFill } from "./fees.js";
export { Figures, type FiguresState, type FillKey, type ValuedFillItem } from "./figures.js";
export { type OpeningInput, openingPositions } from "./openingPositions.js";
export { type PerformanceInput, performance, valuedFlows } from "./performance.js";
export {
  DEFAULT_INTERMEDIATES,
  type MarketInfo,
  type MarketSymbol,
  PriceBook,
  type PriceBookOptions,
  type PriceOverride,
  type PriceSource,
} from "./priceBook.js";
export { type TaxRow, taxRows } from "./taxReport.js";
export { utcDay, VolumeBook, type VolumeFill, type VolumeQuery, volumeByDay } from "./volume.js";
