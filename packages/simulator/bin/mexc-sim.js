#!/usr/bin/env node
// `mexc-sim`: a local MEXC Spot exchange for any client (REST, WebSocket, protobuf pushes, faults)
// on 127.0.0.1. `mexc-sim --port 0 --json` prints one JSON line with its URLs and credentials;
// `mexc-sim --help` lists every option. Ends on SIGINT/SIGTERM with exit code 0.
// A file outside dist/ (as the gateway's bin), so a clone's `npm ci` links it executable before
// the build writes dist/.
let runSimulatorCli;
try {
  ({ runSimulatorCli } = await import("../dist/cli.js"));
} catch (error) {
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes("dist/cli.js")) throw error;
  process.stderr.write("mexc-sim: not built yet (dist/ is missing): run `npm run build` in the repository\n");
  process.exit(1);
}
const code = await runSimulatorCli(process.argv.slice(2), undefined, "mexc-sim");
if (code === 0) process.exitCode = 0;
// A failure ends the process now, once what was written to stderr and stdout is out.
else process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
