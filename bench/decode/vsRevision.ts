/**
 * bench/decode against an earlier revision of the protocol package, in one process: each
 * revision's per-frame path (decodeEvent where the revision has it, else decodePush + toEvent)
 * and its decodePush alone run interleaved over the same corpus (bench/lib/measure.ts), so a
 * burst of load on this shared machine lands on all, and the ratios hold. Before timing, it
 * checks that both revisions' per-frame paths (and this tree's decodePush + toEvent) give the
 * same event, or the same error, for every frame of the corpus and for mutated copies: every 7th
 * frame with one digit turned into an "x" (a bad decimal somewhere), and every 5th frame cut
 * short or with one byte flipped, inserted or deleted at a seeded place.
 *
 *   node --conditions=@mexc-live/source --import tsx bench/decode/vsRevision.ts --rev 98ced2e
 *     [--frames 100000 --rounds 9 --warmup 2 --slices 10 --seed N]
 *
 * The revision's packages/protocol is taken with `git archive` into a temporary directory
 * (removed at the end), with this tree's node_modules. Its generated code gets a protobufjs root
 * of its own: both copies would otherwise register their message classes in the one
 * `$protobuf.roots.default`, the one loaded last would win, and each decoder would call the
 * other's nested decoders.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import * as current from "@mexc-live/protocol";
import { machineLine } from "../lib/machine.js";
import { type BenchCase, measureRounds } from "../lib/measure.js";
import { createRng, type Rng } from "../lib/prng.js";
import { formatFixed, formatInt, median } from "../lib/stats.js";
import { buildCorpus, DEFAULT_SEED } from "./corpus.js";

const { values: args } = parseArgs({
  options: {
    rev: { type: "string" },
    frames: { type: "string", default: "100000" },
    rounds: { type: "string", default: "9" },
    warmup: { type: "string", default: "2" },
    slices: { type: "string", default: "10" },
    seed: { type: "string", default: String(DEFAULT_SEED) },
    /** Against a revision before the value bounds (issue 37): an event there may be refused here. */
    "refuses-more": { type: "boolean", default: false },
  },
});

type Protocol = Pick<typeof current, "decodePush" | "toEvent"> & Partial<Pick<typeof current, "decodeEvent">>;

const ROOT = resolve(import.meta.dirname, "../..");
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const LETTER_X = 0x78;
/**
 * The receipt time every frame is decoded with: now, once, as bench/decode/run.ts does (a real
 * receipt time, so a frame's times are judged against it, not against the clock each time).
 */
const RECEIVED_AT = Date.now();

async function main(): Promise<void> {
  if (!args.rev) throw new Error("--rev <commit> is required: the revision to compare with");
  const rev = execFileSync("git", ["rev-parse", "--short", args.rev], { cwd: ROOT, encoding: "utf8" }).trim();
  const dir = mkdtempSync(join(tmpdir(), "mexc-decode-rev-"));
  try {
    execFileSync("sh", ["-c", `git archive ${rev} packages/protocol | tar -x -C "${dir}"`], { cwd: ROOT });
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
    ownRoot(join(dir, "packages/protocol/src/generated/mexc.js"), `rev-${rev}`);
    const before: Protocol = await import(join(dir, "packages/protocol/src/index.ts"));
    run(rev, before);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function ownRoot(generated: string, name: string): void {
  const shared = '$protobuf.roots["default"]';
  const code = readFileSync(generated, "utf8");
  if (!code.includes(shared)) throw new Error(`${generated}: no ${shared} to replace`);
  writeFileSync(generated, code.replaceAll(shared, `$protobuf.roots[${JSON.stringify(name)}]`));
}

function run(rev: string, before: Protocol): void {
  const loadBefore = loadavg()[0]!;
  const corpus = buildCorpus({ frames: Number(args.frames), seed: Number(args.seed) });
  const frames = corpus.frames;
  const same = sameOutcomes(frames, before, current);
  const cases: BenchCase[] = [
    { id: "a+ before", label: `(a+) \`decodePush\` alone, ${rev}`, run: decodeOnly(frames, before) },
    { id: "b before", label: `(b) ${pathName(before)}, ${rev}`, run: clientPath(frames, before) },
    { id: "a+ now", label: "(a+) `decodePush` alone, this tree", run: decodeOnly(frames, current) },
    { id: "b0 now", label: "(b0) `decodePush` + `toEvent`, this tree", run: decodeAndEvent(frames, current) },
    { id: "b now", label: `(b) ${pathName(current)}, this tree`, run: clientPath(frames, current) },
  ];
  const timings = measureRounds(cases, {
    items: frames.length,
    slices: Number(args.slices),
    warmupRounds: Number(args.warmup),
    rounds: Number(args.rounds),
  });
  const loadAfter = loadavg()[0]!;
  const rate = (id: string) => frames.length / (median(timings.find((t) => t.id === id)!.passMs) / 1000);
  const cpuRate = (id: string) => frames.length / (median(timings.find((t) => t.id === id)!.cpuMs) / 1000);
  const ratio = (a: string, b: string) =>
    `${formatFixed(rate(a) / rate(b), 2)} (by CPU time ${formatFixed(cpuRate(a) / cpuRate(b), 2)})`;
  console.log(
    [
      `corpus: ${formatInt(frames.length)} frames, seed ${corpus.seed}; compared with ${rev}`,
      machineLine(),
      `load average (1 min): ${formatFixed(loadBefore, 2)} before, ${formatFixed(loadAfter, 2)} after`,
      `same events: ${same.frames} frames and ${same.mutated} mutated copies give identical events and errors ` +
        `(${same.errors} errors, ${same.badDecimals} of them BAD_DECIMAL: ${same.inLevels} in depth levels, ` +
        `${same.inTrades} in trades); sha256 ${same.digest.slice(0, 16)}`,
      "",
      "| decoder | frames/s | ns/frame | frames/CPU-s |",
      "| --- | ---: | ---: | ---: |",
      ...timings.map(
        (t) =>
          `| ${t.label} | ${formatInt(rate(t.id))} | ${formatInt(1e9 / rate(t.id))} | ${formatInt(cpuRate(t.id))} |`,
      ),
      "",
      `(b)/(a+), ${rev}: ${ratio("b before", "a+ before")}`,
      `(b)/(a+), this tree: ${ratio("b now", "a+ now")}`,
      `(b)/(b0), this tree: ${ratio("b now", "b0 now")}`,
      `(b) this tree / ${rev}: ${ratio("b now", "b before")}`,
      `(b) this tree / (a+) ${rev}: ${ratio("b now", "a+ before")}`,
    ].join("\n"),
  );
}

function decodeOnly(frames: readonly Uint8Array[], protocol: Protocol): BenchCase["run"] {
  const { decodePush } = protocol;
  return (start, end) => {
    let sum = 0;
    for (let i = start; i < end; i++) sum = (sum + decodePush(frames[i]!).channel.length) | 0;
    return sum;
  };
}

/** The per-frame path of a revision: decodeEvent where it has one (issue 31), else decodePush + toEvent. */
function clientPath(frames: readonly Uint8Array[], protocol: Protocol): BenchCase["run"] {
  const { decodeEvent } = protocol;
  if (!decodeEvent) return decodeAndEvent(frames, protocol);
  return (start, end) => {
    let sum = 0;
    for (let i = start; i < end; i++) sum = (sum + decodeEvent(frames[i]!, RECEIVED_AT).channel.length) | 0;
    return sum;
  };
}

function pathName(protocol: Protocol): string {
  return protocol.decodeEvent ? "`decodeEvent`" : "`decodePush` + `toEvent`";
}

function decodeAndEvent(frames: readonly Uint8Array[], protocol: Protocol): BenchCase["run"] {
  const { decodePush, toEvent } = protocol;
  return (start, end) => {
    let sum = 0;
    for (let i = start; i < end; i++) sum = (sum + toEvent(decodePush(frames[i]!), RECEIVED_AT).channel.length) | 0;
    return sum;
  };
}

interface SameOutcomes {
  readonly frames: number;
  readonly mutated: number;
  readonly errors: number;
  readonly badDecimals: number;
  /** BAD_DECIMAL in a depth level's or a trade's price or quantity: the checks this change moved. */
  readonly inLevels: number;
  readonly inTrades: number;
  readonly digest: string;
}

/** Throws unless both protocols make the same of every frame and of the mutated copies. */
function sameOutcomes(frames: readonly Uint8Array[], before: Protocol, now: Protocol): SameOutcomes {
  const hash = createHash("sha256");
  const random = createRng(Number(args.seed));
  let mutated = 0;
  let errors = 0;
  let badDecimals = 0;
  let inLevels = 0;
  let inTrades = 0;
  const compare = (bytes: Uint8Array, what: string) => {
    const expected = outcome(before, bytes);
    const actual = outcome(now, bytes);
    // This tree's decodePush + toEvent, held to the bounds decodeEvent holds either path's event to.
    const bounded = (wrapper: Parameters<typeof now.toEvent>[0], local?: number) => {
      const event = now.toEvent(wrapper, local);
      current.checkEventBounds(event, local ?? Date.now());
      return event;
    };
    const generated = outcome({ decodePush: now.decodePush, toEvent: bounded }, bytes);
    // A revision before the bounds let through what they refuse (an order's lastDealQuantity was never checked).
    const refusedHere =
      args["refuses-more"] && expected.startsWith("event") && /^error (OUT_OF_BOUNDS|BAD_DECIMAL) /.test(actual);
    if (actual !== expected && !refusedHere) {
      throw new Error(`${what}: ${args.rev} gives\n  ${expected}\nthis tree gives\n  ${actual}`);
    }
    if (generated !== actual) {
      throw new Error(
        `${what}: this tree's decodeEvent gives\n  ${actual}\nits decodePush + toEvent give\n  ${generated}`,
      );
    }
    if (actual.startsWith("error")) errors++;
    if (actual.startsWith("error BAD_DECIMAL")) badDecimals++;
    if (/^error BAD_DECIMAL \w+\.(asks|bids)\./.test(actual)) inLevels++;
    if (/^error BAD_DECIMAL \w+\.deals\./.test(actual)) inTrades++;
    hash.update(actual);
  };
  for (const [i, frame] of frames.entries()) {
    compare(frame, `frame ${i}`);
    if (i % 5 === 0) {
      const copy = mutate(frame, random);
      compare(copy, `frame ${i} mutated to ${Buffer.from(copy).toString("hex")}`);
      mutated++;
    }
    if (i % 7 !== 0) continue;
    const copy = new Uint8Array(frame);
    let at = (i * 7919) % copy.length;
    while (at < copy.length && (copy[at]! < DIGIT_0 || copy[at]! > DIGIT_9)) at++;
    if (at === copy.length) continue;
    copy[at] = LETTER_X;
    compare(copy, `frame ${i} with byte ${at} an "x"`);
    mutated++;
  }
  return { frames: frames.length, mutated, errors, badDecimals, inLevels, inTrades, digest: hash.digest("hex") };
}

/** A copy of `frame` cut short, or with one byte flipped, inserted or deleted, at a seeded place. */
function mutate(frame: Uint8Array, random: Rng): Uint8Array {
  const at = random.int(0, frame.length - 1);
  switch (random.int(0, 3)) {
    case 0:
      return frame.slice(0, at);
    case 1: {
      const copy = new Uint8Array(frame);
      copy[at]! ^= 1 << random.int(0, 7);
      return copy;
    }
    case 2:
      return Buffer.concat([frame.subarray(0, at), Uint8Array.of(random.int(0, 255)), frame.subarray(at)]);
    default:
      return Buffer.concat([frame.subarray(0, at), frame.subarray(at + 1)]);
  }
}

function outcome(protocol: Protocol, bytes: Uint8Array): string {
  try {
    const event = protocol.decodeEvent
      ? protocol.decodeEvent(bytes, RECEIVED_AT)
      : protocol.toEvent(protocol.decodePush(bytes), RECEIVED_AT);
    return `event ${JSON.stringify(event)}`;
  } catch (error) {
    const e = error as { code?: string; field?: string; value?: string; message?: string };
    return `error ${e.code} ${e.field} ${JSON.stringify(e.value)} ${e.message}`;
  }
}

await main();
