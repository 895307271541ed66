/**
 * One exported constant name, one definition: a reader who met `IDLE_TIMEOUT_MS` in one package
 * must not find another number under that name in the next (issue 30: MEXC's 60 s idle timeout
 * and the gateway's 30 s browser ping timeout went by one name, as did MEXC's 100 messages a
 * second and the gateway's 20 from a browser). A name exported from two files is either one fact
 * written twice (import it from its home) or two facts under one name (name each for what it is).
 * File-private constants may repeat a name: nobody imports them.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const REPO = fileURLToPath(new URL("../", import.meta.url));
const ROOTS = ["packages", "bench", "scripts"];
/** Not production code: build output, generated code, tests and their kits. */
const SKIPPED_DIRECTORIES = new Set(["node_modules", "dist", "generated", "test", "e2e"]);

function sources(directory: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) found.push(...sources(path));
    } else if (
      /\.(ts|tsx|mjs)$/.test(entry.name) &&
      !/\.test\.tsx?$/.test(entry.name) &&
      !entry.name.endsWith(".d.ts")
    ) {
      found.push(path);
    }
  }
  return found;
}

/** Every `export const UPPER_NAME = value;` of a file, with the value's text on one line. */
function exportedConstants(file: string): { name: string; value: string }[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^export const ([A-Z][A-Z0-9_]+)(?:: [^=]+)? = ([^;]+);/gm)].map((match) => ({
    name: match[1]!,
    value: match[2]!.replace(/\s+/g, " ").trim(),
  }));
}

/** Exported names defined in more than one file: `file: value` for each definition. */
function namesExportedTwice(): Record<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const root of ROOTS) {
    for (const file of sources(join(REPO, root))) {
      for (const { name, value } of exportedConstants(file)) {
        byName.set(name, [...(byName.get(name) ?? []), `${relative(REPO, file)}: ${value.slice(0, 80)}`]);
      }
    }
  }
  return Object.fromEntries([...byName].filter(([, definitions]) => definitions.length > 1));
}

describe("exported constants", () => {
  it("are each defined in one file: no two facts under one name, no fact written twice", () => {
    expect(namesExportedTwice()).toEqual({});
  });

  it("are all found by the scan (it reads the packages' sources)", () => {
    // A scan that silently read nothing would pass the test above.
    const found = sources(join(REPO, "packages")).flatMap(exportedConstants);
    expect(found.map((constant) => constant.name)).toContain("MAX_STREAMS_PER_CONNECTION");
    expect(found.length).toBeGreaterThan(200);
  });
});
