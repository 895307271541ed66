/**
 * @mexc-live/alerts: the alert rules, the engine that raises alerts from a MEXC account's events,
 * the channels (Telegram, Discord, ntfy, webhooks, open dashboards) and the delivery worker that
 * sends each alert at least once. It keeps nothing itself: the gateway hands it a store
 * (AlertStore, its SQLite tables) and a log.
 */

export { AlertService, type AlertServiceDeps, configRuleId } from "./alertService.js";
export type { AlertStore, NewDelivery, OpenDelivery, StoredRule } from "./alertStore.js";
export {
  type ChannelTarget,
  channelSecrets,
  maskChannelUrl,
  parseChannelUrl,
  type SendableTarget,
} from "./channels/channelUrl.js";
export { type ChannelEndpoints, DEFAULT_ENDPOINTS } from "./channels/httpPost.js";
export { TELEGRAM_CHAT_INTERVAL_MS, TELEGRAM_GROUP_INTERVAL_MS } from "./channels/telegram.js";
export { ALERT_LOG_MAX, ALERT_LOG_PAGE } from "./defaults.js";
export { DEFAULT_TIMINGS, type DeliveryTimings } from "./delivery.js";
export { AlertEngine, type AlertEngineDeps } from "./engine.js";
export {
  ALERTS_ERRORS,
  AlertChannelError,
  type AlertChannelErrorCode,
  AlertRuleError,
  type AlertRuleErrorCode,
  isAlertRuleError,
  RefusedAddressError,
} from "./errors.js";
export type { AlertLog } from "./log.js";
export {
  type AlertRule,
  checkRule,
  MAX_DRAWDOWN_WINDOW_MS,
  type RuleCheck,
  type RuleDraft,
  toRule,
} from "./rules.js";
