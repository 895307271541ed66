import { spawn } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { decodePush, encodePush } from "@mexc-live/protocol";
import type { PushWrapper } from "@mexc-live/protocol/wire";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Run, runOf, sink } from "../../test/cliKit.js";
import { DEMO_DATABASE_FILE, liveDatabaseFile } from "../store/databaseFile.js";
import { openStore } from "../store/index.js";
import { MIGRATIONS } from "../store/migrations.js";
import { runDecodeCli } from "./decodeCli.js";
import { runFramesCli } from "./frames.js";

const BIN = fileURLToPath(new URL("../../bin/mexc-live.js", import.meta.url));

/** The official private examples (docs/mexc/protocol.md#the-official-example-values). */
const ORDER = {
  channel: "spot@private.orders.v3.api.pb",
  symbol: "MXUSDT",
  sendTime: 1736417034281,
  privateOrders: {
    clientId: "C02__505979017439002624115",
    price: "3.5121",
    quantity: "1",
    amount: "0",
    avgPrice: "3.6962",
    orderType: 5,
    tradeType: 2,
    remainAmount: "0",
    remainQuantity: "0",
    lastDealQuantity: "1",
    cumulativeQuantity: "1",
    cumulativeAmount: "3.6962",
    status: 2,
    createTime: 1736417034259,
  },
} as PushWrapper;
const DEAL = {
  channel: "spot@private.deals.v3.api.pb",
  symbol: "MXUSDT",
  sendTime: 1736417034332,
  privateDeals: {
    price: "3.6962",
    quantity: "1",
    amount: "3.6962",
    tradeType: 2,
    tradeId: "505979017439002624X1",
    orderId: "C02__505979017439002624115",
    feeAmount: "0.0003998377369698171",
    feeCurrency: "MX",
    time: 1736417034280,
  },
} as PushWrapper;
const GOOD = [encodePush(ORDER), encodePush(DEAL)];
/** A frame cut inside its body, as the simulator's `malformed` fault sends them. */
const TRUNCATED = encodePush(DEAL).subarray(0, 40);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

async function frames(argv: string[], env: Record<string, string> = {}): Promise<Run> {
  const stdout = sink();
  const stderr = sink();
  const code = await runFramesCli(argv, { env, stdout: stdout.stream, stderr: stderr.stream });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

async function decodeHex(input: string): Promise<Run> {
  const stdout = sink();
  const stderr = sink();
  const code = await runDecodeCli(["--hex"], {
    stdin: Readable.from([input]),
    stdout: stdout.stream,
    stderr: stderr.stream,
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const lines = (text: string) => text.split("\n").filter((line) => line !== "");

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "mexc-live-frames-cli-"));
});
afterEach(() => {
  chmodSync(dir, 0o755);
  for (const name of readdirSync(dir)) chmodSync(join(dir, name), 0o755);
  rmSync(dir, { recursive: true, force: true });
});

const schemaVersion = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma("user_version", { simple: true });
  } finally {
    db.close();
  }
};

/** A recorded session: an order push, a truncated frame, then the deal push. */
function record(file = DEMO_DATABASE_FILE): void {
  const store = openStore({ path: join(dir, file) });
  store.recordRawFrame(GOOD[0]!, 1_000, ORDER.channel);
  store.recordRawFrame(TRUNCATED, 2_000, null);
  store.recordRawFrame(GOOD[1]!, 3_000, DEAL.channel);
  store.close();
}

describe("mexc-live frames", () => {
  it("prints the recorded frames oldest first, one hex frame per line, malformed ones included", async () => {
    record();
    const run = await frames(["--data", dir]);
    expect(run).toEqual({ code: 0, stdout: `${[GOOD[0]!, TRUNCATED, GOOD[1]!].map(hex).join("\n")}\n`, stderr: "" });
  });

  it("feeds decode --hex: the same JSON as decoding the frames as received, the malformed one reported", async () => {
    record();
    const decoded = await decodeHex((await frames(["--data", dir])).stdout);
    expect(lines(decoded.stdout)).toEqual(GOOD.map((bytes) => JSON.stringify(decodePush(bytes))));
    expect(decoded.stderr).toMatch(/^line 2: /);
    expect(decoded.code).toBe(1);
  });

  it("keeps to --from and --to (inclusive, ms of receipt)", async () => {
    record();
    expect(lines((await frames(["--data", dir, "--from", "2000"])).stdout)).toEqual([TRUNCATED, GOOD[1]!].map(hex));
    expect(lines((await frames(["--data", dir, "--from=1000", "--to=1999"])).stdout)).toEqual([hex(GOOD[0]!)]);
    const none = await frames(["--data", dir, "--from", "5000"]);
    expect(none).toMatchObject({ code: 0, stdout: "" });
    expect(none.stderr).toContain("no recorded frames");
  });

  it("reads the live account's database when MEXC_API_KEY is set, as start does", async () => {
    const env = { MEXC_API_KEY: "mx0vglLIVEKEY123", MEXC_API_SECRET: "secret-secret-123" };
    record(liveDatabaseFile(env.MEXC_API_KEY));
    expect(lines((await frames(["--data", dir], env)).stdout)).toHaveLength(3);
    const demo = await frames(["--data", dir]);
    expect(demo.code).toBe(2);
    expect(demo.stderr).toBe(
      `mexc-live frames: no database at ${join(dir, DEMO_DATABASE_FILE)} (${dir} holds ${liveDatabaseFile(env.MEXC_API_KEY)}; the live account's file is chosen by MEXC_API_KEY)\n`,
    );
  });

  it("takes --accounts to choose the account's database when several are configured", async () => {
    const env = {
      MEXC_API_KEY_MAIN: "mx0vglMAINKEY123",
      MEXC_API_SECRET_MAIN: "secret-secret-123",
      MEXC_API_KEY_SUB1: "mx0vglSUBKEY1234",
      MEXC_API_SECRET_SUB1: "secret-secret-456",
    };
    record(liveDatabaseFile(env.MEXC_API_KEY_SUB1));
    const both = await frames(["--data", dir], env);
    expect(both).toMatchObject({ code: 2, stdout: "" });
    expect(both.stderr).toContain("several accounts are configured (main, sub1): choose one with --accounts NAME");
    expect(lines((await frames(["--data", dir, "--accounts", "sub1"], env)).stdout)).toHaveLength(3);
    expect((await frames(["--data", dir, "--accounts=main"], env)).stderr).toContain(
      `no database at ${join(dir, liveDatabaseFile(env.MEXC_API_KEY_MAIN))}`,
    );
  });

  it("reports a mistake in one line naming the option, exit 2", async () => {
    record();
    expect(await frames(["--data", dir, "--from", "yesterday"])).toEqual({
      code: 2,
      stdout: "",
      stderr: 'mexc-live frames: --from must be a time in ms since the epoch, e.g. 1754741322152 (got "yesterday")\n',
    });
    expect((await frames(["--data", dir, "--from", "5", "--to", "4"])).stderr).toBe(
      "mexc-live frames: --from 5 is after --to 4\n",
    );
    expect((await frames(["--data", dir, "--port", "1"])).stderr).toBe(
      "mexc-live frames: unknown option --port (see --help)\n",
    );
    expect((await frames(["--data"])).stderr).toBe("mexc-live frames: --data needs a value\n");
    expect((await frames(["--help"])).stdout).toContain("usage: mexc-live frames");
  });

  it("pipes into decode as a user types it: mexc-live frames --data DIR | mexc-live decode --hex", async () => {
    record();
    const pipeline = `"${process.execPath}" "${BIN}" frames --data "${dir}" | "${process.execPath}" "${BIN}" decode --hex`;
    const run = await runOf(spawn("sh", ["-c", pipeline], { timeout: 15_000 }));
    expect(lines(run.stdout)).toEqual(GOOD.map((bytes) => JSON.stringify(decodePush(bytes))));
    expect(run.stderr).toMatch(/^line 2: /);
  });

  it("leaves a database of an older mexc-live as it was, says so in one line, exit 1", async () => {
    // Schema 1, WAL, as the gateway of the JSON-recording era left it (its raw_frames rows JSON).
    const path = join(dir, DEMO_DATABASE_FILE);
    const old = new Database(path);
    old.pragma("journal_mode = WAL");
    old.exec(MIGRATIONS[0] as string);
    old.pragma("user_version = 1");
    old.prepare("INSERT INTO raw_frames (received_at, channel, bytes) VALUES (?, ?, ?)").run(5, "", Buffer.from("{}"));
    old.close();
    const before = readFileSync(path);

    const run = await frames(["--data", dir]);
    expect(run).toEqual({
      code: 1,
      stdout: "",
      stderr: `mexc-live frames: ${path} was written by an older mexc-live (schema 1, frames need 2); start the gateway once to upgrade it\n`,
    });
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(schemaVersion(path)).toBe(1);
  });

  it("lists a read-only copy (file 0444 in a read-only directory) and changes nothing in it", async () => {
    record();
    const copies = join(dir, "backup");
    mkdirSync(copies);
    const copy = join(copies, DEMO_DATABASE_FILE);
    copyFileSync(join(dir, DEMO_DATABASE_FILE), copy);
    chmodSync(copy, 0o444);
    chmodSync(copies, 0o555);
    const before = readFileSync(copy);

    const run = await frames(["--data", copies]);
    expect(run).toEqual({ code: 0, stdout: `${[GOOD[0]!, TRUNCATED, GOOD[1]!].map(hex).join("\n")}\n`, stderr: "" });
    expect(readFileSync(copy).equals(before)).toBe(true);
    expect(schemaVersion(copy)).toBe(MIGRATIONS.length);
  });

  it("lists what a running gateway has recorded so far, without getting in its way", async () => {
    const store = openStore({ path: join(dir, DEMO_DATABASE_FILE) });
    try {
      store.recordRawFrame(GOOD[0]!, 1_000, ORDER.channel);
      expect(lines((await frames(["--data", dir])).stdout)).toEqual([hex(GOOD[0]!)]);
      store.recordRawFrame(GOOD[1]!, 3_000, DEAL.channel);
      expect(lines((await frames(["--data", dir])).stdout)).toEqual(GOOD.map(hex));
    } finally {
      store.close();
    }
  });
});
