import $protobuf from "protobufjs/minimal.js";
import { describe, expect, it } from "vitest";
import { concat, lenField, stringField, varint } from "../test/fixtures/wireBytes.js";
import { prng } from "../test/prng.js";
import { isAsciiBytes } from "./asciiBytes.js";
import { decodePush } from "./codec.js";
import { isDecimal } from "./decimal.js";
import { ProtocolError } from "./errors.js";
import { MexcReader } from "./mexcReader.js";
import { asciiAt, boundedDecimalAt, channelAt, decimalAt, internedShortAsciiAt } from "./stringReader.js";
import { boundsProblem, MAX_DECIMAL_DIGITS } from "./valueBounds.js";

const { util } = $protobuf;
const CASES = 20_000;

/** What protobufjs' own strict reader makes of these bytes: a string, or the error it throws. */
function reference(bytes: Uint8Array): string | Error {
  try {
    return util.utf8.readStrict(bytes, 0, bytes.length);
  } catch (error) {
    return error as Error;
  }
}

function readBoth(bytes: Uint8Array): { buffer: string | Error; array: string | Error } {
  const field = concat(varint(bytes.length), bytes);
  const read = (reader: $protobuf.Reader): string | Error => {
    try {
      return reader.stringVerify();
    } catch (error) {
      return error as Error;
    }
  };
  return { buffer: read(new MexcReader(Buffer.from(field))), array: read(new MexcReader(field)) };
}

/**
 * The cases where a reader gave other than expected, each with its bytes (in hex); checked once at
 * the end of a loop of thousands: vitest's expect per case cost most of this file's time (48 s of
 * CI's loaded 2 cores), not the readers.
 */
class Mismatches {
  private readonly found: string[] = [];
  private count = 0;

  /** `actual` is `expected`, or an Error where `expected` is one (any error will do). */
  same(actual: unknown, expected: unknown, what: string, bytes: Uint8Array): void {
    const ok = expected instanceof Error ? actual instanceof Error : Object.is(actual, expected);
    if (ok) return;
    this.count++;
    if (this.found.length < 10) {
      const shown = (value: unknown) => (value instanceof Error ? "an error" : JSON.stringify(value));
      this.found.push(`${what} of ${Buffer.from(bytes).toString("hex")}: ${shown(actual)}, not ${shown(expected)}`);
    }
  }

  /** Fails with the first ten and how many there were. */
  none(): void {
    expect({ mismatches: this.count, first: this.found }).toEqual({ mismatches: 0, first: [] });
  }
}

describe("the fast string reader", () => {
  it("never hands out another string of the same length from its intern table, however often slots are reused", () => {
    // 3,000 channel names of one length, far more than the table's slots: many share a slot, so
    // reads keep finding a same-length string of other bytes there and must replace it.
    // The varying digits sit in the middle for half of them and at the very end for the others.
    const symbols = Array.from({ length: 3_000 }, (_, i) => {
      const digits = String(i >> 1).padStart(6, "0");
      return i % 2 === 0 ? `S${digits}USDT` : `USDTS${digits}`;
    });
    const channels = symbols.map((symbol) => `spot@public.aggre.deals.v3.api.pb@100ms@${symbol}`);
    expect(new Set(channels.map((channel) => channel.length)).size).toBe(1);
    const random = prng(7);
    const mismatches = new Mismatches();
    for (let i = 0; i < 30_000; i++) {
      // Mostly recent ones (hits), sometimes any (misses and evictions).
      const index = i % 3 === 0 ? Math.floor(random.next() * channels.length) : i % channels.length;
      const bytes = new TextEncoder().encode(channels[index]);
      const { buffer, array } = readBoth(bytes);
      mismatches.same(buffer, channels[index], "Buffer read", bytes);
      mismatches.same(array, channels[index], "Uint8Array read", bytes);
    }
    mismatches.none();
  });

  it("reads every string of 0-80 bytes exactly as protobufjs' strict UTF-8 reader, and rejects what it rejects", () => {
    const random = prng(0x5eed);
    const alphabets = ["0123456789.", "spot@public.aggre.depth.v3.api.pb@100msBTCUSDT", "aé€😀"].map((text) =>
      new TextEncoder().encode(text),
    );
    const mismatches = new Mismatches();
    for (let i = 0; i < CASES; i++) {
      const length = Math.floor(random.next() * 81);
      const bytes = new Uint8Array(length);
      const kind = i % 4;
      // ASCII from a small alphabet (repeats, so the intern table gets hits), UTF-8 pieces, or
      // ASCII with one byte >= 0x80 at a random place (invalid or not, the reader must notice).
      const alphabet = alphabets[kind === 3 ? 2 : kind === 0 ? 0 : 1]!;
      for (let k = 0; k < length; k++) bytes[k] = alphabet[Math.floor(random.next() * alphabet.length)]!;
      if (kind === 2 && length > 0) bytes[Math.floor(random.next() * length)] = 0x80 + Math.floor(random.next() * 128);
      const expected = reference(bytes);
      const { buffer, array } = readBoth(bytes);
      mismatches.same(buffer, expected, "Buffer read", bytes);
      mismatches.same(array, expected, "Uint8Array read", bytes);
    }
    mismatches.none();
  });

  it("tells interned channels apart when they differ in one byte anywhere", () => {
    const channel = "spot@public.aggre.depth.v3.api.pb@100ms@BTCUSDT";
    for (let at = 0; at < channel.length; at++) {
      const variant = `${channel.slice(0, at)}#${channel.slice(at + 1)}`;
      for (const text of [channel, variant, channel, variant]) {
        expect(readBoth(new TextEncoder().encode(text)).buffer).toBe(text);
      }
    }
  });

  it("gives two channels that share a slot their own strings (they differ only where the slot's hash does not read)", () => {
    // The hash reads bytes [0,4), the middle 4 and the last 12 of these 47: byte 6 is none of them.
    const channel = "spot@public.aggre.depth.v3.api.pb@100ms@BTCUSDT";
    const other = `${channel.slice(0, 6)}#${channel.slice(7)}`;
    const frames = [channel, other].map((text) => concat(Uint8Array.of(0xff), new TextEncoder().encode(text)));
    for (let i = 0; i < 6; i++) {
      const frame = frames[i % 2]!;
      expect(channelAt(frame, 1, frame.length)).toBe([channel, other][i % 2]);
      expect(readBoth(frame.subarray(1)).buffer).toBe([channel, other][i % 2]);
    }
    // A stored channel's slot met by the same bytes with one made non-ASCII: not a hit.
    const bad = new Uint8Array(frames[0]!);
    bad[7] = 0xc3;
    expect(channelAt(bad, 1, bad.length)).toBeUndefined();
  });

  it("still makes invalid UTF-8 in a channel a ProtocolError from decodePush", () => {
    const channel = new TextEncoder().encode("spot@public.aggre.depth.v3.api.pb@100ms@BTCUSDT");
    channel[20] = 0xc3; // a lead byte followed by ASCII
    const frame = concat(lenField(1, channel), lenField(307, stringField(1, "USDT")));
    expect(() => decodePush(frame)).toThrow(ProtocolError);
  });

  it("reads a decimal field as the same string, and notes whether it was a plain decimal", () => {
    const random = prng(0xdec);
    const mismatches = new Mismatches();
    const alphabets = ["0123456789", "-.0123456789", "-.0123456789e ,", "0123456789.é€"].map((text) =>
      new TextEncoder().encode(text),
    );
    for (let i = 0; i < CASES; i++) {
      const length = Math.floor(random.next() * (i % 10 === 0 ? 40 : 16));
      const alphabet = alphabets[i % alphabets.length]!;
      const bytes = Uint8Array.from({ length }, () => alphabet[Math.floor(random.next() * alphabet.length)]!);
      if (i % 7 === 0 && length > 0) bytes[Math.floor(random.next() * length)] = 0x80 + Math.floor(random.next() * 128);
      const expected = reference(bytes);
      const field = concat(varint(bytes.length), bytes);
      for (const reader of [new MexcReader(Buffer.from(field)), new MexcReader(field)]) {
        let actual: string | Error;
        try {
          actual = reader.decimal();
        } catch (error) {
          actual = error as Error;
        }
        mismatches.same(actual, expected, "decimal()", bytes);
        if (!(expected instanceof Error)) {
          mismatches.same(reader.everyDecimalPlain, isDecimal(expected), "everyDecimalPlain", bytes);
        }
      }
    }
    mismatches.none();
  });

  it("keeps a reader's note of a bad decimal for the rest of the frame", () => {
    const lengthPrefixed = (text: string) => concat(varint(text.length), new TextEncoder().encode(text));
    const reader = new MexcReader(concat(lengthPrefixed("1.5"), lengthPrefixed("1e5"), lengthPrefixed("2")));
    expect([reader.decimal(), reader.everyDecimalPlain]).toEqual(["1.5", true]);
    expect([reader.decimal(), reader.everyDecimalPlain]).toEqual(["1e5", false]);
    expect([reader.decimal(), reader.everyDecimalPlain]).toEqual(["2", false]);
  });

  it("reads a string cut short by the end of the frame as out of range", () => {
    const truncated = Uint8Array.of(9, 0x31, 0x31, 0x37); // "117145.49" announced, "117" present
    expect(() => new MexcReader(truncated).stringVerify()).toThrow(RangeError);
  });

  it("gives the hand-written reader the same strings: asciiAt, channelAt, internedShortAsciiAt, decimalAt (undefined where they do not apply)", () => {
    const random = prng(0xa5c11);
    const mismatches = new Mismatches();
    const alphabets = ["0123456789.", "BTCUSDTETHKAS", "585412967301369856X1", "aé€😀"].map((text) =>
      new TextEncoder().encode(text),
    );
    for (let i = 0; i < CASES; i++) {
      const length = Math.floor(random.next() * (i % 5 === 0 ? 81 : 25));
      const alphabet = alphabets[i % alphabets.length]!;
      const bytes = Uint8Array.from({ length }, () => alphabet[Math.floor(random.next() * alphabet.length)]!);
      if (i % 9 === 0 && length > 0) bytes[Math.floor(random.next() * length)] = 0x80 + Math.floor(random.next() * 128);
      // Inside a larger buffer, as a field of a frame is.
      const frame = concat(Uint8Array.of(0x61, 0xff), bytes, Uint8Array.of(0xff, 0x62));
      const [start, end] = [2, 2 + length];
      const expected = reference(bytes);
      const ascii = bytes.every((byte) => byte < 0x80);
      const text = ascii ? expected : undefined;
      mismatches.same(isAsciiBytes(frame, start, end), ascii, "isAsciiBytes", bytes);
      mismatches.same(asciiAt(frame, start, end), text, "asciiAt", bytes);
      // Twice each: the second read may come from the intern table.
      mismatches.same(internedShortAsciiAt(frame, start, end), text, "internedShortAsciiAt", bytes);
      mismatches.same(internedShortAsciiAt(frame, start, end), text, "internedShortAsciiAt, again", bytes);
      mismatches.same(channelAt(frame, start, end), text, "channelAt", bytes);
      mismatches.same(channelAt(frame, start, end), text, "channelAt, again", bytes);
      const plain = typeof expected === "string" && isDecimal(expected);
      mismatches.same(decimalAt(frame, start, end), plain ? expected : undefined, "decimalAt", bytes);
    }
    mismatches.none();
  });

  it("takes as bounded only a plain decimal its bounds allow: no sign, at most MAX_DECIMAL_DIGITS bytes, not zero when positive", () => {
    const random = prng(0xb0d5);
    const mismatches = new Mismatches();
    const alphabet = new TextEncoder().encode("00000123456789.-x");
    for (let i = 0; i < CASES; i++) {
      // Lengths around the bound (40 bytes) as often as short ones.
      const length =
        i % 3 === 0 ? MAX_DECIMAL_DIGITS - 2 + Math.floor(random.next() * 5) : Math.floor(random.next() * 12);
      const bytes = Uint8Array.from({ length }, () => alphabet[Math.floor(random.next() * alphabet.length)]!);
      const frame = concat(Uint8Array.of(0x31, 0x2e), bytes, Uint8Array.of(0x35, 0x2d));
      const text = new TextDecoder().decode(bytes);
      for (const positive of [true, false]) {
        const taken = isDecimal(text) && boundsProblem(text, positive ? "positive" : "nonNegative") === undefined;
        const expected = taken && text[0] !== "-" && length <= MAX_DECIMAL_DIGITS ? text : undefined;
        mismatches.same(boundedDecimalAt(frame, 2, 2 + length, positive), expected, `positive ${positive}`, bytes);
      }
    }
    mismatches.none();
  });

  it("judges the bound itself: 40 digits taken, 41 left to eventBounds; zero and a sign left to it too", () => {
    const at = (text: string, positive: boolean) => {
      const bytes = new TextEncoder().encode(text);
      return boundedDecimalAt(bytes, 0, bytes.length, positive);
    };
    const forty = "9".repeat(MAX_DECIMAL_DIGITS);
    expect(at(forty, true)).toBe(forty);
    expect(at(`${forty}9`, true)).toBeUndefined();
    expect(at(`0.${"0".repeat(MAX_DECIMAL_DIGITS - 3)}1`, true)).toBe(`0.${"0".repeat(MAX_DECIMAL_DIGITS - 3)}1`);
    expect(at("0.000", true)).toBeUndefined();
    expect(at("0.000", false)).toBe("0.000");
    expect(at("-1", false)).toBeUndefined();
    expect(at("-0", false)).toBeUndefined();
    expect(at("1.", false)).toBeUndefined();
    expect(at("", false)).toBeUndefined();
  });
});
