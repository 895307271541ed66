/**
 * Issue 38 item 6: what a packed library points to is in its tarball. Every relative link of its
 * README, every `docs/...md` its shipped files cite (doc comments in dist/*.d.ts and src/), and
 * every target of its package.json `exports` resolves to a file of the tarball: the repository's
 * docs/ is not beside node_modules/@mexc-live/<name>. scripts/pack-docs.mjs (each library's
 * prepack) copies the cited documents in.
 */
import { readFile } from "node:fs/promises";
import { join, normalize } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConsumerProject, createConsumerProject, type PackedPackage } from "./consumerProject.js";

const LIBRARIES = ["protocol", "contract", "alerts", "client", "simulator"] as const;
/** npm pack of five packages on a loaded 2-core machine. */
const SETUP_TIMEOUT_MS = 300_000;
/** A markdown link's target: `[text](target)` or `[text](target "title")`. */
const MARKDOWN_LINK = /\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g;
/** A repository document cited by path, as doc comments write it: `docs/mexc/rest.md#...`. */
const DOCS_CITATION = /(?<![\w./-])(?:\.\.\/)*docs\/[\w./-]+?\.md/g;
/** Shipped files that may cite a document. */
const TEXT_FILE = /\.(?:ts|js|mjs|md)$/;
/** The monorepo's own export condition: its targets are the repository's sources, for its tests. */
const SOURCE_CONDITION = "@mexc-live/source";

let project: ConsumerProject;

beforeAll(async () => {
  project = await createConsumerProject(LIBRARIES.map((library) => `@mexc-live/${library}`));
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await project?.remove();
});

function installed(library: string): PackedPackage {
  const packed = project.packages.get(`@mexc-live/${library}`);
  if (packed === undefined) throw new Error(`@mexc-live/${library} was not packed`);
  return packed;
}

/** The targets of `exports`, every condition but the repository's own, wildcards left out. */
function exportTargets(exports: unknown, into: string[] = []): string[] {
  if (typeof exports === "string") into.push(exports);
  else if (exports !== null && typeof exports === "object") {
    for (const [key, value] of Object.entries(exports)) if (key !== SOURCE_CONDITION) exportTargets(value, into);
  }
  return into;
}

describe.each(LIBRARIES)("@mexc-live/%s, packed, points only at what it ships", (library) => {
  it("every relative link of its README is a file of the tarball", async () => {
    const { dir, files } = installed(library);
    const readme = await readFile(join(dir, "README.md"), "utf8");
    const relativeLinks = [...readme.matchAll(MARKDOWN_LINK)]
      .map((match) => match[1]!)
      .filter((target) => !/^(?:[a-z]+:|#)/.test(target));
    expect(relativeLinks.length).toBeGreaterThan(0);
    const dead = relativeLinks.filter((target) => !files.includes(normalize(target.replace(/#.*$/, ""))));
    expect(dead).toEqual([]);
  });

  it("every docs/ document its shipped files cite is in the tarball", async () => {
    const { dir, files } = installed(library);
    const dead = new Set<string>();
    for (const file of files.filter((path) => TEXT_FILE.test(path) && !path.startsWith("docs/"))) {
      for (const [citation] of (await readFile(join(dir, file), "utf8")).matchAll(DOCS_CITATION)) {
        if (!files.includes(normalize(citation))) dead.add(`${file}: ${citation}`);
      }
    }
    expect([...dead]).toEqual([]);
  });

  it("every entry point of its exports map is a shipped file", () => {
    const { manifest, files } = installed(library);
    const subpaths = Object.entries(manifest.exports ?? {});
    expect(subpaths.length).toBeGreaterThan(0);
    for (const [subpath, conditions] of subpaths) {
      const targets = exportTargets(conditions);
      expect(targets, `${subpath} has no target outside the repository's source condition`).not.toEqual([]);
      for (const target of targets) expect(files, `${subpath} -> ${target}`).toContain(normalize(target));
    }
  });
});
