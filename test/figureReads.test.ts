/**
 * The gateway's list of figure reads (scripts/figureReads.mjs, run by `npm run codegen`; CI runs
 * it with --check): what it gathers, what it leaves, and that a read declared and not listed, or
 * a row read twice, stops it.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

interface FigureReads {
  figureReadsOf(root: string): { path: string; text: string };
  writeOrCheck(root: string, check: boolean): number;
}

const REPO = fileURLToPath(new URL("..", import.meta.url));
// A plain .mjs (npm run codegen runs it with node), so typed here by hand.
const script = (await import(join(REPO, "scripts/figureReads.mjs"))) as FigureReads;
const FIGURES = "packages/gateway/src/figures";

/** The script's exit status and what it said. */
function run(root: string, check = false) {
  const said: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((line: string) => said.push(line));
  const error = vi.spyOn(console, "error").mockImplementation((line: string) => said.push(line));
  try {
    return { status: script.writeOrCheck(root, check), out: said.join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe("the list of figure reads", () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), "figure-reads-"));
    await mkdir(join(root, FIGURES, "journal"), { recursive: true });
    await writeFile(
      join(root, FIGURES, "modelReads.ts"),
      [
        'export const volumeRead = figureRead("volume", { answer: () => [] });',
        "export const feesRead = figureRead(",
        '  "fees",',
        "  { answer: () => fees },",
        ");",
        'const hidden = figureRead("pnl", { answer: () => [] }); // not exported: not gathered',
      ].join("\n"),
    );
    await writeFile(
      join(root, FIGURES, "journal/holdingTimes.ts"),
      'export const holdingTimesRead = figureRead("holdingTimes", { answer: () => [] });\n',
    );
    // A test's declaration is the test's own.
    await writeFile(
      join(root, FIGURES, "journal/holdingTimes.test.ts"),
      'export const other = figureRead("journal", { answer: () => [] });\n',
    );
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("lists every exported declaration under figures/, by row, each from its module", async () => {
    expect(run(root).status).toBe(0);
    const text = await readFile(join(root, FIGURES, "figureReads.generated.ts"), "utf8");
    const imports = text.split("\n").filter((line) => line.startsWith("import {"));
    expect(imports).toEqual([
      'import { holdingTimesRead } from "./journal/holdingTimes.js";',
      'import { feesRead, volumeRead } from "./modelReads.js";',
    ]);
    const rows = text.split("\n").filter((line) => /^ {2}\w+: \w+,$/.test(line));
    expect(rows).toEqual(["  fees: feesRead,", "  holdingTimes: holdingTimesRead,", "  volume: volumeRead,"]);
    expect(text).toContain("FigureRead<K, AccountModels>");
    expect(run(root, true).status).toBe(0);
  });

  it("holds this tree's list to its declarations (what CI's codegen --check asks)", async () => {
    const { path, text } = script.figureReadsOf(REPO);
    expect(await readFile(path, "utf8")).toBe(text);
  });

  it("fails --check when a read is declared and the list not written again", async () => {
    expect(run(root).status).toBe(0);
    await writeFile(
      join(root, FIGURES, "journal/streaks.ts"),
      'export const streaksRead = figureRead("streaks", { answer: () => [] });\n',
    );
    const checked = run(root, true);
    expect(checked.status).toBe(1);
    expect(checked.out).toContain("figureReads.generated.ts is not what the declarations make; run npm run codegen");
  });

  it("refuses a row read twice, naming both modules", async () => {
    await writeFile(
      join(root, FIGURES, "journal/fees.ts"),
      'export const otherFeesRead = figureRead("fees", { answer: () => [] });\n',
    );
    expect(() => script.figureReadsOf(root)).toThrow(
      "a row is read twice: fees (./journal/fees.js, ./modelReads.js); one read per row",
    );
  });
});
