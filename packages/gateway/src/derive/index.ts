/** Derived figures: prices and valuation, equity, PnL (average cost), fees, volume. Pure, no I/O. */
export { type BalanceAmounts, balanceItems, equityPoint } from "./equity.js";
export { FeeBook, type FeeFill, type FillValuation, feeSummary, type ValuedFill, valueFill } from "./fees.js";
export { Figures, type ValuedFillItem } from "./figures.js";
export { type OpeningInput, openingPositions } from "./openingPositions.js";
export { PnlBook, type PnlFill } from "./pnl.js";
export {
  DEFAULT_INTERMEDIATES,
  DEFAULT_QUOTE,
  type MarketInfo,
  type MarketSymbol,
  PriceBook,
  type PriceBookOptions,
  type PriceOverride,
  type PriceSource,
} from "./priceBook.js";
export { utcDay, VolumeBook, type VolumeFill, type VolumeQuery, volumeByDay } from "./volume.js";
