/**
 * `await user.live()`: the user stream's readiness as a promise. Resolves on the first
 * reconciliation while the stream is connected (every fill, order and balance since the start or
 * the resume point is known from then on); rejects with a coded ClientError when the stream
 * cannot get there: STREAM_REFUSED when MEXC refuses the API key or is under maintenance (the
 * stream keeps asking slowly; call live() again to wait on), CLOSED when it is closed, and with
 * `timeoutMs`, LIVE_TIMEOUT when the deadline passes first, naming the last failed try (host,
 * error code, tries in a row); the stream goes on trying either way.
 */
import type { EventEmitter } from "node:events";
import { LIVE_TIMEOUT_MAX_MS } from "../constants.js";
import { ClientError } from "../errors.js";
import type { ConnectFailure } from "../ws/streamConnection.js";
import type { UserStreamEvents, UserStreamNotice } from "./userStreamTypes.js";

export interface LiveStatus {
  /** Connected and reconciled since it last connected. */
  readonly ready: boolean;
  readonly closed: boolean;
  /** The connection is up now (a reconciliation during a reconnect does not count). */
  connected(): boolean;
  /** The last failed try since the stream was last live. */
  lastFailure(): ConnectFailure | undefined;
}

export interface LiveOptions {
  /** Reject with LIVE_TIMEOUT if the stream is not live by then; 1 to LIVE_TIMEOUT_MAX_MS. Default: no deadline. */
  readonly timeoutMs?: number;
}

export function untilLive(
  stream: EventEmitter<UserStreamEvents>,
  status: LiveStatus,
  options: LiveOptions = {},
): Promise<void> {
  const { timeoutMs } = options;
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs >= 1 && timeoutMs <= LIVE_TIMEOUT_MAX_MS)) {
    return Promise.reject(
      new ClientError(
        "BAD_OPTION",
        `user stream live(): timeoutMs must be a whole number of ms from 1 to ${LIVE_TIMEOUT_MAX_MS}, got ${timeoutMs}`,
      ),
    );
  }
  if (status.closed) return Promise.reject(new ClientError("CLOSED", "user stream: closed"));
  if (status.ready) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const settle = (error?: Error): void => {
      stream.off("state", onState);
      clearTimeout(deadline);
      if (error) reject(error);
      else resolve();
    };
    const onState = (notice: UserStreamNotice): void => {
      if (notice.state === "reconciled" && status.connected()) {
        settle();
      } else if (notice.state === "closed") {
        settle(new ClientError("CLOSED", "user stream: closed before it was live"));
      } else if (notice.state === "refused" || notice.state === "maintenance") {
        const why = notice.state === "refused" ? "MEXC refuses the API key" : "MEXC is under maintenance";
        settle(
          new ClientError("STREAM_REFUSED", `user stream: ${why} (${notice.error.message})`, { cause: notice.error }),
        );
      }
    };
    const deadline =
      timeoutMs === undefined ? undefined : setTimeout(() => settle(liveTimeout(timeoutMs, status)), timeoutMs);
    stream.on("state", onState);
  });
}

/** LIVE_TIMEOUT, naming why: the last failed try, or what the stream still waits for. */
function liveTimeout(timeoutMs: number, status: LiveStatus): ClientError {
  const failure = status.lastFailure();
  const why = failure
    ? `last try failed: ${failure.host ?? "no host"} ${failure.code} (${failure.message}); ${failure.attempt} tries failed in a row, next at ${new Date(failure.nextTryAt).toISOString()}`
    : status.connected()
      ? "connected, the first reconciliation has not finished"
      : "still connecting, no try has failed yet";
  return new ClientError("LIVE_TIMEOUT", `user stream: not live within ${timeoutMs} ms; ${why}`, {
    ...(failure ? { cause: failure } : {}),
  });
}
