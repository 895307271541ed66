/**
 * An account's past as the market plans it (market/pastTrading.ts) and the engine records it
 * (engine/pastHistory.ts), for `historyDays` (simulator.ts). The plan says what happened and when;
 * the engine adds what follows from its own rules: fees, ids, the journal of balance changes and
 * the initial deposits that make the journal end at `balances`. Decimals are strings, times ms.
 */
import type { Side } from "@mexc-live/protocol";

export interface PastPlan {
  readonly account: string;
  /** What the account holds now (all free): the journal is worked out to end exactly here. */
  readonly balances: Readonly<Record<string, string>>;
  /** When the history starts: the initial deposits are made from here on. */
  readonly start: number;
  /** Oldest first; each begins at or after the end of the one before (an order ends with its last fill or cancel). */
  readonly actions: readonly PastAction[];
}

export type PastAction = PastOrder | PastDeposit | PastWithdrawal | PastTransfer;

/** One fill of a past order (the account's side of it). */
export interface PastFill {
  readonly price: string;
  readonly quantity: string;
  readonly time: number;
  readonly isMaker: boolean;
}

/**
 * An order placed at `time`: filled completely by `fills`, or canceled at `canceledAt` after
 * the fills it got (none: CANCELED; some: PARTIALLY_CANCELED).
 */
export interface PastOrder {
  readonly kind: "order";
  readonly symbol: string;
  readonly side: Side;
  readonly type: "LIMIT" | "MARKET";
  /** LIMIT only. */
  readonly price?: string;
  readonly quantity: string;
  readonly clientOrderId?: string;
  readonly time: number;
  readonly fills: readonly PastFill[];
  readonly canceledAt?: number;
}

export interface PastDeposit {
  readonly kind: "deposit";
  readonly asset: string;
  readonly amount: string;
  readonly time: number;
}

/** `amount` includes the asset's default withdrawal fee (walletNetworks.ts), as MEXC's does. */
export interface PastWithdrawal {
  readonly kind: "withdrawal";
  readonly asset: string;
  readonly amount: string;
  readonly time: number;
}

/** "out": spot -> futures; "in": futures -> spot. */
export interface PastTransfer {
  readonly kind: "transfer";
  readonly asset: string;
  readonly amount: string;
  readonly direction: "in" | "out";
  readonly time: number;
}
