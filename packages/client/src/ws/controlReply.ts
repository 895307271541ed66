/**
 * The server's text frames (docs/mexc/protocol.md#frames, docs/mexc/protocol.md#subscribing-unsubscribing-ping, docs/mexc/protocol.md#rejections), classified: PONG, a subscription reply (the
 * channels it names as accepted and as rejected), a refused listen key, or anything else.
 * `code` is 0 even on rejections, so only `msg` tells them apart.
 */

export type ControlReply =
  | { readonly kind: "pong" }
  | {
      readonly kind: "subscription";
      readonly accepted: readonly string[];
      readonly rejected: readonly string[];
      /** The rejection's reason text, e.g. "Blocked!"; empty when nothing was rejected. */
      readonly reason: string;
    }
  | { readonly kind: "invalidListenKey"; readonly text: string }
  | { readonly kind: "other"; readonly value: unknown };

// `Subscribed successful! [a,b]. Not Subscribed successfully! [c].  Reason： Blocked! ` (docs/mexc/protocol.md#rejections):
// two spaces and a full-width colon on the wire; accept either colon and any spacing.
const ACCEPTED_LIST = /Subscribed successful!\s*\[([^\]]*)\]/;
const REJECTED_LIST = /Not Subscribed successfully!\s*\[([^\]]*)\]/;
const REASON = /Reason\s*[:\uFF1A]\s*(.*)$/s;
/** ccxt handles this plain-text message on a private connection (docs/mexc/protocol.md#rejections [3P]). */
const INVALID_LISTEN_KEY = /invalid\s+listen\s*key/i;

export function parseControlReply(text: string): ControlReply {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return INVALID_LISTEN_KEY.test(text) ? { kind: "invalidListenKey", text } : { kind: "other", value: text };
  }
  const msg = typeof value === "object" && value !== null ? (value as { msg?: unknown }).msg : undefined;
  if (typeof msg !== "string") return { kind: "other", value };
  if (msg.toUpperCase() === "PONG") return { kind: "pong" };
  if (INVALID_LISTEN_KEY.test(msg)) return { kind: "invalidListenKey", text: msg };
  const rejected = REJECTED_LIST.exec(msg);
  const accepted = ACCEPTED_LIST.exec(msg);
  if (rejected || accepted) {
    return {
      kind: "subscription",
      accepted: splitChannels(accepted?.[1] ?? ""),
      rejected: splitChannels(rejected?.[1] ?? ""),
      reason: rejected ? (REASON.exec(msg)?.[1]?.trim() ?? "") : "",
    };
  }
  // A plain ack: the accepted channels comma-joined, in any order (docs/mexc/protocol.md#subscribing-unsubscribing-ping).
  const channels = splitChannels(msg);
  if (channels.length === 0) return { kind: "other", value };
  return { kind: "subscription", accepted: channels, rejected: [], reason: "" };
}

function splitChannels(list: string): string[] {
  return list
    .split(",")
    .map((channel) => channel.trim())
    .filter((channel) => channel !== "");
}
