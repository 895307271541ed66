/// <reference types="node" />
/**
 * The vitest globalSetup of the integration-web-shared project (vitest.config.ts): one plain demo
 * gateway (`mexc-live start`, no flags) for the browser files that only read one, started once
 * for the run instead of once per file (each file waited for its own month of history: ~25 s
 * quiet, far more on a loaded CI machine; issue 55, CI under 15 min). It provides the gateway's
 * URL without waiting for its history, so the other projects' files start meanwhile; each file
 * waits for the history in its beforeAll (sharedDemo.ts). A failure to start is provided too, so
 * that each file that needs the gateway fails saying so, while the rest of the run goes on. The
 * gateway is stopped and its data directory removed once the project's last file ended, else when
 * the run ends, tests failed or not (a run interrupted stops the gateway, and leaves its data
 * directory in the system's temp).
 */
import type { TestModule, TestProject } from "vitest/node";
import { ensureWebBuild } from "./buildWeb.js";
import { type GatewayProcess, startGatewayProcess } from "./gatewayProcess.js";

/** What the files of the project get by `inject("sharedDemo")`. */
export type SharedDemoProvided =
  | {
      readonly url: string;
      /** When it was started (ms): no ledger entry of it is older. */
      readonly startedAt: number;
    }
  | { readonly error: string };

declare module "vitest" {
  export interface ProvidedContext {
    sharedDemo: SharedDemoProvided;
  }
}

/** Vitest's list of reporters, each told of every file's end: internal (not in its types). */
interface Reporters {
  readonly reporters?: { onTestModuleEnd?(module: TestModule): unknown }[];
}

/**
 * Calls `stop` once every file of the project in this run has ended, not at the run's end: a demo
 * left idle took 4-5 s of CPU a minute (12 s in the minute after its history came in; measured on
 * this 2-core machine, 2026-11-27), which the files of other projects after them would pay. Without
 * the vitest internals it reads, or in watch mode (a rerun reads the gateway again), the gateway
 * lives to the teardown.
 */
function stopAfterLastFile(project: TestProject, stop: () => Promise<void>): void {
  const reporters = (project.vitest as unknown as Reporters).reporters;
  if (project.vitest.config.watch || !Array.isArray(reporters)) return;
  const files = new Set(project.vitest.state.getPaths().filter((path) => project.matchesTestGlob(path)));
  reporters.push({
    onTestModuleEnd(module) {
      if (files.delete(module.moduleId) && files.size === 0) void stop();
    },
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let gateway: GatewayProcess | undefined;
  try {
    await ensureWebBuild(); // the gateway serves the dashboard's build: never one older than its sources
    const startedAt = Date.now();
    gateway = await startGatewayProcess();
    project.provide("sharedDemo", { url: gateway.url, startedAt });
  } catch (error) {
    project.provide("sharedDemo", { error: error instanceof Error ? error.message : String(error) });
  }
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= gateway?.stop() ?? Promise.resolve();
    return stopping;
  };
  stopAfterLastFile(project, stop);
  // Interrupted (Ctrl-C, SIGTERM), vitest exits without its teardown: the gateway goes with it.
  const pid = gateway?.pid;
  const onExit = () => {
    if (pid && stopping === undefined) process.kill(pid, "SIGTERM");
  };
  process.once("exit", onExit);
  return async () => {
    process.off("exit", onExit);
    await stop();
  };
}
