#!/usr/bin/env node
/**
 * The repository's shape in numbers, for an issue's closing note: `node scripts/shape-numbers.mjs
 * [--root DIR] [--top 10]`.
 *
 *   lines      per package, the source lines of src/ (tests, .d.ts and generated code left out);
 *   exports    per package, the names each entry point of package.json `exports` gives (read with
 *              the TypeScript checker from its `@mexc-live/source` file, re-exports followed);
 *   circles    per package, the top folders of src/ that import each other (scripts/check-dependencies.mjs);
 *   functions  the longest functions of every package (scripts/largest-functions.mjs).
 *
 * `--root DIR` measures another checkout (an older commit unpacked with `git archive`), whose
 * node_modules must resolve the workspace packages (a link to this one's will do).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import ts from "typescript";
import { cyclesOf, readImports, unitOf } from "./check-dependencies.mjs";
import { functionsOf, LONG, packageSources } from "./largest-functions.mjs";

const { values } = parseArgs({ options: { root: { type: "string" }, top: { type: "string" } } });
const root = resolve(values.root ?? join(dirname(fileURLToPath(import.meta.url)), ".."));
const packages = readdirSync(join(root, "packages")).filter((pkg) =>
  statSync(join(root, "packages", pkg, "src"), { throwIfNoEntry: false })?.isDirectory(),
);

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (entry !== "generated") yield* sourceFiles(path);
    } else if (/\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry) && !entry.endsWith(".d.ts")) yield path;
  }
}

function linesOf(pkg) {
  let lines = 0;
  for (const path of sourceFiles(join(root, "packages", pkg, "src")))
    lines += readFileSync(path, "utf8").split("\n").length - 1;
  return lines;
}

/** package.json's entry points with a source file: [subpath, file]. */
function entryPoints(pkg) {
  const manifest = JSON.parse(readFileSync(join(root, "packages", pkg, "package.json"), "utf8"));
  return Object.entries(manifest.exports ?? {})
    .filter(([, target]) => typeof target === "object" && typeof target["@mexc-live/source"] === "string")
    .filter(([subpath]) => !subpath.includes("*"))
    .map(([subpath, target]) => [subpath, join(root, "packages", pkg, target["@mexc-live/source"])]);
}

function exportCounts() {
  const entries = packages.flatMap((pkg) => entryPoints(pkg).map(([subpath, file]) => ({ pkg, subpath, file })));
  const program = ts.createProgram(
    entries.map((entry) => entry.file),
    {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      customConditions: ["@mexc-live/source"],
      jsx: ts.JsxEmit.ReactJSX,
      noEmit: true,
      skipLibCheck: true,
    },
  );
  const checker = program.getTypeChecker();
  return entries.map(({ pkg, subpath, file }) => {
    const source = program.getSourceFile(file);
    const symbol = source && checker.getSymbolAtLocation(source);
    return { pkg, subpath, names: symbol ? checker.getExportsOfModule(symbol).length : 0 };
  });
}

function folderCircles() {
  const graphs = new Map();
  for (const { package: pkg, file, specifier } of readImports(root)) {
    if (!specifier.startsWith(".")) continue;
    const parts = file.split("/").slice(0, -1);
    for (const part of specifier.split("/")) {
      if (part === "..") parts.pop();
      else if (part !== ".") parts.push(part);
    }
    const [from, to] = [unitOf(file), unitOf(parts.join("/").replace(/\.js$/, ".ts"))];
    if (from === to || to.startsWith("..")) continue;
    if (!graphs.has(pkg)) graphs.set(pkg, new Map());
    const graph = graphs.get(pkg);
    if (!graph.has(from)) graph.set(from, new Set());
    graph.get(from).add(to);
  }
  return [...graphs].flatMap(([pkg, graph]) => cyclesOf(graph).map((cycle) => `${pkg}: ${cycle.join(" <-> ")}`));
}

console.log("source lines (src/, no tests, no generated code)");
let total = 0;
for (const pkg of packages) {
  const lines = linesOf(pkg);
  total += lines;
  console.log(`  ${pkg.padEnd(10)} ${String(lines).padStart(6)}`);
}
console.log(`  ${"total".padEnd(10)} ${String(total).padStart(6)}`);

console.log("exported names per entry point");
for (const { pkg, subpath, names } of exportCounts()) console.log(`  ${`${pkg} ${subpath}`.padEnd(28)} ${names}`);

const circles = folderCircles();
console.log(`folder circles: ${circles.length}`);
for (const circle of circles) console.log(`  ${circle}`);

const functions = packageSources(root)
  .flatMap((src) => functionsOf(src, `${src.split(/[\\/]/).at(-2)}/`))
  .sort((a, b) => b.lines - a.lines);
console.log(`longest functions (${functions.filter((f) => f.lines >= LONG).length} of ${LONG}+ lines)`);
for (const f of functions.slice(0, Number(values.top ?? 10)))
  console.log(`  ${String(f.lines).padStart(4)} ${f.name} ${f.file}:${f.line}`);
