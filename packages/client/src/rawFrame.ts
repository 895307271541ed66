/**
 * Raw-frame hooks (`onRawFrame` on the user and market streams), for recording a session and
 * replaying it: every binary frame as received, before it is decoded, malformed ones included
 * (they are what a replay is for when debugging), with its local receive time and its channel
 * when the frame's header names it. Unset, a hook costs one property check per frame.
 */
import type { Logger } from "./redact.js";

export interface RawFrame {
  /** The frame exactly as received. Do not modify it: it is decoded right after the hook returns. */
  readonly bytes: Uint8Array;
  /** Local ms when the frame arrived (the decoded event's `localTimestamp`). */
  readonly receivedAt: number;
  /** The push's channel (wrapper field 1), or null when the frame does not say (e.g. it is garbage). */
  readonly channel: string | null;
}

/** Called synchronously once per frame, in arrival order. If it throws, the error is logged and the frame is still decoded. */
export type RawFrameHandler = (frame: RawFrame) => void;

/** PushDataV3ApiWrapper: `string channel = 1` (packages/protocol/proto/mexc.proto). */
const CHANNEL_FIELD = 1;
const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LENGTH_DELIMITED = 2;
const WIRE_FIXED32 = 5;
/** A protobuf varint is at most 10 bytes. */
const MAX_VARINT_BYTES = 10;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The channel a push names in its header, without decoding its body: top-level fields are
 * skipped by their lengths until field 1 (MEXC sends it first). Null for anything malformed.
 */
export function frameChannel(bytes: Uint8Array): string | null {
  let at = 0;
  while (at < bytes.length) {
    const tag = readVarint(bytes, at);
    if (tag === undefined) return null;
    at = tag.next;
    const field = Math.floor(tag.value / 8);
    const wireType = tag.value % 8;
    if (wireType === WIRE_VARINT) {
      const skipped = readVarint(bytes, at);
      if (skipped === undefined) return null;
      at = skipped.next;
    } else if (wireType === WIRE_FIXED64) at += 8;
    else if (wireType === WIRE_FIXED32) at += 4;
    else if (wireType === WIRE_LENGTH_DELIMITED) {
      const length = readVarint(bytes, at);
      if (length === undefined || length.next + length.value > bytes.length) return null;
      if (field === CHANNEL_FIELD) return decodeText(bytes.subarray(length.next, length.next + length.value));
      at = length.next + length.value;
    } else return null;
  }
  return null;
}

/** Hands one frame to `handler`; a throwing handler is logged, never allowed to stop the stream. */
export function handOutRawFrame(
  handler: RawFrameHandler,
  bytes: Uint8Array,
  receivedAt: number,
  logger: Logger | undefined,
): void {
  try {
    handler({ bytes, receivedAt, channel: frameChannel(bytes) });
  } catch (error) {
    logger?.warn({ err: error instanceof Error ? error.message : String(error) }, "onRawFrame hook threw");
  }
}

function readVarint(bytes: Uint8Array, start: number): { value: number; next: number } | undefined {
  let value = 0;
  for (let index = 0; index < MAX_VARINT_BYTES && start + index < bytes.length; index++) {
    const byte = bytes[start + index] as number;
    value += (byte & 0x7f) * 2 ** (7 * index);
    if (byte < 0x80) return { value, next: start + index + 1 };
  }
  return undefined;
}

function decodeText(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return null;
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}
