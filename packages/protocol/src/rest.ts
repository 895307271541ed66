/**
 * @mexc-live/protocol/rest: MEXC's REST API as data: request signing, the paths, the answers'
 * shapes, the endpoints' weights, and reading an error answer.
 */

export { classifyError, isErrorBody, kindOfError, parseMexcErrorBody, parseRetryAfter } from "./mexcErrorBody.js";
export { REST_PATHS, type RestPath } from "./restPaths.js";
export type {
  AccountBalance,
  AccountInfo,
  CancelOrderResponse,
  DepthSnapshotResponse,
  ExchangeInfo,
  ExchangeSymbol,
  ListenKeyList,
  NewOrderResponse,
  RestAnnouncement,
  RestAnnouncementPage,
  RestCoin,
  RestCoinNetwork,
  RestDeposit,
  RestDustDetail,
  RestDustLogEntry,
  RestDustLogPage,
  RestInternalTransferPage,
  RestInternalTransferRow,
  RestKlineRow,
  RestOfflineSymbol,
  RestOfflineSymbols,
  RestOrder,
  RestPublicTrade,
  RestSubAccount,
  RestSubAccountApiKey,
  RestSubAccountApiKeys,
  RestSubAccountList,
  RestTickerPrice,
  RestTrade,
  RestTradeFee,
  RestTransferPage,
  RestTransferRow,
  RestWithdrawal,
  ServerTime,
} from "./restTypes.js";
export {
  type ChargedWeight,
  chargedWeight,
  REST_WEIGHTS,
  type RestEndpoint,
  type RestWeight,
} from "./restWeights.js";
export {
  encodeParamValue,
  hmacSha256Hex,
  type Params,
  type ParamValue,
  type SignatureCheck,
  type SignedRequest,
  type SignRequestInput,
  signRequest,
  toQueryString,
  verifySignature,
} from "./signing.js";
