import { describe, expect, it } from "vitest";
import { disableDiagnosticReports, type ReportSettings } from "./diagnosticReports.js";

function settings(on: Partial<ReportSettings>): ReportSettings {
  return {
    reportOnSignal: false,
    reportOnFatalError: false,
    reportOnUncaughtException: false,
    signal: "SIGUSR2",
    ...on,
  };
}

describe("disableDiagnosticReports", () => {
  it("switches every trigger off, says which were asked for, and answers the report signal with a line", () => {
    const report = settings({ reportOnSignal: true, reportOnUncaughtException: true, excludeEnv: false });
    const lines: string[] = [];
    const listeners: [string, () => void][] = [];
    const flags = disableDiagnosticReports(report, { write: (text) => lines.push(text) }, (signal, listener) =>
      listeners.push([signal, listener]),
    );
    expect(flags).toEqual(["--report-on-signal", "--report-uncaught-exception"]);
    expect(report).toMatchObject({
      reportOnSignal: false,
      reportOnFatalError: false,
      reportOnUncaughtException: false,
      excludeEnv: true,
    });
    expect(listeners.map(([signal]) => signal)).toEqual(["SIGUSR2"]);
    listeners[0]![1]();
    expect(lines[1]).toContain("SIGUSR2: no report written");
  });

  it("is silent when no report was asked for", () => {
    const lines: string[] = [];
    expect(disableDiagnosticReports(settings({}), { write: (text) => lines.push(text) }, () => {})).toEqual([]);
    expect(lines).toEqual([]);
  });
});
