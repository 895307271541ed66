/** The engine's working state of one order, next to the public SimOrder record it updates. */
import type { Side } from "@mexc-live/protocol";
import type { SimOrder, SymbolConfig } from "../types.js";
import type { Big } from "./decimals.js";

export interface LiveOrder {
  /** The public record (REST spellings); copied out to callers and events, never handed out. */
  readonly view: SimOrder;
  readonly config: SymbolConfig;
  readonly side: Side;
  /** The limit for LIMIT, LIMIT_MAKER, IOC and FOK; undefined for MARKET. */
  readonly limitPrice: Big | undefined;
  /** Base still to fill; undefined for a MARKET order by quoteOrderQty. */
  remainingQty: Big | undefined;
  /** Quote still to spend or receive, MARKET by quoteOrderQty only. */
  remainingQuote: Big | undefined;
  /** Quote for a BUY, base for a SELL. */
  readonly lockedAsset: string;
  /** What this order still holds locked in `lockedAsset`. */
  locked: Big;
  /** A BUY's fee reserve: it locked cost x (1 + this) so its fee in quote is there (fees.ts). */
  readonly feeReserveRate: Big;
  executedQty: Big;
  cumulativeQuote: Big;
}
