import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sink } from "../../test/cliKit.js";
import { DEMO_DATABASE_FILE } from "../store/databaseFile.js";
import { openStore } from "../store/index.js";
import { runImportCli } from "./import.js";

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function run(argv: string[]) {
  const stdout = sink();
  const stderr = sink();
  const code = runImportCli(argv, { env: {}, stdout: stdout.stream, stderr: stderr.stream });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const TRADES = [
  "UID,Pairs,Time,Side,Filled Price,Executed Amount,Total,Fee,Role",
  "1,BTC_USDT,2025-10-02 08:00:01,Buy,61000.5,0.01,610.005,0.61USDT,Taker",
].join("\n");

describe("mexc-live import", () => {
  it("imports an export into the database start uses, once", () => {
    dir = mkdtempSync(join(tmpdir(), "mexc-live-import-"));
    const file = join(dir, "trades.csv");
    writeFileSync(file, TRADES);
    const first = run([file, "--data", dir]);
    expect(first).toMatchObject({ code: 0, stderr: "" });
    expect(first.stdout).toMatch(/trades, 1 rows: 1 imported, 0 already known/);
    expect(run([file, "--data", dir]).stdout).toMatch(/0 imported, 1 already known/);
    const store = openStore({ path: join(dir, DEMO_DATABASE_FILE) });
    expect(store.counts().fills).toBe(1);
    store.close();
  });

  it("prints each bad row's line, imports nothing and exits 1", () => {
    dir = mkdtempSync(join(tmpdir(), "mexc-live-import-"));
    const file = join(dir, "trades.csv");
    writeFileSync(file, `${TRADES}\n1,BTC_USDT,2025-10-02 08:00:01,Buy,abc,0.01,610,0.6USDT,Taker`);
    const refused = run([file, "--data", dir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('line 3: Filled Price: "abc" is not a number');
    const store = openStore({ path: join(dir, DEMO_DATABASE_FILE) });
    expect(store.counts().fills).toBe(0);
    store.close();
  });

  it("refuses a mistake on the command line with one line and exit 2", () => {
    dir = mkdtempSync(join(tmpdir(), "mexc-live-import-"));
    expect(run([])).toMatchObject({ code: 2, stderr: "mexc-live import: which file? (see --help)\n" });
    expect(run(["a.csv", "--utc-offset", "8"]).stderr).toMatch(/--utc-offset must look like \+08:00/);
    expect(run(["a.csv", "--bogus", "1"]).code).toBe(2);
    expect(run([join(dir, "missing.csv"), "--data", dir])).toMatchObject({ code: 1 });
  });
});
