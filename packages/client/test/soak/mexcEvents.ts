/**
 * Real MEXC's events the soak provokes on top of the simulator's faults (issue 28), spread over
 * the run, through the simulator's admin routes: one account's API key revoked and later restored
 * (700002 on every signed call meanwhile), a maintenance window, internal transfers in and out
 * and a dust conversion on every account, a pair delisted while the accounts trade it, and an
 * order edited on the web (cancel + new). The behaviours that need no trigger (GET order's lag,
 * the minimal cancel answer, the 90-day wallet error...) are on by default. Each step is logged in
 * the counts; a step MEXC's simulator refuses (no FROP left to convert) is skipped, not failed.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { RunningSimulator } from "@mexc-live/simulator";

export interface MexcEventCounts {
  keyRevoked: number;
  keyRestored: number;
  maintenance: number;
  internalTransfers: number;
  conversions: number;
  delisted: number;
  edits: number;
}

/** The pair taken offline mid-run (the demo traders trade it). */
const DELISTED = "XRPUSDT";
/** Real seconds of the maintenance window. */
const MAINTENANCE_S = 3;

type Admin = (path: string, body?: unknown) => Promise<unknown>;

/** Runs the steps at their share of `durationMs`; resolves when done or `signal` aborts. */
export async function runMexcEvents(
  sim: RunningSimulator,
  admin: Admin,
  accounts: readonly string[],
  durationMs: number,
  signal: AbortSignal,
): Promise<MexcEventCounts> {
  const counts: MexcEventCounts = {
    keyRevoked: 0,
    keyRestored: 0,
    maintenance: 0,
    internalTransfers: 0,
    conversions: 0,
    delisted: 0,
    edits: 0,
  };
  const refused = accounts.at(-1)!;
  const ok = (answer: unknown) => typeof answer === "object" && answer !== null && !("code" in answer);
  const steps: [share: number, step: () => Promise<void>][] = [
    [
      0.15,
      async () => void (ok(await admin("/_sim/keys", { account: refused, action: "revoke" })) && counts.keyRevoked++),
    ],
    [
      0.35,
      async () => void (ok(await admin("/_sim/keys", { account: refused, action: "restore" })) && counts.keyRestored++),
    ],
    [0.45, async () => void (ok(await admin("/_sim/maintenance", { seconds: MAINTENANCE_S })) && counts.maintenance++)],
    [
      0.55,
      async () => {
        for (const account of accounts) {
          for (const [direction, amount] of [
            ["in", "50"],
            ["out", "20"],
          ] as const) {
            const answer = await admin("/_sim/internalTransfer", { account, asset: "USDT", amount, direction });
            if (ok(answer)) counts.internalTransfers++;
          }
          if (ok(await admin("/_sim/convert", { account, assets: ["FROP"] }))) counts.conversions++;
        }
      },
    ],
    [0.65, async () => void (ok(await admin("/_sim/delist", { symbol: DELISTED })) && counts.delisted++)],
    [
      0.75,
      async () => {
        const order = sim.exchange.openOrders(accounts[0]!).find((open) => open.type === "LIMIT");
        if (order === undefined) return;
        const answer = await admin("/_sim/editOrder", {
          account: accounts[0],
          symbol: order.symbol,
          orderId: order.orderId,
        });
        if (Array.isArray(answer)) counts.edits++;
      },
    ],
  ];
  const started = Date.now();
  for (const [share, step] of steps) {
    const wait = started + share * durationMs - Date.now();
    if (wait > 0 && !(await sleep(wait, true, { signal }).catch(() => false))) break;
    if (signal.aborted) break;
    await step().catch(() => {});
  }
  return counts;
}

/** "events key revoked 1 restored 1 maintenance 1 internal transfers 6 conversions 3 delisted 1 edits 1". */
export function mexcEventsSummary(counts: MexcEventCounts): string {
  return `events key revoked ${counts.keyRevoked} restored ${counts.keyRestored} maintenance ${counts.maintenance} internal transfers ${counts.internalTransfers} conversions ${counts.conversions} delisted ${counts.delisted} edits ${counts.edits}`;
}
