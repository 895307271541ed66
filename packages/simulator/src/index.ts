/** @mexc-live/simulator: a faithful local MEXC Spot exchange (REST, WebSocket, matching, faults). */

export {
  type AccountCredentials,
  type AccountRegistry,
  API_KEY_FORMAT,
  createAccountRegistry,
  DEMO_ACCOUNT,
  type ExtraAccountOptions,
  fundedAccountNames,
} from "./accounts.js";
export type { Behaviours } from "./behaviours.js";
export { createClock, type SimClock } from "./clock.js";
export {
  HTTP429_FAULT_RETRY_AFTER_S,
  KLINE_PUSH_INTERVAL_MS,
  MAX_ACCOUNTS,
  MAX_DEMO_FILLS_PER_DAY,
  MAX_HISTORY_DAYS,
  MIN_DEMO_FILLS_PER_DAY,
  MINI_TICKER_PUSH_INTERVAL_MS,
} from "./constants.js";
export { createExchange, type EngineBehaviours, type EngineExchange, type ExchangeOptions } from "./engine/exchange.js";
export { SIMULATOR_ERRORS, SimError, type SimulatorErrorCode, UsageError } from "./errors.js";
export { createFaultPlan, FAULT_DEFAULT_RATES, FAULT_NAMES, formatFaultSpec, parseFaultSpec } from "./faults.js";
export type { KeyPermissions } from "./keyPermissions.js";
export type { KeyAction, KeyState, KeyStates, KeyView } from "./keyStates.js";
export type { Maintenance, MaintenanceForm, MaintenanceView } from "./maintenance.js";
export { BUSY_DEMO_TRADER, type MarketOptions, type SubAccountActivity, startMarket } from "./market/market.js";
export type * from "./pastPlan.js";
export { createRandom, type Random } from "./random.js";
export { type BuildAppOptions, buildApp } from "./rest/app.js";
export type { RateLimitOptions } from "./rest/rateLimit.js";
export { type RunningSimulator, SIMULATOR_HOST, type SimulatorOptions, startSimulator } from "./simulator.js";
export { DEFAULT_SYMBOLS, selectSymbols } from "./symbols.js";
export type { TrafficCounter, TrafficCounts } from "./traffic.js";
export type * from "./types.js";
export type * from "./walletTypes.js";
export { UNDOCUMENTED_CHANGE_TYPE } from "./ws/feeds/privateFeed.js";
export { createListenKeyStore } from "./ws/listenKeys.js";
export { attachWebSocket, type WsDeps, type WsOptions, type WsServerHandle, type WsStats } from "./ws/wsServer.js";
