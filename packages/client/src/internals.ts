/**
 * @mexc-live/client/internals: the building blocks the facade (createMexcClient) is made of, for
 * programs that assemble their own (the mexc-live gateway shares one WeightBudget between
 * accounts, walks wallet history itself, converts REST answers to events). Not covered by the
 * facade's stability: a minor version may change them. Their types are exported by the index.
 */
export { DepthBook } from "./market/depthBook.js";
export { MarketStream } from "./market/marketStream.js";
export { OrderBookSync, openOrderBook } from "./market/orderBookSync.js";
export { MASK_VISIBLE_CHARS, MIN_REDACTED_LENGTH, mask, REDACTED, redactSecrets, redactUrl } from "./redact.js";
export { ENDPOINT_WEIGHTS, RestEndpoints } from "./rest/endpoints.js";
export { RestClient } from "./rest/restClient.js";
export { ServerClock } from "./rest/serverClock.js";
export { fillFromRest, orderFromRest } from "./rest/toEvents.js";
export {
  conversionFromRest,
  DUST_TARGET_ASSET,
  depositFromRest,
  internalTransferFromRest,
  isInsideTransfer,
  transferFromRest,
  withdrawalFromRest,
} from "./rest/walletEvents.js";
export { WeightBudget } from "./rest/weightBudget.js";
export { ExecutionRecord } from "./user/executionRecord.js";
export { ListenKeyKeeper } from "./user/listenKeyKeeper.js";
export { walkPages } from "./user/pageWalk.js";
export { PairDirectory } from "./user/pairDirectory.js";
export { Reconciler } from "./user/reconcile.js";
export { fillOfPair, noteRefusals, readOrRefuse } from "./user/refusedValues.js";
export { fetchSymbolHistory } from "./user/symbolHistory.js";
export { UnknownValues } from "./user/unknownValues.js";
export { UserStream } from "./user/userStream.js";
export { fetchWalletHistory, slices, walletHorizon } from "./user/walletHistory.js";
export { StreamConnection } from "./ws/streamConnection.js";
export { StreamPool } from "./ws/streamPool.js";
