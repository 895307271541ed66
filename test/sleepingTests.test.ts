/**
 * The count of test files that wait on the wall clock (scripts/sleeping-tests.mjs, run by CI with
 * --max): what it takes for a sleep, what it does not, and this tree within the bound.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

interface Sleep {
  line: number;
  text: string;
}
interface SleepingFile {
  file: string;
  sleeps: Sleep[];
}
interface SleepingTests {
  MAX_SLEEPING: number;
  sleepsIn(source: string): Sleep[];
  sleepingFiles(root: string): { tests: SleepingFile[]; kits: SleepingFile[] };
}

const REPO = fileURLToPath(new URL("..", import.meta.url));
// A plain .mjs (CI runs it with node), so typed here by hand.
const script = (await import(join(REPO, "scripts/sleeping-tests.mjs"))) as SleepingTests;
/** Written so, the sources below are not sleeps of this file's own. */
const TIMEOUT = "setTimeout";

describe("a sleep", () => {
  it("is timers/promises' setTimeout under any name, or a timer resolving a promise", () => {
    const source = [
      `import { setImmediate, ${TIMEOUT} as sleep } from "node:timers/promises";`,
      "await sleep(1_500); // the trader trades",
      `await new Promise((resolve) => ${TIMEOUT}(resolve, 50));`,
      `const wait = (ms) => new Promise((r) => ${TIMEOUT}(r, ms));`,
      `const timer = ${TIMEOUT}(resolve, Math.min(left, 50));`,
    ].join("\n");
    expect(script.sleepsIn(source).map((sleep) => sleep.line)).toEqual([2, 3, 4, 5]);
  });

  it("is not a turn of the loop, a deadline, a timer under test, a comment or a poll", () => {
    const source = [
      `import { ${TIMEOUT} as delay } from "node:timers/promises";`,
      "await delay(0);",
      `await new Promise((resolve) => ${TIMEOUT}(resolve, 0));`,
      `const timer = ${TIMEOUT}(() => reject(new Error('no push within 5 s')), 5_000);`,
      `${TIMEOUT}(() => order.push('timer'), 2);`,
      "// await delay(1_000) was here",
      "await expect.poll(() => hub.size()).toBe(0);",
      "await vi.advanceTimersByTimeAsync(60_000);",
    ].join("\n");
    expect(script.sleepsIn(source)).toEqual([]);
  });
});

describe("the count", () => {
  let root: string | undefined;
  afterEach(async () => {
    if (root) await rm(root, { recursive: true, force: true });
    root = undefined;
  });

  it("lists test files and test kits apart, each with its sleeps", async () => {
    root = await mkdtemp(join(tmpdir(), "sleeping-tests-"));
    await mkdir(join(root, "packages/client/src"), { recursive: true });
    await mkdir(join(root, "packages/client/test"), { recursive: true });
    const sleeper = `import { ${TIMEOUT} as sleep } from "node:timers/promises";\nawait sleep(10);\n`;
    await writeFile(join(root, "packages/client/src/a.test.ts"), sleeper);
    await writeFile(join(root, "packages/client/src/b.test.ts"), "await vi.advanceTimersByTimeAsync(10);\n");
    await writeFile(join(root, "packages/client/src/c.ts"), sleeper); // production code: not counted
    await writeFile(join(root, "packages/client/test/kit.ts"), sleeper);
    expect(script.sleepingFiles(root)).toEqual({
      tests: [{ file: "packages/client/src/a.test.ts", sleeps: [{ line: 2, text: "await sleep(10);" }] }],
      kits: [{ file: "packages/client/test/kit.ts", sleeps: [{ line: 2, text: "await sleep(10);" }] }],
    });
  });

  it("finds this tree's sleeping test files within the bound CI holds it to", () => {
    const { tests } = script.sleepingFiles(REPO);
    expect(tests.length).toBeGreaterThan(0); // some wait on a real process's clock (the script lists them)
    expect(tests.length).toBeLessThanOrEqual(script.MAX_SLEEPING);
  });
});
