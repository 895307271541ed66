/**
 * protobufjs' Reader with our speed-ups: int64 as plain numbers (longAsNumber.ts), the
 * short-ASCII string reader, and decimal fields checked as they are read (stringReader.ts). A
 * subclass the decoder passes to the generated code, so they stay private to decodePush:
 * protobufjs is not patched for anyone else who imports it (another library in the same program
 * still gets its Longs).
 */
import $protobuf from "protobufjs/minimal.js";
import { readInt64 } from "./longAsNumber.js";
import { readDecimal, readString } from "./stringReader.js";

export class MexcReader extends $protobuf.Reader {
  /**
   * Whether every price and quantity of the depth levels and trades read so far was present and
   * a plain decimal. Cleared by `decimal()` on a bad value, and by the generated decoders of
   * those items when one is missing (scripts/codegen.mjs).
   */
  everyDecimalPlain = true;

  declare decimal: () => string;
}

const proto = MexcReader.prototype as unknown as Record<"int64" | "stringVerify" | "decimal", unknown>;
proto.int64 = readInt64;
proto.stringVerify = readString;
proto.decimal = readDecimal;
