/**
 * `--record-frames`: the user stream's `onRawFrame` hook, storing each frame as received (bytes,
 * receive time, channel) in raw_frames. Events reconciled over REST are no frames and are not
 * recorded. A failing write (disk full) never stops the stream: it is logged with the frames lost
 * since the last line, at most once per RECORD_FAILURE_LOG_MS. The first write that works after
 * such a line logs the frames lost since it, so recovered writes never leave a count unsaid; a
 * count of a later relapse waits for the next line, a minute after the last.
 */
import type { RawFrameHandler } from "@mexc-live/client";
import { MINUTE_MS } from "@mexc-live/protocol";
import type { Logger } from "../logging.js";
import type { GatewayStore } from "../store/index.js";

/** Lines about failed writes are logged at most this often (ms). */
export const RECORD_FAILURE_LOG_MS = MINUTE_MS;

export function frameRecorder(store: GatewayStore, logger: Logger, now: () => number = Date.now): RawFrameHandler {
  /** Frames lost and not yet counted in a line. */
  let lost = 0;
  let loggedAt = Number.NEGATIVE_INFINITY;
  let lastLineWasError = false;
  return (frame) => {
    try {
      store.recordRawFrame(frame.bytes, frame.receivedAt, frame.channel);
    } catch (error) {
      lost++;
      if (now() - loggedAt < RECORD_FAILURE_LOG_MS) return;
      logger.error({ err: error, lost }, "raw frame not recorded");
      [lost, loggedAt, lastLineWasError] = [0, now(), true];
      return;
    }
    if (lost === 0 || (!lastLineWasError && now() - loggedAt < RECORD_FAILURE_LOG_MS)) return;
    logger.warn({ lost }, `raw frames recorded again; ${lost} lost since the last line`);
    [lost, loggedAt, lastLineWasError] = [0, now(), false];
  };
}
