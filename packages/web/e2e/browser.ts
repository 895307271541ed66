/// <reference types="node" />
/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser). CI installs it
 * (`.ci/run`); when it is missing the caller fails loudly with how to install it.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, type ConsoleMessage, chromium, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.MEXC_LIVE_CHROMIUM ?? "/usr/bin/chromium";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function assertChromiumInstalled(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}; the dashboard's browser test needs it.\n` +
        "Install Debian's package: `sudo apt-get install -y chromium` (CI's .ci/run installs it),\n" +
        "or point MEXC_LIVE_CHROMIUM at a Chromium binary.",
    );
  }
}

export interface LaunchedBrowser {
  readonly context: BrowserContext;
  /** Closes the browser and deletes its profile. */
  close(): Promise<void>;
}

/** How long a page load may take (module note in launchChromium). */
const NAVIGATION_TIMEOUT_MS = 90_000;

/** Chromium with a fresh profile in a temp dir; `timezoneId`: the page's zone (default the machine's). */
export async function launchChromium(
  viewport = { width: 1280, height: 800 },
  timezoneId?: string,
): Promise<LaunchedBrowser> {
  assertChromiumInstalled();
  const profile = mkdtempSync(join(tmpdir(), "mexc-live-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport,
    colorScheme: "dark",
    ...(timezoneId === undefined ? {} : { timezoneId }),
  });
  // A page load (goto, reload) waits for the app's scripts from a gateway that may be storing the
  // demo's backfill on a loaded 2-core CI machine: a reload there once took over playwright's
  // default 30 s (dashboard.e2e.test.ts, CI on 0a06b4a at load 8-10). Waits for what is on the
  // page keep their own timeouts.
  context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * A request the browser aborted because the machine's network changed under it (Chromium's own
 * console line): Docker adds an interface for each build step and container (.ci/run builds the
 * image beside npm test), and Chromium aborts requests then, even to 127.0.0.1. The page asks
 * such a read or the chart library again (api/http.ts, charts/useEChart.ts): what it shows is
 * each test's to check, the browser's line is not the page's error.
 */
const NETWORK_CHANGED = /^Failed to load resource: net::ERR_NETWORK_CHANGED$/;

/** Every console error and uncaught page error of `page` from now on, as words, in order (a test expects none). */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message: ConsoleMessage) => {
    if (message.type() === "error" && !NETWORK_CHANGED.test(message.text()))
      errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  return errors;
}
