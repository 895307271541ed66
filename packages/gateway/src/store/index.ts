/** Storage: SQLite (WAL), idempotent upserts, cursor-paged queries, retention. */

export { isStoreError } from "../errors.js";
export type { BackfillKind, BackfillWindow } from "./backfillPlan.js";

export {
  type FiguresRow,
  type FillInput,
  type FillValuation,
  toFillItem,
} from "./fills.js";
export type { RememberedPair } from "./pairSplits.js";
export {
  openRawFramesReader,
  type RawFramesReader,
} from "./rawFrames.js";
export { DEFAULT_RETENTION } from "./retention.js";
export { GatewayStore, openStore, type StoreChanges } from "./store.js";
