/**
 * `--record-frames`: the user stream's `onRawFrame` hook, storing each frame as received (bytes,
 * receive time, channel) in raw_frames. Events reconciled over REST are no frames and are not
 * recorded. A failing write (disk full) never stops the stream: it is logged with the frames lost
 * since the last line, at most once per RECORD_FAILURE_LOG_MS. The first write that works after
 * such a line logs the frames lost since it, so recovered writes never leave a count unsaid; a
 * count of a later relapse waits for the next line, a minute after the last.
 *
 * Bounded: a frame longer than MAX_RECORDED_FRAME_BYTES is not recorded (counted, said once), and
 * once this run has recorded MAX_RECORDED_BYTES recording stops, with one warning line: the
 * stream goes on, the database stops growing from frames. A new run records again.
 */
import { MAX_FRAME_BYTES, type RawFrameHandler } from "@mexc-live/client";
import { MINUTE_MS } from "@mexc-live/protocol";
import type { Logger } from "../logging.js";
import type { GatewayStore } from "../store/index.js";

/** Lines about failed writes are logged at most this often (ms). */
export const RECORD_FAILURE_LOG_MS = MINUTE_MS;
/** Bytes of one recorded frame, at most: the client's own frame cap (no real frame is longer). */
export const MAX_RECORDED_FRAME_BYTES = MAX_FRAME_BYTES;
/**
 * Bytes one run records, at most: 1 GiB, days of a busy account's private stream (~150 B a frame,
 * a few frames a second) and hours of a recorded market; then recording stops with a line.
 */
export const MAX_RECORDED_BYTES = 1024 * 1024 * 1024;

interface FrameRecorderLimits {
  readonly maxFrameBytes?: number;
  readonly maxTotalBytes?: number;
}

export function frameRecorder(
  store: GatewayStore,
  logger: Logger,
  now: () => number = Date.now,
  limits: FrameRecorderLimits = {},
): RawFrameHandler {
  const maxFrameBytes = limits.maxFrameBytes ?? MAX_RECORDED_FRAME_BYTES;
  const maxTotalBytes = limits.maxTotalBytes ?? MAX_RECORDED_BYTES;
  /** Frames lost and not yet counted in a line. */
  let lost = 0;
  let loggedAt = Number.NEGATIVE_INFINITY;
  let lastLineWasError = false;
  let recordedBytes = 0;
  let tooLong = 0;
  let stopped = false;
  return (frame) => {
    if (stopped) return;
    if (frame.bytes.length > maxFrameBytes) {
      if (tooLong++ === 0) {
        logger.warn({ bytes: frame.bytes.length, maxFrameBytes }, "raw frame longer than the cap not recorded");
      }
      return;
    }
    if (recordedBytes + frame.bytes.length > maxTotalBytes) {
      stopped = true;
      logger.warn(
        { recordedBytes, maxTotalBytes },
        "--record-frames stopped: this run recorded its cap of bytes; the stream goes on unrecorded",
      );
      return;
    }
    try {
      store.recordRawFrame(frame.bytes, frame.receivedAt, frame.channel);
      recordedBytes += frame.bytes.length;
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
