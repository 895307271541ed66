/**
 * `mexc-live import FILE [--data DIR] [--config FILE] [--accounts NAME] [--utc-offset +08:00]`:
 * imports a file MEXC's website exported (spot trade history, deposit or withdrawal history; CSV,
 * layouts in docs/imports.md) into the database `start` uses with the same settings (the live
 * account's when MEXC_API_KEY and MEXC_API_SECRET are set, the one --accounts names when several
 * are configured, the demo one otherwise, with a warning: it is wiped at the next start; created
 * if there is none yet). All or nothing (ingest/imports/importHistory.ts): a row that cannot be read is
 * printed with its line number and nothing is imported (exit 1); rows already known are counted
 * as duplicates. A running gateway shows imported fills after its next start; the dashboard's
 * drop zone shows them at once.
 *
 * The European Central Bank's history of euro reference rates (eurofxref-hist.csv, or the
 * eurofxref-hist.zip it serves; recognised by its header) goes to the rates' file every account
 * shares (store/exchangeRates.ts), so it needs no --accounts.
 */
import { statSync } from "node:fs";
import type { RatesImportResult } from "@mexc-live/contract";
import { type OptionSpec, readArgv } from "../config/argvOptions.js";
import { readConfigFile } from "../config/configFile.js";
import { readRegularFileBytes } from "../config/regularFile.js";
import { loadSettings, type Settings } from "../config/settings.js";
import { ImportError, isSettingsError, SettingsError } from "../errors.js";
import { DEMO_IMPORT_WARNING } from "../ingest/imports/demoWarning.js";
import { importHistory } from "../ingest/imports/importHistory.js";
import { importRates, importText, isEcbRatesFile } from "../ingest/imports/importRates.js";
import { MAX_IMPORT_BYTES } from "../ingest/imports/limits.js";
import { databasePath } from "../store/databaseFile.js";
import { ExchangeRateStore, ratesDatabasePath } from "../store/exchangeRates.js";
import { openStore } from "../store/index.js";

const PREFIX = "mexc-live import";
const MAX_PROBLEMS_PRINTED = 50;

export const IMPORT_USAGE = `usage: mexc-live import FILE [--data DIR] [--config FILE] [--accounts NAME] [--utc-offset +HH:MM]

Imports a file MEXC's website exported: the spot trade history, the deposit history or the
withdrawal history (CSV; save an XLSX export as CSV first; the layouts are in docs/imports.md).
Rows already known (from MEXC's API or an earlier import) are skipped; a file with a row that
cannot be read is not imported at all. Also the European Central Bank's history of euro
reference rates (eurofxref-hist.csv or eurofxref-hist.zip), for every account at once.

options:
  --data DIR          database directory (default ./data)
  --config FILE       JSON settings file (its data, apiKey and apiSecret are used)
  --accounts NAME     the account to import into, when several are configured
  --utc-offset +HH:MM the zone the file's times are in when its header does not say (default UTC)
  -h, --help          this text
`;

export interface ImportIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

const defaultIo: ImportIo = { env: process.env, stdout: process.stdout, stderr: process.stderr };
/** Every option `import` accepts (its help lists each): the settings that choose the database, and the file's zone. */
export const IMPORT_OPTIONS: OptionSpec = {
  "--data": "value",
  "--config": "value",
  "--accounts": "value",
  "--utc-offset": "value",
};

export async function runImportCli(argv: readonly string[], io: ImportIo = defaultIo): Promise<number> {
  let file: string | undefined;
  let offset = 0;
  const settingsArgv: string[] = [];
  try {
    const read = readArgv(argv, IMPORT_OPTIONS, { positionals: Number.POSITIVE_INFINITY });
    if (read.help) {
      io.stdout.write(IMPORT_USAGE);
      return 0;
    }
    const [first, second] = read.positionals;
    if (second !== undefined) throw new SettingsError(`one file at a time (got "${first}" and "${second}")`);
    file = first;
    for (const { flag, value } of read.options) {
      if (flag === "--utc-offset") offset = parseOffset(value);
      else settingsArgv.push(flag, value);
    }
    if (file === undefined) throw new SettingsError("which file? (see --help)");
  } catch (error) {
    if (!isSettingsError(error)) throw error;
    io.stderr.write(`${PREFIX}: ${error.message}\n`);
    return 2;
  }

  let text: string;
  let settings: Settings;
  try {
    const loaded = loadSettings({ argv: settingsArgv, env: io.env, readFile: readConfigFile });
    if (loaded.help) {
      io.stdout.write(IMPORT_USAGE);
      return 0;
    }
    settings = loaded.settings;
    const size = statSync(file).size;
    if (size > MAX_IMPORT_BYTES) {
      io.stderr.write(`${PREFIX}: ${file} is ${size} bytes; one import takes at most ${MAX_IMPORT_BYTES} (split it)\n`);
      return 1;
    }
    // A regular file only: a FIFO or a device would hang the command (issue 54 item 5).
    text = await importText(readRegularFileBytes(file, MAX_IMPORT_BYTES));
  } catch (error) {
    if (error instanceof ImportError) {
      io.stderr.write(`${PREFIX}: ${file}: ${error.message}\n`);
      return 1;
    }
    io.stderr.write(
      `${PREFIX}: ${isSettingsError(error) ? error.message : `cannot read ${file}: ${(error as Error).message}`}\n`,
    );
    return isSettingsError(error) ? 2 : 1;
  }
  const demo = settings.accounts.length === 0;
  if (isEcbRatesFile(text)) return importRatesFile(file, text, settings.dataDir, demo, io);
  let path: string;
  try {
    path = databasePath(settings);
  } catch (error) {
    if (!isSettingsError(error)) throw error;
    io.stderr.write(`${PREFIX}: ${error.message}\n`);
    return 2;
  }
  if (demo) io.stderr.write(`${PREFIX}: warning: ${DEMO_IMPORT_WARNING} (${path})\n`);
  return importInto(openStore({ path }), file, io, async (store) => {
    const result = await importHistory(store, text, { utcOffsetMinutes: offset });
    io.stdout.write(
      `${PREFIX}: ${file}: ${result.format}, ${result.rows} rows: ${result.added} imported, ${result.duplicates} already known (${path})\n`,
    );
  });
}

/** The ECB's rates into the file every account shares. */
async function importRatesFile(
  file: string,
  text: string,
  dataDir: string,
  demo: boolean,
  io: ImportIo,
): Promise<number> {
  const path = ratesDatabasePath(dataDir, demo ? "demo" : "live");
  if (demo) io.stderr.write(`${PREFIX}: warning: ${DEMO_IMPORT_WARNING} (${path})\n`);
  return importInto(new ExchangeRateStore(path), file, io, async (rates) => {
    const result = await importRates(rates, text);
    io.stdout.write(`${PREFIX}: ${file}: ${ratesResultText(result)} (${path})\n`);
    if (result.differing > 0) {
      io.stdout.write(
        `${PREFIX}: ${result.differing} days already stored with other rates were kept as stored: ${result.differingDays.join(", ")}${result.differing > result.differingDays.length ? ", ..." : ""}\n`,
      );
    }
  });
}

/** Runs an import into `target` (closed after): 0 when it is done, 1 when the file is refused (said on stderr). */
async function importInto<T extends { close(): void }>(
  target: T,
  file: string,
  io: ImportIo,
  run: (target: T) => Promise<void>,
): Promise<number> {
  try {
    await run(target);
    return 0;
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    printRefusal(file, error, io);
    return 1;
  } finally {
    target.close();
  }
}

/** "the ECB's euro reference rates, 6983 days from 1999-01-04 to 2026-04-13, 41 currencies: 12 added, 6971 already known". */
function ratesResultText(result: RatesImportResult): string {
  return `the ECB's euro reference rates, ${result.rows} days from ${result.from} to ${result.to}, ${result.currencies} currencies: ${result.added} added, ${result.duplicates} already known`;
}

function printRefusal(file: string, error: ImportError, io: ImportIo): void {
  io.stderr.write(`${PREFIX}: ${file}: ${error.message}\n`);
  for (const problem of error.problems.slice(0, MAX_PROBLEMS_PRINTED)) {
    io.stderr.write(`  line ${problem.line}: ${problem.message}\n`);
  }
  if (error.problems.length > MAX_PROBLEMS_PRINTED) {
    io.stderr.write(`  and ${error.problems.length - MAX_PROBLEMS_PRINTED} more\n`);
  }
}

function parseOffset(text: string): number {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(text);
  if (!match || Number(match[2]) > 14 || Number(match[3]) > 59) {
    throw new SettingsError(`--utc-offset must look like +08:00 or -05:00 (got ${JSON.stringify(text)})`);
  }
  return (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}
