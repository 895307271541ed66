/**
 * The alerts' errors. Neither is retryable: the rule or the request must change. The gateway
 * answers them over HTTP (packages/gateway/src/http/routes/alerts.ts: BAD_RULE 400, NO_SUCH_RULE
 * 404, RULE_FROM_CONFIG 409) and a config file's bad rule stops its start-up.
 */

/**
 * A channel URL an alert rule cannot send to (channels/channelUrl.ts). Not retryable: the
 * rule must be fixed. The message names the scheme and the part that is wrong or missing
 * ("tgram:// needs BOT_TOKEN/CHAT_ID") and never quotes the URL or any part of it: channel URLs
 * hold tokens.
 *
 * | code           | when                                                                   |
 * |----------------|------------------------------------------------------------------------|
 * | UNKNOWN_SCHEME | not http(s)://, tgram://, discord://, ntfy(s):// or `browser`           |
 * | BAD_CHANNEL    | a known scheme with a missing or malformed part, spaces, a fragment    |
 */
export type AlertChannelErrorCode = "UNKNOWN_SCHEME" | "BAD_CHANNEL";

export class AlertChannelError extends Error {
  override readonly name = "AlertChannelError";
  readonly retryable = false;
  constructor(
    readonly code: AlertChannelErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isAlertChannelError(error: unknown): error is AlertChannelError {
  return error instanceof AlertChannelError;
}

/**
 * A rule the service cannot take or find. The message names the field or the rule.
 *
 * | code             | when                                                        |
 * |------------------|-------------------------------------------------------------|
 * | BAD_RULE         | a new rule fails its check (the message names the field)    |
 * | NO_SUCH_RULE     | no rule has this id                                         |
 * | RULE_FROM_CONFIG | removing a config file's rule (it can be muted, not removed) |
 */
export type AlertRuleErrorCode = "BAD_RULE" | "NO_SUCH_RULE" | "RULE_FROM_CONFIG";

export class AlertRuleError extends Error {
  override readonly name = "AlertRuleError";
  readonly retryable = false;
  constructor(
    readonly code: AlertRuleErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isAlertRuleError(error: unknown): error is AlertRuleError {
  return error instanceof AlertRuleError;
}
