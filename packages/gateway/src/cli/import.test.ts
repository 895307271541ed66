import { copyFileSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sink } from "../../test/cliKit.js";
import { ECB_LINES, ECB_ZIP_FIXTURE, ecbFile } from "../../test/ecbRates.js";
import { MAX_IMPORT_BYTES } from "../ingest/imports/limits.js";
import { DEMO_DATABASE_FILE, liveDatabaseFile } from "../store/databaseFile.js";
import { DEMO_RATES_DATABASE_FILE, ExchangeRateStore, RATES_DATABASE_FILE } from "../store/exchangeRates.js";
import { openStore } from "../store/index.js";
import { runImportCli } from "./import.js";

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[], env: Record<string, string> = {}) {
  const stdout = sink();
  const stderr = sink();
  const code = await runImportCli(argv, { env, stdout: stdout.stream, stderr: stderr.stream });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

// Fake: the example secret of MEXC's own signing docs (public), never a real account's.
const SECRET = "45d0b3c26f2644f19bfb98b07741b2f5";
const TRADES = [
  "UID,Pairs,Time,Side,Filled Price,Executed Amount,Total,Fee,Role",
  "1,BTC_USDT,2025-10-02 08:00:01,Buy,61000.5,0.01,610.005,0.61USDT,Taker",
].join("\n");

describe("mexc-live import", () => {
  it("imports an export into the database start uses, once", async () => {
    dir = mkdtempSync(join(tmpdir(), "mexc-live-import-"));
    const file = join(dir, "trades.csv");
    writeFileSync(file, TRADES);
    const first = await run([file, "--data", dir]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/trades, 1 rows: 1 imported, 0 already known/);
    expect((await run([file, "--data", dir])).stdout).toMatch(/0 imported, 1 already known/);
    const store = openStore({ path: join(dir, DEMO_DATABASE_FILE) });
    expect(store.counts().fills).toBe(1);
    store.close();
  });

  it("prints each bad row's line, imports nothing and exits 1", async () => {
    dir = mkdtempSync(join(tmpdir(), "mexc-live-import-"));
    const file = join(dir, "trades.csv");
    writeFileSync(file, `${TRADES}\n1,BTC_USDT,2025-10-02 08:00:01,Buy,abc,0.01,610,0.6USDT,Taker`);
    const refused = await run([file, "--data", dir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('line 3: Filled Price: "abc" is not a number');
    const store = openStore({ path: join(dir, DEMO_DATABASE_FILE) });
    expect(store.counts().fills).toBe(0);
    store.close();
  });

  it("refuses a mistake on the command line with one line and exit 2", async () => {
    dir = mkdtempSync(join(tmpdir(), "mexc-live-import-"));
    expect(await run([])).toMatchObject({ code: 2, stderr: "mexc-live import: which file? (see --help)\n" });
    expect((await run(["a.csv", "--utc-offset", "8"])).stderr).toMatch(/--utc-offset must look like \+08:00/);
    expect((await run(["a.csv", "--bogus", "1"])).code).toBe(2);
    expect(await run([join(dir, "missing.csv"), "--data", dir])).toMatchObject({ code: 1 });
  });

  it("warns that the demo database is wiped at the next start", async () => {
    dir = mkdtempSync(join(tmpdir(), "mexc-live-import-"));
    const file = join(dir, "trades.csv");
    writeFileSync(file, TRADES);
    const demo = await run([file, "--data", dir]);
    expect(demo.code).toBe(0);
    expect(demo.stderr).toBe(
      `mexc-live import: warning: this is the demo database, wiped at the next start of mexc-live in demo mode: set your API keys to keep an import (${join(dir, DEMO_DATABASE_FILE)})\n`,
    );
    const live = await run([file, "--data", dir], { MEXC_API_KEY: "mx0vglAbCdEfGh123456", MEXC_API_SECRET: SECRET });
    expect(live).toMatchObject({ code: 0, stderr: "" });
  });

  it("takes --accounts to choose the account's database when several are configured", async () => {
    dir = mkdtempSync(join(tmpdir(), "mexc-live-import-"));
    const file = join(dir, "trades.csv");
    writeFileSync(file, TRADES);
    const env = {
      MEXC_API_KEY_MAIN: "mx0vglMainKey0000001",
      MEXC_API_SECRET_MAIN: SECRET,
      MEXC_API_KEY_SUB1: "mx0vglSubKey00000002",
      MEXC_API_SECRET_SUB1: SECRET,
    };
    expect((await run([file, "--data", dir], env)).stderr).toMatch(
      /several accounts are configured \(main, sub1\): choose one with --accounts NAME/,
    );
    const sub = await run([file, "--data", dir, "--accounts", "sub1"], env);
    expect(sub.code).toBe(0);
    const subFile = join(dir, liveDatabaseFile("mx0vglSubKey00000002"));
    expect(sub.stdout).toContain(subFile);
    const store = openStore({ path: subFile });
    expect(store.counts().fills).toBe(1);
    store.close();
  });

  it("refuses a file over the size one import takes, before reading it", async () => {
    dir = mkdtempSync(join(tmpdir(), "mexc-live-import-"));
    const file = join(dir, "huge.csv");
    writeFileSync(file, "");
    truncateSync(file, MAX_IMPORT_BYTES + 1);
    expect(await run([file, "--data", dir])).toMatchObject({
      code: 1,
      stderr: `mexc-live import: ${file} is ${MAX_IMPORT_BYTES + 1} bytes; one import takes at most ${MAX_IMPORT_BYTES} (split it)\n`,
    });
  });

  it("imports the ECB's eurofxref-hist.zip into the rates every account shares, with no --accounts", async () => {
    dir = mkdtempSync(join(tmpdir(), "mexc-live-import-"));
    const file = join(dir, "eurofxref-hist.zip");
    copyFileSync(ECB_ZIP_FIXTURE, file);
    const env = {
      MEXC_API_KEY_MAIN: "mx0vglMainKey0000001",
      MEXC_API_SECRET_MAIN: SECRET,
      MEXC_API_KEY_SUB1: "mx0vglSubKey00000002",
      MEXC_API_SECRET_SUB1: SECRET,
    };
    const first = await run([file, "--data", dir], env);
    const path = join(dir, RATES_DATABASE_FILE);
    expect(first).toEqual({
      code: 0,
      stdout: `mexc-live import: ${file}: the ECB's euro reference rates, 13 days from 1999-01-04 to 2026-04-13, 41 currencies: 13 added, 0 already known (${path})\n`,
      stderr: "",
    });
    const csv = join(dir, "eurofxref-hist.csv");
    writeFileSync(csv, ecbFile(ECB_LINES.slice(0, 2)));
    expect((await run([csv, "--data", dir], env)).stdout).toContain(": 0 added, 2 already known (");
    const rates = new ExchangeRateStore(path);
    expect(rates.rateOn("JPY", "2026-04-11")?.currencyPerEuro).toBe("186.43");
    rates.close();
  });

  it("prints the ECB file's bad cell with its line and column, stores nothing, and warns in demo mode", async () => {
    dir = mkdtempSync(join(tmpdir(), "mexc-live-import-"));
    const file = join(dir, "eurofxref-hist.csv");
    writeFileSync(file, ecbFile([ECB_LINES[0]!.replace(",186.75,", ",186,75,")]));
    const refused = await run([file, "--data", dir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("line 2: 44 cells where the header has 43");
    expect(refused.stderr).toContain(join(dir, DEMO_RATES_DATABASE_FILE));
    const rates = new ExchangeRateStore(join(dir, DEMO_RATES_DATABASE_FILE));
    expect(rates.newestDay()).toBeNull();
    rates.close();
  });
});
