/**
 * The unit lane's fence (vitest.config.ts's setupFiles of the unit projects, before each file):
 * a unit test starts no process (the gateway, the CLI, redis-server, Chromium, a shell) and no
 * simulator. Either throws `UnitLaneError`, naming what the file tried and where the file
 * belongs instead; a file that catches the error fails all the same, after its tests (a test that
 * skips when redis-server cannot be found would skip in silence). Restored after the file: a
 * worker may run a slow-lane file next.
 */
import childProcess from "node:child_process";
import { syncBuiltinESMExports } from "node:module";
import { Server } from "node:net";
import { afterAll } from "vitest";

/** Where a file that needs one of these goes (vitest.config.ts's SLOW_LANE; docs/development.md). */
const MOVE =
  "the unit lane starts no process and no simulator: name the file *.simulator.test.ts or *.e2e.test.ts, or list it in vitest.config.ts's SLOW_LANE (docs/development.md#two-lanes)";

export class UnitLaneError extends Error {
  override readonly name = "UnitLaneError";
}

/** Every way node:child_process starts a process. */
const STARTERS = ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"] as const;

/**
 * Commands that make something and return at once, starting nothing that lives on: `mkfifo`
 * (node has no call for a named pipe; the config tests refuse one).
 */
const MAKERS = new Set(["mkfifo"]);

/** What this file tried, caught or not. */
const tried: string[] = [];

/** The refusals so far, forgotten: for the fence's own test, which provokes them. */
export function takeRefusals(): string[] {
  return tried.splice(0);
}
const refuse = (what: string): never => {
  tried.push(what);
  throw new UnitLaneError(`${what}: ${MOVE}`);
};

const originals = new Map(STARTERS.map((name) => [name, childProcess[name]] as const));
for (const [name, original] of originals) {
  const fenced = (command: unknown, ...rest: unknown[]) =>
    typeof command === "string" && MAKERS.has(command)
      ? (original as (...args: unknown[]) => unknown)(command, ...rest)
      : refuse(`${name}(${JSON.stringify(command)})`);
  Object.assign(childProcess, { [name]: fenced });
}
// The named ESM exports (`import { spawn } from "node:child_process"`) follow the patched object.
syncBuiltinESMExports();

// The simulator listens in startSimulator and nowhere else (the package, its own files and the
// gateway's demo mode all call it; buildSimulator, driven by app.inject, opens no socket): a
// listen with startSimulator on its stack is one. Patched on the prototype, not by vi.mock, so
// that it holds whichever copy of the module a file loaded, isolated or not.
const listen = Server.prototype.listen;
Server.prototype.listen = function fencedListen(this: Server, ...args: unknown[]) {
  if (startsSimulator()) refuse("startSimulator()");
  return (listen as (...args: unknown[]) => Server).apply(this, args);
} as typeof listen;

function startsSimulator(): boolean {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  const stack = new Error().stack ?? "";
  Error.stackTraceLimit = limit;
  return /\bstartSimulator \(/.test(stack);
}

afterAll(() => {
  for (const [name, original] of originals) Object.assign(childProcess, { [name]: original });
  syncBuiltinESMExports();
  Server.prototype.listen = listen;
  if (tried.length > 0) throw new UnitLaneError(`${[...new Set(tried)].join(", ")}: ${MOVE}`);
});
