/**
 * bench/accounts' figures as the Markdown BENCHMARKS.md takes: the start (time to live, the first
 * backfill and its REST calls) and the window after it (CPU, RSS, REST calls a minute), one row
 * per account count, then the ratio of the largest count to the first (the baseline).
 */
import { machineLine } from "../lib/machine.js";
import { cpuPercent, type ProcSample } from "../lib/procUsage.js";
import type { SocketCounts } from "./messages.js";
import { PUBLIC, type RestCounts, type RestDelta, restDelta } from "./restCounter.js";

export interface AccountsResult {
  readonly accounts: number;
  /** Wall-clock ms. */
  readonly spawnedAt: number;
  readonly urlAt: number;
  readonly allLiveAt: number;
  readonly backfilledAt: number;
  /** When each account's backfill was first seen complete, earliest first. */
  readonly backfillsCompleteAt: readonly number[];
  readonly gateway: {
    readonly atUrl: ProcSample;
    readonly afterBackfill: ProcSample;
    readonly windowStart: ProcSample;
    readonly windowEnd: ProcSample;
    readonly peakRss: number;
    /** Mean of the window's samples (every 5 s): V8 collects lazily, so one sample can be off by 40 MB. */
    readonly meanWindowRss: number;
    /** From the gateway's /metrics at the window's end. */
    readonly heapUsedAtEnd: number;
  };
  readonly simulator: { readonly atUrl: ProcSample; readonly windowStart: ProcSample; readonly windowEnd: ProcSample };
  /** WebSocket connections the simulator accepted, by the backfill's end and at the window's end. */
  readonly sockets: { readonly atBackfill: SocketCounts; readonly windowEnd: SocketCounts };
  readonly rest: {
    readonly atSpawn: RestCounts;
    readonly atBackfill: RestCounts;
    readonly windowStart: RestCounts;
    readonly windowEnd: RestCounts;
  };
  /** Accounts live at the end of the window, and the sums of their reconnects and gaps. */
  readonly liveAtEnd: number;
  readonly reconnectsAtEnd: number;
  readonly gapsAtEnd: number;
  /** The data directory at the end (one SQLite file per account). */
  readonly diskBytes: number;
  readonly gatewayLogLines: number;
  readonly gatewayLog: string;
}

export interface RunInfo {
  readonly window: number;
  readonly historyDays: number;
  readonly seed: number;
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
  readonly seconds: number;
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const s = (ms: number) => (ms / 1000).toFixed(1);
const load = (values: readonly number[]) => values.map((value) => value.toFixed(2)).join(", ");
const ratio = (a: number, b: number) => (b === 0 ? "-" : `${(a / b).toFixed(1)}x`);

function derived(result: AccountsResult) {
  const start = restDelta(result.rest.atSpawn, result.rest.atBackfill);
  const window = restDelta(result.rest.windowStart, result.rest.windowEnd);
  const { gateway } = result;
  return {
    start,
    window,
    /** CPU from spawn (the process's whole life) to the backfill's end, % of a core. */
    startCpu: (gateway.afterBackfill.cpuSeconds / ((gateway.afterBackfill.at - result.spawnedAt) / 1000)) * 100,
    windowCpu: cpuPercent(gateway.windowStart, gateway.windowEnd),
    simWindowCpu: cpuPercent(result.simulator.windowStart, result.simulator.windowEnd),
    simStartCpu: cpuPercent(result.simulator.atUrl, result.simulator.windowStart),
  };
}

/** "GET myTrades 1,234, GET allOrders 20, ..." biggest first, without the /api/v3/ prefix. */
function endpoints(counts: Readonly<Record<string, number>>): string {
  if (Object.keys(counts).length === 0) return "none";
  return Object.entries(counts)
    .sort(([, a], [, b]) => b - a)
    .map(([endpoint, calls]) => `${endpoint.replace("/api/v3/", "")} ${calls.toLocaleString("en-US")}`)
    .join(", ");
}

/** Calls a minute per account (public calls apart): min-max over the accounts, those with none as 0. */
function perAccountRange(delta: RestDelta, accounts: number): string {
  const rates = Object.entries(delta.byAccount)
    .filter(([account]) => account !== PUBLIC)
    .map(([, calls]) => (calls / delta.seconds) * 60);
  while (rates.length < accounts) rates.push(0);
  return `${Math.min(...rates).toFixed(1)}-${Math.max(...rates).toFixed(1)}`;
}

export function report(results: readonly AccountsResult[], info: RunInfo): string[] {
  const rows = results.map((result) => ({ result, ...derived(result) }));
  const lines = [
    `# bench/accounts — ${new Date().toISOString().slice(0, 10)}`,
    machineLine(),
    `simulator: speed 1, a demo trader on every account, history days ${info.historyDays}, seed ${info.seed}; window ${info.window} s`,
    "",
    "### Start: every account live, the first backfill",
    "",
    "| accounts | dashboard URL s | all live s | backfill complete s | REST calls | mean calls/s | peak calls/s | 429 | 418 | gateway CPU % | RSS at URL MB | RSS after backfill MB |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map(
      ({ result, start, startCpu }) =>
        `| ${result.accounts} | ${s(result.urlAt - result.spawnedAt)} | ${s(result.allLiveAt - result.spawnedAt)} | ${s(result.backfilledAt - result.spawnedAt)} | ${start.calls.toLocaleString("en-US")} | ${start.meanPerSecond.toFixed(1)} | ${start.peakPerSecond} | ${start.tooMany} | ${start.banned} | ${startCpu.toFixed(0)} | ${mb(result.gateway.atUrl.rssBytes)} | ${mb(result.gateway.afterBackfill.rssBytes)} |`,
    ),
    "",
    `### Window: ${info.window} s after the backfill`,
    "",
    "| accounts | gateway CPU % | RSS start MB | RSS end MB | RSS mean MB | peak RSS MB | heap used MB | REST calls/min | per account/min | 429 | peak calls/s | simulator CPU % | live at end | reconnects | gaps | data MB |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map(
      ({ result, window, windowCpu, simWindowCpu }) =>
        `| ${result.accounts} | ${windowCpu.toFixed(1)} | ${mb(result.gateway.windowStart.rssBytes)} | ${mb(result.gateway.windowEnd.rssBytes)} | ${mb(result.gateway.meanWindowRss)} | ${mb(result.gateway.peakRss)} | ${mb(result.gateway.heapUsedAtEnd)} | ${window.perMinute.toFixed(1)} | ${perAccountRange(window, result.accounts)} | ${window.tooMany} | ${window.peakPerSecond} | ${simWindowCpu.toFixed(1)} | ${result.liveAtEnd}/${result.accounts} | ${result.reconnectsAtEnd} | ${result.gapsAtEnd} | ${mb(result.diskBytes)} |`,
    ),
  ];
  if (rows.length > 1) {
    const base = rows[0]!;
    const top = rows[rows.length - 1]!;
    const extra = top.result.accounts - base.result.accounts;
    lines.push(
      "",
      `${top.result.accounts} accounts / ${base.result.accounts}: gateway CPU ${ratio(top.windowCpu, base.windowCpu)}, ` +
        `mean RSS ${ratio(top.result.gateway.meanWindowRss, base.result.gateway.meanWindowRss)}, ` +
        `REST calls/min ${ratio(top.window.perMinute, base.window.perMinute)}, ` +
        `backfill ${ratio(top.result.backfilledAt - top.result.spawnedAt, base.result.backfilledAt - base.result.spawnedAt)}; ` +
        `each account beyond the first: +${((top.result.gateway.meanWindowRss - base.result.gateway.meanWindowRss) / extra / 1024 / 1024).toFixed(1)} MB mean RSS, ` +
        `+${((top.result.gateway.heapUsedAtEnd - base.result.gateway.heapUsedAtEnd) / extra / 1024 / 1024).toFixed(1)} MB heap, ` +
        `+${((top.windowCpu - base.windowCpu) / extra).toFixed(2)} % of a core`,
    );
  }
  lines.push("", "REST calls by endpoint:");
  for (const { result, start, window } of rows) {
    lines.push(`- ${result.accounts} account(s), start: ${endpoints(start.byEndpoint)}`);
    lines.push(`- ${result.accounts} account(s), window: ${endpoints(window.byEndpoint)}`);
    const refused = { ...start.refusedByEndpoint };
    for (const [endpoint, count] of Object.entries(window.refusedByEndpoint)) {
      refused[endpoint] = (refused[endpoint] ?? 0) + count;
    }
    if (Object.keys(refused).length > 0) {
      lines.push(`- ${result.accounts} account(s), refused (429/418): ${endpoints(refused)}`);
    }
  }
  lines.push(
    "",
    ...rows.map(({ result }) => {
      const times = result.backfillsCompleteAt.map((at) => at - result.spawnedAt);
      return `${result.accounts} account(s): backfills complete from ${s(times[0]!)} s (first) to ${s(times[times.length - 1]!)} s (last) after spawn, median ${s(times[Math.floor((times.length - 1) / 2)]!)} s`;
    }),
    ...rows.map(({ result }) => {
      const times = result.backfillsCompleteAt.map((at) => s(at - result.spawnedAt));
      return `${result.accounts} account(s): each account's full history, s after spawn: ${times.join(", ")}`;
    }),
    ...rows.map(({ result, start, window }) => {
      const { atBackfill, windowEnd } = result.sockets;
      const exchangeInfo = (delta: RestDelta) => delta.byEndpoint["GET /api/v3/exchangeInfo"] ?? 0;
      return (
        `${result.accounts} account(s): market-data WebSockets ${atBackfill.marketOpened} opened by the backfill's end, ` +
        `${windowEnd.marketOpen} open at the end (user streams: ${windowEnd.userOpen} open); ` +
        `exchangeInfo calls ${exchangeInfo(start)} during the start, ${exchangeInfo(window)} in the window`
      );
    }),
    ...rows.map(
      ({ result, simStartCpu }) =>
        `${result.accounts} account(s): simulator CPU ${simStartCpu.toFixed(0)} % during the start; gateway wrote ${result.gatewayLogLines} log lines at warn or above (${result.gatewayLog})`,
    ),
    `run took ${info.seconds.toFixed(0)} s; load average (1, 5, 15 min) ${load(info.loadBefore)} before, ${load(info.loadAfter)} after`,
  );
  return lines;
}
