/**
 * bench/decode (issue 2): frames/s on one core over a realistic mixed corpus for
 *   (a) the bare generated protobufjs decoder, PushDataV3ApiWrapper.decode,
 *   (b) decodeEvent, what the client runs per frame (the aggregated public streams read by our
 *       own reader straight into events, every other frame as (b0)),
 *   (b0) decodePush + toEvent, the generated decoder and the event mapper (what (b) was before),
 *   (c) @bufbuild/protobuf v2 fromBinary on code generated from the same schema,
 * plus (a+) decodePush alone to split (b0)'s cost. Prints a markdown table and the ratios, with
 * issue 31's targets: (b) at 1M frames/s on a quiet machine, (b)/(a+) >= 0.85.
 *
 *   npm run bench:decode [-- --frames 100000 --rounds 9 --warmup 2 --slices 10 --seed N --uint8array --cases a,b]
 * Profile one case: node --cpu-prof --import tsx bench/decode/run.ts --cases b
 */
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { type DescMessage, fromBinary } from "@bufbuild/protobuf";
import { decodeEvent, decodePush, toEvent } from "@mexc-live/protocol";
import $protobuf from "protobufjs/minimal.js";
import { PushDataV3ApiWrapper } from "../../packages/protocol/src/generated/mexc.js";
import { machineLine } from "../lib/machine.js";
import { type BenchCase, type CaseTimings, measureRounds } from "../lib/measure.js";
import { formatFixed, formatInt, median, relativeIqr } from "../lib/stats.js";
import { generateBufbuildWrapperSchema } from "./bufbuild.js";
import { buildCorpus, type Corpus, DEFAULT_SEED } from "./corpus.js";
import { type BufbuildWrapper, renderBufbuild, renderProtobufjs } from "./sameContent.js";

/** Issue 31: decode + event (b) at 1M frames/s on a quiet machine, and within 15 % of bare decodePush (a+). */
const TARGET_FULL_FRAMES_PER_S = 1_000_000;
const TARGET_FULL_TO_DECODE_PUSH = 0.85;

const { values: args } = parseArgs({
  options: {
    frames: { type: "string", default: "100000" },
    rounds: { type: "string", default: "9" },
    warmup: { type: "string", default: "2" },
    /** Each pass is taken in this many interleaved slices (10,000 frames each by default). */
    slices: { type: "string", default: "10" },
    seed: { type: "string", default: String(DEFAULT_SEED) },
    /** Frames as plain Uint8Arrays (a browser WebSocket) instead of Node Buffers (`ws`). */
    uint8array: { type: "boolean", default: false },
    /** Comma-separated case ids to run (a, a+, b, b0, c); default all. */
    cases: { type: "string", default: "a,a+,b,b0,c" },
  },
});

async function main(): Promise<void> {
  const started = performance.now();
  const loadBefore = loadavg()[0]!;
  const selected = new Set(args.cases.split(","));
  const corpus = buildCorpus({ frames: Number(args.frames), seed: Number(args.seed) });
  const frames = args.uint8array ? corpus.frames.map((f) => new Uint8Array(f)) : corpus.frames;
  const bufbuild = selected.has("c") ? await generateBufbuildWrapperSchema() : undefined;
  if (bufbuild) checkSameContent(frames, bufbuild);

  // Receipt time is the transport's business; one value per pass keeps Date.now() out of (b).
  const local = Date.now();
  const cases: BenchCase[] = [
    { id: "a", label: "(a) protobufjs static `PushDataV3ApiWrapper.decode`", run: (s, e) => runBare(frames, s, e) },
    { id: "a+", label: "(a+) `decodePush` alone", run: (s, e) => runDecodePush(frames, s, e) },
    { id: "b", label: "(b) `decodeEvent`", run: (s, e) => runDecodeEvent(frames, s, e, local) },
    { id: "b0", label: "(b0) `decodePush` + `toEvent`", run: (s, e) => runFull(frames, s, e, local) },
  ];
  if (bufbuild) {
    cases.push({
      id: "c",
      label: "(c) @bufbuild/protobuf `fromBinary` (int64 as bigint)",
      run: (s, e) => runBufbuild(frames, s, e, bufbuild),
    });
  }
  const chosen = cases.filter((c) => selected.has(c.id));
  const timings = measureRounds(chosen, {
    items: frames.length,
    slices: Number(args.slices),
    warmupRounds: Number(args.warmup),
    rounds: Number(args.rounds),
  });
  report(corpus, timings, {
    checkedContent: bufbuild !== undefined,
    seconds: (performance.now() - started) / 1000,
    load: [loadBefore, loadavg()[0]!],
  });
}

// One hot loop per case, each its own function so its call sites stay monomorphic.
// The checksum sums channel lengths: cheap, and it makes every decode result observable.

/**
 * (a) reads with protobufjs' own reader, the one `PushDataV3ApiWrapper.decode(bytes)` would pick
 * (a BufferReader for a Node Buffer), with Longs for int64. The generated decoders of depth
 * levels and trades call `reader.decimal()` (scripts/codegen.mjs); here it is the reader's plain
 * `stringVerify`, so (a) stays the bare library, nothing checked. (Set on each reader: a
 * `class extends BufferReader` with the method measured 2x slower to decode with.)
 */
function runBare(frames: readonly Uint8Array[], start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) {
    const reader = $protobuf.Reader.create(frames[i]!) as $protobuf.Reader & { decimal?: () => string };
    reader.decimal = reader.stringVerify;
    sum = (sum + PushDataV3ApiWrapper.decode(reader).channel.length) | 0;
  }
  return sum;
}

function runDecodePush(frames: readonly Uint8Array[], start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum = (sum + decodePush(frames[i]!).channel.length) | 0;
  return sum;
}

function runFull(frames: readonly Uint8Array[], start: number, end: number, local: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum = (sum + toEvent(decodePush(frames[i]!), local).channel.length) | 0;
  return sum;
}

function runDecodeEvent(frames: readonly Uint8Array[], start: number, end: number, local: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum = (sum + decodeEvent(frames[i]!, local).channel.length) | 0;
  return sum;
}

function runBufbuild(frames: readonly Uint8Array[], start: number, end: number, schema: DescMessage): number {
  let sum = 0;
  for (let i = start; i < end; i++) {
    sum = (sum + (fromBinary(schema, frames[i]!) as unknown as BufbuildWrapper).channel.length) | 0;
  }
  return sum;
}

/** Every decoder must read the same content from every frame, or the comparison means nothing. */
function checkSameContent(frames: readonly Uint8Array[], schema: DescMessage): void {
  for (let i = 0; i < frames.length; i++) {
    const expected = renderProtobufjs(decodePush(frames[i]!));
    const actual = renderBufbuild(fromBinary(schema, frames[i]!) as unknown as BufbuildWrapper);
    if (actual !== expected) {
      throw new Error(`frame ${i}: @bufbuild/protobuf reads\n  ${actual}\nprotobufjs reads\n  ${expected}`);
    }
  }
}

interface RunFacts {
  readonly checkedContent: boolean;
  readonly seconds: number;
  /** 1-minute load average before and after: other processes on the 2 cores skew the figures. */
  readonly load: readonly [number, number];
}

function report(corpus: Corpus, timings: readonly CaseTimings[], run: RunFacts): void {
  const frames = corpus.frames.length;
  const rate = (t: CaseTimings | undefined) => (t ? frames / (median(t.passMs) / 1000) : Number.NaN);
  const cpuRate = (t: CaseTimings | undefined) => (t ? frames / (median(t.cpuMs) / 1000) : Number.NaN);
  const byId = (id: string) => timings.find((t) => t.id === id);
  const bare = rate(byId("a"));
  const decodeOnly = rate(byId("a+"));
  const full = rate(byId("b"));
  const ratio = (id: string, base = "a") =>
    `${formatFixed(rate(byId(id)) / rate(byId(base)), 2)} (by CPU time ${formatFixed(cpuRate(byId(id)) / cpuRate(byId(base)), 2)})`;
  const checksums = new Set(timings.map((t) => t.checksum));
  const mix = Object.entries(corpus.counts)
    .map(([kind, count]) => `${kind} ${formatInt(count)}`)
    .join(", ");
  const lines = [
    `corpus: ${formatInt(frames)} frames, ${formatFixed(corpus.totalBytes / 1e6, 2)} MB ` +
      `(${formatFixed(corpus.totalBytes / frames, 1)} B/frame), seed ${corpus.seed}, ` +
      `as ${args.uint8array ? "Uint8Array" : "Node Buffer"}s`,
    `mix: ${mix}`,
    machineLine(),
    `method: one thread; ${args.warmup} warm-up + ${args.rounds} measured rounds, each one pass of every case ` +
      `over the whole corpus, interleaved in ${args.slices} slices in rotating order; median round`,
    `load average (1 min): ${formatFixed(run.load[0], 2)} before, ${formatFixed(run.load[1], 2)} after` +
      (Math.max(...run.load) > 1.5 ? " -- machine busy, figures are low" : ""),
    run.checkedContent
      ? "content check: protobufjs and @bufbuild/protobuf read identical content from every frame"
      : "content check: skipped (no @bufbuild/protobuf case)",
    "",
    "| decoder | frames/s | MB/s | ns/frame | vs (a) | IQR/median | frames/CPU-s |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...timings.map((t) => {
      const r = rate(t);
      const mbps = corpus.totalBytes / 1e6 / (median(t.passMs) / 1000);
      const perCpu = cpuRate(t);
      const iqr = `${formatFixed(relativeIqr(t.passMs) * 100, 1)}%`;
      return `| ${t.label} | ${formatInt(r)} | ${formatFixed(mbps, 1)} | ${formatInt(1e9 / r)} | ${formatFixed(r / bare, 2)} | ${iqr} | ${formatInt(perCpu)} |`;
    }),
    "",
    `(b) = ${formatInt(full)} frames/s: target >= ${formatInt(TARGET_FULL_FRAMES_PER_S)} on a quiet machine ` +
      verdict(full >= TARGET_FULL_FRAMES_PER_S),
    `(b)/(a+) = ${ratio("b", "a+")}: target >= ${TARGET_FULL_TO_DECODE_PUSH} ` +
      verdict(full / decodeOnly >= TARGET_FULL_TO_DECODE_PUSH),
    `(b)/(a) = ${ratio("b")}`,
    ...(byId("b0") ? [`(b)/(b0) = ${ratio("b", "b0")}`, `(b0)/(a+) = ${ratio("b0", "a+")}`] : []),
    ...(byId("c") ? [`(c)/(a) = ${ratio("c")}`] : []),
    `checksum: ${checksums.size === 1 ? [...checksums][0] : `MISMATCH ${[...checksums].join(" ")}`}`,
    `total time: ${formatFixed(run.seconds, 1)} s`,
  ];
  console.log(lines.join("\n"));
  if (checksums.size !== 1) process.exitCode = 1;
}

function verdict(met: boolean): string {
  return met ? "(met)" : "(NOT MET)";
}

await main();
