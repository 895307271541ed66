/**
 * What a caller should do about an error, one vocabulary for every package of mexc-live (the
 * `class` of every MexcLiveError, errors.ts, and of every code of MEXC's table, errorCodes.ts):
 * - retryable: try again after a back-off, nothing changed;
 * - not_retryable: the same request fails the same way; fix it first;
 * - unknown_outcome: a write may or may not have taken effect; reconcile before retrying;
 * - fatal: nothing works until a person acts (a setting, a key, a command line).
 */
export type ErrorClass = "retryable" | "not_retryable" | "unknown_outcome" | "fatal";
