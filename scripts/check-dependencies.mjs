#!/usr/bin/env node
/**
 * The import arrows of the repository, checked: `node scripts/check-dependencies.mjs` (CI runs
 * it, test/dependencies.test.ts proves it fails on a wrong arrow).
 *
 *   packages  a package imports only the packages PACKAGE_ARROWS lists for it (protocol first,
 *             the dashboard never the gateway);
 *   gateway   a gateway folder imports only folders listed before it in GATEWAY_LAYERS, and
 *             figures/ (every figure's one home: the position engine, the read models, their
 *             keepers and queries) imports the store and no package but protocol, contract,
 *             big.js and node's timers: no network, no files of its own, no logger of its own;
 *   walk      a fill walks one way, ingest -> store -> keeper -> fanout (ARCHITECTURE.md): ingest/
 *             comes before state/ and fanout/ in GATEWAY_LAYERS, so it imports neither, and
 *             WALK_FORBIDDEN keeps it off the keeper (figures/keeper.ts) too: ingest tells it what
 *             the store took in through ingest/outlets.ts, and never reads a figure back;
 *   cycles    in every package, no two top folders of src/ import each other, directly or round
 *             a circle (no exception: the last three were broken in issue 30);
 *   docs      ARCHITECTURE.md shows GATEWAY_LAYERS as this script prints it (--layers).
 *
 * `--root DIR` checks the tree at DIR instead of this repository.
 *
 * Specifiers are read with TypeScript's preProcessFile (imports, re-exports, `import()`), so an
 * import quoted in a comment is not one. Sources only: tests may reach across folders.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

/** Which workspace packages each package may import (its dependencies; none may circle). */
export const PACKAGE_ARROWS = {
  protocol: [],
  contract: ["protocol"],
  client: ["protocol"],
  simulator: ["protocol"],
  alerts: ["protocol", "contract"],
  web: ["protocol", "contract"],
  gateway: ["protocol", "contract", "client", "simulator", "alerts", "web"],
};

/**
 * The gateway's src/, lowest first: each entry may import itself and the entries before it,
 * never one after it. A folder is named with a trailing slash, a top-level file by its name.
 */
export const GATEWAY_LAYERS = [
  ["errors.ts", "logging.ts", "logText.ts", "metrics.ts"],
  ["security/"],
  ["config/"],
  ["store/"],
  ["figures/"],
  ["exports/"],
  ["ingest/"],
  ["state/"],
  ["fanout/"],
  ["http/"],
  ["redis/"],
  ["startAccount.ts", "service.ts"],
  ["cli/"],
  ["index.ts"],
];

/**
 * Files a gateway folder must not import though GATEWAY_LAYERS puts them below it, and why: the
 * walk of a fill goes one way (ingest -> store -> keeper -> fanout).
 */
export const WALK_FORBIDDEN = [
  {
    from: "ingest/",
    to: "figures/keeper.ts",
    why: "ingest writes the store and emits; the keeper reads the store (ingest/outlets.ts names what ingest tells it)",
  },
];

/** What figures/ may import besides the folders below it: arithmetic on the store's history, no network. */
export const FIGURES_MAY_IMPORT = ["@mexc-live/protocol", "@mexc-live/contract", "big.js", "node:timers"];

const WORKSPACE = "@mexc-live/";
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (entry !== "generated") yield* sourceFiles(path);
    } else if (/\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry) && !entry.endsWith(".d.ts")) {
      yield path;
    }
  }
}

/** Every import of every package's src/: { package, file (src-relative, "/"), specifier }. */
export function readImports(root = ROOT) {
  const imports = [];
  for (const pkg of readdirSync(join(root, "packages"))) {
    const src = join(root, "packages", pkg, "src");
    try {
      statSync(src);
    } catch {
      continue;
    }
    for (const path of sourceFiles(src)) {
      const text = readFileSync(path, "utf8");
      const { importedFiles } = ts.preProcessFile(text, true, true);
      const file = relative(src, path).split(sep).join("/");
      for (const { fileName } of importedFiles) imports.push({ package: pkg, file, specifier: fileName });
    }
  }
  return imports;
}

/** The top folder ("figures/") or top-level file ("service.ts") a src-relative path lies in. */
export function unitOf(file) {
  const slash = file.indexOf("/");
  return slash === -1 ? file : `${file.slice(0, slash)}/`;
}

/** Resolves a relative specifier against the importing file (both src-relative, "/"). */
function resolveRelative(file, specifier) {
  const parts = file.split("/").slice(0, -1);
  for (const part of specifier.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== ".") parts.push(part);
  }
  return parts.join("/").replace(/\.js$/, ".ts");
}

function packageOf(specifier) {
  if (!specifier.startsWith(WORKSPACE)) return undefined;
  return specifier.slice(WORKSPACE.length).split("/")[0];
}

/** The cycles of a graph (Map node -> Set of nodes): each strongly connected set of 2+ nodes. */
export function cyclesOf(graph) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (node) => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node), index.get(next)));
      }
    }
    if (low.get(node) === index.get(node)) {
      const members = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        members.push(member);
      } while (member !== node);
      if (members.length > 1) found.push(members.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

/** Every broken rule, one readable line each; [] when the arrows all go the right way. */
export function checkImports(
  imports,
  rules = { packages: PACKAGE_ARROWS, layers: GATEWAY_LAYERS, forbidden: WALK_FORBIDDEN },
) {
  const problems = [];
  const layerOf = new Map();
  rules.layers.forEach((units, rank) => {
    for (const unit of units) layerOf.set(unit, rank);
  });
  const folderGraphs = new Map();
  for (const { package: pkg, file, specifier } of imports) {
    const where = `packages/${pkg}/src/${file}`;
    const target = packageOf(specifier);
    if (target !== undefined && target !== pkg) {
      const allowed = rules.packages[pkg];
      if (allowed === undefined) problems.push(`${where}: package ${pkg} has no entry in PACKAGE_ARROWS`);
      else if (!allowed.includes(target)) problems.push(`${where}: ${pkg} must not import ${specifier}`);
    }
    const from = unitOf(file);
    if (pkg === "gateway" && from === "figures/" && !specifier.startsWith(".")) {
      const name = specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0];
      if (!FIGURES_MAY_IMPORT.includes(name))
        problems.push(`${where}: figures/ reads the store and does no IO of its own: it must not import ${specifier}`);
    }
    if (!specifier.startsWith(".")) continue;
    const resolved = resolveRelative(file, specifier);
    if (resolved.startsWith("..")) {
      problems.push(`${where}: ${specifier} reaches outside src/`);
      continue;
    }
    const to = unitOf(resolved);
    if (to === from) continue;
    if (!folderGraphs.has(pkg)) folderGraphs.set(pkg, new Map());
    const graph = folderGraphs.get(pkg);
    if (!graph.has(from)) graph.set(from, new Set());
    graph.get(from).add(to);
    if (pkg !== "gateway") continue;
    for (const rule of rules.forbidden ?? [])
      if (from === rule.from && resolved === rule.to.replace(/\.js$/, ".ts"))
        problems.push(`${where}: ${from} must not import ${rule.to} (${specifier}): ${rule.why}`);
    const fromRank = layerOf.get(from);
    const toRank = layerOf.get(to);
    if (fromRank === undefined) problems.push(`${where}: ${from} is not in GATEWAY_LAYERS`);
    else if (toRank === undefined) problems.push(`${where}: imports ${to}, which is not in GATEWAY_LAYERS`);
    else if (toRank > fromRank) problems.push(`${where}: ${from} must not import ${to} (${specifier}): it comes later`);
  }
  for (const [pkg, graph] of folderGraphs) {
    for (const cycle of cyclesOf(graph))
      problems.push(`packages/${pkg}/src: folders import each other: ${cycle.join(" <-> ")}`);
  }
  const packageGraph = new Map(Object.entries(rules.packages).map(([pkg, deps]) => [pkg, new Set(deps)]));
  for (const cycle of cyclesOf(packageGraph)) problems.push(`PACKAGE_ARROWS circles: ${cycle.join(" <-> ")}`);
  return problems;
}

/** GATEWAY_LAYERS as ARCHITECTURE.md shows them: one line, lowest first. */
export function formatLayers(layers = GATEWAY_LAYERS) {
  return layers.map((units) => units.join(" ")).join(" < ");
}

/** The layers line ARCHITECTURE.md must contain, or a problem saying it does not. */
export function checkArchitectureDoc(text, layers = GATEWAY_LAYERS) {
  const line = formatLayers(layers);
  return text.includes(line) ? [] : [`ARCHITECTURE.md does not show the gateway's layers as: ${line}`];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--layers")) {
    console.log(formatLayers());
    process.exit(0);
  }
  // --root DIR: check another tree (the test plants a wrong arrow in a copy).
  const at = process.argv.indexOf("--root");
  const root = at === -1 ? ROOT : resolve(process.argv[at + 1] ?? ".");
  const imports = readImports(root);
  const problems = [
    ...checkImports(imports),
    ...checkArchitectureDoc(readFileSync(join(root, "ARCHITECTURE.md"), "utf8")),
  ];
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) {
    console.error(`check-dependencies: ${problems.length} arrow(s) the wrong way`);
    process.exit(1);
  }
  console.log(`check-dependencies: ${imports.length} imports, every arrow one way`);
}
