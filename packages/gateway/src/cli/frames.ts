/**
 * `mexc-live frames [--data DIR] [--accounts NAME] [--from MS] [--to MS]`: the user-stream frames that
 * `start --record-frames` recorded, oldest first, one hex frame per line: the input of
 * `mexc-live decode --hex`, so `mexc-live frames --data ./data | mexc-live decode --hex` replays
 * a session. The database is the one `start` uses with the same settings: the live account's
 * file when MEXC_API_KEY and MEXC_API_SECRET are set (environment or --config; with several
 * accounts configured, the one --accounts names), demo.db otherwise. The file is opened read-only and never migrated: listing changes nothing, and a
 * read-only backup copy lists too. A mistake is one line naming the option, exit 2; a database
 * that cannot be read, or whose schema is older than recorded frames (start the gateway once to
 * upgrade it), exit 1. A reader that goes away (`| head`) ends the listing quietly.
 */
import { existsSync, readdirSync } from "node:fs";
import { type OptionSpec, readArgv } from "../config/argvOptions.js";
import { readConfigFile } from "../config/configFile.js";
import { loadSettings } from "../config/settings.js";
import { isSettingsError, SettingsError } from "../errors.js";
import { databasePath } from "../store/databaseFile.js";
import { isStoreError, openRawFramesReader, type RawFramesReader } from "../store/index.js";
import { lineWriter } from "./lineWriter.js";

const PREFIX = "mexc-live frames";
const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

export const FRAMES_USAGE = `usage: mexc-live frames [--data DIR] [--accounts NAME] [--from MS] [--to MS]

Prints the frames recorded by \`mexc-live start --record-frames\`, oldest first, one hex-encoded
frame per line (the input of \`mexc-live decode --hex\`):

  mexc-live frames --data ./data | mexc-live decode --hex

options:
  --data DIR      database directory (default ./data)
  --config FILE   JSON settings file (its data, apiKey and apiSecret are used)
  --accounts NAME the account whose frames to print, when several are configured
  --from MS       only frames received at or after MS (ms since the epoch)
  --to MS         only frames received at or before MS (ms since the epoch)
  -h, --help      this text

The database read is the one \`start\` uses with the same settings: the live account's when
MEXC_API_KEY and MEXC_API_SECRET are set, the demo one otherwise.
`;

/**
 * Every option `frames` accepts (its help lists each): the only `start` options that mean
 * something here (the rest are refused rather than ignored) and the time range.
 */
export const FRAMES_OPTIONS: OptionSpec = {
  "--data": "value",
  "--config": "value",
  "--accounts": "value",
  "--from": "value",
  "--to": "value",
};
const TIME_FLAGS = new Set(["--from", "--to"]);

export interface FramesIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

const defaultIo: FramesIo = { env: process.env, stdout: process.stdout, stderr: process.stderr };

interface FramesArgs {
  readonly settingsArgv: string[];
  readonly from: number | undefined;
  readonly to: number | undefined;
}

export async function runFramesCli(argv: readonly string[], io: FramesIo = defaultIo): Promise<number> {
  let request: FramesRequest | "help";
  try {
    request = readRequest(argv, io.env);
  } catch (error) {
    if (!isSettingsError(error)) throw error;
    io.stderr.write(`${PREFIX}: ${error.message}\n`);
    return EXIT_USAGE;
  }
  if (request === "help") {
    io.stdout.write(FRAMES_USAGE);
    return EXIT_OK;
  }
  const { path, from, to } = request;

  const out = lineWriter(io.stdout);
  let reader: RawFramesReader | undefined;
  try {
    reader = openRawFramesReader(path);
    let count = 0;
    for (const frame of reader.scan({ from, to })) {
      await out.line(Buffer.from(frame.bytes.buffer, frame.bytes.byteOffset, frame.bytes.byteLength).toString("hex"));
      if (out.closed) break;
      count++;
    }
    if (count === 0 && !out.closed) {
      const range = from === undefined && to === undefined ? "" : " in that range";
      io.stderr.write(`${PREFIX}: no recorded frames in ${path}${range} (was start run with --record-frames?)\n`);
    }
    return EXIT_OK;
  } catch (error) {
    const schema = isStoreError(error) && (error.code === "SCHEMA_TOO_OLD" || error.code === "SCHEMA_TOO_NEW");
    io.stderr.write(`${PREFIX}: ${schema ? "" : `cannot read ${path}: `}${(error as Error).message}\n`);
    return EXIT_FAILED;
  } finally {
    out.release();
    reader?.close();
  }
}

interface FramesRequest {
  /** The database file. */
  readonly path: string;
  readonly from: number | undefined;
  readonly to: number | undefined;
}

/** What to print, from the flags and settings; throws SettingsError (one line) on a mistake. */
function readRequest(argv: readonly string[], env: FramesIo["env"]): FramesRequest | "help" {
  const args = parseArgs(argv);
  if (args === "help") return args;
  const loaded = loadSettings({ argv: args.settingsArgv, env, readFile: readConfigFile });
  if (loaded.help) return "help";
  const path = databasePath(loaded.settings);
  if (!existsSync(path)) throw new SettingsError(`no database at ${path}${otherDatabases(loaded.settings.dataDir)}`);
  return { path, from: args.from, to: args.to };
}

/** --from/--to are ours; --data/--config/--accounts go to loadSettings; anything else is a mistake. */
function parseArgs(argv: readonly string[]): FramesArgs | "help" {
  const read = readArgv(argv, FRAMES_OPTIONS);
  if (read.help) return "help";
  const settingsArgv: string[] = [];
  const times: Record<string, number> = {};
  for (const { flag, value } of read.options) {
    if (TIME_FLAGS.has(flag)) times[flag] = parseTime(flag, value);
    else settingsArgv.push(flag, value);
  }
  const from = times["--from"];
  const to = times["--to"];
  if (from !== undefined && to !== undefined && from > to) {
    throw new SettingsError(`--from ${from} is after --to ${to}`);
  }
  return { settingsArgv, from, to };
}

function parseTime(flag: string, text: string): number {
  const value = /^\d{1,16}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isSafeInteger(value)) {
    throw new SettingsError(
      `${flag} must be a time in ms since the epoch, e.g. 1754741322152 (got ${JSON.stringify(text)})`,
    );
  }
  return value;
}

/** ` (DIR holds: a.db, b.db)`, to point at the right settings when the expected file is not there. */
function otherDatabases(dataDir: string): string {
  let files: string[];
  try {
    files = readdirSync(dataDir).filter((name) => name.endsWith(".db"));
  } catch {
    return "";
  }
  if (files.length === 0) return "";
  return ` (${dataDir} holds ${files.join(", ")}; the live account's file is chosen by MEXC_API_KEY)`;
}
