/**
 * Frame codec: one binary WebSocket frame <-> one PushDataV3ApiWrapper (docs/mexc/protocol.md#frames).
 * The generated protobufjs static code does the work; this file adds the contract: int64 as JS
 * numbers, exactly one body, and nothing but a ProtocolError on bad input.
 */

import { ProtocolError } from "./errors.js";
import { PushDataV3ApiWrapper } from "./generated/mexc.js";
import { MexcReader } from "./mexcReader.js";
import { PUSH_BODY_NAMES, type PushBodyName, type PushWrapper } from "./wire.js";

/** The bodies in the order they are looked for: the busiest streams first (docs/mexc/protocol.md#channels), so most frames take one read. */
const BODY_LOOKUP_ORDER: readonly PushBodyName[] = [
  "publicAggreDepths",
  "publicAggreDeals",
  "publicAggreBookTicker",
  ...PUSH_BODY_NAMES.filter((name) => !/^publicAggre/.test(name)),
];

/** The body set on a wrapper (decoded or plain object), or undefined when none is. */
export function bodyName(wrapper: PushWrapper): PushBodyName | undefined {
  const record = wrapper as unknown as Record<string, unknown>;
  for (const name of BODY_LOOKUP_ORDER) if (record[name] != null) return name;
  return undefined;
}

/**
 * The wrapper decodePush returned last, if its reader found every price and quantity of its depth
 * levels and trades present and a plain decimal (mexcReader.ts); else undefined. One slot, no
 * allocation: the client calls `toEvent(decodePush(bytes))`, so the wrapper toEvent gets is this
 * one, untouched since, and toEvent need not check those strings a second time.
 */
let lastCheckedOnRead: PushWrapper | undefined;

/**
 * Whether `wrapper` is the one decodePush returned last with the prices and quantities of its
 * depth levels and trades checked as they were read. False for anything else: a plain object,
 * an older wrapper, one with a value that failed the check; toEvent checks those itself.
 * (A caller who edits a decoded wrapper's levels before calling toEvent edits trusted data.)
 */
export function decimalsCheckedOnRead(wrapper: PushWrapper): boolean {
  return wrapper === lastCheckedOnRead;
}

/**
 * Decodes one frame. Returns the wrapper as MEXC's docs show it: proto field names, the body
 * under its oneof name, int64 as numbers, decimal strings untouched, unknown fields skipped.
 * Throws ProtocolError (only) on truncated or garbage input or a frame with no channel/body.
 * Decimals are only checked here, not judged: a malformed one is toEvent's BAD_DECIMAL.
 */
export function decodePush(bytes: Uint8Array): PushWrapper {
  let wrapper: PushDataV3ApiWrapper;
  const reader = new MexcReader(bytes);
  try {
    wrapper = PushDataV3ApiWrapper.decode(reader);
  } catch (error) {
    throw toProtocolError(error, bytes.length);
  }
  if (!wrapper.channel) {
    throw new ProtocolError("MISSING_CHANNEL", `frame of ${bytes.length} bytes has no channel (field 1)`);
  }
  // The generated decoder already threw on a second body (see scripts/codegen.mjs).
  if (bodyName(wrapper as PushWrapper) === undefined) {
    throw new ProtocolError(
      "MISSING_BODY",
      `frame on channel "${printable(wrapper.channel)}" has no body (fields 301-315)`,
    );
  }
  lastCheckedOnRead = reader.everyDecimalPlain ? (wrapper as unknown as PushWrapper) : undefined;
  return wrapper as unknown as PushWrapper;
}

/** Encodes a wrapper (plain object) to one frame: the inverse of decodePush. */
export function encodePush(wrapper: PushWrapper): Uint8Array {
  if (!wrapper || typeof wrapper.channel !== "string" || wrapper.channel === "") {
    throw new ProtocolError("ENCODE_FAILED", "cannot encode wrapper: channel must be a non-empty string");
  }
  const record = wrapper as unknown as Record<string, unknown>;
  const bodies = PUSH_BODY_NAMES.filter((name) => record[name] != null);
  if (bodies.length !== 1) {
    throw new ProtocolError(
      "ENCODE_FAILED",
      `cannot encode wrapper on "${printable(wrapper.channel)}": expected exactly one body, got ${bodies.length ? bodies.join(", ") : "none"}`,
    );
  }
  try {
    return PushDataV3ApiWrapper.encode(wrapper as unknown as PushDataV3ApiWrapper).finish();
  } catch (error) {
    throw new ProtocolError("ENCODE_FAILED", `cannot encode wrapper: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function toProtocolError(error: unknown, length: number): ProtocolError {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError || /index out of range/.test(message)) {
    return new ProtocolError("TRUNCATED", `frame of ${length} bytes is truncated: ${message}`, { cause: error });
  }
  return new ProtocolError("MALFORMED", `frame of ${length} bytes is not a PushDataV3ApiWrapper: ${message}`, {
    cause: error,
  });
}

/** A channel from a garbage frame may hold anything; keep error messages one short line. */
function printable(text: string): string {
  const clean = text.replace(/[^\x20-\x7e]/g, "?");
  return clean.length > 80 ? `${clean.slice(0, 80)}...` : clean;
}
