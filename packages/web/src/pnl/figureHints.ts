/**
 * What each PnL figure on screen is, for its tooltip: one home for the words, which
 * docs/figures.md ("On screen") says at length.
 */
export const FIGURE_HINTS = {
  quantity: "What the account holds now: free plus locked, in the asset itself",
  price: "The live price of one unit, in the quote currency",
  value: "Quantity at the live price, in the quote currency",
  costBasis:
    "What the quantity held cost, in the quote currency: bought at its price and fees, deposited or transferred in at its market value then",
  averageCost: "Cost basis divided by the quantity held",
  realized:
    "PnL of every disposal so far: what was sold (or withdrawn, or transferred out, at its market value then) brought minus what it cost",
  unrealized: "Value minus cost basis: what the quantity held would gain or lose if disposed of now",
  feesInAsset: "Fees paid in this asset, each valued in the quote currency when paid",
  position: "The pair's base asset held by its trades (and opening position), as the cost-basis method counts it",
  pairAverageCost: "What each unit of the position cost, in the pair's quote asset",
  lastPrice: "The last price known for the pair, in its quote asset",
  pairRealized: "PnL of the pair's sells so far, in the pair's quote asset",
  pairUnrealized: "The position at the last price minus what it cost, in the pair's quote asset",
  pairFees: "Fees of the pair's fills, each valued in the quote currency when paid",
  pairQuote: "The pair's quote asset: the unit of its average cost, last price, realized and unrealized PnL",
} as const;
