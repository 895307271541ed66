/**
 * Issue 37, item 4's Done-when: the gateway against an upstream that sends, beside MEXC's real
 * values (the simulator's), every bad value the issue lists (test/hostileUpstream.ts). Nothing of
 * it is stored (every SQLite table of the data folder is searched), the refusals are counted and
 * said, /api/health and /api/performance answer within HEALTHY_ANSWER_MS throughout, every
 * real fill still arrives, and the history backfill completes without a failed window.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import type { FillItem, Health } from "@mexc-live/contract";
import type { RunningSimulator } from "@mexc-live/simulator";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it, vi } from "vitest";
import { MAX_RECORDED_FRAME_BYTES } from "../../src/ingest/frameRecorder.js";
import { createLogger } from "../../src/logging.js";
import { type RunningGateway, startGateway } from "../../src/service.js";
import {
  getJson,
  ledger,
  quiesce,
  settingsFor,
  simulatorEnv,
  startBusySimulator,
  tempDir,
  waitFor,
} from "../e2eKit.js";
import {
  HOSTILE_ASSETS,
  HOSTILE_ID_PREFIX,
  type HostileUpstream,
  startHostileUpstream,
  UNLISTED_SYMBOL,
} from "../hostileUpstream.js";

/**
 * The longest /api/health or /api/performance may take (ms): the issue saw /api/performance over
 * 20 s after a 10^6-digit price was stored. On this shared 2-core machine at load 15,
 * /api/performance took up to 4.4 s in a run with no bad candle rows and 8.0 s in one with them,
 * each at its first candle fetch (health: under 100 ms); 15 s leaves that room and still fails a stall.
 */
const HEALTHY_ANSWER_MS = 15_000;

let sim: RunningSimulator | undefined;
let hostile: HostileUpstream | undefined;
let gateway: RunningGateway | undefined;
const data = tempDir("hostile");

afterAll(async () => {
  await gateway?.close();
  await hostile?.close();
  await sim?.close();
  data.remove();
});

/** Every warn line the gateway wrote, parsed. */
const lines: { msg: string; [field: string]: unknown }[] = [];
const destination = new Writable({
  write(chunk, _encoding, done) {
    for (const text of String(chunk).split("\n")) if (text.trim() !== "") lines.push(JSON.parse(text));
    done();
  },
});

/** The slowest answer of each watched endpoint so far, and whether any failed. */
const watched = { slowestMs: 0, failures: [] as string[], answers: 0, slowest: "" };
let watching = true;
async function watch(): Promise<void> {
  while (watching) {
    for (const path of ["api/health", "api/performance"]) {
      const started = performance.now();
      try {
        const response = await fetch(`${gateway!.url}${path}`, { signal: AbortSignal.timeout(HEALTHY_ANSWER_MS * 2) });
        if (!response.ok) watched.failures.push(`${path}: HTTP ${response.status}`);
        await response.arrayBuffer();
        watched.answers++;
      } catch (error) {
        watched.failures.push(`${path}: ${(error as Error).message}`);
      }
      const took = performance.now() - started;
      if (took > watched.slowestMs) {
        watched.slowestMs = took;
        watched.slowest = `${path} at answer ${watched.answers}, ${new Date().toISOString()}`;
      }
    }
    // Asked again once the upstream has thrown something more at the gateway.
    const before = thrown();
    await vi.waitFor(
      () => {
        if (watching && thrown() === before) throw new Error("nothing more thrown");
      },
      { timeout: 60_000, interval: 50 },
    );
  }
}

/** What the hostile upstream has sent so far, every kind together. */
function thrown(): number {
  return hostile === undefined ? 0 : Object.values(hostile.sent).reduce((sum, count) => sum + count, 0);
}

/**
 * Every row of every table of every SQLite file in the data folder, as text, but the recorded
 * frames (`--record-frames` keeps every frame as received, malformed ones included, for replay:
 * their sizes are checked apart).
 */
function everyStoredRow(): string[] {
  const rows: string[] = [];
  for (const file of readdirSync(data.path).filter((name) => name.endsWith(".db"))) {
    const db = new Database(join(data.path, file), { readonly: true, fileMustExist: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    for (const { name } of tables) {
      if (name === "raw_frames") continue;
      for (const row of db.prepare(`SELECT * FROM "${name}"`).iterate()) {
        rows.push(`${file}:${name}:${JSON.stringify(row)}`);
      }
    }
    db.close();
  }
  return rows;
}

describe("a hostile upstream", () => {
  it("stores none of its bad values, counts and says them, answers throughout, and loses no real fill", async () => {
    sim = await startBusySimulator({ seed: 37 });
    hostile = await startHostileUpstream(sim);
    gateway = await startGateway(
      settingsFor(["--port", "0", "--data", data.path, "--batch-ms", "20", "--record-frames"], {
        ...simulatorEnv(sim),
        MEXC_REST_URL: hostile.rest,
        MEXC_WS_URL: hostile.ws,
      }),
      { logger: createLogger({ level: "warn", destination }) },
    );
    const watcher = watch();
    const health = () => getJson<Health>(`${gateway!.url}api/health`);
    await waitFor(
      "a live account, the bad pushes and the 10 MiB frame sent",
      async () => {
        const upstream = (await health()).upstream;
        return upstream.state === "live" &&
          hostile!.sent.bigFrames > 0 &&
          hostile!.sent.myTrades > 0 &&
          hostile!.sent.openOrders > 0
          ? true
          : undefined;
      },
      90_000,
      250,
    );
    // The 10 MiB frame closed the first user connection; the next one is live again.
    await waitFor("live again", async () => ((await health()).upstream.state === "live" ? true : undefined), 60_000);
    await quiesce(sim);
    const expected = (await ledger(sim)).trades.map((trade) => trade.id).sort();
    const stored = await waitFor(
      "every real fill stored",
      async () => {
        const page = await getJson<{ items: FillItem[] }>(`${gateway!.url}api/fills?limit=1000`);
        const ids = page.items.map((fill) => fill.tradeId).sort();
        const missing = expected.filter((id) => !ids.includes(id));
        if (missing.length === 0) return ids;
        throw new Error(`${missing.length} of ${expected.length} missing, e.g. ${missing.slice(0, 3).join(", ")}`);
      },
      60_000,
      250,
    );
    // The first start's backfill reads the same answers: a bad row is skipped alone, so every
    // history window completes in its first pass (none failed, none retried 30 s later).
    await waitFor(
      "the history backfill complete",
      async () => ((await health()).history?.state === "complete" ? true : undefined),
      120_000,
      500,
    );
    watching = false;
    await watcher;
    expect(lines.filter((line) => line.msg.startsWith("history:") && line.msg.includes("failed"))).toEqual([]);

    // Good values in the same answers and frames arrived: every real fill, no other.
    expect(stored).toEqual(expected);
    // Nothing of the bad values is stored, in any table of any file.
    const rows = everyStoredRow();
    expect(rows.length).toBeGreaterThan(0);
    const markers = [
      HOSTILE_ID_PREFIX,
      ...HOSTILE_ASSETS,
      "NaN",
      "NOPAIR",
      UNLISTED_SYMBOL,
      "9".repeat(64),
      "1".repeat(64),
    ];
    const offending = rows.filter((row) => markers.some((marker) => row.includes(marker)));
    expect(offending.map((row) => row.slice(0, 200))).toEqual([]);
    expect(Math.max(...rows.map((row) => row.length))).toBeLessThan(64 * 1024);
    // Frames are recorded as received, up to the cap: the 10 MiB frame is not among them.
    const frames = gateway.store!.rawFrames();
    const sizes = [...frames].map((frame) => frame.bytes.length);
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(MAX_RECORDED_FRAME_BYTES);

    // Counted and said: each refusal, of a push or of REST, once per field and reason (never once per frame).
    const refusals = lines.filter(
      (line) => typeof line.value === "string" && (line.value as string).startsWith("out of bounds"),
    );
    const causes = refusals.map((line) => `${String(line.component)}: ${String(line.field)}=${String(line.value)}`);
    expect(causes.filter((cause, index) => causes.indexOf(cause) !== index)).toEqual([]);
    const refusedFields = new Set(refusals.map((line) => line.field));
    expect(hostile.sent.pushes).toBeGreaterThan(0);
    expect([...refusedFields].sort()).toEqual(
      expect.arrayContaining([
        "account.asset",
        "account.free",
        "fill.fee",
        "fill.feeCurrency",
        "fill.price",
        "fill.quantity",
        "myTrades.symbol",
        "myTrades.time",
        // The user stream's refusals, by field too; a symbol of the right shape no list names.
        "balance.free",
        "fill.timestamp",
        "fill.symbol",
        "openOrders.symbol",
      ]),
    );
    // No line quotes a bad value whole.
    expect(Math.max(...lines.map((line) => JSON.stringify(line).length))).toBeLessThan(4096);

    // The gateway answered throughout.
    expect(watched.failures).toEqual([]);
    expect(watched.answers).toBeGreaterThanOrEqual(4);
    console.info(
      `hostile upstream: sent ${JSON.stringify(hostile.sent)}; ${refusals.length} refusals said (once per field and reason); ${watched.answers} answers, slowest ${Math.round(watched.slowestMs)} ms (${watched.slowest})`,
    );
    expect(watched.slowestMs).toBeLessThan(HEALTHY_ANSWER_MS);
  }, 240_000);
});
