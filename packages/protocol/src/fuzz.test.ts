/**
 * decodePush on hostile input: random bytes, random protobuf-shaped messages and mutations of
 * valid frames of every body type. Each call either returns a frame with a non-empty channel
 * and exactly one body, or throws a ProtocolError; nothing else.
 *
 * Seeded, so a failure replays: FUZZ_SEED=<seed from the failure> npx vitest run packages/protocol/src/fuzz.test.ts
 */
import { describe, expect, it } from "vitest";
import { FRAME_FIXTURES } from "../test/fixtures/index.js";
import { SPEC_BODIES, specSample } from "../test/fixtures/specFields.js";
import { bytesToHex, hexToBytes, WIRE_VECTORS } from "../test/fixtures/vectors.js";
import {
  concat,
  type LengthSite,
  lenField,
  lengthSites,
  stringField,
  tag,
  varint,
  WIRE_LEN,
} from "../test/fixtures/wireBytes.js";
import { prng, type TestRandom } from "../test/prng.js";
import { bodyName, decodePush, encodePush } from "./codec.js";
import { ProtocolError, type ProtocolErrorCode } from "./errors.js";
import { PUSH_BODY_NAMES } from "./wire.js";

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 0x6d657863;
const RANDOM_BYTE_CASES = 30_000;
const RANDOM_MESSAGE_CASES = 30_000;
const MUTATION_CASES = 60_000;
const MAX_RANDOM_LENGTH = 400;
const MAX_REPORTED_FAILURES = 5;
const DECODE_CODES: ReadonlySet<ProtocolErrorCode> = new Set([
  "TRUNCATED",
  "MALFORMED",
  "MISSING_CHANNEL",
  "MISSING_BODY",
]);

type Random = TestRandom;

/** Why `bytes` broke the contract, or undefined when it held. */
function contractBreach(bytes: Uint8Array): string | undefined {
  let frame: ReturnType<typeof decodePush>;
  try {
    frame = decodePush(bytes);
  } catch (error) {
    if (error instanceof ProtocolError && DECODE_CODES.has(error.code)) return undefined;
    return `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  }
  if (typeof frame.channel !== "string" || frame.channel.length === 0) {
    return `returned channel ${JSON.stringify(frame.channel)}`;
  }
  const bodies = PUSH_BODY_NAMES.filter((name) => frame[name] != null);
  if (bodies.length !== 1) return `returned ${bodies.length} bodies: ${bodies.join(", ")}`;
  if (bodyName(frame) !== bodies[0]) return `bodyName ${bodyName(frame)} but body ${bodies[0]}`;
  for (const time of [frame.createTime, frame.sendTime]) {
    if (time != null && typeof time !== "number") return `returned an int64 header of type ${typeof time}`;
  }
  return undefined;
}

/** Runs `count` cases from `generate`; fails with seed, case number, kind and hex of the first breaches. */
function fuzz(seed: number, count: number, generate: (random: Random) => { kind: string; bytes: Uint8Array }) {
  const random = prng(seed);
  const failures: string[] = [];
  for (let i = 0; i < count && failures.length < MAX_REPORTED_FAILURES; i++) {
    const { kind, bytes } = generate(random);
    const breach = contractBreach(bytes);
    if (breach) failures.push(`seed ${seed} case ${i} (${kind}): ${breach}\n  hex ${bytesToHex(bytes)}`);
  }
  expect(failures, failures.join("\n")).toEqual([]);
}

/** Valid frames of every body type, with the places of their length varints. */
const VALID_FRAMES: readonly { bytes: Uint8Array; sites: LengthSite[] }[] = [
  ...PUSH_BODY_NAMES.map((name) => encodePush(FRAME_FIXTURES[name])),
  ...PUSH_BODY_NAMES.map((name) => {
    const [fieldNo, message] = SPEC_BODIES[name];
    return concat(stringField(1, `spot@${name}`), lenField(fieldNo, specSample(message).bytes));
  }),
  ...WIRE_VECTORS.map((vector) => hexToBytes(vector.hex)),
].map((bytes) => ({ bytes: new Uint8Array(bytes), sites: lengthSites(bytes) }));

const FIELD_NUMBERS = [1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 26, 99, ...Object.values(SPEC_BODIES).map(([no]) => no)];

/** A random message in protobuf's shape: real field numbers, mostly valid wire types, nested a few levels. */
function randomMessage(random: Random, depth: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const fields = random.int(8);
  for (let i = 0; i < fields; i++) {
    const roll = random.next();
    const wireType =
      roll < 0.6 ? WIRE_LEN : roll < 0.85 ? 0 : roll < 0.95 ? random.pick([1, 5]) : random.pick([3, 4, 6, 7]);
    const field = random.next() < 0.9 ? random.pick(FIELD_NUMBERS) : random.int(1 << 12);
    parts.push(tag(field, wireType));
    if (wireType === WIRE_LEN) {
      const payload = depth < 3 && random.next() < 0.5 ? randomMessage(random, depth + 1) : randomPayload(random);
      parts.push(varint(random.next() < 0.9 ? payload.length : random.int(payload.length + 4)), payload);
    } else if (wireType === 0) {
      parts.push(varint(BigInt(random.int(2 ** 30)) * BigInt(random.int(2 ** 30) + 1)));
    } else {
      const size = wireType === 1 ? 8 : 4;
      parts.push(random.bytes(random.next() < 0.9 ? size : random.int(size)));
    }
  }
  return concat(...parts);
}

/** Half printable ASCII (a valid string field), half any bytes. */
function randomPayload(random: Random): Uint8Array {
  const bytes = random.bytes(random.int(24));
  if (random.next() < 0.5) for (let i = 0; i < bytes.length; i++) bytes[i] = 0x20 + (bytes[i]! % 95);
  return bytes;
}

function corruptLength(random: Random, bytes: Uint8Array, site: LengthSite): Uint8Array {
  const old = Number(readLength(bytes, site));
  const length = random.pick([
    old + 1,
    old - 1,
    0,
    old + 1 + random.int(64),
    127,
    128,
    2 ** 31 - 1,
    2 ** 32 + 5,
    -1, // ten bytes, all bits set
  ]);
  return concat(bytes.subarray(0, site.offset), varint(length), bytes.subarray(site.offset + site.size));
}

function readLength(bytes: Uint8Array, site: LengthSite): bigint {
  let value = 0n;
  for (let i = 0; i < site.size; i++) value |= BigInt(bytes[site.offset + i]! & 0x7f) << BigInt(7 * i);
  return value;
}

const MUTATIONS: Record<string, (random: Random, bytes: Uint8Array) => Uint8Array> = {
  bitFlip: (random, bytes) => {
    const out = new Uint8Array(bytes); // a copy (Buffer#slice would be a view)
    if (out.length > 0) out[random.int(out.length)]! ^= 1 << random.int(8);
    return out;
  },
  insertByte: (random, bytes) => {
    const at = random.int(bytes.length + 1);
    return concat(bytes.subarray(0, at), Uint8Array.of(random.int(256)), bytes.subarray(at));
  },
  deleteByte: (random, bytes) => {
    const at = random.int(bytes.length);
    return concat(bytes.subarray(0, at), bytes.subarray(at + 1));
  },
  truncate: (random, bytes) => bytes.subarray(0, random.int(bytes.length)),
  appendFrame: (random, bytes) => concat(bytes, random.pick(VALID_FRAMES).bytes),
};
const MUTATION_NAMES = Object.keys(MUTATIONS);

describe("decodePush on hostile input returns one frame with a channel and one body, or throws ProtocolError", () => {
  it(`holds for ${RANDOM_BYTE_CASES} buffers of random bytes`, () => {
    fuzz(SEED, RANDOM_BYTE_CASES, (random) => ({
      kind: "random bytes",
      bytes: random.bytes(random.next() < 0.5 ? random.int(16) : random.int(MAX_RANDOM_LENGTH)),
    }));
  });

  it(`holds for ${RANDOM_MESSAGE_CASES} random protobuf-shaped messages`, () => {
    fuzz(SEED + 1, RANDOM_MESSAGE_CASES, (random) => {
      const channel = random.next() < 0.8 ? stringField(1, "spot@fuzz") : new Uint8Array();
      return { kind: "random message", bytes: concat(channel, randomMessage(random, 0)) };
    });
  });

  it(`holds for ${MUTATION_CASES} mutations of valid frames of every body type`, () => {
    fuzz(SEED + 2, MUTATION_CASES, (random) => {
      const frame = random.pick(VALID_FRAMES);
      const kinds: string[] = [];
      let bytes = frame.bytes;
      if (random.next() < 0.3 && frame.sites.length > 0) {
        bytes = corruptLength(random, bytes, random.pick(frame.sites));
        kinds.push("corruptLength");
      }
      const more = kinds.length > 0 ? random.int(2) : 1 + random.int(3);
      for (let i = 0; i < more; i++) {
        const name = random.pick(MUTATION_NAMES);
        bytes = MUTATIONS[name]!(random, bytes);
        kinds.push(name);
      }
      return { kind: kinds.join("+"), bytes };
    });
    // CPU work, not a wait: 5.6 s beside two other files; over the 20 s default in local CI #50 (load ~9).
  }, 120_000);

  it("finds a length varint in every valid frame, so corruptLength has sites to hit", () => {
    for (const frame of VALID_FRAMES) expect(frame.sites.length).toBeGreaterThan(2);
  });
});
