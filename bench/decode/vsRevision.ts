/**
 * bench/decode against an earlier revision of the protocol package, in one process: the two
 * decodePush + toEvent pairs run interleaved over the same corpus (bench/lib/measure.ts), so a
 * burst of load on this shared machine lands on both, and the ratios hold. Before timing, it
 * checks that both give the same event, or the same error, for every frame of the corpus and for
 * a copy of every 7th frame with one digit turned into an "x" (a bad decimal somewhere).
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
  },
});

type Protocol = Pick<typeof current, "decodePush" | "toEvent">;

const ROOT = resolve(import.meta.dirname, "../..");
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const LETTER_X = 0x78;

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
    { id: "b before", label: `(b) \`decodePush\` + \`toEvent\`, ${rev}`, run: decodeAndEvent(frames, before) },
    { id: "a+ now", label: "(a+) `decodePush` alone, this tree", run: decodeOnly(frames, current) },
    { id: "b now", label: "(b) `decodePush` + `toEvent`, this tree", run: decodeAndEvent(frames, current) },
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

function decodeAndEvent(frames: readonly Uint8Array[], protocol: Protocol): BenchCase["run"] {
  const { decodePush, toEvent } = protocol;
  return (start, end) => {
    let sum = 0;
    for (let i = start; i < end; i++) sum = (sum + toEvent(decodePush(frames[i]!), 1).channel.length) | 0;
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
  let mutated = 0;
  let errors = 0;
  let badDecimals = 0;
  let inLevels = 0;
  let inTrades = 0;
  const compare = (bytes: Uint8Array, what: string) => {
    const expected = outcome(before, bytes);
    const actual = outcome(now, bytes);
    if (actual !== expected) throw new Error(`${what}: ${args.rev} gives\n  ${expected}\nthis tree gives\n  ${actual}`);
    if (actual.startsWith("error")) errors++;
    if (actual.startsWith("error BAD_DECIMAL")) badDecimals++;
    if (/^error BAD_DECIMAL \w+\.(asks|bids)\./.test(actual)) inLevels++;
    if (/^error BAD_DECIMAL \w+\.deals\./.test(actual)) inTrades++;
    hash.update(actual);
  };
  for (const [i, frame] of frames.entries()) {
    compare(frame, `frame ${i}`);
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

function outcome(protocol: Protocol, bytes: Uint8Array): string {
  try {
    return `event ${JSON.stringify(protocol.toEvent(protocol.decodePush(bytes), 1))}`;
  } catch (error) {
    const e = error as { code?: string; field?: string; value?: string; message?: string };
    return `error ${e.code} ${e.field} ${JSON.stringify(e.value)} ${e.message}`;
  }
}

await main();
