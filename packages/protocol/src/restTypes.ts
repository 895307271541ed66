/**
 * REST response shapes (docs/mexc/rest.md#endpoints-a-monitor-needs), as MEXC sends them: the client parses them and
 * the simulator's formatters are typed by them (one home for the shapes). As MEXC sends them: decimals are strings, ids are
 * opaque strings, times are ms (whole seconds for trades and orders, docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.3). Only the fields the
 * client reads are required; MEXC adds fields over time and the client passes objects through as
 * they came. Enum fields (status, type, side) are MEXC's strings as sent: a value the protocol's
 * tables do not know is carried through (toEvents.ts maps it to UNKNOWN), never rejected.
 *
 * No type has an open `[field: string]: unknown` index (a typo would compile): the optional
 * fields are the ones MEXC's answers carry in the conformance corpus (packages/protocol/conformance/rest)
 * beyond what the client reads, so reading one is typed; a field MEXC adds later is still passed
 * through at run time, and is added here when the corpus shows it.
 */

export interface ServerTime {
  readonly serverTime: number;
}

export interface ExchangeSymbol {
  readonly symbol: string;
  readonly status: string;
  readonly baseAsset: string;
  readonly quoteAsset: string;
  readonly baseAssetPrecision?: number;
  readonly quotePrecision?: number;
  readonly quoteAssetPrecision?: number;
  readonly baseCommissionPrecision?: number;
  readonly quoteCommissionPrecision?: number;
  readonly orderTypes?: readonly string[];
  readonly isSpotTradingAllowed?: boolean;
  readonly isMarginTradingAllowed?: boolean;
  readonly quoteAmountPrecision?: string;
  readonly baseSizePrecision?: string;
  readonly permissions?: readonly string[];
  readonly filters?: readonly unknown[];
  readonly maxQuoteAmount?: string;
  readonly makerCommission?: string;
  readonly takerCommission?: string;
  readonly quoteAmountPrecisionMarket?: string;
  readonly maxQuoteAmountMarket?: string;
  readonly fullName?: string;
  readonly tradeSideType?: number;
  readonly contractAddress?: string;
  readonly st?: boolean;
  // Since 2026 (JKorf/Mexc.Net 404cde4, 9d0beb1, b9d7a2e; no capture yet): when the pair first
  // opened (ms), MEXC's business type, and the "concept plates" (zones) it is listed under
  // ("mc-trade-zone-metals", "mc-trade-zone-xStocks"), by name and by id. mexc-live reads none of them.
  readonly firstOpenTime?: number | null;
  readonly bizType?: string | null;
  readonly conceptPlates?: readonly string[];
  readonly conceptPlateIds?: readonly number[];
}

export interface ExchangeInfo {
  readonly timezone: string;
  readonly serverTime: number;
  readonly symbols: readonly ExchangeSymbol[];
  readonly rateLimits?: readonly unknown[];
  readonly exchangeFilters?: readonly unknown[];
}

/** One entry of GET /api/v3/ticker/price (an array of them without `symbol`): the last price as a decimal string. */
export interface RestTickerPrice {
  readonly symbol: string;
  readonly price: string;
}

export interface DepthSnapshotResponse {
  /** A JSON number on the same counter as the WS diff versions (docs/mexc/rest.md#get-apiv3depth-public). */
  readonly lastUpdateId: number;
  /** [price, quantity], best first. */
  readonly bids: readonly (readonly [string, string])[];
  readonly asks: readonly (readonly [string, string])[];
  readonly timestamp?: number;
}

/**
 * One row of GET /api/v3/klines: `[openTime, open, high, low, close, volume, closeTime,
 * quoteAssetVolume]`, times in ms, the rest decimal strings (docs/mexc/enums.md#in-rest [OFF]; the simulator answers
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

/**
 * One entry of GET /api/v3/trades, a symbol's latest public trades (MEXC's spot v3 docs, "Recent
 * Trades List": mexcdevelop/apidocs spot_v3_en; docs/mexc/rest.md#get-apiv3trades-public): `id`
 * is null on MEXC, `isBuyerMaker` true when the taker sold. `limit` default 500, at most 1000.
 * The docs do not say the order: read them as a set.
 */
export interface RestPublicTrade {
  readonly id: string | number | null;
  readonly price: string;
  readonly qty: string;
  readonly quoteQty: string;
  readonly time: number;
  readonly isBuyerMaker: boolean;
  readonly isBestMatch: boolean;
}

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
  readonly makerCommission?: number | null;
  readonly takerCommission?: number | null;
  readonly buyerCommission?: number | null;
  readonly sellerCommission?: number | null;
  readonly canWithdraw?: boolean;
  readonly canDeposit?: boolean;
  readonly updateTime?: number | null;
  readonly permissions?: readonly string[];
}

/** GET /api/v3/order, openOrders, allOrders (docs/mexc/rest.md#get-apiv3openorders-signed-weight-3-spot_deal_read): note MEXC's spelling `cummulativeQuoteQty`. */
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
  /** ms since epoch: whole seconds from allOrders and GET order, ms from openOrders (docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.3). */
  readonly time: number;
  /** null from openOrders (docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.3: bbgo and ccxt captures). */
  readonly updateTime: number | null;
  readonly origQuoteOrderQty?: string;
  readonly orderListId?: number | string;
  readonly timeInForce?: string | null;
  readonly stopPrice?: string | null;
  readonly icebergQty?: string | null;
  readonly isWorking?: boolean;
  readonly stpMode?: string;
  readonly cancelReason?: string;
}

/** GET /api/v3/myTrades (docs/mexc/rest.md#get-apiv3mytrades-signed-weight-10-spot_account_read). */
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
  readonly orderListId?: number | string;
  readonly isBestMatch?: boolean;
}

/** POST /api/v3/order answer (docs/mexc/rest.md#apiv3order). */
export interface NewOrderResponse {
  readonly symbol: string;
  readonly orderId: string;
  readonly price: string;
  readonly origQty: string;
  readonly type: string;
  readonly side: string;
  readonly transactTime: number;
  readonly orderListId?: number | string;
  readonly stpMode?: string;
}

/**
 * DELETE /api/v3/order answer (docs/mexc/rest.md#apiv3order). The docs show status and quantities; an answer quoted in
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
  readonly price?: string;
  readonly origQty?: string;
  readonly type?: string;
  readonly side?: string;
  readonly cummulativeQuoteQty?: string;
  readonly timeInForce?: string;
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
  readonly netWork?: string | null;
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
  readonly confirmNo?: string | number | null;
  readonly coinId?: string;
  readonly vcoinId?: string;
  readonly withdrawOrderId?: string | null;
  readonly netWork?: string | null;
  readonly explorerUrl?: string | null;
}

/**
 * GET /api/v3/tradeFee's commission rates of one pair (JKorf/Mexc.Net's MexcTradeFee): rates as
 * JSON numbers or strings; `rpiMakerCommission`, the maker rate of RPI (retail price improvement)
 * orders, since 2026 (Mexc.Net aecd1a8). mexc-live does not ask for it: fees come from each fill.
 */
export interface RestTradeFee {
  readonly makerCommission: number | string;
  readonly takerCommission: number | string;
  readonly rpiMakerCommission?: number | string | null;
}

/**
 * One network of a coin in GET /api/v3/capital/config/getall (`networkList`; JKorf/Mexc.Net's
 * MexcNetwork). `depositPreConfirms` (2026, Mexc.Net c45c0fa): the confirmations after which a
 * deposit is credited ahead of `minConfirm`'s unlock. mexc-live does not read the coin list.
 */
export interface RestCoinNetwork {
  readonly coin: string;
  readonly network: string;
  readonly netWork?: string | null;
  readonly name?: string | null;
  readonly depositEnable?: boolean;
  readonly withdrawEnable?: boolean;
  readonly withdrawFee?: string | null;
  readonly withdrawMin?: string | null;
  readonly withdrawMax?: string | null;
  readonly withdrawIntegerMultiple?: string | null;
  readonly minConfirm?: number | null;
  readonly depositPreConfirms?: number | null;
  readonly sameAddress?: boolean;
  readonly contract?: string | null;
  readonly depositDesc?: string | null;
  readonly withdrawTips?: string | null;
  readonly depositTips?: string | null;
}

/** One coin of GET /api/v3/capital/config/getall (a bare array). */
export interface RestCoin {
  readonly coin: string;
  readonly name: string;
  readonly networkList: readonly RestCoinNetwork[];
}

/**
 * GET /api/v3/sub-account/list (a main account's key only; MEXC's "Query Sub-account List (For
 * Master Account)"): `{subAccounts:[{subAccount,isFreeze,createTime,uid}]}`, `page` and `limit`
 * (default 10, at most 200).
 */
export interface RestSubAccountList {
  readonly subAccounts: readonly RestSubAccount[];
}

export interface RestSubAccount {
  /** The sub-account's name, what GET /api/v3/sub-account/apiKey asks by. */
  readonly subAccount: string;
  readonly isFreeze?: boolean;
  readonly createTime?: number;
  readonly uid?: string;
}

/**
 * GET /api/v3/sub-account/apiKey?subAccount= (a main account's key only; MEXC's "Query the APIKey
 * of a sub-account (For Master Account)"): the sub-account's keys, each with its permissions as
 * one comma-separated string ("SPOT_ACCOUNT_READ,SPOT_DEAL_WRITE"; protocol's API_KEY_PERMISSIONS).
 * Note the list's name: `subAccount`, as the request's parameter.
 */
export interface RestSubAccountApiKeys {
  readonly subAccount: readonly RestSubAccountApiKey[];
}

export interface RestSubAccountApiKey {
  readonly apiKey: string;
  readonly permissions: string;
  readonly note?: string;
  /** Bound IPs, comma-separated; "" when none. */
  readonly ip?: string;
  readonly createTime?: number;
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
  readonly symbol?: string | null;
}

/**
 * GET /api/v3/capital/transfer: an object `{rows, total}` on the wire (ccxt's 2025-10-01
 * capture in its fetch_transfers comment; Mexc.Net's MexcRows), not the array of the docs' example.
 */
export interface RestTransferPage {
  readonly rows: readonly RestTransferRow[];
  readonly total: number;
}

/**
 * One row of GET /api/v3/capital/transfer/internal [OFF] (docs example; Mexc.Net's
 * MexcInternalTransfer has the same fields). It carries no direction: `fromAccount` is the
 * sender's login, `toAccount` what the sender typed (`toAccountType` EMAIL, UID or MOBILE). An
 * example row has `"tranId": ""`.
 */
export interface RestInternalTransferRow {
  readonly tranId: string;
  readonly asset: string;
  readonly amount: string;
  readonly toAccountType?: string | null;
  readonly toAccount?: string | null;
  readonly fromAccount?: string | null;
  /** "SUCCESS", "FAILED", "WAIT". */
  readonly status: string;
  readonly timestamp: number | string;
}

/** GET /api/v3/capital/transfer/internal: one page [OFF]. */
export interface RestInternalTransferPage {
  readonly page?: number | string;
  readonly totalRecords?: number | string;
  readonly totalPageNum?: number | string;
  readonly data: readonly RestInternalTransferRow[];
}

/** One asset of a dust conversion: `amount` of `asset` became `convert` MX, of which `fee` MX was kept [OFF]. */
export interface RestDustDetail {
  readonly id: string;
  readonly convert: string;
  readonly fee: string;
  readonly amount: string;
  readonly time: number | string;
  readonly asset: string;
}

/**
 * One conversion of the dust log [OFF]: `totalConvert` is the MX credited ("Deducted commission
 * fee"), `totalFee` the MX kept as fee.
 */
export interface RestDustLogEntry {
  readonly totalConvert: string;
  readonly totalFee: string;
  readonly convertTime: number | string;
  readonly convertDetails: readonly RestDustDetail[];
}

/** GET /api/v3/capital/convert: one page of the dust log [OFF]. */
export interface RestDustLogPage {
  readonly data: readonly RestDustLogEntry[];
  readonly totalRecords?: number | string;
  readonly page?: number | string;
  readonly totalPageNum?: number | string;
}

/**
 * One pair of GET /api/v3/symbol/offline: paused (status 2) or offline (3) pairs, which have
 * left exchangeInfo (docs/mexc/undocumented.md#market-data item 11.18: JKorf/Mexc.Net PR #52, 2026-04, MexcOfflineSymbol: symbol, status,
 * offlineTime). Whether `status` is a number or a string is not known: read both.
 */
export interface RestOfflineSymbol {
  readonly symbol: string;
  readonly status?: number | string | null;
  readonly offlineTime?: number | string | null;
}

/** GET /api/v3/symbol/offline: the envelope `{code, msg, data}` Mexc.Net reads (MexcResult<T>). */
export interface RestOfflineSymbols {
  readonly code?: number | string;
  readonly msg?: string | null;
  readonly data?: readonly RestOfflineSymbol[] | null;
}

/** One announcement (docs/mexc/rest.md#get-apiv3announcements-public): its title, link, language and first posting time (ms). */
export interface RestAnnouncement {
  readonly title: string;
  readonly url: string;
  readonly language?: string;
  readonly postTime: number;
}

/** GET /api/v3/announcements: `{code, data: [{details, totalPage}], msg}` (`totalPage` a string in MEXC's example). */
export interface RestAnnouncementPage {
  readonly code?: number | string;
  readonly msg?: string | null;
  readonly data?: readonly { readonly details?: readonly RestAnnouncement[]; readonly totalPage?: string | number }[];
}
