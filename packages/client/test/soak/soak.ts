/**
 * The fault soak (issue 4): every simulator fault on, the demo trader busy at speed, the client's
 * user stream running for N minutes (and the client placing and cancelling small orders of its
 * own, so 5XX answers to placeOrder happen too). Then faults off, trader stopped, quiet, one more
 * reconciliation, and what the client delivered must equal GET /_sim/ledger?account=demo exactly:
 * fills (count, ids, quantities, prices, fees), final order states, balances. Exits 1 with the
 * differences if anything differs; prints a one-line summary either way. Bounded: it stops by itself.
 *
 * Real MEXC's events (issues 28 and 41, mexcEvents.ts) happen on top: the last account's key revoked
 * and restored, a maintenance window, internal transfers and a dust conversion on every account, a
 * pair delisted mid-run, an order edited on the web, a maintenance announced and read by every
 * client at once, the first account's key aged into its renewal window and renewed, and one
 * account's key restricted to some pairs (RESTRICTED_PAIRS: its orders elsewhere are refused with
 * 10007, its fills on every pair must still be stored); every real-MEXC behaviour of the simulator is on.
 *
 * With --accounts N (issue 16) the simulator has N funded accounts ("demo", "sub1", ...), each
 * watched by a client of its own (own user stream, reconciliation and orders), all under the same
 * fault plan. The clients share one WeightBudget as a gateway's do, which counts as MEXC does
 * (issue 41 item 1): each account's signed calls in a budget of its own (per UID), the public
 * calls of all of them in one (per IP). Each account must equal its own ledger (two accounts'
 * traders sometimes trade with each other: each ledger holds its side).
 *
 *   node --conditions=@mexc-live/source --import tsx packages/client/test/soak/soak.ts --minutes 2 [--accounts 1] [--speed 30] [--seed 42] [--no-own-orders]
 */
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { BUSY_DEMO_TRADER, MAX_ACCOUNTS } from "@mexc-live/simulator";
import { startHarness } from "./harness.js";
import type { Ledger } from "./ledgerDiff.js";
import { mexcEventsSummary, RESTRICTED_PAIRS, runMexcEvents } from "./mexcEvents.js";
import { type OwnOrders, startOwnOrders } from "./ownOrders.js";
import { type AccountReport, countTradesBetween, differenceLines, runDifferences, summaryLine } from "./soakReport.js";

const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "2" },
    accounts: { type: "string", default: "1" },
    speed: { type: "string", default: "30" },
    seed: { type: "string" },
    "no-own-orders": { type: "boolean", default: false },
  },
});
const minutes = Number(values.minutes);
const accountCount = Number(values.accounts);
const speed = Number(values.speed);
if (
  !(minutes > 0 && minutes <= 24 * 60) ||
  !(Number.isInteger(accountCount) && accountCount >= 1 && accountCount <= MAX_ACCOUNTS) ||
  !(speed >= 1 && speed <= 1000)
) {
  console.error(
    `usage: soak.ts --minutes N (0 < N <= 1440) --accounts A (1..${MAX_ACCOUNTS}, default 1) --speed S (1..1000)`,
  );
  process.exit(2);
}
/** Quiet = every stream live, no reconciliation pending and no event for this long (real ms). */
const QUIET_MS = 1_500;
/** Waiting for quiet gives up after this long (then the comparison still runs). */
const QUIET_TIMEOUT_MS = 60_000;
/** The whole run is cut off this long after its planned end, whatever happens. */
const HARD_STOP_GRACE_MS = 3 * 60_000;

const hardStop = setTimeout(
  () => {
    console.error("soak: FAILED - did not finish in time");
    process.exit(1);
  },
  minutes * 60_000 + HARD_STOP_GRACE_MS,
);
hardStop.unref();

/** The account whose key trades RESTRICTED_PAIRS only: the second when there are several (the last one's key is revoked). */
const restrictedName = accountCount === 1 ? "demo" : "sub1";
const harness = await startHarness({
  sim: {
    seed: values.seed === undefined ? undefined : Number(values.seed),
    speed,
    faults: "all",
    demoTrader: true,
    // The demo trader busy (an action every few seconds), not at its history's pace.
    market: BUSY_DEMO_TRADER,
    accounts: accountCount,
    keySymbols: { [restrictedName]: RESTRICTED_PAIRS },
  },
});
const { sim, accounts } = harness;

const own: (OwnOrders | undefined)[] = values["no-own-orders"]
  ? accounts.map(() => undefined)
  : await Promise.all(accounts.map((account) => startOwnOrders(account.client)));
const eventsDone = new AbortController();
const restricted = accounts.find((account) => account.name === restrictedName)!;
const events = runMexcEvents(sim, harness.admin, accounts, restricted, minutes * 60_000, eventsDone.signal);
await sleep(minutes * 60_000);
eventsDone.abort();
const eventCounts = await events;
// Whatever step the run's end cut short, the key works and MEXC answers again before settling.
await harness.admin("/_sim/keys", { account: accounts.at(-1)!.name, action: "restore" });
await harness.admin("/_sim/maintenance", { seconds: 0 });

// Wind down: no more own orders, then faults off, trader stopped, quiet, one last reconciliation.
await Promise.all(own.map((orders) => orders?.stop()));
const runDifferencesSeen: string[] = [];
const settled = await harness.settleEach({ quietMs: QUIET_MS, timeoutMs: QUIET_TIMEOUT_MS }).catch((error: Error) => {
  runDifferencesSeen.push(`the user stream did not settle: ${error.message}`);
  return undefined;
});
// Read with the faults off: the counts are final (an http429 injected now would be missed).
const faults = (await harness.admin("/_sim/faults")) as { injected: Record<string, number> };
const reports: AccountReport[] = [];
const ledgers: Ledger[] = [];
for (const [index, account] of accounts.entries()) {
  const ledger = await account.ledger();
  ledgers.push(ledger);
  const rest = account.client.rest.stats();
  reports.push({
    name: account.name,
    differences: [
      ...(settled?.[index]?.differences ?? []),
      ...(own[index]?.check(ledger) ?? []),
      ...runDifferences(account.view, rest),
    ],
    view: account.view,
    stream: account.stream.stats(),
    rest,
    errors: account.notices.filter((notice) => notice.state === "error").length,
    own: own[index]?.counts(),
  });
}
await harness.close();

const run = {
  minutes,
  speed,
  seed: sim.seed,
  differences: [...runDifferencesSeen, ...eventCounts.problems],
  injected: faults.injected,
  tradesBetweenAccounts: countTradesBetween(ledgers),
};
const differences = differenceLines(run, reports);
for (const line of differences) console.error(line);
console.log(`${summaryLine(run, reports)} | ${mexcEventsSummary(eventCounts)}`);
process.exit(differences.length === 0 ? 0 : 1);
