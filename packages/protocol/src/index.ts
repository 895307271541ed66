/**
 * @mexc-live/protocol: MEXC Spot V3 wire format. Pure; runs in Node and in the browser.
 *
 * The root holds what a reader of MEXC's streams needs: channels, the protobuf codec, typed
 * events, enums, decimals, errors, time units, the bounds of MEXC's values. The rest is grouped by subject, each its own entry
 * point (package.json `exports`):
 *
 *   @mexc-live/protocol/rest         signing, REST paths, answer shapes, weights, error bodies
 *   @mexc-live/protocol/limits       MEXC's numbers: rate limits, windows, timers, URLs
 *   @mexc-live/protocol/error-codes  MEXC's error codes, each with its kind and class
 *   @mexc-live/protocol/wallet       deposits, withdrawals, transfers and their ledger kinds
 *   @mexc-live/protocol/wire         the protobuf messages as decoded, before toEvent
 */

export {
  API_KEY_PERMISSIONS,
  type ApiKeyPermission,
  type KeyAbilities,
  keyAbilities,
  parseKeyPermissions,
} from "./apiKeyPermissions.js";
export { type BackoffPolicy, backoffDelay } from "./backoff.js";
export {
  AGGRE_INTERVALS,
  type AggreInterval,
  buildChannel,
  type ChannelSpec,
  type ChannelStream,
  eventTypeFor,
  isPrivateChannel,
  isRestKlineInterval,
  KLINE_INTERVALS,
  type KlineInterval,
  klineIntervalFromRest,
  klineIntervalToRest,
  LIMIT_DEPTH_LEVELS,
  type LimitDepthLevel,
  MINI_TICKER_TIMEZONES,
  type MiniTickerTimezone,
  parseChannel,
  REST_KLINE_INTERVALS,
  type RestKlineInterval,
  WRAPPER_FIELDS,
  type WrapperField,
} from "./channels.js";
export { bodyName, decodePush, encodePush } from "./codec.js";
export {
  PING_MESSAGE,
  type SubscriptionMessage,
  type SubscriptionMethod,
  type SubscriptionSplit,
  subscriptionMessage,
  subscriptionMessages,
} from "./controlMessages.js";
export { type Deadline, startDeadline } from "./deadline.js";
export {
  alignDecimals,
  compareCanonical,
  compareDecimal,
  Decimal,
  dec,
  decimalParts,
  exact,
  fmt,
  groupThousands,
  INTERNAL_DP,
  isDecimal,
  isUnsignedDecimal,
  midDecimal,
  normalize,
  ONE,
  OUTPUT_DP,
  padDecimals,
  ROUND_DOWN,
  ROUND_HALF_EVEN,
  ROUND_HALF_UP,
  ROUND_UP,
  roundDecimal,
  subtractDecimal,
  ZERO,
} from "./decimal.js";
export { decodeEvent } from "./decodeEvent.js";
export {
  type AccountChangeType,
  CANCEL_REASONS,
  type CancelReason,
  isFinalStatus,
  isKnownAccountChangeType,
  isKnownCancelReason,
  isOpenStatus,
  KNOWN_ACCOUNT_CHANGE_TYPES,
  type KnownOrderStatus,
  type KnownOrderType,
  ORDER_STATUS_CODE,
  ORDER_STATUSES,
  ORDER_TYPE_CODE,
  ORDER_TYPES,
  type OrderProgress,
  type OrderStatus,
  type OrderType,
  orderMovesForward,
  orderStatusFromRest,
  orderStatusRank,
  orderTypeFromRest,
  SIDE_CODE,
  SIDES,
  type Side,
  STP_MODES,
  type StpMode,
  TRIGGER_STATE_CODE,
  TRIGGER_STATES,
  TRIGGER_TYPE_CODE,
  TRIGGER_TYPES,
  type TriggerState,
  type TriggerStateCode,
  type TriggerType,
  type TriggerTypeCode,
  UNKNOWN,
  type Unknown,
} from "./enums.js";
export type { ErrorClass } from "./errorClass.js";
export {
  DecimalError,
  type ErrorSpec,
  type ErrorTable,
  isMexcApiError,
  isMexcLiveError,
  isProtocolError,
  MexcApiError,
  type MexcApiErrorInit,
  MexcLiveError,
  PROTOCOL_ERRORS,
  ProtocolError,
  type ProtocolErrorCode,
} from "./errors.js";
export { checkEventBounds } from "./eventBounds.js";
export {
  type BalanceUpdate,
  type BookTicker,
  type DepthDiff,
  type DepthSnapshot,
  type EventBase,
  type Fill,
  type FillTerms,
  type Kline,
  type KlineValues,
  type MexcEvent,
  type MexcEventType,
  type MiniTicker,
  type MiniTickerItem,
  type MiniTickers,
  type OrderTrigger,
  type OrderUpdate,
  type PriceLevel,
  type RawValues,
  type Trade,
  type TradeItem,
  toEvent,
  tradeSide,
} from "./events.js";
export {
  absFixed,
  FIXED_ONE,
  type Fixed,
  fixed,
  fixedDecimal,
  fixedOf,
  fixedText,
  fixedTimes,
  product,
  roundFigure,
  share,
} from "./fixed.js";
export { FixedCell, type FixedRead } from "./fixedCell.js";
export { isJsonObject, parseJson, parseJsonObject } from "./jsonText.js";
export { klineWindowEnd, klineWindowStart } from "./klineWindows.js";
export {
  MASK_VISIBLE_CHARS,
  MIN_MASKED_LENGTH,
  MIN_REDACTED_LENGTH,
  maskSecret,
  REDACTED,
  redactSecrets,
  redactUrl,
} from "./masking.js";
export { KNOWN_QUOTES, type PairSplit, splitPair } from "./pairSplit.js";
export { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS, WEEK_MS } from "./timeUnits.js";
export {
  assetProblem,
  checkAsset,
  checkClientId,
  checkDecimal,
  checkLink,
  checkTime,
  clientIdProblem,
  type DecimalSign,
  decimalProblem,
  EARLIEST_TIME_MS,
  FUTURE_SLACK_MS,
  linkProblem,
  MAX_ASSET_CHARS,
  MAX_CELL_CHARS,
  MAX_CLIENT_ID_CHARS,
  MAX_DECIMAL_DIGITS,
  MAX_SYMBOL_CHARS,
  MAX_URL_CHARS,
  MAX_WORD_CHARS,
  QUOTED_VALUE_CHARS,
  quoteValue,
  symbolProblem,
  timeProblem,
  wordProblem,
} from "./valueBounds.js";
