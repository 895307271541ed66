#!/usr/bin/env node
/**
 * The test files that wait on the wall clock, counted: `node scripts/sleeping-tests.mjs` lists
 * each one with its sleeps; `--check` fails when more than MAX_SLEEPING files sleep (CI runs it,
 * so the count cannot grow back); `--kits` lists the test kits' sleeps too; `--root DIR` reads
 * the tree at DIR instead of this repository. test/sleepingTests.test.ts proves what it counts.
 *
 * A sleep is a wait of a fixed time, whatever happens meanwhile:
 *   - a call of node:timers/promises' `setTimeout` (imported under any name: `sleep`, ...);
 *   - a promise resolved by a timer, `new Promise((resolve) => setTimeout(resolve, N))`.
 * A zero delay is a turn of the event loop, not a sleep. A timer that rejects or ends a race
 * (a deadline) is not a sleep either: it does not make the test slower when things work.
 * Polling helpers (`expect.poll`, `vi.waitFor`) end as soon as the state holds: not counted.
 * Test kits' own sleeps (files beside the tests) are listed apart, under --kits.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = resolve(fileURLToPath(import.meta.url), "..", "..");
/**
 * The most test files that may sleep (issue 55: 65 did, about 77 s of literal sleeps in all): each
 * left waits on a real process's or a real server's clock, as the script's list says.
 */
export const MAX_SLEEPING = 10;
/** Where tests live (vitest.config.ts's include and packages/web's). */
const ROOTS = ["packages", "test", "bench"];
const SKIP = new Set(["node_modules", "dist", ".git"]);
const TEST_FILE = /\.test\.tsx?$/;
/** Files a test imports to drive it: the packages' test/ and e2e/ folders, the root's test/. */
const KIT_FILE = /(^|\/)(test|e2e)\/.*\.(ts|tsx|mjs)$/;

/** Each source file under the roots, relative to `root`. */
function sources(root) {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIP.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|tsx|mjs)$/.test(entry.name)) found.push(relative(root, path));
    }
  };
  for (const top of ROOTS) {
    try {
      walk(join(root, top));
    } catch (error) {
      if (error.code !== "ENOENT") throw error;
    }
  }
  return found.sort();
}

const ZERO = /^\s*0\s*$/;

/** The sleeps of one source text: `{ line, text }` for each. */
export function sleepsIn(source) {
  const found = [];
  const lines = source.split("\n");
  // node:timers/promises' setTimeout under each name it is imported as.
  const names = new Set();
  for (const match of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*["']node:timers\/promises["']/g)) {
    for (const part of match[1].split(",")) {
      const [imported, local] = part.trim().split(/\s+as\s+/);
      if (imported === "setTimeout") names.add(local ?? imported);
    }
  }
  lines.forEach((text, index) => {
    const trimmed = text.trim();
    if (trimmed.startsWith("//") || trimmed.startsWith("*") || trimmed.startsWith("import ")) return;
    let sleeps = false;
    for (const name of names) {
      for (const call of text.matchAll(new RegExp(`(?<![\\w.])${name}\\(([^,)]*)`, "g"))) {
        if (!ZERO.test(call[1])) sleeps = true;
      }
    }
    // A timer whose callback is the promise's resolve: (resolve) => setTimeout(resolve, N).
    for (const call of text.matchAll(/(?<![\w.])setTimeout\(\s*(\w+)\s*,\s*([^)]*)\)/g)) {
      if (/^(resolve|r|res|done|wake|ok)$/.test(call[1]) && !ZERO.test(call[2])) sleeps = true;
    }
    if (sleeps) found.push({ line: index + 1, text: trimmed });
  });
  return found;
}

/** The sleeping files under `root`: tests and kits apart. */
export function sleepingFiles(root) {
  const tests = [];
  const kits = [];
  for (const file of sources(root)) {
    const isTest = TEST_FILE.test(file);
    if (!isTest && !KIT_FILE.test(file)) continue;
    const sleeps = sleepsIn(readFileSync(join(root, file), "utf8"));
    if (sleeps.length > 0) (isTest ? tests : kits).push({ file, sleeps });
  }
  return { tests, kits };
}

function main(argv) {
  const flag = (name) => {
    const at = argv.indexOf(name);
    return at === -1 ? undefined : argv[at + 1];
  };
  const root = resolve(flag("--root") ?? HERE);
  const { tests, kits } = sleepingFiles(root);
  const print = (list) => {
    for (const { file, sleeps } of list) {
      console.log(`${file} (${sleeps.length})`);
      for (const { line, text } of sleeps) console.log(`  ${line}: ${text}`);
    }
  };
  print(tests);
  if (argv.includes("--kits")) {
    console.log("\ntest kits:");
    print(kits);
  }
  console.log(`\n${tests.length} test files sleep (${kits.length} test kits)`);
  if (argv.includes("--check") && tests.length > MAX_SLEEPING) {
    console.error(
      `sleeping-tests: ${tests.length} test files sleep, at most ${MAX_SLEEPING} may: wait on the event that marks the state, or use vi.useFakeTimers`,
    );
    process.exit(1);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
