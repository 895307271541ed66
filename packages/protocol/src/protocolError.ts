/**
 * The one error the wire layer throws: a frame or a channel name that is not what MEXC sends.
 * `code` is stable for programs; `message` names the part that was wrong.
 */
export type ProtocolErrorCode =
  | "TRUNCATED" // the frame ends inside a field
  | "MALFORMED" // bytes that are not a valid PushDataV3ApiWrapper
  | "MISSING_CHANNEL" // decoded, but the wrapper has no channel
  | "MISSING_BODY" // decoded, but no body of the oneof is set
  | "ENCODE_FAILED" // encodePush was given something that is not a wrapper
  | "INVALID_CHANNEL" // a channel string or channel spec part is wrong
  | "UNKNOWN_VALUE" // a field the event cannot do without (a fill's side) holds a value MEXC never sent before
  | "BAD_DECIMAL"; // a decimal field holds something that is not a plain decimal string

export class ProtocolError extends Error {
  override readonly name = "ProtocolError";
  /** UNKNOWN_VALUE, BAD_DECIMAL: the field, e.g. `privateDeals.tradeType`, and the value it held. */
  readonly field: string | undefined;
  readonly value: string | undefined;

  constructor(
    readonly code: ProtocolErrorCode,
    message: string,
    options?: { cause?: unknown; field?: string; value?: string },
  ) {
    super(message, options);
    this.field = options?.field;
    this.value = options?.value;
  }
}

export function isProtocolError(error: unknown): error is ProtocolError {
  return error instanceof ProtocolError;
}
