/**
 * `--record-frames`: the user stream's `onRawFrame` hook, storing each frame as received (bytes,
 * receive time, channel) in raw_frames. Events reconciled over REST are no frames and are not
 * recorded. A failing write (disk full) never stops the stream: it is logged, at most once per
 * RECORD_FAILURE_LOG_MS with the number of frames lost since the last line.
 */
import type { RawFrameHandler } from "@mexc-live/client";
import type { Logger } from "../logging.js";
import type { GatewayStore } from "../store/index.js";

/** Failed writes are logged at most this often (ms). */
export const RECORD_FAILURE_LOG_MS = 60_000;

export function frameRecorder(store: GatewayStore, logger: Logger, now: () => number = Date.now): RawFrameHandler {
  let lost = 0;
  let loggedAt = Number.NEGATIVE_INFINITY;
  return (frame) => {
    try {
      store.recordRawFrame(frame.bytes, frame.receivedAt, frame.channel);
    } catch (error) {
      lost++;
      if (now() - loggedAt < RECORD_FAILURE_LOG_MS) return;
      loggedAt = now();
      logger.error({ err: error, lost }, "raw frame not recorded");
      lost = 0;
    }
  };
}
