/** Storage: SQLite (WAL), idempotent upserts, cursor-paged queries, retention. */

export { isStoreError, StoreError, type StoreErrorCode } from "../errors.js";
export type { AlertTables, NewDelivery, OpenDelivery, StoredRule } from "./alerts.js";
export type { BackfillKind, BackfillPlanRow, BackfillWindow } from "./backfillPlan.js";
export type { BalanceChange, BalanceInput, BalanceRow } from "./balances.js";
export { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from "./cursor.js";
export { type Db, migrate, openDatabase } from "./database.js";
export { type EquityQuery, MAX_EQUITY_POINTS_PER_QUERY } from "./equitySnapshots.js";
export {
  type FillInput,
  type FillsQuery,
  type FillsScan,
  type LastFill,
  type StoredFill,
  toFillItem,
  toValuation,
} from "./fills.js";
export type { AssetsOf, LedgerQuery } from "./ledger.js";
export type { OpeningCost } from "./openingCosts.js";
export type { OpenOrderRef, OrderInput, OrdersQuery } from "./orders.js";
export {
  FRAMES_SCHEMA_VERSION,
  openRawFramesReader,
  type RawFrame,
  type RawFramesQuery,
  type RawFramesReader,
} from "./rawFrames.js";
export { DEFAULT_RETENTION, type RetentionResult, type RetentionSettings } from "./retention.js";
export { GatewayStore, openStore, type StoreCounts, type StoreOptions } from "./store.js";
export type { TransfersQuery } from "./transfers.js";
