/**
 * Node's diagnostic reports (`--report-on-signal`, `--report-uncaught-exception`,
 * `--report-on-fatalerror`, often set through NODE_OPTIONS) write a JSON file, mode 0644, holding
 * the whole environment and command line: MEXC_API_KEY, MEXC_API_SECRET, MEXC_LIVE_TOKEN, the
 * bus secret (issue 37 item 6). Node 20 cannot leave the environment out (`excludeEnv` came in
 * Node 22.13 / 23.3), so `mexc-live` writes none: every trigger is switched off first thing, and
 * one line on stderr says so. A report signal then does nothing but say so again; it no longer
 * stops the process either (SIGUSR2's default action would).
 */

/** The part of `process.report` this file sets (a stand-in in tests). */
export interface ReportSettings {
  reportOnSignal: boolean;
  reportOnFatalError: boolean;
  reportOnUncaughtException: boolean;
  readonly signal: string;
  /** Node >= 22.13 / 23.3 only. */
  excludeEnv?: boolean;
}

/** The triggers, as Node's flags spell them. */
const TRIGGERS = {
  reportOnSignal: "--report-on-signal",
  reportOnFatalError: "--report-on-fatalerror",
  reportOnUncaughtException: "--report-uncaught-exception",
} as const;

const NOTE = "node diagnostic reports are off in mexc-live: they would hold the API key, secret and token";

/**
 * Switches every report trigger off; returns the flags that were on (empty when none was asked
 * for). With a report signal asked for, the signal is answered with a line on `stderr`.
 */
export function disableDiagnosticReports(
  report: ReportSettings = process.report as unknown as ReportSettings,
  stderr: { write(text: string): unknown } = process.stderr,
  onSignal: (signal: string, listener: () => void) => void = (signal, listener) => {
    process.on(signal as NodeJS.Signals, listener);
  },
): string[] {
  const asked = (Object.keys(TRIGGERS) as (keyof typeof TRIGGERS)[]).filter((trigger) => report[trigger]);
  const signalAsked = report.reportOnSignal;
  for (const trigger of Object.keys(TRIGGERS) as (keyof typeof TRIGGERS)[]) report[trigger] = false;
  if ("excludeEnv" in report) report.excludeEnv = true;
  if (asked.length === 0) return [];
  const flags = asked.map((trigger) => TRIGGERS[trigger]);
  stderr.write(`mexc-live: ${NOTE} (${flags.join(", ")} ignored)\n`);
  if (signalAsked)
    onSignal(report.signal, () => stderr.write(`mexc-live: ${report.signal}: no report written (${NOTE})\n`));
  return flags;
}
