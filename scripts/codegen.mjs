#!/usr/bin/env node
/**
 * Every generated source, written (`npm run codegen`) or checked (`-- --check`, CI): protocol's
 * code from MEXC's proto (packages/protocol/scripts/codegen.mjs) and the gateway's list of figure
 * reads (scripts/figureReads.mjs). The arguments go to both.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const root = fileURLToPath(new URL("..", import.meta.url));
const steps = [
  ["npm", ["run", "--silent", "codegen", "-w", "@mexc-live/protocol", "--", ...args]],
  [process.execPath, [fileURLToPath(new URL("figureReads.mjs", import.meta.url)), ...args]],
];
for (const [command, argv] of steps) {
  const { status } = spawnSync(command, argv, { cwd: root, stdio: "inherit" });
  if (status !== 0) process.exit(status ?? 1);
}
