/// <reference types="node" />
/**
 * The demo gateway the files of the integration-web-shared project share (sharedDemoSetup.ts
 * starts it), for a file's beforeAll: its URL once its month of history is in.
 */
import { inject } from "vitest";
import { HISTORY_WAIT_MS, waitForHistory } from "./gatewayProcess.js";
import type { SharedDemoProvided } from "./sharedDemoSetup.js";

export type SharedDemo = Extract<SharedDemoProvided, { url: string }>;

/** A beforeAll that gets the shared demo: its own setup (a web build, Chromium) and the demo's history, on a loaded CI machine. */
export const SHARED_DEMO_WAIT_MS = 300_000 + HISTORY_WAIT_MS;

/**
 * The shared demo gateway, its history complete; throws, saying why, when it did not start or
 * when the file runs outside the project that starts it.
 */
export async function sharedDemo(): Promise<SharedDemo> {
  const demo = inject("sharedDemo");
  if (demo === undefined)
    throw new Error(
      "no shared demo gateway: this file belongs in vitest.config.ts's SHARED_DEMO_FILES (the integration-web-shared project starts it)",
    );
  if ("error" in demo) throw new Error(`the shared demo gateway did not start: ${demo.error}`);
  await waitForHistory(demo.url);
  return demo;
}
