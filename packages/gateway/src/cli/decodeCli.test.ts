import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hexToBytes, VECTOR_A, VECTOR_B } from "../../../protocol/test/fixtures/vectors.js";
import { type Run, runOf, sink } from "../../test/cliKit.js";
import { runDecodeCli } from "./decodeCli.js";

const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const BIN = join(REPO_ROOT, "packages/gateway/bin/mexc-live.js");
/** Vector A cut inside its body: hex, but not a whole frame. */
const TRUNCATED_HEX = VECTOR_A.hex.slice(0, 200);

async function runInProcess(argv: string[], stdin: NodeJS.ReadableStream = Readable.from([])): Promise<Run> {
  const stdout = sink();
  const stderr = sink();
  const code = await runDecodeCli(argv, { stdin, stdout: stdout.stream, stderr: stderr.stream });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** The real command, as a user types it: `node packages/gateway/bin/mexc-live.js decode ...`. */
function runCommand(args: string[], stdin = ""): Promise<Run> {
  return runOf(spawn(process.execPath, [BIN, "decode", ...args], { cwd: REPO_ROOT, timeout: 15_000 }), stdin);
}

const jsonLines = (text: string): unknown[] =>
  text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line));

/** Good vectors, a blank line, a bad line and a truncated frame, with CRLF and padding. */
const MIXED_INPUT = [VECTOR_A.hex, "", "deadbeefzz", `  ${VECTOR_B.hex}  \r`, TRUNCATED_HEX, VECTOR_A.hex].join("\n");

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mexc-decode-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("mexc-live decode, the real command", () => {
  it("--hex on stdin prints good frames as JSON lines in order, names bad lines on stderr, exits 1", async () => {
    const run = await runCommand(["--hex"], `${MIXED_INPUT}\n`);
    expect(jsonLines(run.stdout)).toEqual([VECTOR_A.decoded, VECTOR_B.decoded, VECTOR_A.decoded]);
    const errors = run.stderr.trim().split("\n");
    expect(errors).toHaveLength(2);
    expect(errors[0]).toBe('line 3: not hex: "z" at column 9');
    expect(errors[1]).toMatch(/^line 5: frame of 100 bytes is truncated/);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(run.code).toBe(1);
  });

  it("--hex exits 0 when every line decoded", async () => {
    const run = await runCommand(["--hex"], `${VECTOR_A.hex}\n`);
    expect(jsonLines(run.stdout)).toEqual([VECTOR_A.decoded]);
    expect([run.code, run.stderr]).toEqual([0, ""]);
  });

  it("FILE is one raw binary frame", async () => {
    const file = join(dir, "account.bin");
    await writeFile(file, hexToBytes(VECTOR_B.hex));
    const run = await runCommand([file]);
    expect(run.stdout).toBe(`${JSON.stringify(VECTOR_B.decoded)}\n`);
    expect([run.code, run.stderr]).toEqual([0, ""]);
  });

  it("a missing FILE is a usage error: one line, exit 2", async () => {
    const run = await runCommand(["--hex", join(dir, "missing.hex")]);
    expect(run.stderr).toBe(`mexc-live decode: cannot read ${join(dir, "missing.hex")}: no such file\n`);
    expect([run.code, run.stdout]).toEqual([2, ""]);
  });
});

describe("runDecodeCli in process", () => {
  it("--hex reads stdin line by line: blank lines skipped, whitespace trimmed, bad lines reported", async () => {
    const run = await runInProcess(["--hex"], Readable.from([MIXED_INPUT.slice(0, 150), MIXED_INPUT.slice(150)]));
    expect(jsonLines(run.stdout)).toEqual([VECTOR_A.decoded, VECTOR_B.decoded, VECTOR_A.decoded]);
    expect(run.stderr).toMatch(/^line 3: not hex: "z" at column 9\nline 5: frame of 100 bytes is truncated: .*\n$/);
    expect(run.code).toBe(1);
  });

  it("prints exactly JSON.stringify of the decoded frame", async () => {
    const run = await runInProcess(["--hex"], Readable.from([`${VECTOR_B.hex}\n`]));
    expect(run.stdout).toBe(`${JSON.stringify(VECTOR_B.decoded)}\n`);
  });

  it.each([
    ["an odd number of digits", `${VECTOR_A.hex}0`, "line 1: odd number of hex digits (353)"],
    ["a 0x prefix", `0x${VECTOR_A.hex}`, 'line 1: not hex: "x" at column 2'],
    ["spaces between bytes", "0a 2f", 'line 1: not hex: " " at column 3'],
    ["a frame without a body", VECTOR_A.hex.slice(0, 2 * 65), "line 1: frame on channel"],
  ])("a line with %s is an error for that line only", async (_label, line, message) => {
    const run = await runInProcess(["--hex"], Readable.from([`${line}\n${VECTOR_B.hex}`]));
    expect(run.stderr.startsWith(message)).toBe(true);
    expect(jsonLines(run.stdout)).toEqual([VECTOR_B.decoded]);
    expect(run.code).toBe(1);
  });

  it("--hex accepts upper-case hex, a last line without newline and '-' for stdin", async () => {
    const run = await runInProcess(["--hex", "-"], Readable.from([VECTOR_A.hex.toUpperCase()]));
    expect(jsonLines(run.stdout)).toEqual([VECTOR_A.decoded]);
    expect(run.code).toBe(0);
  });

  it("--hex FILE reads the file's lines", async () => {
    const file = join(dir, "frames.hex");
    await writeFile(file, `${VECTOR_B.hex}\r\n\r\n${VECTOR_A.hex}\r\n`);
    const run = await runInProcess(["--hex", file]);
    expect(jsonLines(run.stdout)).toEqual([VECTOR_B.decoded, VECTOR_A.decoded]);
    expect(run.code).toBe(0);
  });

  it("streams: a line's JSON is out before the next line is in", async () => {
    const stdin = new PassThrough();
    const stdout = sink();
    const done = runDecodeCli(["--hex"], { stdin, stdout: stdout.stream, stderr: sink().stream });
    stdin.write(`${VECTOR_A.hex}\n`);
    await expect.poll(() => stdout.text(), { timeout: 5_000 }).not.toBe("");
    expect(jsonLines(stdout.text())).toEqual([VECTOR_A.decoded]);
    stdin.end(`${VECTOR_B.hex}\n`);
    expect(await done).toBe(0);
    expect(jsonLines(stdout.text())).toEqual([VECTOR_A.decoded, VECTOR_B.decoded]);
  });

  it("waits for a slow reader and loses no line", async () => {
    const frames = Array.from({ length: 300 }, (_, i) => (i % 2 === 0 ? VECTOR_A.hex : VECTOR_B.hex));
    const stdout = sink(true);
    const code = await runDecodeCli(["--hex"], {
      stdin: Readable.from([frames.join("\n")]),
      stdout: stdout.stream,
      stderr: sink().stream,
    });
    const lines = jsonLines(stdout.text());
    expect(code).toBe(0);
    expect(lines).toHaveLength(300);
    expect(lines[298]).toEqual(VECTOR_A.decoded);
    expect(lines[299]).toEqual(VECTOR_B.decoded);
  });

  it("raw mode reads one binary frame from FILE or stdin", async () => {
    const file = join(dir, "depth.bin");
    await writeFile(file, hexToBytes(VECTOR_A.hex));
    const fromFile = await runInProcess([file]);
    expect(jsonLines(fromFile.stdout)).toEqual([VECTOR_A.decoded]);
    expect(fromFile.code).toBe(0);
    const bytes = hexToBytes(VECTOR_B.hex);
    const fromStdin = await runInProcess([], Readable.from([bytes.subarray(0, 50), bytes.subarray(50)]));
    expect(jsonLines(fromStdin.stdout)).toEqual([VECTOR_B.decoded]);
    expect(fromStdin.code).toBe(0);
  });

  it("raw mode reports a bad frame with its source and exits 1", async () => {
    const file = join(dir, "truncated.bin");
    await writeFile(file, hexToBytes(TRUNCATED_HEX));
    const run = await runInProcess([file]);
    expect(run.stderr).toMatch(new RegExp(`^${file}: frame of 100 bytes is truncated: [^\\n]*\\n$`));
    expect([run.code, run.stdout]).toEqual([1, ""]);
    const empty = await runInProcess([], Readable.from([]));
    expect(empty.stderr).toBe("stdin: frame of 0 bytes has no channel (field 1)\n");
    expect(empty.code).toBe(1);
  });

  it.each([
    [["--bogus"], "mexc-live decode: unknown option --bogus (see --help); usage: mexc-live decode [--hex] [FILE|-]\n"],
    [
      ["a.bin", "b.bin"],
      'mexc-live decode: one FILE at most, got "b.bin" too; usage: mexc-live decode [--hex] [FILE|-]\n',
    ],
  ])("usage error %j: one line on stderr, exit 2", async (argv, message) => {
    const run = await runInProcess(argv);
    expect([run.code, run.stdout, run.stderr]).toEqual([2, "", message]);
  });

  it("a FILE that is a directory is a usage error", async () => {
    const run = await runInProcess(["--hex", dir]);
    expect([run.code, run.stderr]).toEqual([2, `mexc-live decode: cannot read ${dir}: not a regular file\n`]);
  });

  it("--help prints the usage on stdout and exits 0", async () => {
    const run = await runInProcess(["--help"]);
    expect(run.stdout).toMatch(/^usage: mexc-live decode \[--hex\] \[FILE\|-\]\n/);
    expect([run.code, run.stderr]).toEqual([0, ""]);
  });
});
