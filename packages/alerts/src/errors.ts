/**
 * Every error the alerts package raises, coded, in one place: ALERTS_ERRORS holds each code's
 * class; docs/errors.md is generated from it. The gateway answers the rule errors over HTTP with
 * its own codes and statuses (packages/gateway/src/http/routes/alerts.ts). Every class here has
 * the shape of every mexc-live error (protocol's MexcLiveError: `code`, `class`, `message`,
 * `status`). None is retryable: the rule, the channel or the request must change. Messages name
 * the field, scheme or rule and never quote a channel URL or any part of it: channel URLs hold
 * tokens.
 */
import { type ErrorTable, MexcLiveError } from "@mexc-live/protocol";

/** A channel URL an alert rule cannot send to (AlertChannelError). */
export type AlertChannelErrorCode = "UNKNOWN_SCHEME" | "BAD_CHANNEL";

/** A rule the service cannot take or find (AlertRuleError). */
export type AlertRuleErrorCode = "BAD_RULE" | "NO_SUCH_RULE" | "RULE_FROM_CONFIG";

type AlertsErrorCode = AlertChannelErrorCode | AlertRuleErrorCode | "ADDRESS_REFUSED";

export const ALERTS_ERRORS: ErrorTable<AlertsErrorCode> = {
  UNKNOWN_SCHEME: {
    class: "not_retryable",
    when: "an alert channel that is not http(s)://, tgram://, discord://, ntfy(s):// or `browser`",
  },
  BAD_CHANNEL: {
    class: "not_retryable",
    when: "an alert channel of a known scheme with a missing or malformed part, spaces, a fragment",
  },
  ADDRESS_REFUSED: {
    class: "not_retryable",
    when: "an alert destination resolves to an address alerts may not reach (loopback, private, cloud metadata)",
  },
  BAD_RULE: {
    class: "not_retryable",
    when: "a new rule fails its check, the message naming the field (the gateway answers BAD_REQUEST; a config file's bad rule stops its start-up)",
  },
  NO_SUCH_RULE: { class: "not_retryable", when: "no rule has this id (the gateway answers NOT_FOUND)" },
  RULE_FROM_CONFIG: {
    class: "not_retryable",
    when: "removing a config file's rule: edit the file; it can be muted, not removed (the gateway answers RULE_FROM_CONFIG)",
  },
};

/**
 * A channel URL an alert rule cannot send to (channels/channelUrl.ts). The message names the
 * scheme and the part that is wrong or missing ("tgram:// needs BOT_TOKEN/CHAT_ID").
 */
export class AlertChannelError extends MexcLiveError<AlertChannelErrorCode> {
  override readonly name = "AlertChannelError";
  constructor(code: AlertChannelErrorCode, message: string) {
    super(ALERTS_ERRORS, code, message);
  }
}

/** Thrown (and given to the connection) when an alert destination's address is refused. */
export class RefusedAddressError extends MexcLiveError<"ADDRESS_REFUSED"> {
  override readonly name = "RefusedAddressError";
  constructor(message: string) {
    super(ALERTS_ERRORS, "ADDRESS_REFUSED", message);
  }
}

/** A rule the service cannot take or find. The message names the field or the rule. */
export class AlertRuleError extends MexcLiveError<AlertRuleErrorCode> {
  override readonly name = "AlertRuleError";
  constructor(code: AlertRuleErrorCode, message: string) {
    super(ALERTS_ERRORS, code, message);
  }
}

export function isAlertRuleError(error: unknown): error is AlertRuleError {
  return error instanceof AlertRuleError;
}
