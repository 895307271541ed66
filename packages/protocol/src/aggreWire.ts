/**
 * The varints of the hand-written reader of the aggregated streams (frameEvents.ts): only the
 * lengths these fields take on MEXC's frames, so anything longer is left to protobufjs' decoder.
 */

/** Protobuf wire types (protobuf.dev/programming-guides/encoding): varint and length-delimited. */
export const VARINT = 0;
export const LEN = 2;
export const tag = (field: number, wireType: number) => (field << 3) | wireType;

/** Returned by the varint readers when they leave the frame to the generated decoder. */
export const GIVE_UP = -1;
/** Where the last multi-byte varint read ended (the readers return the value). */
export let next = 0;

/**
 * The varint at `pos` when it takes 1-4 bytes (below 2^28: tags, lengths, trade types), with
 * `next` after it; GIVE_UP for a longer one or one running past `end`.
 */
export function varint28(buf: Uint8Array, pos: number, end: number): number {
  let value = 0;
  for (let shift = 0; shift < 28 && pos < end; shift += 7) {
    const byte = buf[pos++]!;
    value |= (byte & 0x7f) << shift;
    if (byte < 0x80) {
      next = pos;
      return value;
    }
  }
  return GIVE_UP;
}

/**
 * An int64 varint of 1-7 bytes (below 2^49, exact in a double: ms timestamps take 6), as
 * protobufjs with our reader reads it (longAsNumber.ts), with `next` after it; GIVE_UP for a
 * longer one (a negative takes 10) or one running past `end`.
 */
export function int64(buf: Uint8Array, pos: number, end: number): number {
  let value = 0;
  let scale = 1;
  for (let count = 0; count < 7 && pos < end; count++) {
    const byte = buf[pos++]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) {
      next = pos;
      return value;
    }
    scale *= 128;
  }
  return GIVE_UP;
}

/**
 * The position after an int64 varint `int64` would read (1-7 bytes), for a field whose value the
 * event does not carry (lastOrderCreateTime); GIVE_UP where `int64` gives up. No `next` to read.
 */
export function skipInt64(buf: Uint8Array, pos: number, end: number): number {
  const stop = Math.min(pos + 7, end);
  while (pos < stop) if (buf[pos++]! < 0x80) return pos;
  return GIVE_UP;
}
