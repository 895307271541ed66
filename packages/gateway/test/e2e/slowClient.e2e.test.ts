/**
 * Browsers that stop reading must not make the gateway hold more and more memory. The gateway
 * runs as its own process, its JavaScript heap capped at HEAP_CAP_MB, against a fast simulated
 * market; one browser reads everything (it measures what is offered), SLOW_CLIENTS others
 * subscribe to the same topics and then never read again. Past the kernel's socket buffers
 * (~4 MB per socket on loopback), a gateway that kept every backlog would need SLOW_CLIENTS x
 * (offered - 4 MB): past the heap cap (queued updates) or in resident memory (socket buffers,
 * outside the heap). The fan-out's bounds (1 MB queued + 1 MB socket buffer per client) keep it
 * alive, serving, well under half of that, and the dropped backlogs show up as re-snapshots.
 */

import type { Topic } from "@mexc-live/contract";
import { type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserClient, GatewayProcess, simulatorEnv, tempDir, waitFor } from "../e2eKit.js";

const SYMBOLS = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "PEPEUSDT", "ETHBTC", "MXUSDT", "DOGEUSDT", "FROPUSDT"];
const TOPICS: Topic[] = [
  "fills",
  "orders",
  "balances",
  ...SYMBOLS.flatMap((symbol) =>
    (["trades", "depth", "ticker"] as const).map((kind) => `market.${symbol}.${kind}` as Topic),
  ),
];
const SLOW_CLIENTS = 8;
/** The gateway's old-space limit (--max-old-space-size); it runs at about 30-60 MB of heap. */
const HEAP_CAP_MB = 128;
/** Offered to each slow client: keeping it all would take 8 x 20 MB. */
const OFFERED_BYTES = 24 * 1024 * 1024;
/** On a slow machine the run stops at MAX_RUN_MS; by then it must at least be past the cap. */
const MIN_OFFERED_BYTES = (HEAP_CAP_MB / SLOW_CLIENTS + 6) * 1024 * 1024;
/**
 * A quiet machine offers OFFERED_BYTES in 15-30 s and stops there; a loaded one (CI beside other
 * work: load 12 offered 4.6 MB in 60 s) gets this long to pass MIN_OFFERED_BYTES.
 */
const MAX_RUN_MS = 180_000;
/** Memory is sampled each time this much more was offered (48 samples over OFFERED_BYTES). */
const SAMPLE_EVERY_BYTES = OFFERED_BYTES / 48;
/** What the kernel holds of a paused loopback socket (measured: about 4 MB). */
const KERNEL_BUFFER_BYTES = 4 * 1024 * 1024;

async function metric(url: string, pattern: RegExp): Promise<number> {
  const text = await (await fetch(`${url}metrics`)).text();
  const match = pattern.exec(text);
  if (!match) throw new Error(`no metric ${pattern}`);
  return Number(match[1]);
}
const residentBytes = (url: string) => metric(url, /^gateway_process_resident_memory_bytes (\S+)$/m);
const resnapshots = (url: string) =>
  metric(url, /^gateway_client_resnapshots_total\{transport="ws"\} (\S+)$/m).catch(() => 0);

describe("a slow client", () => {
  let sim: RunningSimulator;
  let gateway: GatewayProcess;
  let url: string;
  const data = tempDir("slow");

  beforeAll(async () => {
    sim = await startSimulator({
      seed: 5,
      admin: true,
      market: { takerIntervalMs: 2, makerRequoteMs: 10, seedHistoryMinutes: 10 },
    });
    gateway = GatewayProcess.spawn(["--port", "0", "--data", data.path, "--log-level", "warn"], {
      ...simulatorEnv(sim),
      NODE_OPTIONS: `--max-old-space-size=${HEAP_CAP_MB}`,
    });
    url = await gateway.url(30_000);
  }, 40_000);

  afterAll(async () => {
    await gateway?.stop("SIGKILL");
    await sim?.close();
    data.remove();
  });

  it(
    "does not grow the gateway's memory",
    async () => {
      const reader = await BrowserClient.open(url);
      reader.subscribe(TOPICS);
      const snapshots = (client: BrowserClient) =>
        TOPICS.every((topic) => client.snapshot(topic) !== undefined) ? true : undefined;
      await waitFor("every topic's snapshot on the reader", () => snapshots(reader), 30_000);
      const slow = await Promise.all(Array.from({ length: SLOW_CLIENTS }, () => BrowserClient.open(url)));
      for (const client of slow) client.subscribe(TOPICS);
      for (const client of slow)
        await waitFor("every topic's snapshot on a slow client", () => snapshots(client), 30_000);
      for (const client of slow) (client.ws as unknown as { _socket: { pause(): void } })._socket.pause();

      const offeredAtStart = reader.frames.reduce((sum, frame) => sum + frame.length, 0);
      const baseline = await residentBytes(url);
      let peak = baseline;
      const deadline = Date.now() + MAX_RUN_MS;
      let offered = 0;
      const offeredNow = () => reader.frames.reduce((sum, frame) => sum + frame.length, 0) - offeredAtStart;
      while (Date.now() < deadline) {
        // A sample each time SAMPLE_EVERY_BYTES more were offered (or when the time is up).
        const next = offered + SAMPLE_EVERY_BYTES;
        await waitFor(
          "more offered",
          () => (offeredNow() >= next || Date.now() >= deadline ? true : undefined),
          MAX_RUN_MS,
        );
        peak = Math.max(peak, await residentBytes(url).catch(() => peak));
        offered = offeredNow();
        if (offered >= OFFERED_BYTES) break;
      }
      const dropped = await resnapshots(url);
      console.info(
        `slow clients: ${(offered / 1e6).toFixed(1)} MB offered to each of ${SLOW_CLIENTS}, gateway RSS ${(baseline / 1e6).toFixed(0)} -> peak ${(peak / 1e6).toFixed(0)} MB, ${dropped} backlogs dropped for a snapshot`,
      );
      expect(offered, "the market offered more than the gateway could have kept").toBeGreaterThanOrEqual(
        MIN_OFFERED_BYTES,
      );
      expect(gateway.child.exitCode, "the gateway is still running").toBeNull();
      // Socket buffers live outside the heap: an unbounded gateway would grow by all of this.
      const unbounded = SLOW_CLIENTS * (offered - KERNEL_BUFFER_BYTES);
      expect(peak - baseline, "resident memory growth").toBeLessThan(unbounded / 2);
      expect((await fetch(`${url}api/health`)).status).toBe(200);
      expect(dropped, "backlogs were dropped, not kept").toBeGreaterThan(0);
      // The reading client is still served.
      const received = reader.frames.length;
      await waitFor("a frame more", () => (reader.frames.length > received ? true : undefined), 10_000);
      expect(reader.frames.length).toBeGreaterThan(received);
      await reader.close();
      for (const client of slow) client.ws.terminate();
    },
    MAX_RUN_MS + 30_000,
  );
});
