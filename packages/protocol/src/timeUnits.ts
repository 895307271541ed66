/**
 * Time units in milliseconds: the one home of these numbers for every package (protocol is the
 * lowest package all of them depend on, the browser's dashboard included). A duration reads as
 * `90 * DAY_MS`, never as `90 * 24 * 60 * 60 * 1000` or `7_776_000_000`.
 */
export const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;
