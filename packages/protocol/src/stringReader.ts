/**
 * A faster protobufjs `Reader#stringVerify` for the strings of MEXC frames: about 16 per frame,
 * 1-53 bytes, nearly all ASCII. protobufjs reads them 8 bytes per `String.fromCharCode` and
 * concatenates, which costs most for the long ones. Here:
 * - up to 12 bytes (decimals, symbols, versions): ASCII checked on 3 overlapping 4-byte words,
 *   then one `String.fromCharCode` call;
 * - 30-64 bytes (channels and event types, e.g. `spot@public.aggre.depth.v3.api.pb@100ms`): the
 *   same few dozen on every frame, so they are interned in a small direct-mapped table (slot
 *   from a few of their words, hit on all their bytes); a hit returns the string without
 *   building it. `channelAt` interns a wrapper's channel from 16 bytes (the private channels).
 *   Short strings are not interned: most prices, quantities and ids are new, and a table of
 *   them only moves young strings to the old generation (measured slower, BENCHMARKS.md, Decode);
 * - anything else, and any string with a byte >= 0x80: protobufjs' own strict UTF-8 decoder,
 *   which still rejects invalid UTF-8.
 * Every value is exactly the string protobufjs would return. Used by our reader
 * (mexcReader.ts) and the hand-written one (frameEvents.ts); protobufjs itself is left as it
 * is. The word checks and the string building are in asciiBytes.ts.
 *
 * `readDecimal` reads the decimal fields of depth levels and trades the same way, and checks
 * them against the decimal grammar on the bytes as it goes (see its comment).
 */
import $protobuf from "protobufjs/minimal.js";
import { asciiString, isAsciiBytes, MAX_BUILT_BYTES, NOT_ASCII, tinyString, wordAt } from "./asciiBytes.js";
import { isDecimalBytes } from "./decimal.js";
import { MAX_DECIMAL_DIGITS } from "./valueBounds.js";

const readStrict = $protobuf.util.utf8.readStrict;

const MIN_INTERNED_BYTES = 30;
/** The shortest string `channelAt` interns (the hash reads the last 12 bytes and the first 4). */
const MIN_CHANNEL_BYTES = 16;
const MAX_INTERNED_BYTES = 64;
const WORDS_PER_SLOT = MAX_INTERNED_BYTES / 4;
/** 1,024 slots: room for every channel of several connections (30 streams each). */
const SLOT_BITS = 10;
const SLOTS = 1 << SLOT_BITS;

const keyWords = new Int32Array(SLOTS * WORDS_PER_SLOT);
const interned: string[] = new Array<string>(SLOTS).fill("");

interface ReaderState {
  buf: Uint8Array;
  pos: number;
  len: number;
  size(): number;
}

export interface DecimalReaderState extends ReaderState {
  /** False once a decimal field of this frame was read that is not a plain decimal. */
  everyDecimalPlain: boolean;
}

/** `Reader#stringVerify` for MEXC frames. A Reader method. */
export function readString(this: ReaderState): string {
  const start = stepOverBytes(this);
  return stringAt(this.buf, start, this.pos);
}

/**
 * Moves `reader` past a length-delimited field, refusing one that runs past the buffer as
 * protobufjs does, and returns where its bytes start (they end at `reader.pos`).
 */
function stepOverBytes(reader: ReaderState): number {
  const length = reader.size();
  const start = reader.pos;
  const end = start + length;
  if (end > reader.len) throw RangeError(`index out of range: ${start} + ${length} > ${reader.len}`);
  reader.pos = end;
  return start;
}

/**
 * `reader.decimal()`: a price or quantity of a depth level or a trade, the strings a frame has
 * most of (scripts/codegen.mjs gives those fields of the generated decoders this call). The same
 * string `readString` returns, checked against `isDecimal`'s grammar on its bytes while they are
 * at hand, so `toEvent` need not walk every level again (BENCHMARKS.md, Decode). A value that is
 * not a plain decimal clears `everyDecimalPlain` and is still returned as `readString` reads it
 * (invalid UTF-8 still throws): deciding what to do about it is `toEvent`'s business. A Reader method.
 */
export function readDecimal(this: DecimalReaderState): string {
  const start = stepOverBytes(this);
  const end = this.pos;
  const value = decimalAt(this.buf, start, end);
  if (value !== undefined) return value;
  this.everyDecimalPlain = false;
  return stringAt(this.buf, start, end);
}

/**
 * The plain decimal in the bytes `buf[start, end)` as a string (the one `readString` would
 * return), or undefined when they are not a plain decimal (`isDecimal`'s grammar, checked on the
 * bytes before any string is built).
 */
export function decimalAt(buf: Uint8Array, start: number, end: number): string | undefined {
  if (!isDecimalBytes(buf, start, end)) return undefined;
  // Known ASCII: no second look at the bytes.
  const length = end - start;
  if (length < 4) return tinyString(buf, start, end);
  return length <= MAX_BUILT_BYTES ? asciiString(buf, start, length) : readStrict(buf, start, end);
}

/**
 * `decimalAt` for a value its field's bounds (valueBounds.ts) allow, judged on the bytes in the
 * same one pass that checks the grammar: no sign, at most MAX_DECIMAL_DIGITS bytes (so at most
 * that many digits), and with `positive` not zero. Undefined for anything else, and for some
 * values the bounds allow ("-0", 41 bytes with a point): the hand-written reader then has
 * eventBounds.ts judge its event (aggreBodies.ts), so what is refused and how stays exactly what
 * checkEventBounds says (BENCHMARKS.md at 9fe1756, "Value bounds in decode").
 */
export function boundedDecimalAt(buf: Uint8Array, start: number, end: number, positive: boolean): string | undefined {
  const length = end - start;
  if (length > MAX_DECIMAL_DIGITS) return undefined;
  // Grammar of isDecimalBytes without the sign: digits, then optionally "." and digits.
  let digits = 0; // each digit's value OR-ed: 0 when the value is zero
  let at = start;
  for (; at < end; at++) {
    const digit = buf[at]! - 48;
    if (digit < 0 || digit > 9) break;
    digits |= digit;
  }
  if (at === start) return undefined;
  if (at < end) {
    if (buf[at] !== 46 /* . */) return undefined;
    const fraction = ++at;
    for (; at < end; at++) {
      const digit = buf[at]! - 48;
      if (digit < 0 || digit > 9) return undefined;
      digits |= digit;
    }
    if (at === fraction) return undefined;
  }
  if (positive && digits === 0) return undefined;
  // Known ASCII: no second look at the bytes.
  if (length < 4) return tinyString(buf, start, end);
  return length <= MAX_BUILT_BYTES ? asciiString(buf, start, length) : readStrict(buf, start, end);
}

/**
 * The string of the bytes `buf[start, end)` when they are all ASCII (the one `readString` would
 * return), else undefined: never throws, so a hand-written reader can leave anything else,
 * invalid UTF-8 included, to protobufjs' decoder (frameEvents.ts).
 */
export function asciiAt(buf: Uint8Array, start: number, end: number): string | undefined {
  const length = end - start;
  if (length <= MAX_BUILT_BYTES) {
    if (length >= 4) {
      const bits = wordAt(buf, start) | wordAt(buf, start + (length >> 1) - 2) | wordAt(buf, end - 4);
      return (bits & NOT_ASCII) === 0 ? asciiString(buf, start, length) : undefined;
    }
    for (let at = start; at < end; at++) if (buf[at]! >= 0x80) return undefined;
    return tinyString(buf, start, end);
  }
  if (length >= MIN_INTERNED_BYTES && length <= MAX_INTERNED_BYTES) return internedAscii(buf, start, end);
  if (!isAsciiBytes(buf, start, end)) return undefined;
  if (length > 2 * MAX_BUILT_BYTES) return readStrict(buf, start, end);
  // 13-24 bytes (trade ids): two built pieces, joined; 2-4 % faster on the bench corpus than
  // protobufjs' 8-byte pieces and one concatenation per leftover character.
  const head = asciiString(buf, start, MAX_BUILT_BYTES);
  const rest = length - MAX_BUILT_BYTES;
  return (
    head + (rest < 4 ? tinyString(buf, start + MAX_BUILT_BYTES, end) : asciiString(buf, start + MAX_BUILT_BYTES, rest))
  );
}

/**
 * `asciiAt` for a wrapper's channel, which repeats on every frame of its stream: 16-64 bytes
 * from the intern table, the private channels' 28-29 bytes included (asciiAt interns from 30:
 * most other strings of that length, order and trade ids, are new).
 */
export function channelAt(buf: Uint8Array, start: number, end: number): string | undefined {
  const length = end - start;
  return length >= MIN_CHANNEL_BYTES && length <= MAX_INTERNED_BYTES
    ? internedAscii(buf, start, end)
    : asciiAt(buf, start, end);
}

/** Slots of the table of short strings that repeat (symbols): a few dozen markets per connection. */
const SHORT_SLOT_BITS = 6;
const shortWords = new Int32Array((1 << SHORT_SLOT_BITS) * 3);
const shortInterned: string[] = new Array<string>(1 << SHORT_SLOT_BITS).fill("");

/**
 * `asciiAt` for a short string that repeats on every frame, a symbol ("BTCUSDT"): 4-12 ASCII
 * bytes are keyed by the three words that cover them (as `stringAt` checks them) in a small
 * direct-mapped table, so a hit builds nothing. Not for prices or ids: most are new (see the top).
 */
export function internedShortAsciiAt(buf: Uint8Array, start: number, end: number): string | undefined {
  const length = end - start;
  if (length < 4 || length > MAX_BUILT_BYTES) return asciiAt(buf, start, end);
  const a = wordAt(buf, start);
  const b = wordAt(buf, start + (length >> 1) - 2);
  const c = wordAt(buf, end - 4);
  if (((a | b | c) & NOT_ASCII) !== 0) return undefined;
  const slot = Math.imul(a ^ Math.imul(b, 31) ^ Math.imul(c, 961) ^ length, 0x9e3779b1) >>> (32 - SHORT_SLOT_BITS);
  const k = slot * 3;
  const cached = shortInterned[slot]!;
  if (cached.length === length && shortWords[k] === a && shortWords[k + 1] === b && shortWords[k + 2] === c) {
    return cached;
  }
  const text = asciiString(buf, start, length);
  shortWords[k] = a;
  shortWords[k + 1] = b;
  shortWords[k + 2] = c;
  shortInterned[slot] = text;
  return text;
}

/** The string of the UTF-8 bytes `buf[start, end)`, as protobufjs' strict reader makes it. */
function stringAt(buf: Uint8Array, start: number, end: number): string {
  const length = end - start;
  if (length < 4) return tinyString(buf, start, end);
  if (length <= MAX_BUILT_BYTES) {
    // Words [0,4), [mid-2,mid+2), [length-4,length) cover all of 4-12 bytes.
    const bits = wordAt(buf, start) | wordAt(buf, start + (length >> 1) - 2) | wordAt(buf, end - 4);
    return (bits & NOT_ASCII) === 0 ? asciiString(buf, start, length) : readStrict(buf, start, end);
  }
  if (length < MIN_INTERNED_BYTES || length > MAX_INTERNED_BYTES) return readStrict(buf, start, end);
  return internedAscii(buf, start, end) ?? readStrict(buf, start, end);
}

/**
 * An ASCII string of 16-64 bytes from the intern table, or built and stored there; undefined
 * when not ASCII. The slot comes from the length and five words (the start, the middle, the last
 * twelve bytes: where channels differ, in stream name, interval and symbol), not from all of them:
 * the full compare that follows decides a hit, and since only ASCII strings are stored, a hit
 * needs no ASCII check of its own. A collision costs a rebuild, never a wrong string. One pass
 * over the bytes on a hit instead of two (hash, then compare): (b) +4-8 % (BENCHMARKS.md, Decode).
 */
function internedAscii(buf: Uint8Array, start: number, end: number): string | undefined {
  const length = end - start;
  // Words [0,4), [4,8), ... and the last, possibly overlapping, [length-4, length).
  const last = end - 4;
  let hash = Math.imul(length ^ wordAt(buf, start), 0x9e3779b1);
  hash = Math.imul(hash ^ wordAt(buf, start + (length >> 1) - 2), 0x9e3779b1);
  hash = Math.imul(hash ^ wordAt(buf, last - 8), 0x9e3779b1);
  hash = Math.imul(hash ^ wordAt(buf, last - 4), 0x9e3779b1);
  hash = Math.imul(hash ^ wordAt(buf, last), 0x9e3779b1);
  const slot = hash >>> (32 - SLOT_BITS);
  const cached = interned[slot]!;
  let k = slot * WORDS_PER_SLOT;
  if (cached.length === length) {
    let at = start;
    while (at < last && keyWords[k] === wordAt(buf, at)) {
      at += 4;
      k += 1;
    }
    if (at >= last && keyWords[k] === wordAt(buf, last)) return cached;
    k = slot * WORDS_PER_SLOT;
  }
  if (!isAsciiBytes(buf, start, end)) return undefined;
  for (let at = start; at < last; at += 4) keyWords[k++] = wordAt(buf, at);
  keyWords[k] = wordAt(buf, last);
  // Known ASCII: 12-byte pieces, concatenated.
  let text = "";
  let at = start;
  for (; at + MAX_BUILT_BYTES < end; at += MAX_BUILT_BYTES) text += asciiString(buf, at, MAX_BUILT_BYTES);
  text += at + 4 <= end ? asciiString(buf, at, end - at) : tinyString(buf, at, end);
  interned[slot] = text;
  return text;
}
