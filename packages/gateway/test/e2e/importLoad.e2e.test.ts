/**
 * A big import does not freeze the gateway. A genuine-shaped spot trade export of 100,000 rows
 * (about 7.7 MB; MLT_IMPORT_ROWS=300000 sends 23 MB, near the 32 MiB limit, as docs/security.md's
 * measurements did) is imported through POST /api/import into a running gateway while
 * `/api/health` is asked again and again and a browser watches the live market stream. At 300,000
 * rows on the event loop in one go it kept health from answering for 40-55 s (a ~98 s gap in the
 * stream); in slices, health and the stream keep answering throughout. The slices' bound holds
 * whatever the file's size (a slice is at most SLICE_MS of rows), so the suite sends a third of
 * the largest file: 300,000 rows took this test 191 s of CI's 2-core machine (2026-11-27), the
 * longest file of the suite; a stall that grows with the file (the figures taking in each slice, a
 * pass in one piece) still shows at 100,000 rows as seconds, against the 2 s bound.
 *
 * What is measured, in this process (the gateway runs in it), from the upload to the answer (the
 * answer comes once the figures have taken the file in): the longest time without a health
 * answer, the longest health answer, the longest gap between stream frames, and the event loop's
 * delay (perf_hooks.monitorEventLoopDelay). Measured on a quiet 2-core machine: read and stored
 * in 27 s, health never silent more than 245 ms, the loop's delay at most 233 ms (before the
 * figures held their work for the import's end and the pending valuations had their index: 148 s,
 * 16.9 s and 16.8 s). The bounds leave room for a loaded CI machine.
 */

import { request } from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Writable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import type { Health } from "@mexc-live/contract";
import type { RunningSimulator } from "@mexc-live/simulator";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_BACKFILL_PACING_MS, FIGURES_REBUILD_DELAY_MS } from "../../src/config/defaults.js";
import { createLogger } from "../../src/logging.js";
import { type RunningGateway, startGateway } from "../../src/service.js";
import { BrowserClient, getJson, settingsFor, simulatorEnv, startBusySimulator, tempDir, waitFor } from "../e2eKit.js";
import { tradeExport } from "../tradeExport.js";

/** Rows sent (MLT_IMPORT_ROWS: another count, e.g. the 300,000 of docs/security.md's measurements). */
const ROWS = Number(process.env.MLT_IMPORT_ROWS ?? 100_000);
/** The first backfill's wait: its windows at the demo's pace, bound by MEXC's REST weights (~25 s quiet), with room for load (see its use). */
const BACKFILL_WAIT_MS = 120_000;
/** Longest the gateway may go without answering health during an import (issue 29: under 1 s; room for load). */
const MAX_SILENCE_MS = 2_000;
/** Longest the browser's market stream may go without a frame (the busy simulator's pushes come about each second). */
const MAX_STREAM_GAP_MS = 4_000;
/** Longest the event loop may be held at once while an import reads, stores and is taken in. */
const MAX_LOOP_DELAY_MS = 1_500;

interface LogLine {
  readonly time: number;
  readonly msg: string;
  readonly ms?: number;
}

/** POSTs a file as a browser's upload does (the body already bytes); the status and the answer. */
function postFile(url: string, body: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: "POST", headers: { "content-type": "text/csv", "content-length": String(body.length) } },
      (incoming) => {
        let text = "";
        incoming.setEncoding("utf8");
        incoming.on("data", (chunk: string) => {
          text += chunk;
        });
        incoming.on("end", () => resolve({ status: incoming.statusCode ?? 0, text }));
      },
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

/** Longest interval between consecutive times. */
function longestGap(times: readonly number[]): number {
  let longest = 0;
  for (let at = 1; at < times.length; at++) longest = Math.max(longest, times[at]! - times[at - 1]!);
  return longest;
}

describe(`a ${ROWS.toLocaleString("en-US")}-row import into a running gateway`, () => {
  const data = tempDir("import-load");
  let sim: RunningSimulator | undefined;
  let gateway: RunningGateway | undefined;
  let browser: BrowserClient | undefined;
  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    await sim?.close();
    data.remove();
  });

  it("keeps /api/health and the live stream answering while it reads and stores", async () => {
    const logs: LogLine[] = [];
    const loop = monitorEventLoopDelay({ resolution: 10 });
    const destination = new Writable({
      write(chunk, _encoding, done) {
        for (const text of String(chunk).split("\n").filter(Boolean)) logs.push(JSON.parse(text) as LogLine);
        done();
      },
    });
    sim = await startBusySimulator({ seed: 31 });
    gateway = await startGateway(settingsFor(["--port", "0", "--data", data.path], simulatorEnv(sim)), {
      logger: createLogger({ level: "info", destination }),
      // The simulator is no MEXC to spare: the demo's pace, not a live account's 250 ms.
      backfillPacingMs: DEMO_BACKFILL_PACING_MS,
    });
    const url = gateway.url;
    // The first start's backfill done, and the figures' rebuild it triggers behind it (it runs in
    // slices since issue 31, figures/pairRebuild.ts), so what is measured is the import's.
    // The backfill is paced, not CPU-bound: its windows (30 days of myTrades for 9 symbols,
    // allOrders, five wallet histories) wait DEMO_BACKFILL_PACING_MS each and MEXC's REST weights
    // between them (at BACKFILL_PACING_MS, 250 ms, it took 49-50 s in all at load 11-14). The wait
    // leaves room for a loaded CI machine; a stuck backfill still fails, naming how far it came.
    await waitFor(
      "upstream live and the backfill complete",
      async () => {
        const health = await getJson<Health>(`${url}api/health`);
        if (health.upstream.state === "live" && health.history?.state === "complete") return true;
        throw new Error(`upstream ${health.upstream.state}, history ${JSON.stringify(health.history ?? null)}`);
      },
      BACKFILL_WAIT_MS,
    );
    await sleep(FIGURES_REBUILD_DELAY_MS * 2);
    browser = await BrowserClient.open(url);
    const frames: number[] = [];
    browser.ws.on("message", () => frames.push(Date.now()));
    browser.subscribe(["market.BTCUSDT.depth", "market.BTCUSDT.ticker", "health"]);
    await waitFor("the market stream", () => (frames.length > 5 ? true : undefined));
    // Encoded before the clock starts: this process is the gateway's too, and encoding 23 MB
    // (as fetch does with a string body) would be counted against the gateway.
    const body = Buffer.from(tradeExport({ rows: ROWS }));

    // Health asked again as soon as it answered: any stall shows as a long answer or a long silence.
    const probes: [sent: number, answered: number][] = [];
    let importing = true;
    const prober = (async () => {
      while (importing) {
        const sent = Date.now();
        const response = await fetch(`${url}api/health`);
        await response.text();
        probes.push([sent, Date.now()]);
        await sleep(10);
      }
    })();
    const started = Date.now();
    loop.enable();
    const answer = await postFile(`${url}api/import?name=trades.csv`, body);
    const result = JSON.parse(answer.text) as { added: number; rows: number };
    const ended = Date.now();
    loop.disable();
    importing = false;
    await prober;

    expect(answer.status).toBe(200);
    expect(result).toMatchObject({ rows: ROWS, added: ROWS });
    const imported = logs.find((line) => line.msg === "history imported");
    const rebuilt = logs.find((line) => line.msg === "figures rebuilt after the import");
    const during = probes.filter(([, answered]) => answered <= ended);
    const longestAnswer = Math.max(...during.map(([sent, answered]) => answered - sent));
    const silence = longestGap([started, ...during.map(([, answered]) => answered), ended]);
    const streamGap = longestGap(frames.filter((at) => at >= started && at <= ended));
    const loopMax = loop.max / 1e6;
    // The numbers for the record (the report and docs/security.md quote them).
    console.info(
      `import of ${ROWS} rows: read and stored in ${imported?.ms} ms, then taken in by the figures in ${rebuilt?.ms} ms; ` +
        `throughout: longest health answer ${longestAnswer} ms, longest time without one ${silence} ms, ` +
        `longest stream gap ${streamGap} ms, event loop delay max ${Math.round(loopMax)} ms (p99 ${Math.round(loop.percentile(99) / 1e6)} ms)`,
    );
    expect(silence).toBeLessThan(MAX_SILENCE_MS);
    expect(streamGap).toBeLessThan(MAX_STREAM_GAP_MS);
    expect(loopMax).toBeLessThan(MAX_LOOP_DELAY_MS);
    expect(rebuilt).toBeDefined();
  }, 400_000);
});
