/**
 * `await user.live()`: the user stream's readiness as a promise. Resolves on the first
 * reconciliation while the stream is connected (every fill, order and balance since the start or
 * the resume point is known from then on); rejects with a coded ClientError when the stream
 * cannot get there: STREAM_REFUSED when MEXC refuses the API key or is under maintenance (the
 * stream keeps asking slowly; call live() again to wait on), CLOSED when it is closed.
 */
import type { EventEmitter } from "node:events";
import { ClientError } from "../errors.js";
import type { UserStreamEvents, UserStreamNotice } from "./userStreamTypes.js";

export interface LiveStatus {
  /** Connected and reconciled since it last connected. */
  readonly ready: boolean;
  readonly closed: boolean;
  /** The connection is up now (a reconciliation during a reconnect does not count). */
  connected(): boolean;
}

export function untilLive(stream: EventEmitter<UserStreamEvents>, status: LiveStatus): Promise<void> {
  if (status.closed) return Promise.reject(new ClientError("CLOSED", "user stream: closed"));
  if (status.ready) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onState = (notice: UserStreamNotice): void => {
      if (notice.state === "reconciled" && status.connected()) {
        stream.off("state", onState);
        resolve();
      } else if (notice.state === "closed") {
        stream.off("state", onState);
        reject(new ClientError("CLOSED", "user stream: closed before it was live"));
      } else if (notice.state === "refused" || notice.state === "maintenance") {
        stream.off("state", onState);
        const why = notice.state === "refused" ? "MEXC refuses the API key" : "MEXC is under maintenance";
        reject(
          new ClientError("STREAM_REFUSED", `user stream: ${why} (${notice.error.message})`, { cause: notice.error }),
        );
      }
    };
    stream.on("state", onState);
  });
}
