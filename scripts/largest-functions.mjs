#!/usr/bin/env node
/**
 * The longest functions of source folders, in lines (tests and .d.ts left out), and how many run
 * to 80 lines or more: `node scripts/largest-functions.mjs [DIR...] [--top 15]`; without a DIR,
 * every package's src/ (names then read `package/path`). A function's lines include those of
 * the functions written inside it. scripts/shape-numbers.mjs prints these with the other measures.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import ts from "typescript";

export const LONG = 80;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (entry !== "generated") yield* sourceFiles(path);
    } else if (/\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry) && !entry.endsWith(".d.ts")) yield path;
  }
}

function nameOf(node) {
  if (node.name) return node.name.getText();
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))
    return parent.name.getText();
  return "(anonymous)";
}

/** Every package's src/ folder, for a whole-repository count. */
export function packageSources(root = ROOT) {
  return readdirSync(join(root, "packages"))
    .map((pkg) => join(root, "packages", pkg, "src"))
    .filter((src) => statSync(src, { throwIfNoEntry: false })?.isDirectory());
}

/** Every function of every source file under `dir`: { name, lines, file, line }, longest first. */
export function functionsOf(dir, label = "") {
  const found = [];
  for (const path of sourceFiles(dir)) {
    const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if (
        ts.isFunctionDeclaration(node) ||
        ts.isMethodDeclaration(node) ||
        ts.isArrowFunction(node) ||
        ts.isFunctionExpression(node) ||
        ts.isConstructorDeclaration(node)
      ) {
        const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
        const last = source.getLineAndCharacterOfPosition(node.end).line;
        found.push({ name: nameOf(node), lines: last - first + 1, file: label + relative(dir, path), line: first + 1 });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found.sort((a, b) => b.lines - a.lines);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: "string" } } });
  const many = positionals.length === 0;
  const dirs = many ? packageSources() : positionals;
  const functions = dirs
    .flatMap((dir) => functionsOf(dir, many ? `${basename(dirname(resolve(dir)))}/` : ""))
    .sort((a, b) => b.lines - a.lines);
  for (const f of functions.slice(0, Number(values.top ?? 15)))
    console.log(`${String(f.lines).padStart(4)} ${f.name} ${f.file}:${f.line}`);
  console.log(`${functions.filter((f) => f.lines >= LONG).length} functions of ${LONG}+ lines`);
}
