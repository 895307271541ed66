#!/usr/bin/env node
/**
 * The gateway's list of figure reads, written from their declarations: every
 * `export const <name> = figureRead("<row>", ...)` in packages/gateway/src/figures/ (its
 * figureRead.ts) becomes a line of figures/figureReads.generated.ts, which the compiler holds
 * against the contract's table (one read per figure row). So a new figure is its answer's file and
 * its row (docs/development.md, "A new figure"); `npm run codegen` writes the list, `--check`
 * (CI) fails when the committed list is not what the declarations make. `--root DIR` reads the
 * tree at DIR instead of this repository.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const HERE = resolve(fileURLToPath(import.meta.url), "..", "..");
const FIGURES = join("packages", "gateway", "src", "figures");
const DECLARATION = /^export const (\w+) = figureRead\(\s*"(\w+)"/gm;

function* sources(dir) {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (/\.ts$/.test(entry.name) && !/\.(test|generated)\.ts$/.test(entry.name)) yield path;
  }
}

/** Every read declared under `figures`: its row, the constant and the module (from figures/, .js) that holds it. */
function declarations(figures) {
  const reads = [];
  for (const path of sources(figures)) {
    const module = `./${relative(figures, path).split(sep).join("/").replace(/\.ts$/, ".js")}`;
    for (const [, constant, row] of readFileSync(path, "utf8").matchAll(DECLARATION))
      reads.push({ row, constant, module });
  }
  const twice = [...new Set(reads.map((read) => read.row))].flatMap((row) => {
    const modules = reads.filter((read) => read.row === row).map((read) => read.module);
    return modules.length > 1 ? [`${row} (${modules.join(", ")})`] : [];
  });
  if (twice.length > 0) throw new Error(`figureReads: a row is read twice: ${twice.join("; ")}; one read per row`);
  return reads.sort((a, b) => (a.row < b.row ? -1 : 1));
}

function generated(reads) {
  const byModule = new Map();
  for (const read of reads) byModule.set(read.module, [...(byModule.get(read.module) ?? []), read.constant]);
  const lines = [
    { module: "./figureRead.js", line: 'import type { FigureRead } from "./figureRead.js";' },
    { module: "./keeper.js", line: 'import type { AccountModels } from "./keeper.js";' },
    ...[...byModule].map(([module, names]) => ({
      module,
      line: `import { ${names.sort().join(", ")} } from "${module}";`,
    })),
  ];
  const imports = lines.sort((a, b) => (a.module < b.module ? -1 : 1)).map(({ line }) => line);
  return [
    "// Written by `npm run codegen` (scripts/figureReads.mjs) from every `export const ... = figureRead(...)`",
    "// under figures/: do not edit. The compiler asks for a read of each figure row of the contract's table.",
    'import type { FigureReadName } from "@mexc-live/contract";',
    ...imports,
    "",
    "/** Every figure read, by its row's name, each of the account's models. */",
    "export const FIGURE_READS: { readonly [K in FigureReadName]: FigureRead<K, AccountModels> } = {",
    ...reads.map((read) => `  ${read.row}: ${read.constant},`),
    "};",
    "",
  ].join("\n");
}

/** The list of the tree at `root`: where it goes and what it says (throws on a row read twice). */
export function figureReadsOf(root) {
  const figures = join(root, FIGURES);
  return { path: join(figures, "figureReads.generated.ts"), text: generated(declarations(figures)) };
}

/** Writes the list, or with `check` says whether the committed one is it; the exit status. */
export function writeOrCheck(root, check) {
  const { path, text } = figureReadsOf(root);
  const shown = relative(root, path);
  if (!check) {
    writeFileSync(path, text);
    console.log(`figureReads: wrote ${shown}`);
    return 0;
  }
  let committed = "";
  try {
    committed = readFileSync(path, "utf8");
  } catch {}
  if (committed === text) {
    console.log(`figureReads: ${shown} is up to date`);
    return 0;
  }
  console.error(`figureReads: ${shown} is not what the declarations make; run npm run codegen`);
  return 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { check, root } = parseArgs({
    options: { check: { type: "boolean", default: false }, root: { type: "string" } },
  }).values;
  try {
    process.exitCode = writeOrCheck(resolve(root ?? HERE), check);
  } catch (error) {
    console.error(error.message);
    process.exitCode = 1;
  }
}
