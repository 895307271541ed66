/**
 * What the soak found, account by account, and its one-line summary. One account prints the line
 * it always did; several print totals over the accounts, then each account's verdict and counts.
 */
import { UNDOCUMENTED_CHANGE_TYPE } from "@mexc-live/simulator";
import type { RestStats } from "../../src/rest/restClient.js";
import type { UserStreamStats } from "../../src/user/userStream.js";
import type { ClientView, Ledger } from "./ledgerDiff.js";
import { type OwnOrderCounts, ownOrdersSummary } from "./ownOrders.js";

export interface AccountReport {
  readonly name: string;
  /** Differences from its own ledger and its own orders' outcomes; none: OK. */
  readonly differences: readonly string[];
  readonly view: ClientView;
  readonly stream: UserStreamStats;
  readonly rest: RestStats;
  /** Error notices of its user stream. */
  readonly errors: number;
  readonly own: OwnOrderCounts | undefined;
}

/** The differences only the end of the run can see: bans earned, push types the ledger cannot classify. */
export function runDifferences(view: ClientView, rest: RestStats): string[] {
  const out: string[] = [];
  if (rest.banned418 > 0) out.push(`earned ${rest.banned418} HTTP 418 bans`);
  // The unknown-enum fault sends one made-up type on purpose (it must reach the ledger as unknown);
  // any other type the ledger cannot classify is a real gap.
  for (const [type, count] of view.unknownPushTypes) {
    if (type === UNDOCUMENTED_CHANGE_TYPE) continue;
    out.push(`account push type ${JSON.stringify(type)} (${count}x) is not classified: the ledger calls it unknown`);
  }
  return out;
}

export interface RunFacts {
  readonly minutes: number;
  readonly speed: number;
  readonly seed: number;
  /** Differences of the run as a whole (the streams did not settle). */
  readonly differences: readonly string[];
  readonly injected: Readonly<Record<string, number>>;
  /** Matches between two of the accounts (one trade id in two ledgers, a side in each). */
  readonly tradesBetweenAccounts: number;
}

/** Trade ids found in more than one of the ledgers: matches between two of the watched accounts. */
export function countTradesBetween(ledgers: readonly Ledger[]): number {
  const seen = new Map<string, number>();
  for (const ledger of ledgers) {
    for (const id of new Set(ledger.trades.map((trade) => trade.id))) seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  return [...seen.values()].filter((count) => count > 1).length;
}

/** Every difference, one a line, named by account when there are several. */
export function differenceLines(run: RunFacts, reports: readonly AccountReport[]): string[] {
  const several = reports.length > 1;
  return [
    ...run.differences,
    ...reports.flatMap((report) => report.differences.map((line) => (several ? `${report.name}: ${line}` : line))),
  ];
}

export function summaryLine(run: RunFacts, reports: readonly AccountReport[]): string {
  const several = reports.length > 1;
  const ok = differenceLines(run, reports).length === 0;
  const sum = (of: (report: AccountReport) => number) => reports.reduce((total, report) => total + of(report), 0);
  const pushKinds = new Map<string, number>();
  for (const report of reports)
    for (const [kind, count] of report.view.pushKinds) pushKinds.set(kind, (pushKinds.get(kind) ?? 0) + count);
  const lastCost = several
    ? `last cost ${reports.map((report) => report.stream.lastReconcileRestCalls).join("/")} calls`
    : `last cost ${reports[0]?.stream.lastReconcileRestCalls ?? 0} calls`;
  const injected = Object.entries(run.injected)
    .filter(([, count]) => count > 0)
    .map(([name, count]) => `${name}=${count}`)
    .join(" ");
  // The http429 fault's answers are expected; any other 429 is a limit the client's budget let it
  // run into (shown, not failed: only a 418 ban fails the run).
  const rateLimited = sum((report) => report.rest.rateLimited429);
  const notInjected = rateLimited - (run.injected.http429 ?? 0);
  const own = reports.flatMap((report) => (report.own ? [report.own] : []));
  return [
    `soak: ${ok ? "OK" : "FAILED"} ${run.minutes} min at speed ${run.speed} (seed ${run.seed})${several ? ` ${reports.length} accounts, totals` : ""}`,
    `fills ${sum((report) => report.view.fills.size)} orders ${sum((report) => report.view.orders.size)} balances ${sum((report) => report.view.balances.size)}`,
    `pushes ${[...pushKinds].map(([kind, count]) => `${kind}=${count}`).join(" ") || "none"}`,
    `reconnects ${sum((report) => report.stream.reconnects)} gaps ${sum((report) => report.stream.gaps)} reconciliations ${sum((report) => report.stream.reconciliations)} (failed ${sum((report) => report.stream.reconcileFailures)}, ${lastCost})`,
    `from rest ${sum((report) => report.stream.delivered.rest)} dropped repeats ${sum((report) => report.stream.duplicatesDropped)} malformed ${sum((report) => report.stream.malformedFrames)}`,
    `errors ${sum((report) => report.errors)}`,
    `listen keys created ${sum((report) => report.stream.listenKeys.created)} replaced ${sum((report) => report.stream.listenKeys.replaced)}`,
    `rest ${sum((report) => report.rest.requests)} calls 429s ${rateLimited}${notInjected > 0 ? ` (${notInjected} not injected)` : ""} 418s ${sum((report) => report.rest.banned418)}${several ? " (budgets per account, public calls per IP)" : ""}`,
    own.length > 0 ? ownOrdersSummary(own) : "own orders off",
    ...(several
      ? [`accounts ${reports.map(accountVerdict).join(", ")}`, `trades between accounts ${run.tradesBetweenAccounts}`]
      : []),
    `faults ${injected || "none"}`,
  ].join(" | ");
}

/** "sub1 OK fills 312 orders 47 balances 9 reconnects 2 reconciliations 7 rest 120 calls". */
function accountVerdict(report: AccountReport): string {
  return [
    report.name,
    report.differences.length === 0 ? "OK" : `FAILED (${report.differences.length} differences)`,
    `fills ${report.view.fills.size} orders ${report.view.orders.size} balances ${report.view.balances.size}`,
    `reconnects ${report.stream.reconnects} reconciliations ${report.stream.reconciliations}`,
    `rest ${report.rest.requests} calls`,
  ].join(" ");
}
