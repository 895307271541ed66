/**
 * protobufjs' Reader with our two speed-ups: int64 as plain numbers (longAsNumber.ts) and the
 * short-ASCII string reader (stringReader.ts). A subclass the decoder passes to the generated
 * code, so they stay private to decodePush: protobufjs is not patched for anyone else who
 * imports it (another library in the same program still gets its Longs).
 */
import $protobuf from "protobufjs/minimal.js";
import { readInt64 } from "./longAsNumber.js";
import { readString } from "./stringReader.js";

export class MexcReader extends $protobuf.Reader {}

const proto = MexcReader.prototype as unknown as Record<"int64" | "stringVerify", unknown>;
proto.int64 = readInt64;
proto.stringVerify = readString;
