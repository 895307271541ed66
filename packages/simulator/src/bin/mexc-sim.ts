#!/usr/bin/env node
/**
 * `mexc-sim`: a local MEXC Spot exchange for any client (REST, WebSocket, protobuf pushes, faults)
 * on 127.0.0.1. `mexc-sim --port 0 --json` prints one JSON line with its URLs and credentials;
 * `mexc-sim --help` lists every option. Ends on SIGINT/SIGTERM with exit code 0.
 */
import { runSimulatorCli } from "../cli.js";

const code = await runSimulatorCli(process.argv.slice(2), undefined, "mexc-sim");
if (code === 0) process.exitCode = 0;
// A failure ends the process now, once what was written to stderr and stdout is out.
else process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
