#!/usr/bin/env node
// Repoints the citations of the team's old MEXC fact sheet (`../shared/docs/mexc-protocol.md
// §6.4`, `mexc-protocol.md §2.1-§2.3`, a bare `(§11.14)`) to the notes in this repository that
// now hold each section, as docs/mexc/SECTION-MAP.md maps them:
//   mexc-protocol.md §6.4   ->  docs/mexc/protocol.md#channels
//   §11.14, §11.15          ->  docs/mexc/undocumented.md#api-keys item 11.14, docs/mexc/undocumented.md#requests-and-answers item 11.15
// In markdown files a citation becomes a link relative to the file. Section signs of other
// documents (`RFC 9110 §10.2.3`) are left alone.
//
//   node scripts/repoint-citations.mjs           rewrite every .ts/.tsx/.md/.mjs/.proto file of the repository
//   node scripts/repoint-citations.mjs --check   change nothing; exit 1 naming each citation left
//
// Plain Node with no dependency. The map is read at run time, so a row changed there is followed.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const REPO = fileURLToPath(new URL("../", import.meta.url));
const MAP_FILE = "docs/mexc/SECTION-MAP.md";
const NOTES_DIR = "docs/mexc";
const EXTENSIONS = [".ts", ".tsx", ".md", ".mjs", ".proto"];
const SKIPPED_DIRS = new Set(["node_modules", "dist", ".git", "coverage"]);
/** The map itself and this script's own examples speak of the old sections on purpose. */
const SKIPPED_FILES = new Set([MAP_FILE, "scripts/repoint-citations.mjs", "test/repointCitations.test.ts"]);

const SECTION = String.raw`§\d+(?:\.\d+)*b?`;
const SHEET_NAME = String.raw`(?:\.\.\/shared\/docs\/)?mexc-protocol(?:\.md)?`;
/** The name, in backticks too (a link inside backticks would not be one). */
const OLD_SHEET = String.raw`(?:\`${SHEET_NAME}\`|${SHEET_NAME})`;
/**
 * A citation: the old sheet's name, then (maybe across a comment's line break) one or more
 * sections joined by `,`, `and` or a range dash; or the sections alone. Not after `RFC NNNN `.
 */
const CITATION = new RegExp(
  String.raw`(?<sheet>${OLD_SHEET}(?:\s*(?:\*|\/\/)?\s*(?=§))?)?(?<!RFC \d+ )(?<refs>${SECTION}(?:\s*(?:-|–|,|and)\s*${SECTION})*)` +
    `|(?<bare>${OLD_SHEET})`,
  "g",
);

/**
 * SECTION-MAP.md's rows as `§6.4` -> { file, anchor } (file relative to docs/mexc), in the map's
 * order (ranges are expanded along it). Rows whose first cell is more than a section (`§2.4 (body
 * shape)`) are details of a section and are not citation keys.
 */
export function readSectionMap(text) {
  const map = new Map();
  for (const line of text.split("\n")) {
    const row = /^\|\s*(§\d+(?:\.\d+)*b?)\s*\|[^|]*\|\s*\[[^\]]*\]\(([^)#\s]+)(?:#([^)\s]+))?\)/.exec(line);
    if (row === null) continue;
    const [, section, file, anchor] = row;
    if (!map.has(section)) map.set(section, { file, anchor });
  }
  return map;
}

/** The sections a list such as `§2.1-§2.3, §3.11` names, ranges expanded in the map's order. */
function sectionsOf(refs, map) {
  const keys = [...map.keys()];
  const out = [];
  for (const part of refs.split(/\s*(?:,|and)\s*/)) {
    const ends = part.split(/\s*[-–]\s*/);
    if (ends.length === 2) {
      const from = keys.indexOf(ends[0]);
      const to = keys.indexOf(ends[1]);
      if (from === -1 || to === -1 || to < from) return undefined;
      out.push(...keys.slice(from, to + 1));
    } else out.push(part);
  }
  return out.every((section) => map.has(section)) ? out : undefined;
}

/** An item of §11 keeps its number as a row of undocumented.md: `item 11.3` says which row. */
function itemOf(section) {
  return /^§11\.\d+$/.test(section) ? section.slice(1) : undefined;
}

/**
 * The targets of a list of sections: one per file and heading, in order, each with the §11 items
 * it stands for.
 */
function targetsOf(sections, map) {
  const targets = [];
  for (const section of sections) {
    const { file, anchor } = map.get(section);
    const item = itemOf(section);
    const same = targets.find((target) => target.file === file && target.anchor === anchor);
    if (same === undefined) targets.push({ file, anchor, items: item === undefined ? [] : [item] });
    else if (item !== undefined && !same.items.includes(item)) same.items.push(item);
  }
  return targets;
}

function render(target, markdownDir) {
  const path = `${NOTES_DIR}/${target.file}`;
  const hash = target.anchor === undefined ? "" : `#${target.anchor}`;
  const items =
    target.items.length === 0 ? "" : ` ${target.items.length === 1 ? "item" : "items"} ${target.items.join(", ")}`;
  if (markdownDir === undefined) return `${path}${hash}${items}`;
  const href = relative(markdownDir, path).split(sep).join("/");
  return `[${path}${hash}](${href}${hash})${items}`;
}

/**
 * `text` with every citation of the old sheet repointed. `file` is the repository-relative path
 * (a markdown file gets links relative to it). Returns the new text, how many citations were
 * rewritten, and those that could not be (a section the map does not have), with their lines.
 */
export function repointText(text, map, file = "source.ts") {
  const markdownDir = file.endsWith(".md") ? dirname(file) : undefined;
  let rewritten = 0;
  const unresolved = [];
  const out = text.replace(CITATION, (match, ...args) => {
    const groups = args.at(-1);
    const offset = args.at(-3);
    if (groups.bare !== undefined) {
      rewritten++;
      return markdownDir === undefined
        ? `${NOTES_DIR}/`
        : `[${NOTES_DIR}](${relative(markdownDir, `${NOTES_DIR}/README.md`).split(sep).join("/")})`;
    }
    const sections = sectionsOf(groups.refs, map);
    if (sections === undefined) {
      unresolved.push({ line: text.slice(0, offset).split("\n").length, citation: match.trim() });
      return match;
    }
    rewritten++;
    return targetsOf(sections, map)
      .map((target) => render(target, markdownDir))
      .join(", ");
  });
  return { text: out, rewritten, unresolved };
}

/** Every file the rewrite covers, repository-relative, with `/` separators. */
export function citingFiles(root = REPO) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(join(dir, entry.name));
      } else if (EXTENSIONS.some((extension) => entry.name.endsWith(extension))) {
        const path = relative(root, join(dir, entry.name)).split(sep).join("/");
        if (!SKIPPED_FILES.has(path)) files.push(path);
      }
    }
  };
  walk(root);
  return files.sort();
}

/** Rewrites (or with `check`, only reads) every file; returns what it found. */
export function repointRepository(root = REPO, { check = false } = {}) {
  const map = readSectionMap(readFileSync(join(root, MAP_FILE), "utf8"));
  const report = { files: 0, rewritten: 0, left: [], changed: [] };
  for (const file of citingFiles(root)) {
    const text = readFileSync(join(root, file), "utf8");
    const result = repointText(text, map, file);
    text.split("\n").forEach((line, index) => {
      if (line.includes("../shared") && repointText(line, map, file).text.includes("../shared"))
        report.left.push(`${file}:${index + 1}: ${line.trim()} (outside the repository)`);
    });
    for (const { line, citation } of result.unresolved)
      report.left.push(`${file}:${line}: ${citation} (not in ${MAP_FILE})`);
    if (result.rewritten === 0) continue;
    report.files++;
    report.rewritten += result.rewritten;
    if (check) {
      const lines = text.split("\n");
      lines.forEach((line, index) => {
        if (repointText(line, map, file).rewritten > 0) report.left.push(`${file}:${index + 1}: ${line.trim()}`);
      });
    } else {
      writeFileSync(join(root, file), result.text);
      report.changed.push(file);
    }
  }
  return report;
}

/**
 * Longer citations move a markdown table's columns and may wrap a line of code: the project's
 * formatter (Biome) lays the rewritten files out again, so lint stays green.
 */
function formatChanged(root, files) {
  const biome = join(root, "node_modules", ".bin", "biome");
  if (files.length === 0) return;
  if (!existsSync(biome)) {
    process.stdout.write("repoint-citations: Biome is not installed here; run npm run format\n");
    return;
  }
  const result = spawnSync(biome, ["format", "--write", ...files], { cwd: root, stdio: "ignore" });
  if (result.status !== 0) process.stdout.write("repoint-citations: the formatter failed; run npm run format\n");
}

function run(argv) {
  const check = argv.includes("--check");
  const unknown = argv.filter((arg) => arg !== "--check");
  if (unknown.length > 0) {
    process.stderr.write(`repoint-citations: unknown argument ${unknown[0]} (usage: [--check])\n`);
    return 2;
  }
  const report = repointRepository(REPO, { check });
  if (check) {
    if (report.left.length === 0) {
      process.stdout.write("repoint-citations: no citation of the old fact sheet is left\n");
      return 0;
    }
    process.stderr.write(
      `repoint-citations: ${report.left.length} citations of the old fact sheet (../shared) are left; run node scripts/repoint-citations.mjs\n${report.left.join("\n")}\n`,
    );
    return 1;
  }
  process.stdout.write(`repoint-citations: ${report.rewritten} citations rewritten in ${report.files} files\n`);
  formatChanged(REPO, report.changed);
  if (report.left.length > 0) {
    process.stderr.write(`repoint-citations: ${report.left.length} could not be mapped:\n${report.left.join("\n")}\n`);
    return 1;
  }
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = run(process.argv.slice(2));
}
