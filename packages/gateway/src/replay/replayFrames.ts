/**
 * Replays recorded frames (raw_frames, `--record-frames`) through the account pipeline the way
 * the live user stream fed it: each frame goes decodePush -> toEvent with its recorded receive
 * time, and its fill, order or balance reaches AccountIngest as a stream event, oldest first. A
 * frame that does not decode, or holds no account event, is counted and skipped, as it was live.
 * Replayed into a fresh store, a recording gives back the session's stream fills and orders.
 */
import { decodePush, type MexcEvent, toEvent } from "@mexc-live/protocol";
import { Figures, PriceBook } from "../derive/index.js";
import { AccountIngest } from "../ingest/accountIngest.js";
import { createFieldMask } from "../ingest/fieldMask.js";
import { createLogger, type Logger } from "../logging.js";
import type { GatewayStore, RawFrame } from "../store/index.js";

export interface ReplayReport {
  /** Frames read. */
  readonly frames: number;
  /** Fills, orders and balances handed to the pipeline. */
  readonly events: number;
  /** Frames that did not decode. */
  readonly malformed: number;
  /** Frames that decoded to something other than an account event. */
  readonly ignored: number;
}

/** Feeds `frames` (oldest first) to `ingest` as the user stream would have. */
function replayFrames(frames: Iterable<RawFrame>, ingest: Pick<AccountIngest, "onEvent">): ReplayReport {
  const report = { frames: 0, events: 0, malformed: 0, ignored: 0 };
  for (const frame of frames) {
    report.frames++;
    let event: MexcEvent;
    try {
      event = toEvent(decodePush(frame.bytes), frame.receivedAt);
    } catch {
      report.malformed++;
      continue;
    }
    if (event.type !== "fill" && event.type !== "order" && event.type !== "balance") {
      report.ignored++;
      continue;
    }
    report.events++;
    ingest.onEvent({ ...event, source: "stream" });
  }
  return report;
}

export interface ReplayIntoStoreOptions {
  /** The currency fills are valued in (default USDT). Replay knows no prices: valuations stay empty. */
  readonly quote?: string;
  /** Default: silent. */
  readonly logger?: Logger;
}

/** A fresh account pipeline on `store` (its own price book and figures, publishing nowhere), fed `frames`. */
export function replayIntoStore(
  frames: Iterable<RawFrame>,
  store: GatewayStore,
  options: ReplayIntoStoreOptions = {},
): ReplayReport {
  const book = new PriceBook({ quote: options.quote });
  const ingest = new AccountIngest({
    store,
    book,
    figures: new Figures(book),
    publish: () => {},
    mask: createFieldMask([]),
    logger: options.logger ?? createLogger({ level: "silent" }).logger,
  });
  try {
    return replayFrames(frames, ingest);
  } finally {
    ingest.close();
  }
}
