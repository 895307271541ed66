/**
 * REST response shapes (mexc-protocol.md §3), as MEXC sends them: the client parses them and
 * the simulator's formatters are typed by them (one home for the shapes). As MEXC sends them: decimals are strings, ids are
 * opaque strings, times are ms (whole seconds for trades and orders, §11.3). Only the fields the
 * client reads are required; MEXC adds fields over time and the client passes objects through as
 * they came. Enum fields (status, type, side) are MEXC's strings as sent: a value the protocol's
 * tables do not know is carried through (toEvents.ts maps it to UNKNOWN), never rejected.
 */

export interface ServerTime {
  readonly serverTime: number;
}

export interface ExchangeSymbol {
  readonly symbol: string;
  readonly status: string;
  readonly baseAsset: string;
  readonly quoteAsset: string;
  readonly [field: string]: unknown;
}

export interface ExchangeInfo {
  readonly timezone: string;
  readonly serverTime: number;
  readonly symbols: readonly ExchangeSymbol[];
  readonly [field: string]: unknown;
}

export interface DepthSnapshotResponse {
  /** A JSON number on the same counter as the WS diff versions (§3.4). */
  readonly lastUpdateId: number;
  /** [price, quantity], best first. */
  readonly bids: readonly (readonly [string, string])[];
  readonly asks: readonly (readonly [string, string])[];
  readonly timestamp?: number;
}

/**
 * One row of GET /api/v3/klines: `[openTime, open, high, low, close, volume, closeTime,
 * quoteAssetVolume]`, times in ms, the rest decimal strings (§4.1 [OFF]; the simulator answers
 * the same). Rows are oldest first; `limit` default 500, at most 1000 (MEXC's docs; also
 * mexcdevelop/mexc-api-sdk#28).
 */
export type RestKlineRow = readonly [
  openTime: number,
  open: string,
  high: string,
  low: string,
  close: string,
  volume: string,
  closeTime: number,
  quoteVolume: string,
];

export interface AccountBalance {
  readonly asset: string;
  readonly free: string;
  readonly locked: string;
  readonly available?: string;
}

export interface AccountInfo {
  readonly canTrade: boolean;
  readonly accountType: string;
  readonly balances: readonly AccountBalance[];
  readonly [field: string]: unknown;
}

/** GET /api/v3/order, openOrders, allOrders (§3.6): note MEXC's spelling `cummulativeQuoteQty`. */
export interface RestOrder {
  readonly symbol: string;
  readonly orderId: string;
  /** May be null or "" when the order was placed without one. */
  readonly clientOrderId: string | null;
  readonly price: string;
  readonly origQty: string;
  readonly executedQty: string;
  readonly cummulativeQuoteQty: string;
  /** NEW, FILLED, PARTIALLY_FILLED, CANCELED, PARTIALLY_CANCELED, or one MEXC added since. */
  readonly status: string;
  readonly type: string;
  readonly side: string;
  /** ms since epoch: whole seconds from allOrders and GET order, ms from openOrders (§11.3). */
  readonly time: number;
  /** null from openOrders (§11.3: bbgo and ccxt captures). */
  readonly updateTime: number | null;
  readonly origQuoteOrderQty?: string;
  readonly [field: string]: unknown;
}

/** GET /api/v3/myTrades (§3.8). */
export interface RestTrade {
  readonly symbol: string;
  readonly id: string;
  readonly orderId: string;
  readonly price: string;
  readonly qty: string;
  readonly quoteQty: string;
  readonly commission: string;
  readonly commissionAsset: string;
  readonly time: number;
  readonly isBuyer: boolean;
  readonly isMaker: boolean;
  readonly isSelfTrade?: boolean;
  readonly clientOrderId: string | null;
  readonly [field: string]: unknown;
}

/** POST /api/v3/order answer (§3.9). */
export interface NewOrderResponse {
  readonly symbol: string;
  readonly orderId: string;
  readonly price: string;
  readonly origQty: string;
  readonly type: string;
  readonly side: string;
  readonly transactTime: number;
  readonly [field: string]: unknown;
}

/**
 * DELETE /api/v3/order answer (§3.9). The docs show status and quantities; an answer quoted in
 * ccxt's mexc.js has only symbol, orderId, price, origQty, type and side (conformance corpus):
 * read the order (GET /api/v3/order) when its final state matters.
 */
export interface CancelOrderResponse {
  readonly symbol: string;
  readonly orderId: string;
  readonly origClientOrderId?: string | null;
  readonly clientOrderId?: string | null;
  readonly status?: string;
  readonly executedQty?: string;
  readonly [field: string]: unknown;
}

export interface ListenKeyList {
  readonly listenKey: readonly string[];
  readonly total?: number | string;
  readonly available?: number | string;
}

/**
 * GET /api/v3/capital/deposit/hisrec (a bare array [OFF]). `status` is a number in the docs and
 * a string in ccxt's printed answers: read both. `transHash`, `updateTime`, `netWork` are in
 * ccxt's quoted answer but not the docs' example.
 */
export interface RestDeposit {
  readonly amount: string;
  readonly coin: string;
  readonly network?: string | null;
  readonly status: number | string;
  readonly address?: string | null;
  readonly txId?: string | null;
  readonly insertTime: number | string;
  readonly updateTime?: number | string | null;
  readonly transHash?: string | null;
  readonly unlockConfirm?: string | number | null;
  readonly confirmTimes?: string | number | null;
  readonly memo?: string | null;
  readonly [field: string]: unknown;
}

/** GET /api/v3/capital/withdraw/history (a bare array [OFF]): `amount` includes `transactionFee`. */
export interface RestWithdrawal {
  readonly id: string;
  readonly txId?: string | null;
  readonly coin: string;
  readonly network?: string | null;
  readonly address?: string | null;
  readonly amount: string;
  readonly transferType?: number | string;
  readonly status: number | string;
  readonly transactionFee?: string | null;
  readonly applyTime: number | string;
  readonly updateTime?: number | string | null;
  readonly transHash?: string | null;
  readonly memo?: string | null;
  readonly remark?: string | null;
  readonly [field: string]: unknown;
}

/** One row of GET /api/v3/capital/transfer. */
export interface RestTransferRow {
  readonly tranId: string;
  readonly clientTranId?: string | null;
  readonly asset: string;
  readonly amount: string;
  readonly fromAccountType: string;
  readonly toAccountType: string;
  readonly status: string;
  readonly timestamp: number | string;
  readonly [field: string]: unknown;
}

/**
 * GET /api/v3/capital/transfer: an object `{rows, total}` on the wire (ccxt's 2025-10-01
 * capture in its fetch_transfers comment; Mexc.Net's MexcRows), not the array of the docs' example.
 */
export interface RestTransferPage {
  readonly rows: readonly RestTransferRow[];
  readonly total: number;
  readonly [field: string]: unknown;
}
