/**
 * Real MEXC's events the soak provokes on top of the simulator's faults (issue 28), spread over
 * the run, through the simulator's admin routes: one account's API key revoked and later restored
 * (700002 on every signed call meanwhile), a maintenance window, internal transfers in and out
 * and a dust conversion on every account, a pair delisted while the accounts trade it, and an
 * order edited on the web (cancel + new). Issue 41 adds: a maintenance announced (GET
 * /api/v3/announcements, read by every account's client at once: public, 5 calls per 2 s, so the
 * shared budget must pace them), an order of the account whose key is restricted to some pairs
 * (SimulatorOptions.keySymbols, RESTRICTED_PAIRS) refused with 10007 on a pair outside them and
 * never placed (while its fills on every pair keep being stored), and a key aged into its renewal
 * window and renewed (it must keep working: no refusal, no fill missed).
 *
 * The behaviours that need no trigger (GET order's lag, the minimal cancel answer, the 90-day
 * wallet error...) are on by default. Each step is logged in the counts; a step MEXC's simulator
 * refuses (no FROP left to convert) is skipped, not failed; what must hold and did not is in
 * `problems` (a soak difference).
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { RunningSimulator } from "@mexc-live/simulator";
import { isMexcApiError } from "../../src/index.js";
import type { WatchedAccount } from "./watchedAccount.js";

export interface MexcEventCounts {
  keyRevoked: number;
  keyRestored: number;
  maintenance: number;
  internalTransfers: number;
  conversions: number;
  delisted: number;
  edits: number;
  /** Announcement reads (by each account's client) that found the maintenance notice posted. */
  announcementReads: number;
  /** Orders outside the restricted key's pairs refused with 10007, and not placed. */
  pairRefusals: number;
  keyRenewed: number;
  /** What must hold and did not. */
  problems: string[];
}

/** The pairs the restricted account's key may trade (the soak's own orders are on BTCUSDT). */
export const RESTRICTED_PAIRS: readonly string[] = ["BTCUSDT"];
/** A pair outside them: an order there is refused with 10007. */
const OUTSIDE_PAIR = "ETHUSDT";
/** MEXC's "symbol not support api" (docs/mexc/undocumented.md#fills-and-keys item 11.27). */
const SYMBOL_NOT_SUPPORT_API = 10007;
/** Each client reads the announcements this often at once: with 3 accounts, past 5 calls in 2 s. */
const ANNOUNCEMENT_READS_PER_CLIENT = 2;
/** Rounds of those reads while none found the notice (a fault may fail a whole round), ANNOUNCEMENT_ROUND_MS apart. */
const ANNOUNCEMENT_ROUNDS = 5;
const ANNOUNCEMENT_ROUND_MS = 2_000;
const MAINTENANCE_TITLE = "MEXC Spot System Maintenance Notice (soak)";

/** The pair taken offline mid-run (the demo traders trade it). */
const DELISTED = "XRPUSDT";
/** Real seconds of the maintenance window. */
const MAINTENANCE_S = 3;

type Admin = (path: string, body?: unknown) => Promise<unknown>;

/** Runs the steps at their share of `durationMs`; resolves when done or `signal` aborts. */
export async function runMexcEvents(
  sim: RunningSimulator,
  admin: Admin,
  watched: readonly WatchedAccount[],
  /** The account whose key trades RESTRICTED_PAIRS only. */
  restricted: WatchedAccount,
  durationMs: number,
  signal: AbortSignal,
): Promise<MexcEventCounts> {
  const accounts = watched.map((account) => account.name);
  const counts: MexcEventCounts = {
    keyRevoked: 0,
    keyRestored: 0,
    maintenance: 0,
    internalTransfers: 0,
    conversions: 0,
    delisted: 0,
    edits: 0,
    announcementReads: 0,
    pairRefusals: 0,
    keyRenewed: 0,
    problems: [],
  };
  const refused = accounts.at(-1)!;
  // The key renewed: not the one revoked (when there are several).
  const renewing = accounts[0]!;
  const ok = (answer: unknown) => typeof answer === "object" && answer !== null && !("code" in answer);
  const steps: [share: number, step: () => Promise<void>][] = [
    [
      0.15,
      async () => void (ok(await admin("/_sim/keys", { account: refused, action: "revoke" })) && counts.keyRevoked++),
    ],
    [0.25, () => announcedMaintenance(admin, watched, counts, signal)],
    [0.3, () => orderOutsidePairs(sim, restricted, counts)],
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
    [
      0.85,
      async () => {
        const aged = await admin("/_sim/keys", { account: renewing, action: "near-expiry" });
        const renewed = ok(aged) ? await admin("/_sim/keys", { account: renewing, action: "renew" }) : undefined;
        if (ok(renewed) && (renewed as { state?: string }).state === "active") counts.keyRenewed++;
        else counts.problems.push(`the key of ${renewing} was not renewed: ${JSON.stringify(renewed ?? aged)}`);
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

/**
 * A maintenance notice posted, then read by every account's client at once (public: one IP's 5
 * calls per 2 s), again a round later while no read found it, at most ANNOUNCEMENT_ROUNDS rounds.
 */
async function announcedMaintenance(
  admin: Admin,
  watched: readonly WatchedAccount[],
  counts: MexcEventCounts,
  signal: AbortSignal,
) {
  await admin("/_sim/announcements", { title: MAINTENANCE_TITLE });
  for (let round = 0; round < ANNOUNCEMENT_ROUNDS && counts.announcementReads === 0; round++) {
    if (round > 0 && !(await sleep(ANNOUNCEMENT_ROUND_MS, true, { signal }).catch(() => false))) return;
    const reads = watched.flatMap((account) =>
      Array.from({ length: ANNOUNCEMENT_READS_PER_CLIENT }, () => account.client.announcements({ limit: 5 })),
    );
    // A fault (a 5XX past the retries, a refused connection, the maintenance fault) may cost every
    // read of a round (CI run 24: all six, seed 2036724383); a 429 shows in the REST stats.
    for (const read of await Promise.allSettled(reads)) {
      if (read.status === "fulfilled" && read.value.items.some((item) => item.title === MAINTENANCE_TITLE)) {
        counts.announcementReads++;
      }
    }
  }
  if (counts.announcementReads === 0) {
    counts.problems.push(`no client read the maintenance notice posted, in ${ANNOUNCEMENT_ROUNDS} rounds`);
  }
}

/** Tries for MEXC's 10007 (a fault's 5XX or maintenance window may answer first). */
const PAIR_REFUSAL_TRIES = 5;
const PAIR_REFUSAL_RETRY_MS = 1_000;

/** An order of the restricted key on a pair outside its list: MEXC's 10007, and nothing placed. */
async function orderOutsidePairs(sim: RunningSimulator, restricted: WatchedAccount, counts: MexcEventCounts) {
  for (let attempt = 0; attempt < PAIR_REFUSAL_TRIES; attempt++) {
    const clientOrderId = `soakpair${attempt}${Date.now().toString(36)}`;
    try {
      await restricted.client.placeOrder({
        symbol: OUTSIDE_PAIR,
        side: "BUY",
        type: "LIMIT",
        price: "100",
        quantity: "0.1",
        clientOrderId,
      });
      counts.problems.push(`${restricted.name}'s key placed an order on ${OUTSIDE_PAIR}, outside its pairs`);
      return;
    } catch (error) {
      if (isMexcApiError(error) && error.mexcCode === SYMBOL_NOT_SUPPORT_API) {
        if (sim.exchange.getOrder(restricted.name, OUTSIDE_PAIR, { clientOrderId }) === undefined)
          counts.pairRefusals++;
        else
          counts.problems.push(
            `${restricted.name}'s order ${clientOrderId} was refused with 10007 but is in the ledger`,
          );
        return;
      }
    }
    await sleep(PAIR_REFUSAL_RETRY_MS);
  }
}

/** "events key revoked 1 restored 1 renewed 1 maintenance 1 announced 6 ... pair refusals 1". */
export function mexcEventsSummary(counts: MexcEventCounts): string {
  return `events key revoked ${counts.keyRevoked} restored ${counts.keyRestored} renewed ${counts.keyRenewed} maintenance ${counts.maintenance} announcement reads ${counts.announcementReads} internal transfers ${counts.internalTransfers} conversions ${counts.conversions} delisted ${counts.delisted} edits ${counts.edits} pair refusals ${counts.pairRefusals}`;
}
