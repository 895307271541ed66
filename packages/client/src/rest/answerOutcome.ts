/**
 * What an answer that arrived means (restClient.ts sends, reads it within the byte cap, then asks
 * here): taken, refused by MEXC (an error code whatever the HTTP status, docs/mexc/undocumented.md#requests-and-answers
 * item 11.2), rate-limited (429/418: the family pauses), or not the JSON an endpoint returns.
 */
import type { MexcApiError } from "@mexc-live/protocol";
import { isErrorBody, parseMexcErrorBody } from "@mexc-live/protocol/rest";
import { BAN_DEFAULT_PAUSE_MS, RATE_LIMIT_DEFAULT_PAUSE_MS } from "../constants.js";
import { ClientError } from "../errors.js";

export type Outcome =
  | { readonly kind: "ok"; readonly body: unknown }
  | { readonly kind: "refused"; readonly error: MexcApiError; readonly pauseMs: number }
  | { readonly kind: "error"; readonly error: MexcApiError }
  /** `retryNow`: worth sending again within the call (an idempotent one), with back-off. */
  | { readonly kind: "failed"; readonly error: ClientError; readonly retryNow: boolean };

export interface Answer {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly text: string;
}

export interface Call {
  readonly method: string;
  /** e.g. /api/v3/account */
  readonly path: string;
  readonly isWrite: boolean;
  /** The base URL it went to: a 404 names the whole URL (a restUrl with a wrong path shows), never the query. */
  readonly baseUrl: string;
}

export function answerOutcome(answer: Answer, call: Call): Outcome {
  const endpoint = `${call.method} ${call.path}`;
  const where = { isWrite: call.isWrite, method: call.method, path: call.path };
  if (answer.status >= 200 && answer.status <= 299) {
    let body: unknown;
    try {
      body = answer.text === "" ? {} : JSON.parse(answer.text);
    } catch {
      const message = `${endpoint} answered HTTP ${answer.status} with a body that is not JSON`;
      const error = new ClientError("BAD_RESPONSE", message, { class: call.isWrite ? "unknown_outcome" : "retryable" });
      return { kind: "failed", error, retryNow: true };
    }
    if (!isErrorBody(body)) return { kind: "ok", body };
    return { kind: "error", error: parseMexcErrorBody(body, answer.status, where) };
  }
  const error = parseMexcErrorBody(answer.text, answer.status, {
    ...where,
    path: answer.status === 404 ? `${call.baseUrl}${call.path}` : call.path,
    retryAfterHeader: answer.retryAfter,
  });
  if (answer.status === 429 || answer.status === 418) {
    const fallback = answer.status === 429 ? RATE_LIMIT_DEFAULT_PAUSE_MS : BAN_DEFAULT_PAUSE_MS;
    return { kind: "refused", error, pauseMs: error.retryAfterMs ?? fallback };
  }
  return { kind: "error", error };
}
