/**
 * What a client sends on a MEXC WebSocket (docs/mexc/protocol.md#subscribing-unsubscribing-ping): JSON text frames
 * `{"method":"SUBSCRIPTION","params":[...]}`, `UNSUBSCRIPTION` alike, and `{"method":"PING"}`.
 *
 * A client frame should stay at or below 1 KB (docs/mexc/undocumented.md#websocket item 11.4: Mexc.Net sends at most 1024 bytes per
 * message; a SUBSCRIPTION of about 25 channels failed where 20 worked), so a list of channels is
 * split into as few messages as fit.
 */

import { ProtocolError } from "./errors.js";
import { MAX_CLIENT_FRAME_BYTES } from "./limits.js";

export type SubscriptionMethod = "SUBSCRIPTION" | "UNSUBSCRIPTION";

export interface SubscriptionMessage {
  /** The channels this message carries, in the order given. */
  readonly channels: readonly string[];
  /** The frame's text, at most `maxBytes` UTF-8 bytes. */
  readonly text: string;
}

export interface SubscriptionSplit {
  /** Largest frame in UTF-8 bytes. Default 1024 (docs/mexc/undocumented.md#websocket item 11.4). */
  readonly maxBytes?: number;
  /** Also at most this many channels per message. Default: no count limit. */
  readonly maxChannels?: number;
}

export const PING_MESSAGE = JSON.stringify({ method: "PING" });

const encoder = new TextEncoder();

/** The JSON text of one (UN)SUBSCRIPTION message. */
export function subscriptionMessage(method: SubscriptionMethod, channels: readonly string[]): string {
  return JSON.stringify({ method, params: channels });
}

/**
 * `channels` as (UN)SUBSCRIPTION messages, in order, each at most `maxBytes` bytes and
 * `maxChannels` channels, as few as fit. Throws ProtocolError INVALID_CHANNEL for a channel that
 * does not fit in a message of its own.
 */
export function subscriptionMessages(
  method: SubscriptionMethod,
  channels: readonly string[],
  split: SubscriptionSplit = {},
): SubscriptionMessage[] {
  const maxBytes = split.maxBytes ?? MAX_CLIENT_FRAME_BYTES;
  const maxChannels = split.maxChannels ?? Number.POSITIVE_INFINITY;
  if (!(maxChannels >= 1)) throw new RangeError("maxChannels must be at least 1");
  const messages: SubscriptionMessage[] = [];
  let current: string[] = [];
  // Bytes of `{"method":"...","params":[]}` plus each channel's JSON string and its comma.
  const empty = byteLength(subscriptionMessage(method, []));
  let size = empty;
  for (const channel of channels) {
    const cost = byteLength(JSON.stringify(channel)) + (current.length > 0 ? 1 : 0);
    if (current.length > 0 && (size + cost > maxBytes || current.length >= maxChannels)) {
      messages.push({ channels: current, text: subscriptionMessage(method, current) });
      current = [];
      size = empty;
    }
    const own = byteLength(JSON.stringify(channel));
    if (current.length === 0 && empty + own > maxBytes) {
      throw new ProtocolError(
        "INVALID_CHANNEL",
        `channel of ${own} bytes does not fit in a ${maxBytes}-byte ${method} message`,
      );
    }
    size += current.length > 0 ? cost : own;
    current.push(channel);
  }
  if (current.length > 0) messages.push({ channels: current, text: subscriptionMessage(method, current) });
  return messages;
}

function byteLength(text: string): number {
  return encoder.encode(text).length;
}
