/** The alerts' timings and the delivery log's size. */

/** The delivery worker looks for alerts to send this often. */
export const ALERT_TICK_MS = 200;
/** A burst is gathered into one message once no alert came for this long at a destination... */
export const ALERT_GATHER_QUIET_MS = 500;
/** ...or its first alert has waited this long (a steady trickle is still sent). */
export const ALERT_GATHER_MAX_MS = 3_000;
/** At most this many alerts folded into one message (more: the next message). */
export const ALERT_MAX_FOLD = 200;
/** One send's time limit: a hanging channel is retried, it never holds the others. */
export const ALERT_SEND_TIMEOUT_MS = 10_000;
/** Retries back off from this... */
export const ALERT_RETRY_FIRST_MS = 2_000;
/** ...doubling up to this... */
export const ALERT_RETRY_MAX_MS = 10 * 60 * 1000;
/** ...and give up on a message this old (a day-old alert is news no more). */
export const ALERT_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** Sent and failed deliveries are kept in the log (and their alerts deduplicated) this long. */
export const ALERT_LOG_DAYS = 30;
/** The delivery log the API returns by default, and at most: the contract's (the API's read of it). */
export { ALERT_LOG_MAX, ALERT_LOG_PAGE } from "@mexc-live/contract";
/** Open dashboards (`browser` rules) get at most one alert message this often. */
export const ALERT_BROWSER_INTERVAL_MS = 1_000;
