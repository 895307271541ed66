/** @mexc-live/client: a MEXC Spot client that never loses a fill. */

export type {
  AccountBalance,
  AccountInfo,
  CancelOrderResponse,
  DepthSnapshotResponse,
  ExchangeInfo,
  ExchangeSymbol,
  ListenKeyList,
  NewOrderResponse,
  RestOrder,
  RestTrade,
  ServerTime,
} from "@mexc-live/protocol";
export { isMexcApiError, MexcApiError } from "@mexc-live/protocol";
export type { BackoffPolicy } from "./backoff.js";
export {
  type ClientOrderBookOptions,
  type ClientUserStreamOptions,
  createMexcClient,
  type MexcClient,
  type MexcClientOptions,
} from "./client.js";
/** The connection timers' defaults (a caller scaling time, as the demo does, starts from them). */
export { PING_INTERVAL_MS, ROTATE_AFTER_MS } from "./constants.js";
export { ClientError, type ClientErrorCode, isClientError } from "./errors.js";
export { type BookLevel, type BookTop, DepthBook, type LevelInput } from "./market/depthBook.js";
// Market data and local order books.
export {
  type MalformedFrame,
  MarketStream,
  type MarketStreamEvents,
  type MarketStreamItem,
  type MarketStreamOptions,
  type MarketStreamStats,
  marketStream,
  type StreamNotice,
} from "./market/marketStream.js";
export {
  type DepthDiffInput,
  type FetchDepthSnapshot,
  type LocalOrderBook,
  type LocalOrderBookOptions,
  type OrderBookSnapshot,
  type OrderBookState,
  type OrderBookStats,
  OrderBookSync,
  type OrderBookSyncEvents,
  type OrderBookSyncOptions,
  openOrderBook,
} from "./market/orderBookSync.js";
// Recording: every received frame before decoding (`onRawFrame` on either stream).
export { frameChannel, type RawFrame, type RawFrameHandler } from "./rawFrame.js";
export {
  type Logger,
  MASK_VISIBLE_CHARS,
  MIN_REDACTED_LENGTH,
  mask,
  REDACTED,
  redactSecrets,
  redactUrl,
} from "./redact.js";
export {
  type CanceledOrder,
  ENDPOINT_WEIGHTS,
  type OrderRef,
  type PlacedOrder,
  type PlaceOrderInput,
  RestEndpoints,
  type RestEndpointsOptions,
  type TimeRange,
} from "./rest/endpoints.js";
export type { OrderLookup } from "./rest/orderOutcome.js";
export {
  type HttpMethod,
  type RequestSpec,
  RestClient,
  type RestClientOptions,
  type RestStats,
} from "./rest/restClient.js";
// REST.
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
export { type EndpointWeight, type LimitFamily, WeightBudget, type WeightBudgetOptions } from "./rest/weightBudget.js";
export type { ReconcileReport } from "./user/eventSequencer.js";
export {
  ExecutionRecord,
  type ExecutionRecordOptions,
  type KnownBalance,
  type KnownOrder,
  type LastFill,
  type RestBalanceVerdict,
  type Source,
  type Sourced,
  type UserEvent,
} from "./user/executionRecord.js";
export {
  ListenKeyKeeper,
  type ListenKeyKeeperEvents,
  type ListenKeyKeeperOptions,
  type ListenKeyStats,
} from "./user/listenKeyKeeper.js";
export { type PageWalk, walkPages } from "./user/pageWalk.js";
export { type Pair, PairDirectory, type PairSource } from "./user/pairDirectory.js";
export { type ReconcileResult, Reconciler, type ReconcilerOptions } from "./user/reconcile.js";
export { DEFAULT_SLOW_RETRY, type HaltedNotice, type HaltState, type SlowRetry } from "./user/slowRetry.js";
export { fetchSymbolHistory, type SymbolHistory, type SymbolHistoryInput } from "./user/symbolHistory.js";
// User data: listen keys, reconciliation, the reconciled stream.
export {
  PRIVATE_CHANNELS,
  UserStream,
  type UserStreamEvents,
  type UserStreamItem,
  type UserStreamNotice,
  type UserStreamOptions,
  type UserStreamResume,
  type UserStreamStats,
} from "./user/userStream.js";
export { fetchWalletHistory, slices, type WalletRange, walletHorizon } from "./user/walletHistory.js";
export {
  StreamConnection,
  type StreamConnectionOptions,
  type StreamGap,
  type StreamState,
} from "./ws/streamConnection.js";
export { StreamPool, type StreamPoolOptions, type StreamPoolStats } from "./ws/streamPool.js";
export type { GapReason, StreamEvents, StreamStats } from "./ws/streamTypes.js";
export type { ChannelError } from "./ws/subscribedSocket.js";
