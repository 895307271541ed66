#!/usr/bin/env node
/**
 * The longest functions of a source folder, in lines (tests and .d.ts left out), and how many
 * run to 80 lines or more: `node scripts/largest-functions.mjs packages/gateway/src [15]`.
 * A function's lines include those of the functions written inside it.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

const LONG = 80;

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

/** Every function of every source file under `dir`: { name, lines, file, line }, longest first. */
export function functionsOf(dir) {
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
        found.push({ name: nameOf(node), lines: last - first + 1, file: relative(dir, path), line: first + 1 });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found.sort((a, b) => b.lines - a.lines);
}

const [dir, count = "15"] = process.argv.slice(2);
if (dir === undefined) {
  console.error("usage: node scripts/largest-functions.mjs DIR [COUNT]");
  process.exit(2);
}
const functions = functionsOf(dir);
for (const f of functions.slice(0, Number(count)))
  console.log(`${String(f.lines).padStart(4)} ${f.name} ${f.file}:${f.line}`);
console.log(`${functions.filter((f) => f.lines >= LONG).length} functions of ${LONG}+ lines`);
