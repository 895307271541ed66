/**
 * int64 as a plain JS number (ms timestamps are far below 2^53), for our reader only
 * (mexcReader.ts): protobufjs would return a `Long` (its `long` dependency is installed), or
 * with Long switched off still read each int64 into a `LongBits` object and convert it.
 * `readInt64` computes the same number without that allocation (every timestamp of every frame
 * goes through it), with protobufjs' own errors.
 */

interface ReaderState {
  buf: Uint8Array;
  pos: number;
  len: number;
}

/** `LongBits.toNumber(false)` of the varint at `pos`, with protobufjs' errors. A Reader method. */
export function readInt64(this: ReaderState): number {
  const { buf, len } = this;
  let pos = this.pos;
  let lo = 0;
  let hi = 0;
  let byte = 0;
  for (let shift = 0; shift < 28; shift += 7) {
    if (pos >= len) throw outOfRange(this, pos);
    byte = buf[pos++]!;
    lo |= (byte & 127) << shift;
    if (byte < 128) {
      this.pos = pos;
      return lo >>> 0;
    }
  }
  if (pos >= len) throw outOfRange(this, pos);
  byte = buf[pos++]!;
  lo |= (byte & 127) << 28;
  hi = (byte & 127) >> 4;
  for (let shift = 3; byte >= 128; shift += 7) {
    if (shift > 31) {
      this.pos = pos;
      throw Error("invalid varint encoding");
    }
    if (pos >= len) throw outOfRange(this, pos);
    byte = buf[pos++]!;
    hi |= (byte & 127) << shift;
  }
  this.pos = pos;
  if (hi >>> 31) {
    // Two's complement, as LongBits.toNumber does it.
    const negLo = (~lo + 1) >>> 0;
    let negHi = ~hi >>> 0;
    if (!negLo) negHi = (negHi + 1) >>> 0;
    return -(negLo + negHi * 4294967296);
  }
  return (lo >>> 0) + (hi >>> 0) * 4294967296;
}

function outOfRange(reader: ReaderState, pos: number): RangeError {
  reader.pos = pos;
  return RangeError(`index out of range: ${pos} + 1 > ${reader.len}`);
}
