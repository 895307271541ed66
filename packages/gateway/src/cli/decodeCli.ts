/**
 * `mexc-live decode`: MEXC protobuf frames -> one JSON line each (JSON.stringify of decodePush).
 *   mexc-live decode --hex [FILE]   one hex frame per line of FILE or stdin, streamed
 *   mexc-live decode [FILE]         FILE (or stdin) is one raw binary frame
 * A frame that does not decode is reported on stderr as `line N: <reason>` and decoding goes
 * on. Exit code: 0 all decoded, 1 some failed, 2 usage error (bad option, unreadable FILE).
 * Node-only (fs, readline): the `mexc-live decode` command.
 */
import type { FileHandle } from "node:fs/promises";
import { open } from "node:fs/promises";
import { createInterface } from "node:readline";
import { decodePush } from "@mexc-live/protocol";
import { type OptionSpec, type ReadArgv, readArgv } from "../config/argvOptions.js";
import { isSettingsError } from "../errors.js";
import { type LineWriter, lineWriter } from "./lineWriter.js";

export interface DecodeCliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const USAGE = "usage: mexc-live decode [--hex] [FILE|-]";
export const DECODE_HELP = `${USAGE}

  FILE    read FILE; stdin when absent or -
  --hex   input is text, one hex-encoded frame per line (blank lines skipped)
          without --hex, the input is one raw binary frame
  -h, --help  this text
Prints one JSON line per frame; a bad frame is reported on stderr and decoding goes on.
Exit code: 0 all decoded, 1 some frame failed, 2 usage error.
`;
/** A raw input larger than this is no MEXC push (theirs are a few KiB); refuse, don't buffer it. */
const MAX_RAW_FRAME_BYTES = 16 * 1024 * 1024;
const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

interface Options {
  hex: boolean;
  file: string | undefined;
}

export async function runDecodeCli(argv: string[], io: DecodeCliIo): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed === "help") {
    io.stdout.write(DECODE_HELP);
    return EXIT_OK;
  }
  if ("usageError" in parsed) {
    io.stderr.write(`mexc-live decode: ${parsed.usageError}; ${USAGE}\n`);
    return EXIT_USAGE;
  }
  const options = parsed;
  let handle: FileHandle | undefined;
  if (options.file !== undefined) {
    try {
      handle = await openFile(options.file);
    } catch (error) {
      io.stderr.write(`mexc-live decode: cannot read ${options.file}: ${reason(error)}\n`);
      return EXIT_USAGE;
    }
  }
  const out = lineWriter(io.stdout);
  try {
    return options.hex
      ? await decodeHexLines(handle ? handle.createReadStream({ autoClose: false }) : io.stdin, out, io.stderr)
      : await decodeRawFrame(handle, io.stdin, options.file ?? "stdin", out, io.stderr);
  } catch (error) {
    io.stderr.write(`mexc-live decode: ${reason(error)}\n`);
    return EXIT_FAILED;
  } finally {
    out.release();
    await handle?.close();
  }
}

/** Every option `decode` accepts (its help lists each). */
export const DECODE_OPTIONS: OptionSpec = { "--hex": "switch" };

function parseArgs(argv: string[]): Options | "help" | { usageError: string } {
  let read: ReadArgv;
  try {
    read = readArgv(argv, DECODE_OPTIONS, { positionals: Number.POSITIVE_INFINITY });
  } catch (error) {
    if (isSettingsError(error)) return { usageError: error.message };
    throw error;
  }
  if (read.help) return "help";
  const [file, extra] = read.positionals;
  if (extra !== undefined) return { usageError: `one FILE at most, got ${JSON.stringify(extra)} too` };
  const hex = read.options.some((option) => option.flag === "--hex" && option.value !== "false");
  return { hex, file: file === "-" ? undefined : file };
}

async function openFile(path: string): Promise<FileHandle> {
  const handle = await open(path, "r");
  if (!(await handle.stat()).isFile()) {
    await handle.close();
    throw new Error("not a regular file");
  }
  return handle;
}

/** One frame per line, streamed: a line is decoded and printed before the next is read. */
async function decodeHexLines(input: NodeJS.ReadableStream, out: LineWriter, err: NodeJS.WritableStream) {
  let failed = false;
  let lineNo = 0;
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of lines) {
      lineNo++;
      const text = line.trim();
      if (text === "") continue;
      const result = decodeHexLine(text, line.length - line.trimStart().length);
      if (typeof result === "string") {
        failed = true;
        err.write(`line ${lineNo}: ${result}\n`);
      } else {
        await out.line(result.json);
      }
      if (out.closed) break;
    }
  } finally {
    lines.close();
  }
  return failed ? EXIT_FAILED : EXIT_OK;
}

/** The JSON of the frame on one trimmed line (`indent` blanks were cut), or why it is not one. */
function decodeHexLine(text: string, indent: number): { json: string } | string {
  const bad = text.search(/[^0-9a-fA-F]/);
  if (bad >= 0) return `not hex: ${JSON.stringify(text[bad])} at column ${indent + bad + 1}`;
  if (text.length % 2 !== 0) return `odd number of hex digits (${text.length})`;
  try {
    return { json: JSON.stringify(decodePush(Buffer.from(text, "hex"))) };
  } catch (error) {
    return reason(error);
  }
}

async function decodeRawFrame(
  handle: FileHandle | undefined,
  stdin: NodeJS.ReadableStream,
  source: string,
  out: LineWriter,
  err: NodeJS.WritableStream,
) {
  const bytes = handle ? await readFileBounded(handle) : await readStreamBounded(stdin);
  if (bytes === undefined) {
    err.write(`${source}: larger than ${MAX_RAW_FRAME_BYTES} bytes, not a frame\n`);
    return EXIT_FAILED;
  }
  let json: string;
  try {
    json = JSON.stringify(decodePush(bytes));
  } catch (error) {
    err.write(`${source}: ${reason(error)}\n`);
    return EXIT_FAILED;
  }
  await out.line(json);
  return EXIT_OK;
}

async function readFileBounded(handle: FileHandle): Promise<Uint8Array | undefined> {
  if ((await handle.stat()).size > MAX_RAW_FRAME_BYTES) return undefined;
  return handle.readFile();
}

async function readStreamBounded(input: NodeJS.ReadableStream): Promise<Uint8Array | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
    size += bytes.length;
    if (size > MAX_RAW_FRAME_BYTES) return undefined;
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES") return "permission denied";
  return error instanceof Error ? error.message : String(error);
}
