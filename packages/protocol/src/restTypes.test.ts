/**
 * The REST answer types have no open index (a typo does not compile) and name every field MEXC's
 * answers in the conformance corpus carry. Each list below must equal its type's keys (checked by
 * the compiler: `npm run typecheck`), and every field of every sample must be in its list.
 */
import { describe, expect, it } from "vitest";
import { isRecord, loadRestCorpus } from "../conformance/corpus.js";
import type {
  AccountInfo,
  CancelOrderResponse,
  ExchangeSymbol,
  NewOrderResponse,
  RestDeposit,
  RestOrder,
  RestTrade,
  RestTransferRow,
  RestWithdrawal,
} from "./restTypes.js";

/** Compiles only when `List` holds every key of `T` (and, by `satisfies`, nothing else). */
type Complete<T, List extends readonly (keyof T)[]> = [Exclude<keyof T, List[number]>] extends [never] ? true : false;
function keysOf<T>() {
  return <const List extends readonly (keyof T)[]>(list: List & (Complete<T, List> extends true ? unknown : never)) =>
    list as readonly string[];
}

const ORDER = keysOf<RestOrder>()([
  "symbol",
  "orderId",
  "clientOrderId",
  "price",
  "origQty",
  "executedQty",
  "cummulativeQuoteQty",
  "status",
  "type",
  "side",
  "time",
  "updateTime",
  "origQuoteOrderQty",
  "orderListId",
  "timeInForce",
  "stopPrice",
  "icebergQty",
  "isWorking",
  "stpMode",
  "cancelReason",
]);
const TRADE = keysOf<RestTrade>()([
  "symbol",
  "id",
  "orderId",
  "price",
  "qty",
  "quoteQty",
  "commission",
  "commissionAsset",
  "time",
  "isBuyer",
  "isMaker",
  "isSelfTrade",
  "clientOrderId",
  "orderListId",
  "isBestMatch",
]);
const ACCOUNT = keysOf<AccountInfo>()([
  "canTrade",
  "accountType",
  "balances",
  "makerCommission",
  "takerCommission",
  "buyerCommission",
  "sellerCommission",
  "canWithdraw",
  "canDeposit",
  "updateTime",
  "permissions",
]);
const NEW_ORDER = keysOf<NewOrderResponse>()([
  "symbol",
  "orderId",
  "price",
  "origQty",
  "type",
  "side",
  "transactTime",
  "orderListId",
  "stpMode",
]);
const CANCEL = keysOf<CancelOrderResponse>()([
  "symbol",
  "orderId",
  "origClientOrderId",
  "clientOrderId",
  "status",
  "executedQty",
  "price",
  "origQty",
  "type",
  "side",
  "cummulativeQuoteQty",
  "timeInForce",
]);
const DEPOSIT = keysOf<RestDeposit>()([
  "amount",
  "coin",
  "network",
  "status",
  "address",
  "txId",
  "insertTime",
  "updateTime",
  "transHash",
  "unlockConfirm",
  "confirmTimes",
  "memo",
  "netWork",
]);
const WITHDRAWAL = keysOf<RestWithdrawal>()([
  "id",
  "txId",
  "coin",
  "network",
  "address",
  "amount",
  "transferType",
  "status",
  "transactionFee",
  "applyTime",
  "updateTime",
  "transHash",
  "memo",
  "remark",
  "confirmNo",
  "coinId",
  "vcoinId",
  "withdrawOrderId",
  "netWork",
  "explorerUrl",
]);
const TRANSFER_ROW = keysOf<RestTransferRow>()([
  "tranId",
  "clientTranId",
  "asset",
  "amount",
  "fromAccountType",
  "toAccountType",
  "status",
  "timestamp",
  "symbol",
]);
const SYMBOL = keysOf<ExchangeSymbol>()([
  "symbol",
  "status",
  "baseAsset",
  "quoteAsset",
  "baseAssetPrecision",
  "quotePrecision",
  "quoteAssetPrecision",
  "baseCommissionPrecision",
  "quoteCommissionPrecision",
  "orderTypes",
  "isSpotTradingAllowed",
  "isMarginTradingAllowed",
  "quoteAmountPrecision",
  "baseSizePrecision",
  "permissions",
  "filters",
  "maxQuoteAmount",
  "makerCommission",
  "takerCommission",
  "quoteAmountPrecisionMarket",
  "maxQuoteAmountMarket",
  "fullName",
  "tradeSideType",
  "contractAddress",
  "st",
  "firstOpenTime",
  "bizType",
  "conceptPlates",
  "conceptPlateIds",
]);

/** Per corpus endpoint: where its rows are in a body, and the type's keys. */
const ROWS: Record<string, { rows: (body: unknown) => unknown[]; keys: readonly string[] }> = {
  "GET /api/v3/order": { rows: (body) => [body], keys: ORDER },
  "GET /api/v3/openOrders": { rows: (body) => body as unknown[], keys: ORDER },
  "GET /api/v3/allOrders": { rows: (body) => body as unknown[], keys: ORDER },
  "GET /api/v3/myTrades": { rows: (body) => body as unknown[], keys: TRADE },
  "GET /api/v3/account": { rows: (body) => [body], keys: ACCOUNT },
  "POST /api/v3/order": { rows: (body) => [body], keys: NEW_ORDER },
  "DELETE /api/v3/order": { rows: (body) => [body], keys: CANCEL },
  "GET /api/v3/capital/deposit/hisrec": { rows: (body) => body as unknown[], keys: DEPOSIT },
  "GET /api/v3/capital/withdraw/history": { rows: (body) => body as unknown[], keys: WITHDRAWAL },
  "GET /api/v3/capital/transfer": { rows: (body) => (body as { rows: unknown[] }).rows, keys: TRANSFER_ROW },
  "GET /api/v3/exchangeInfo": { rows: (body) => (body as { symbols: unknown[] }).symbols, keys: SYMBOL },
};

describe("REST answer types", () => {
  it("name every field of MEXC's answers in the conformance corpus", () => {
    const unnamed: string[] = [];
    for (const file of loadRestCorpus()) {
      const spec = ROWS[file.endpoint];
      if (spec === undefined) continue;
      for (const sample of file.samples) {
        if (sample.kind === "error") continue;
        for (const row of spec.rows(sample.body).filter(isRecord)) {
          for (const key of Object.keys(row)) if (!spec.keys.includes(key)) unnamed.push(`${file.endpoint}: ${key}`);
        }
      }
    }
    expect([...new Set(unnamed)]).toEqual([]);
  });

  it("refuse a field MEXC does not send at compile time (no open index)", () => {
    const order = { symbol: "MXUSDT" } as RestOrder;
    // @ts-expect-error: a misspelt field is a compile error, not `unknown`
    expect(order.cummulativeQuoteQtty).toBeUndefined();
    // @ts-expect-error: the same for the exchange's symbols
    expect(({ symbol: "MXUSDT" } as ExchangeSymbol).baseAssett).toBeUndefined();
  });
});
