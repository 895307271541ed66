/**
 * The JSON text replies of the control protocol (docs/mexc/protocol.md#subscribing-unsubscribing-ping, docs/mexc/protocol.md#rejections), byte for byte:
 * `{"id":<id>,"code":0,"msg":...}` with `code` 0 even for rejections, the rejection's two spaces
 * before `Reason`, its full-width colon `：` (U+FF1A) and its trailing space.
 */

const REJECTION_REASON = ".  Reason\uFF1A Blocked! ";

export function pongReply(id: number): string {
  return reply(id, "PONG");
}

/**
 * The reply to a SUBSCRIPTION: the accepted channels comma-joined when all went through; the
 * rejection form when none did; MEXC's mixed form when some did (docs/mexc/protocol.md#rejections [3P] S11).
 */
export function subscriptionReply(id: number, accepted: readonly string[], rejected: readonly string[]): string {
  if (rejected.length === 0 && accepted.length > 0) return reply(id, accepted.join(","));
  const refusal = `Not Subscribed successfully! [${rejected.join(",")}]${REJECTION_REASON}`;
  if (accepted.length === 0) return reply(id, refusal);
  return reply(id, `Subscribed successful! [${accepted.join(",")}]. ${refusal}`);
}

/** The reply to an UNSUBSCRIPTION: the channels, comma-joined (docs/mexc/protocol.md#subscribing-unsubscribing-ping). */
export function unsubscriptionReply(id: number, channels: readonly string[]): string {
  return reply(id, channels.join(","));
}

/**
 * The reply to a message that is not a control frame at all (not JSON, no known `method`):
 * MEXC's empty rejection (docs/mexc/protocol.md#rejections "Empty case seen" [3P]). Which reply MEXC gives to garbage is
 * [UNCONFIRMED]; the socket stays open.
 */
export function unknownMessageReply(id: number): string {
  return subscriptionReply(id, [], []);
}

function reply(id: number, msg: string): string {
  return `{"id":${id},"code":0,"msg":${JSON.stringify(msg)}}`;
}
