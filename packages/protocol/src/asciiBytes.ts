/**
 * ASCII bytes to strings, the building blocks of the string reader (stringReader.ts): the
 * 4-byte word checks and one `String.fromCharCode` call per string of up to 12 bytes.
 */
import $protobuf from "protobufjs/minimal.js";

const readStrict = $protobuf.util.utf8.readStrict;
const fromCharCode = String.fromCharCode;

/** The longest string built by one `String.fromCharCode` call (asciiString). */
export const MAX_BUILT_BYTES = 12;
/** The high bit of each byte of a 4-byte word: set on a byte that is not ASCII. */
export const NOT_ASCII = 0x80808080;

/** Whether every byte of `buf[start, end)` is ASCII. */
export function isAsciiBytes(buf: Uint8Array, start: number, end: number): boolean {
  let bits = 0;
  let at = start;
  for (; at + 4 <= end; at += 4) bits |= wordAt(buf, at);
  for (; at < end; at++) bits |= buf[at]!;
  return (bits & NOT_ASCII) === 0;
}

/** Little-endian 32-bit word; the caller keeps `at + 4 <= end`. */
export function wordAt(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24);
}

/** 0-3 bytes ("0", small counts); a one-character string comes from V8's cache. */
export function tinyString(buf: Uint8Array, start: number, end: number): string {
  switch (end - start) {
    case 0:
      return "";
    case 1: {
      const a = buf[start]!;
      return a < 0x80 ? fromCharCode(a) : readStrict(buf, start, end);
    }
    case 2: {
      const a = buf[start]!;
      const b = buf[start + 1]!;
      return (a | b) < 0x80 ? fromCharCode(a, b) : readStrict(buf, start, end);
    }
    default: {
      const a = buf[start]!;
      const b = buf[start + 1]!;
      const c = buf[start + 2]!;
      return (a | b | c) < 0x80 ? fromCharCode(a, b, c) : readStrict(buf, start, end);
    }
  }
}

/**
 * 4-12 bytes already known to be ASCII, as one string. Unrolled on purpose: one fixed-arity
 * `String.fromCharCode` call per length is the fastest way V8 builds these (hot path of every frame).
 */
export function asciiString(b: Uint8Array, s: number, length: number): string {
  // biome-ignore format: one line per length, the bytes read in order
  switch (length) {
    case 4: return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!);
    case 5: return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!);
    case 6: return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!);
    case 7: return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!);
    case 8: return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!);
    case 9: return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!);
    case 10: return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!);
    case 11: return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!, b[s + 10]!);
    case 12: return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!);
    default:
      throw new RangeError(`asciiString: ${length} bytes`);
  }
}
