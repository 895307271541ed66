/**
 * The dashboard's unit files share their worker (vitest.config.ts's `unit-web` project, isolate:
 * false): after each file, what it may have left undone is undone before the next file runs in
 * the same window: React trees still mounted (their effects, intervals and sockets would run on),
 * fake timers, stubbed globals, storage, the page's URL and the document's body.
 */
import { cleanup } from "@testing-library/react";
import { afterAll, vi } from "vitest";

afterAll(() => {
  // A file may run in Node instead (`// @vitest-environment node`): it has no window to clear.
  if (typeof window !== "undefined") {
    cleanup();
    localStorage.clear();
    sessionStorage.clear();
    window.history.replaceState(null, "", "/");
    document.body.replaceChildren();
  }
  vi.useRealTimers();
  vi.unstubAllGlobals();
});
