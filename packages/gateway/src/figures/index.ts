/** Derived figures: prices (live and of past moments) and valuation, equity, PnL by pair and by asset (average cost and FIFO), the bridge over a range, fees, volume, time zones. Pure, no I/O. */

export { type CostMethod, POSITION_METHODS, type PositionMethod } from "./engine/lots.js";
export { balanceItems, equityPoint } from "./equity.js";
export { valueFill } from "./fees.js";
export { Figures } from "./figures.js";
export type { PairsOf } from "./fillPairs.js";
export { openingPositions } from "./openingPositions.js";
export { performance } from "./performance.js";
export {
  type MarketSymbol,
  PriceBook,
} from "./priceBook.js";
export { emptyTaxEnd, type TaxEnd, type TaxLine, type TaxRow, taxRows, taxSteps } from "./taxReport.js";
