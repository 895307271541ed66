/**
 * `mexc-live <command>`: one entry point for every package's command. Each command lives in
 * the package that owns it and returns its exit code; this file only dispatches (after switching
 * Node's diagnostic reports off: they would hold the secrets, diagnosticReports.ts).
 */
import { disableDiagnosticReports } from "./diagnosticReports.js";

const USAGE = `usage: mexc-live <command> [options]

commands:
  decode [--hex] [FILE]   decode MEXC protobuf frames to JSON lines (stdin when no FILE)
  frames [options]        print recorded frames as hex lines, for decode --hex (see --help)
  import FILE [options]   import a file MEXC's website exported (trades, deposits, withdrawals)
  simulator [options]     run the local MEXC exchange simulator (see --help)
  start [options]         run the mexc-live gateway and dashboard
`;

export async function main(argv: string[]): Promise<number> {
  disableDiagnosticReports();
  const [command, ...rest] = argv;
  switch (command) {
    case "decode": {
      const { runDecodeCli } = await import("./decodeCli.js");
      return runDecodeCli(rest, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
    }
    case "frames": {
      const { runFramesCli } = await import("./frames.js");
      return runFramesCli(rest);
    }
    case "import": {
      const { runImportCli } = await import("./import.js");
      return runImportCli(rest);
    }
    case "simulator": {
      const { runSimulatorCli } = await import("@mexc-live/simulator/cli");
      return runSimulatorCli(rest);
    }
    case "start": {
      // The gateway runs in a child this process only watches, so a stop is kept even when the
      // gateway's event loop is stuck (supervisor.ts); the child runs the gateway itself.
      const { SUPERVISED_ENV, superviseStart } = await import("./supervisor.js");
      const bin = process.argv[1];
      if (process.env[SUPERVISED_ENV] === undefined && bin !== undefined) return superviseStart(bin, rest);
      // The gateway ends when its supervisor goes, however it goes (orphanGuard.ts).
      const { guardAgainstOrphaning } = await import("./orphanGuard.js");
      guardAgainstOrphaning();
      const { runStartCli } = await import("./start.js");
      return runStartCli(rest);
    }
    case undefined:
    case "-h":
    case "--help":
    case "help":
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`mexc-live: unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}
