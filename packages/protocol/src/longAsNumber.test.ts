import { describe, expect, it } from "vitest";
import { varint } from "../test/fixtures/wireBytes.js";
import { MexcReader } from "./mexcReader.js";

/** The int64 protobufjs reads from `value`'s two's complement, as a JS number. */
function expected(value: bigint): number {
  return Number(BigInt.asIntN(64, value));
}

describe("int64 fields read as numbers", () => {
  it("equal the 64-bit value for small, ms-timestamp, 2^53-plus and negative values", () => {
    const values = [0n, 1n, 127n, 128n, 300n, 2n ** 28n - 1n, 2n ** 28n, 2n ** 31n, 2n ** 32n, 1795255200000n];
    values.push(2n ** 53n - 1n, 2n ** 53n + 1n, 2n ** 63n - 1n, -1n, -2n, -(2n ** 31n), -1795255200000n, -(2n ** 63n));
    let state = 0x1234567n;
    for (let i = 0; i < 5000; i++) {
      state = (state * 6364136223846793005n + 1442695040888963407n) & (2n ** 64n - 1n);
      values.push(BigInt.asIntN(64, state >> BigInt(i % 64)));
    }
    for (const value of values) {
      const bytes = varint(BigInt.asUintN(64, value));
      for (const reader of [new MexcReader(bytes), new MexcReader(Buffer.from(bytes))]) {
        expect(reader.int64(), `varint of ${value}`).toBe(expected(value));
        expect(reader.pos).toBe(bytes.length);
      }
    }
  });

  it("throw RangeError when the varint runs past the end, and reject an 11-byte varint", () => {
    const timestamp = varint(1795255200000n);
    for (let cut = 0; cut < timestamp.length; cut++) {
      expect(() => new MexcReader(timestamp.subarray(0, cut)).int64()).toThrow(RangeError);
    }
    expect(() => new MexcReader(new Uint8Array(11).fill(0xff)).int64()).toThrow("invalid varint encoding");
  });
});

describe("protobufjs for anyone else", () => {
  it("is left as it is: decodePush's readers are its own, a plain Reader still gives Longs", async () => {
    const { decodePush } = await import("./codec.js");
    const { default: $protobuf } = await import("protobufjs/minimal.js");
    expect(decodePush).toBeTypeOf("function");
    expect($protobuf.util.Long).toBeDefined();
    const long = new $protobuf.Reader(varint(1795255200000n)).int64();
    expect(typeof long).toBe("object");
    expect(new MexcReader(varint(1795255200000n)).int64()).toBe(1795255200000);
  });
});
