/** Figures of bench/simulator from the raw counts of one phase, and their markdown table. */
import { formatFixed, formatInt } from "../lib/stats.js";
import type { SimulatorSnapshot } from "./messages.js";
import type { PhaseResult } from "./subscriberPhase.js";

export interface Measurement {
  readonly speed: number;
  readonly subscribers: number;
  /** Frames received by all subscribers per second. */
  readonly framesPerS: number;
  /** The mean subscriber's frames/s: the distinct pushes/s the simulator generates. */
  readonly framesPerSubscriberPerS: number;
  readonly minSubscriberFramesPerS: number;
  /** Received bytes per second, in 10^6 bytes. */
  readonly megabytesPerS: number;
  /** Frames the simulator counted as sent per second (its own counter). */
  readonly sentFramesPerS: number;
  /** Simulator process CPU over the window (100 = one full core). */
  readonly simulatorCpuPercent: number;
  /** Share of the window the simulator's thread was ready but had no core (null: unknown). */
  readonly simulatorWaitPercent: number | null;
  readonly simulatorRssMb: number;
  /** Book changes (depth versions) plus trades that socket 0's pushes carried, per second. */
  readonly marketEventsPerS: number;
  readonly clientCpuPercent: number;
  /** Socket 0's decoded frames per second, by stream. */
  readonly byStreamPerS: Readonly<Record<string, number>>;
  readonly result: PhaseResult;
}

export function measure(
  speed: number,
  result: PhaseResult,
  start: SimulatorSnapshot,
  end: SimulatorSnapshot,
): Measurement {
  const seconds = result.windowMs / 1000;
  const simSeconds = (end.wallMs - start.wallMs) / 1000;
  return {
    speed,
    subscribers: result.sockets,
    framesPerS: result.frames / seconds,
    framesPerSubscriberPerS: result.frames / result.sockets / seconds,
    minSubscriberFramesPerS: result.minSocketFrames / seconds,
    megabytesPerS: result.bytes / 1e6 / seconds,
    sentFramesPerS: (end.framesSent - start.framesSent) / simSeconds,
    simulatorCpuPercent: ((end.cpuUs - start.cpuUs) / 1e6 / simSeconds) * 100,
    simulatorWaitPercent:
      start.runQueueWaitMs === null || end.runQueueWaitMs === null
        ? null
        : ((end.runQueueWaitMs - start.runQueueWaitMs) / (end.wallMs - start.wallMs)) * 100,
    simulatorRssMb: end.rssBytes / 2 ** 20,
    marketEventsPerS: (result.check.depthVersions + result.check.deals) / seconds,
    clientCpuPercent: result.clientCpuPercent,
    byStreamPerS: Object.fromEntries(
      Object.entries(result.check.byStream).map(([stream, frames]) => [stream, frames / seconds]),
    ),
    result,
  };
}

export function formatTable(measurements: readonly Measurement[]): string {
  const header = [
    "| speed | subscribers | frames/s delivered (total) | frames/s per subscriber (min) | MB/s delivered | book changes + trades/s per subscriber | simulator CPU (waiting for a core) | frames sent per simulator CPU-second | simulator RSS | subscribers' CPU | check (socket 0) |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
  ];
  const rows = measurements.map((m) =>
    [
      "",
      `${m.speed}`,
      `${m.subscribers}`,
      formatInt(m.framesPerS),
      `${formatInt(m.framesPerSubscriberPerS)} (${formatInt(m.minSubscriberFramesPerS)})`,
      formatFixed(m.megabytesPerS, 2),
      formatInt(m.marketEventsPerS),
      `${formatInt(m.simulatorCpuPercent)} % (${m.simulatorWaitPercent === null ? "?" : formatInt(m.simulatorWaitPercent)} %)`,
      formatInt(m.sentFramesPerS / (m.simulatorCpuPercent / 100)),
      `${formatInt(m.simulatorRssMb)} MiB`,
      `${formatInt(m.clientCpuPercent)} %`,
      checkSummary(m),
      "",
    ]
      .join(" | ")
      .trim(),
  );
  return [...header, ...rows].join("\n");
}

/** 100-subscriber total over 1-subscriber total, per speed, when both were measured. */
export function fanoutRatios(measurements: readonly Measurement[]): string[] {
  const lines: string[] = [];
  for (const speed of new Set(measurements.map((m) => m.speed))) {
    const ofSpeed = measurements.filter((m) => m.speed === speed).sort((a, b) => a.subscribers - b.subscribers);
    const one = ofSpeed[0];
    const most = ofSpeed.at(-1);
    if (!one || !most || one === most) continue;
    const ratio = most.framesPerS / one.framesPerS;
    lines.push(
      `speed ${speed}: ${most.subscribers} vs ${one.subscribers} subscriber(s) total delivered frames/s ratio ${formatFixed(ratio, 1)}`,
    );
  }
  return lines;
}

/** Distinct pushes/s by stream, from the decoded socket. */
export function streamBreakdown(m: Measurement): string {
  const parts = Object.entries(m.byStreamPerS)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([stream, perS]) => `${stream} ${formatInt(perS)}/s`);
  const seconds = m.result.windowMs / 1000;
  const events = `carrying ${formatInt(m.result.check.depthVersions / seconds)} depth changes/s and ${formatInt(m.result.check.deals / seconds)} trades/s`;
  return `speed ${m.speed}, ${m.subscribers} subscriber(s): pushes ${parts.join(", ")}; ${events}; simulator sent ${formatInt(m.sentFramesPerS)} frames/s`;
}

function checkSummary(m: Measurement): string {
  const { check, closedByServer } = m.result;
  const problems = [
    check.undecodable > 0 ? `${check.undecodable} undecodable` : "",
    check.foreignChannel > 0 ? `${check.foreignChannel} foreign` : "",
    check.depthGaps > 0 ? `${check.depthGaps} depth gaps` : "",
    closedByServer.length > 0 ? `${closedByServer.length} closed by server (${closedByServer[0]})` : "",
  ].filter(Boolean);
  return problems.length === 0 ? `${formatInt(check.frames)} decoded, 0 errors` : problems.join(", ");
}
