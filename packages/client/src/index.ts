/**
 * @mexc-live/client: a MEXC Spot client that never loses a fill. This entry point is the facade
 * (createMexcClient, marketStream) and every type its API takes, returns or emits; the classes it
 * is built from are values of `@mexc-live/client/internals`.
 */

export type {
  AggreInterval,
  BalanceUpdate,
  BookTicker,
  DepthDiff,
  DepthSnapshot,
  ErrorClass,
  ErrorSpec,
  ErrorTable,
  EventBase,
  Fill,
  FillTerms,
  Kline,
  KlineValues,
  KnownOrderStatus,
  KnownOrderType,
  MexcApiErrorInit,
  MexcEvent,
  MiniTicker,
  MiniTickerItem,
  MiniTickers,
  OrderStatus,
  OrderTrigger,
  OrderType,
  OrderUpdate,
  PriceLevel,
  RawValues,
  RestKlineInterval,
  Side,
  StpMode,
  Trade,
  TradeItem,
  TriggerState,
  TriggerType,
  Unknown,
} from "@mexc-live/protocol";
export { isMexcApiError, isMexcLiveError, MexcApiError, MexcLiveError } from "@mexc-live/protocol";
export type { ErrorKind } from "@mexc-live/protocol/error-codes";
export type { EndpointRequestRate } from "@mexc-live/protocol/limits";
export type {
  AccountBalance,
  AccountInfo,
  CancelOrderResponse,
  DepthSnapshotResponse,
  ExchangeInfo,
  ExchangeSymbol,
  ListenKeyList,
  NewOrderResponse,
  Params,
  ParamValue,
  RestAnnouncement,
  RestDeposit,
  RestDustDetail,
  RestDustLogEntry,
  RestDustLogPage,
  RestInternalTransferPage,
  RestInternalTransferRow,
  RestKlineRow,
  RestOfflineSymbol,
  RestOrder,
  RestPublicTrade,
  RestSubAccount,
  RestSubAccountApiKey,
  RestSubAccountApiKeys,
  RestSubAccountList,
  RestTickerPrice,
  RestTrade,
  RestTransferPage,
  RestTransferRow,
  RestWithdrawal,
  ServerTime,
} from "@mexc-live/protocol/rest";
export type { TransferAccountType, TransferState, TransferType, WalletTransfer } from "@mexc-live/protocol/wallet";
export type { BackoffPolicy } from "./backoff.js";
export {
  type ClientOrderBookOptions,
  type ClientUserStreamOptions,
  createMexcClient,
  type MexcClient,
  type MexcClientOptions,
} from "./client.js";
export {
  LIVE_TIMEOUT_MAX_MS,
  MARKET_STREAM_MAX_QUEUED,
  MAX_FRAME_BYTES,
  PING_INTERVAL_MS,
  ROTATE_AFTER_MS,
  STREAM_MAX_QUEUED_LIMIT,
  USER_STREAM_MAX_QUEUED,
} from "./constants.js";
export { CLIENT_ERRORS, ClientError, type ClientErrorCode, FellBehindError, isClientError } from "./errors.js";
export type { BookLevel, BookLevels, BookTop, DepthBook, LevelInput } from "./market/depthBook.js";
export {
  type MalformedFrame,
  type MarketStream,
  type MarketStreamEvents,
  type MarketStreamItem,
  type MarketStreamOptions,
  type MarketStreamStats,
  marketStream,
  type StreamNotice,
} from "./market/marketStream.js";
export type {
  DepthDiffInput,
  FetchDepthSnapshot,
  LocalOrderBook,
  LocalOrderBookOptions,
  OrderBookSnapshot,
  OrderBookState,
  OrderBookStats,
  OrderBookSync,
  OrderBookSyncEvents,
  OrderBookSyncOptions,
} from "./market/orderBookSync.js";
export { frameChannel, type RawFrame, type RawFrameHandler } from "./rawFrame.js";
export type { Logger } from "./redact.js";
export type { AnnouncementPage, AnnouncementQuery } from "./rest/announcements.js";
export type {
  PublicReadAccess,
  RestEndpoints,
  RestEndpointsOptions,
  TimeRange,
  WalletHistoryRange,
} from "./rest/endpoints.js";
export type { CanceledOrder, OrderLookup, OrderRef, PlacedOrder, PlaceOrderInput } from "./rest/orderOutcome.js";
export type { HttpMethod, RequestSpec, RestClient, RestClientOptions, RestStats } from "./rest/restClient.js";
export type { ServerClock } from "./rest/serverClock.js";
export type { EndpointWeight, LimitFamily, WeightBudget, WeightBudgetOptions } from "./rest/weightBudget.js";
export type { ReconcileReport, SequencerCounts, WaitingKind } from "./user/eventSequencer.js";
export type {
  DeliveredFill,
  ExecutionRecord,
  ExecutionRecordOptions,
  KnownBalance,
  KnownOrder,
  LastFill,
  RestBalanceVerdict,
  Source,
  Sourced,
  UserEvent,
} from "./user/executionRecord.js";
export type { KnownPairs } from "./user/knownPairs.js";
export type {
  ListenKeyKeeper,
  ListenKeyKeeperEvents,
  ListenKeyKeeperOptions,
  ListenKeyStats,
} from "./user/listenKeyKeeper.js";
export type { PageWalk } from "./user/pageWalk.js";
export type { Pair, PairSource } from "./user/pairDirectory.js";
export type { BalanceRead, ReconcileResult, Reconciler, ReconcilerOptions } from "./user/reconcile.js";
export { DEFAULT_SLOW_RETRY, type HaltedNotice, type HaltState, type SlowRetry } from "./user/slowRetry.js";
export type { SymbolHistory, SymbolHistoryInput } from "./user/symbolHistory.js";
export type { LiveOptions } from "./user/untilLive.js";
export {
  PRIVATE_CHANNELS,
  type UserStream,
  type UserStreamEvents,
  type UserStreamItem,
  type UserStreamNotice,
  type UserStreamOptions,
  type UserStreamResume,
  type UserStreamStats,
} from "./user/userStream.js";
export type { WalletRange } from "./user/walletHistory.js";
export type { StreamConnection, StreamConnectionOptions, StreamGap, StreamState } from "./ws/streamConnection.js";
export type { StreamPool, StreamPoolOptions, StreamPoolStats } from "./ws/streamPool.js";
export type {
  ConnectFailure,
  GapReason,
  StreamEvents,
  StreamStats,
  TryUnderWay,
  UrlSource,
} from "./ws/streamTypes.js";
export type { ChannelError } from "./ws/subscribedSocket.js";
