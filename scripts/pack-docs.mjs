#!/usr/bin/env node
/**
 * Ships the repository documents a package points to inside its tarball. A published package's
 * README links `../../docs/errors.md`, and its doc comments (dist/*.d.ts, src/) cite
 * `docs/mexc/rest.md#...`: paths of this repository, dead in node_modules. The project has no
 * public repository URL to link to instead, so the files themselves go in the tarball.
 *
 *   prepack   copies every `docs/*.md` the package's README, dist/ and src/ cite into the
 *             package's own docs/ (same relative path, so a citation `docs/mexc/rest.md` resolves
 *             from the package root), and rewrites the README's `../../docs/` links to `docs/`
 *             and a link to a sibling package's README to its text alone, as that package may not be
 *             installed (the original is kept beside it as .README.repository.md and put back by postpack);
 *   postpack  removes the package's docs/ and puts the README back.
 *
 * Run from a package directory by its `prepack`/`postpack` scripts (npm pack and npm publish run
 * both): `node ../../scripts/pack-docs.mjs prepack`. test/packed/links.test.ts checks the result.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const REPO = fileURLToPath(new URL("../", import.meta.url));
const PACKAGE = process.cwd();
const README = join(PACKAGE, "README.md");
/** The README as written, kept while the packed one (links rewritten) is on disk; npm packs no dotfile. */
const README_KEPT = join(PACKAGE, ".README.repository.md");
const SHIPPED_DOCS = join(PACKAGE, "docs");
/** A repository document as cited: `docs/...md`, alone or after `../`s (README links). */
const CITATION = /(?<![\w.-])(?:\.\.\/)*(docs\/[\w./-]+?\.md)/g;
/** A link to another package's README (`[\`@mexc-live/client\`](../client/README.md)`): kept as its text. */
const SIBLING_README = /\[([^\]]+)\]\(\.\.\/[\w-]+\/README\.md\)/g;
/** Ends the packed README, so a leftover one is never taken for the original. */
const PACKED_MARK = "<!-- README as packed: links rewritten by scripts/pack-docs.mjs -->";
const SCANNED = /\.(?:ts|js|mjs|md)$/;

/** Every text file under `dir` that may cite a document. */
function scannedFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && SCANNED.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

function prepack() {
  if (existsSync(README_KEPT)) postpack(); // a pack stopped half-way: start from the files as written
  if (!relative(REPO, PACKAGE).startsWith("packages")) {
    throw new Error(`pack-docs: run it from a package directory of ${REPO}, not ${PACKAGE}`);
  }
  const cited = new Set();
  for (const file of [README, ...scannedFiles(join(PACKAGE, "dist")), ...scannedFiles(join(PACKAGE, "src"))]) {
    for (const match of readFileSync(file, "utf8").matchAll(CITATION)) cited.add(match[1]);
  }
  for (const document of [...cited].sort()) {
    const source = join(REPO, document);
    if (!existsSync(source)) throw new Error(`pack-docs: ${document} is cited in ${PACKAGE} but not in the repository`);
    const target = join(PACKAGE, document);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(source, target);
  }
  const readme = readFileSync(README, "utf8");
  if (readme.includes(PACKED_MARK)) {
    throw new Error(`pack-docs: ${README} is a packed copy (its original was lost): git checkout it, then pack`);
  }
  // "wx": never overwrite a kept original (two packs of one package at once must not lose it).
  writeFileSync(README_KEPT, readme, { flag: "wx" });
  const packed = readme.replaceAll("](../../docs/", "](docs/").replace(SIBLING_README, "$1");
  writeFileSync(README, `${packed}\n${PACKED_MARK}\n`);
}

function postpack() {
  rmSync(SHIPPED_DOCS, { recursive: true, force: true });
  if (existsSync(README_KEPT)) renameSync(README_KEPT, README);
}

const step = process.argv[2];
if (step === "prepack") prepack();
else if (step === "postpack") postpack();
else {
  console.error("usage: node ../../scripts/pack-docs.mjs prepack|postpack (from a package directory)");
  process.exit(2);
}
