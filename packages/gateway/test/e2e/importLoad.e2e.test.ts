/**
 * A big import does not freeze the gateway. A genuine-shaped 300,000-row spot trade export (about
 * 23 MB, under the 32 MiB limit) is imported through POST /api/import into a running gateway
 * while `/api/health` is asked again and again and a browser watches the live market stream.
 * On the event loop in one go it kept health from answering for 40-55 s (a ~98 s gap in the
 * stream); in slices, health and the stream keep answering throughout.
 *
 * What is measured, in this process (the gateway runs in it): the longest time without a health
 * answer, the longest health answer, the longest gap between stream frames, and the event loop's
 * delay (perf_hooks.monitorEventLoopDelay) while the file is read and stored. The figures' rebuild
 * that follows an import (issue 31: still one piece on the event loop) is timed from the
 * gateway's log and left out of the bounds; its time is printed (so is the first start's backfill,
 * waited out before the import: its rebuilds run in one piece too). The bounds are loose for a loaded
 * 2-core CI machine (measured there: a few hundred ms) and far under the tens of seconds the
 * import blocked for before.
 */

import { request } from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Writable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import type { Health } from "@mexc-live/contract";
import type { RunningSimulator } from "@mexc-live/simulator";
import { afterAll, describe, expect, it } from "vitest";
import { FIGURES_REBUILD_DELAY_MS } from "../../src/config/defaults.js";
import { createLogger } from "../../src/logging.js";
import { type RunningGateway, startGateway } from "../../src/service.js";
import { BrowserClient, getJson, settingsFor, simulatorEnv, startBusySimulator, tempDir, waitFor } from "../e2eKit.js";
import { tradeExport } from "../tradeExport.js";

const ROWS = 300_000;
/** Longest the gateway may go without answering health, or the stream without a frame, during an import. */
const MAX_SILENCE_MS = 5_000;
/** Longest the event loop may be held at once while an import reads and stores. */
const MAX_LOOP_DELAY_MS = 3_000;

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

/** Longest interval between consecutive times that does not overlap `skip`. */
function longestGap(times: readonly number[], skip: readonly [number, number]): number {
  let longest = 0;
  for (let at = 1; at < times.length; at++) {
    const [from, to] = [times[at - 1]!, times[at]!];
    if (to >= skip[0] && from <= skip[1]) continue;
    longest = Math.max(longest, to - from);
  }
  return longest;
}

describe("a 300,000-row import into a running gateway", () => {
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
    let loopAtImported: { max: number; p99: number } | undefined;
    const destination = new Writable({
      write(chunk, _encoding, done) {
        for (const text of String(chunk).split("\n").filter(Boolean)) {
          const line = JSON.parse(text) as LogLine;
          logs.push(line);
          // Read and stored: the loop's delay so far is the import's; the rebuild comes next.
          if (line.msg === "history imported" && loopAtImported === undefined) {
            loop.disable();
            loopAtImported = { max: loop.max / 1e6, p99: loop.percentile(99) / 1e6 };
          }
        }
        done();
      },
    });
    sim = await startBusySimulator({ seed: 31 });
    gateway = await startGateway(settingsFor(["--port", "0", "--data", data.path], simulatorEnv(sim)), {
      logger: createLogger({ level: "info", destination }),
    });
    const url = gateway.url;
    // The first start's backfill done, and the figures' rebuild it triggers behind it (it runs in
    // slices since issue 31, ingest/figuresRebuilder.ts), so what is measured is the import's.
    await waitFor(
      "upstream live and the backfill complete",
      async () => {
        const health = await getJson<Health>(`${url}api/health`);
        return health.upstream.state === "live" && health.history?.state === "complete" ? true : undefined;
      },
      60_000,
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
    importing = false;
    await prober;

    expect(answer.status).toBe(200);
    expect(result).toMatchObject({ rows: ROWS, added: ROWS });
    const imported = logs.find((line) => line.msg === "history imported");
    const rebuilt = logs.find((line) => line.msg === "figures rebuilt after the import");
    // The rebuild's window, from the log (none logged: nothing is left out).
    const rebuild: [number, number] = imported && rebuilt ? [imported.time, rebuilt.time] : [ended, ended];
    const during = probes.filter(
      ([sent, answered]) => answered <= ended && !(answered >= rebuild[0] && sent <= rebuild[1]),
    );
    const longestAnswer = Math.max(...during.map(([sent, answered]) => answered - sent));
    const silence = longestGap(
      [started, ...probes.map(([, answered]) => answered).filter((at) => at <= ended)],
      rebuild,
    );
    const streamGap = longestGap(
      frames.filter((at) => at >= started && at <= ended),
      rebuild,
    );
    // The numbers for the record (the report and docs/security.md quote them).
    console.info(
      `import of ${ROWS} rows: read and stored in ${imported?.ms} ms, then the figures' rebuild held the event loop ${rebuilt?.ms} ms; ` +
        `during the import: longest health answer ${longestAnswer} ms, longest time without one ${silence} ms, ` +
        `longest stream gap ${streamGap} ms, event loop delay max ${Math.round(loopAtImported?.max ?? Number.NaN)} ms (p99 ${Math.round(loopAtImported?.p99 ?? Number.NaN)} ms)`,
    );
    expect(silence).toBeLessThan(MAX_SILENCE_MS);
    expect(streamGap).toBeLessThan(MAX_SILENCE_MS);
    expect(loopAtImported!.max).toBeLessThan(MAX_LOOP_DELAY_MS);
    expect(rebuilt).toBeDefined();
  }, 400_000);
});
