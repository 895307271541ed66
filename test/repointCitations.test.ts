/**
 * scripts/repoint-citations.mjs: citations of the old MEXC fact sheet (outside the repository)
 * become links to the notes in docs/mexc that hold each section, as SECTION-MAP.md maps them;
 * `--check` fails while one is left. Run on a copy of a few files, never on the repository.
 */
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const REPO = fileURLToPath(new URL("../", import.meta.url));
const SCRIPT = join(REPO, "scripts", "repoint-citations.mjs");

interface Repointed {
  text: string;
  rewritten: number;
  unresolved: { line: number; citation: string }[];
}
interface RepointCitations {
  readSectionMap(text: string): Map<string, { file: string; anchor: string | undefined }>;
  repointText(text: string, map: Map<string, { file: string; anchor: string | undefined }>, file?: string): Repointed;
}
// A plain .mjs (run with node alone), so typed here by hand.
const { readSectionMap, repointText } = (await import(SCRIPT)) as RepointCitations;
const MAP = readSectionMap(await readFile(join(REPO, "docs", "mexc", "SECTION-MAP.md"), "utf8"));

describe("repointText", () => {
  it("repoints a citation with the sheet's name to the file and heading of the map", () => {
    const out = repointText(" * Frame codec (../shared/docs/mexc-protocol.md §6.1).", MAP);
    expect(out.text).toBe(" * Frame codec (docs/mexc/protocol.md#frames).");
    expect(out.rewritten).toBe(1);
  });

  it("repoints bare sections, and says which row of undocumented.md an item of §11 is", () => {
    expect(repointText("// MEXC refuses it (700013, §11.1).", MAP).text).toBe(
      "// MEXC refuses it (700013, docs/mexc/undocumented.md#requests-and-answers item 11.1).",
    );
    expect(repointText("(§11.11, §11.14)", MAP).text).toBe("(docs/mexc/undocumented.md#api-keys items 11.11, 11.14)");
  });

  it("expands a range along the map and keeps each section of a list", () => {
    const out = repointText("(mexc-protocol.md §2.1-§2.3, §5)", MAP).text;
    expect(out).toBe(
      "(docs/mexc/rest.md#requests, docs/mexc/rest.md#signed-endpoints-hmac-sha256, docs/mexc/rest.md#the-docs-worked-examples-checked, docs/mexc/errors.md#the-error-codes)",
    );
  });

  it("follows the sheet's name across a comment's line break", () => {
    const out = repointText(" * on the aggregated channels (mexc-protocol.md\n * §6.4, §7.2): wrapper", MAP).text;
    expect(out).toBe(
      " * on the aggregated channels (docs/mexc/protocol.md#channels, docs/mexc/protobuf.md#public-messages): wrapper",
    );
  });

  it("leaves other documents' sections and a sentence's full stop alone", () => {
    const text = "/** an HTTP-date (RFC 9110 §10.2.3), fe80::/10 (RFC 4291 §2.5.6); see §4. */";
    const out = repointText(text, MAP);
    expect(out.text).toBe(
      "/** an HTTP-date (RFC 9110 §10.2.3), fe80::/10 (RFC 4291 §2.5.6); see docs/mexc/enums.md. */",
    );
    expect(out.rewritten).toBe(1);
  });

  it("writes links relative to a markdown file, which resolve to the notes", () => {
    expect(repointText("in the shapes of mexc-protocol.md §8.1.", MAP, "docs/figures.md").text).toBe(
      "in the shapes of [docs/mexc/protocol.md#the-official-example-values](mexc/protocol.md#the-official-example-values).",
    );
    expect(repointText("are in `../shared/docs/mexc-protocol.md` and", MAP, "README.md").text).toBe(
      "are in [docs/mexc](docs/mexc/README.md) and",
    );
  });

  it("reports a section the map does not have, with its line, and leaves it as it was", () => {
    const out = repointText("line one\n// see §99.1 there", MAP);
    expect(out.text).toBe("line one\n// see §99.1 there");
    expect(out.unresolved).toEqual([{ line: 2, citation: "§99.1" }]);
  });
});

describe("node scripts/repoint-citations.mjs on a repository", () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), "repoint-"));
    await mkdir(join(root, "scripts"));
    await mkdir(join(root, "docs", "mexc"), { recursive: true });
    await mkdir(join(root, "src"));
    await mkdir(join(root, "node_modules", "x"), { recursive: true });
    await cp(SCRIPT, join(root, "scripts", "repoint-citations.mjs"));
    await cp(join(REPO, "docs", "mexc", "SECTION-MAP.md"), join(root, "docs", "mexc", "SECTION-MAP.md"));
    await writeFile(join(root, "src", "a.ts"), "/** Listen keys (mexc-protocol.md §3.10). */\n// stale (§11.3)\n");
    await writeFile(join(root, "src", "b.ts"), "export const plain = 1; // RFC 9110 §10.2.3\n");
    await writeFile(join(root, "README.md"), "Facts: `../shared/docs/mexc-protocol.md` §11.\n");
    await writeFile(join(root, "node_modules", "x", "c.ts"), "// mexc-protocol.md §6.4\n");
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const run = (...args: string[]) =>
    promisify(execFile)(process.execPath, [join(root, "scripts", "repoint-citations.mjs"), ...args], {
      cwd: root,
    }).then(
      (out) => ({ code: 0, ...out }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  it("--check fails naming each citation left; the rewrite repoints them; --check then passes", async () => {
    const before = await run("--check");
    expect(before.code).toBe(1);
    expect(before.stderr).toContain("src/a.ts:1: /** Listen keys (mexc-protocol.md §3.10). */");
    expect(before.stderr).toContain("src/a.ts:2: // stale (§11.3)");
    expect(before.stderr).toContain("README.md:1:");
    expect(before.stderr).not.toContain("b.ts");
    expect(await readFile(join(root, "src", "a.ts"), "utf8")).toContain("mexc-protocol.md §3.10");

    const rewrite = await run();
    expect(rewrite.code).toBe(0);
    expect(rewrite.stdout).toContain("3 citations rewritten in 2 files");
    expect(await readFile(join(root, "src", "a.ts"), "utf8")).toBe(
      "/** Listen keys (docs/mexc/rest.md#listen-keys). */\n// stale (docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.3)\n",
    );
    expect(await readFile(join(root, "README.md"), "utf8")).toBe(
      "Facts: [docs/mexc/undocumented.md](docs/mexc/undocumented.md).\n",
    );
    expect(await readFile(join(root, "node_modules", "x", "c.ts"), "utf8")).toBe("// mexc-protocol.md §6.4\n");
    expect((await run("--check")).code).toBe(0);
  });

  it("--check fails on any other path into ../shared", async () => {
    await writeFile(join(root, "src", "d.ts"), "// style: ../shared/docs/style.md\n");
    const out = await run("--check");
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("src/d.ts:1: // style: ../shared/docs/style.md (outside the repository)");
  });

  it("--check reads .proto files too: a schema citing ../shared fails it", async () => {
    await mkdir(join(root, "proto"));
    await writeFile(
      join(root, "proto", "mexc.proto"),
      '// Written from ../shared/docs/mexc-protocol.md §7.\nsyntax = "proto3";\n',
    );
    const out = await run("--check");
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("proto/mexc.proto:1: // Written from ../shared/docs/mexc-protocol.md §7.");
  });
});
