/**
 * @mexc-live/contract: what the gateway and the dashboard agree on. The messages typed per topic,
 * the topic names, the rules that fold updates into state (used by the gateway's topic states
 * and the dashboard's store alike) and the CSV rules. Browser-safe.
 */

export {
  ALERT_CHANNELS,
  ALERT_EVENTS,
  ALERT_LOG_MAX,
  ALERT_LOG_PAGE,
  type AlertChannelKind,
  type AlertConditions,
  type AlertDeliveryItem,
  type AlertDeliveryStatus,
  type AlertEvent,
  type AlertNotice,
  type AlertRuleInput,
  type AlertRuleItem,
  type AlertRulePatch,
} from "./alerts.js";
export { API_PATHS, type ApiPathName } from "./api/paths.js";
export {
  ACCOUNT_READ_NAMES,
  type AccountReadName,
  type AccountsFold,
  EXPORTS,
  type ExportName,
  type ExportRow,
  type FigureReadName,
  type HttpAnswer,
  INSTANCE_READ_NAMES,
  type InstanceReadName,
  isZoned,
  type PagedReadName,
  type ParamKind,
  READ_NAMES,
  READS,
  type ReadAnswers,
  type ReadName,
  type ReadParamName,
  type ReadRow,
} from "./api/reads.js";
export { canonicalZone, MAX_PERIODS, MAX_ZONE_NAME_LENGTH, PNL_PERIODS, type PnlPeriod } from "./api/timeZone.js";
export { type CsvColumn, type CsvValue, csvCell, csvHeader, csvLine, csvRow, toCsv } from "./csv.js";
export { FILL_CSV, LEDGER_CSV, ORDER_CSV, TRANSFER_CSV } from "./csvColumns.js";
export { sumEquityPoints, sumUnrealized } from "./fold/accountsTotal.js";
export { laterFigures } from "./fold/figures.js";
export {
  appendOlderFills,
  applyFillsSnapshot,
  compareIds,
  emptyFills,
  type FillsState,
  mergeFills,
  newestFirst,
} from "./fold/fills.js";
export { applyOrdersSnapshot, applyOrderUpdates, isOpenOrder, newestOrderFirst } from "./fold/orders.js";
export { applyBalances, mergeAlerts, mergeEquity, mergeKlines, mergeTrades } from "./fold/series.js";
export type {
  HistoryProgress,
  HistorySource,
  ImportAnswer,
  ImportFormat,
  ImportResult,
  LedgerItem,
  LedgerRef,
  OpeningPosition,
  RatesImportResult,
  TransferItem,
} from "./history.js";
export {
  DEFAULT_PAGE_LIMIT,
  type DisplayPrecisions,
  FIGURES_VERSION_HEADER,
  HISTORY_HEADER,
  MAX_PAGE_LIMIT,
  PARTIAL_HISTORY,
  type Page,
} from "./http.js";
export type {
  AccountItem,
  AccountsAnswer,
  AccountsTotal,
  BalanceItem,
  DepthView,
  EquityPoint,
  ExchangeRatesHealth,
  FeeSummary,
  FiguresVersion,
  FillItem,
  Health,
  KeyPermissionsHealth,
  KlineItem,
  MaintenanceNotice,
  MarketNote,
  MarketNoteKind,
  OrderItem,
  PnlItem,
  Source,
  TickerItem,
  TradeTick,
  UnplacedPair,
  UpstreamReason,
  UpstreamReasonKind,
  UpstreamState,
  VolumeItem,
} from "./items.js";
export { PUSHED_READS, type PushedFigures, type PushedReadName } from "./items.js";
export {
  type HoldingTimeItem,
  type JournalAgainstBenchmark,
  type JournalAgainstHolding,
  type JournalDrawdown,
  type JournalStats,
  type JournalStrategy,
  type JournalSummary,
  type JournalTrip,
  MANUAL_STRATEGY,
  MAX_STRATEGY_PREFIX_LENGTH,
  MAX_STRATEGY_PREFIXES,
} from "./journal.js";
export {
  type AccountsHealthTopic,
  type ClientErrorCode,
  type ClientMessage,
  type KindedData,
  kindOfSnapshot,
  kindOfSnapshotMessage,
  kindOfUpdate,
  noDataSnapshot,
  type ServerMessage,
  type SnapshotMessage,
  type Times,
  type TopicData,
  type TopicOfKind,
  type TopicSnapshot,
  type TopicUpdate,
} from "./messages.js";
export {
  ACCOUNT_PARAM,
  ASSET_PATTERN,
  ASSET_TEXT_PATTERN,
  DEFAULT_QUOTE,
  SYMBOL_PATTERN,
  SYMBOL_TEXT_PATTERN,
} from "./names.js";
export type {
  AssetPnlItem,
  AssetPnlPart,
  CostMethodName,
  FeeDayItem,
  FeeDaysAnswer,
  MoneyWeightedAnswer,
  MoneyWeightedNoRate,
  NetFlowPoint,
  PerformanceBridge,
  PerformanceSummary,
  PnlPeriodItem,
  RangeCoverage,
  RangeCoverageStatus,
  TimeZoneName,
} from "./performance.js";
export { BRIDGE_PARTS, COST_METHODS } from "./performance.js";
export {
  MAX_CAUSE_NAMES,
  REALIZED_CAUSES,
  type RealizedCause,
  type RealizedCauseName,
  type RealizedCauses,
} from "./realized.js";
export {
  CHANNEL_URL_FORMS,
  CONDITION_KEYS,
  type ConditionKey,
  type ConditionKind,
  type ConditionRule,
  DEFAULT_DRAWDOWN_WINDOW_MINUTES,
  DEFAULT_STREAM_DOWN_SECONDS,
  MAX_DRAWDOWN_WINDOW_MINUTES,
  MAX_STREAM_DOWN_SECONDS,
  MIN_STREAM_DOWN_SECONDS,
  RULE_CONDITIONS,
  RULE_EVENTS,
  type RuleEvent,
} from "./ruleConditions.js";
export {
  LONG_TERM_DAYS,
  TAX_CURRENCIES,
  TAX_LOTS,
  TAX_METHODS,
  type TaxLotsName,
  type TaxMethodName,
} from "./taxReport.js";
export {
  ACCOUNT_NAME,
  ACCOUNT_TOPICS,
  type AccountTopic,
  type AllAccountsKind,
  type AllAccountsTopic,
  accountTopic,
  allAccountsTopic,
  MAX_TOPICS_PER_CONNECTION,
  type MarketTopic,
  type MarketTopicKind,
  marketTopic,
  type NamedAccountTopic,
  type ParsedTopic,
  parseTopic,
  type Topic,
  type TopicKind,
} from "./topics.js";
