/**
 * bench/client (issue 4): how long the user stream is blind after a dropped socket, and what a
 * reconciliation costs. Against the simulator on 127.0.0.1 at real speed, with the demo trader
 * trading and the client's default timers (ping 20 s, reconnect back-off from 500 ms):
 *   - drop -> live: from the client seeing the socket die ("reconnecting") to every private
 *     channel acked again ("live"), median and worst over N drops;
 *   - live -> reconciled, drop -> reconciled: when the REST check of what was missed is done;
 *   - REST calls per reconciliation (the start one, which also reads exchangeInfo, apart).
 * Every run ends with the ledger check: the numbers only count if nothing was lost.
 *
 *   node --import tsx bench/client/run.ts [--drops 20] [--seed 4] [--json]
 */
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import type { UserStreamNotice } from "../../packages/client/src/user/userStream.js";
import { type Harness, startHarness } from "../../packages/client/test/soak/harness.js";
import { machineLine } from "../lib/machine.js";
import { median } from "../lib/stats.js";

const { values: args } = parseArgs({
  options: {
    drops: { type: "string", default: "20" },
    seed: { type: "string", default: "4" },
    json: { type: "boolean", default: false },
  },
});
const drops = Number(args.drops);
if (!(drops >= 1 && drops <= 1_000)) throw new RangeError("--drops must be 1..1000");

/** Between drops the stream runs steady this long (real ms). */
const STEADY_MS = 1_500;
const DROP_TIMEOUT_MS = 30_000;

interface DropTiming {
  readonly toLiveMs: number;
  readonly liveToReconciledMs: number;
  readonly toReconciledMs: number;
  readonly restCalls: number;
}

const harness = await startHarness({
  sim: { seed: Number(args.seed), speed: 1 },
  // The client's defaults, as a user gets them (no scaled timers).
  client: { connection: {} },
});
const startNotice = await waitForNotice(harness, 0, "reconciled");
const startCalls = startNotice.state === "reconciled" ? startNotice.restCalls : 0;

const timings: DropTiming[] = [];
for (let i = 0; i < drops; i++) {
  await sleep(STEADY_MS);
  const from = harness.notices.length;
  harness.sim.faults.set("drop=1");
  const down = await waitForNotice(harness, from, "reconnecting");
  harness.sim.faults.set("");
  const live = await waitForNotice(harness, from, "live");
  const reconciled = await waitForNotice(harness, from, "reconciled");
  timings.push({
    toLiveMs: live.at - down.at,
    liveToReconciledMs: reconciled.at - live.at,
    toReconciledMs: reconciled.at - down.at,
    restCalls: reconciled.state === "reconciled" ? reconciled.restCalls : 0,
  });
}
const differences = await harness.settle();
await harness.close();

const summary = {
  drops,
  dropToLiveMs: { median: median(timings.map((t) => t.toLiveMs)), worst: Math.max(...timings.map((t) => t.toLiveMs)) },
  liveToReconciledMs: {
    median: median(timings.map((t) => t.liveToReconciledMs)),
    worst: Math.max(...timings.map((t) => t.liveToReconciledMs)),
  },
  dropToReconciledMs: {
    median: median(timings.map((t) => t.toReconciledMs)),
    worst: Math.max(...timings.map((t) => t.toReconciledMs)),
  },
  restCallsPerReconciliation: {
    afterDrop: { median: median(timings.map((t) => t.restCalls)), worst: Math.max(...timings.map((t) => t.restCalls)) },
    atStart: startCalls,
  },
  ledgerDifferences: differences.length,
};

if (args.json) {
  console.log(JSON.stringify(summary, null, 2));
} else {
  const row = (name: string, value: { median: number; worst: number }, unit: string) =>
    `| ${name} | ${Math.round(value.median)} ${unit} | ${Math.round(value.worst)} ${unit} |`;
  console.log(machineLine());
  console.log(
    `drops: ${drops}, simulator seed ${args.seed} (default symbols, demo trader on); ledger check: ${differences.length === 0 ? "equal" : `${differences.length} differences`}`,
  );
  console.log("");
  console.log("| measure | median | worst |");
  console.log("|---|---|---|");
  console.log(row("drop -> live (all private channels acked)", summary.dropToLiveMs, "ms"));
  console.log(row("live -> reconciled", summary.liveToReconciledMs, "ms"));
  console.log(row("drop -> reconciled", summary.dropToReconciledMs, "ms"));
  console.log(row("REST calls per reconciliation after a drop", summary.restCallsPerReconciliation.afterDrop, "calls"));
  console.log(`| REST calls of the start reconciliation (incl. exchangeInfo) | ${startCalls} calls | |`);
}
for (const line of differences) console.error(line);
process.exit(differences.length === 0 ? 0 : 1);

async function waitForNotice(h: Harness, from: number, state: UserStreamNotice["state"]): Promise<UserStreamNotice> {
  const until = Date.now() + DROP_TIMEOUT_MS;
  for (;;) {
    const found = h.notices.slice(from).find((notice) => notice.state === state);
    if (found) return found;
    if (Date.now() > until) throw new Error(`no "${state}" notice within ${DROP_TIMEOUT_MS} ms`);
    await sleep(5);
  }
}
