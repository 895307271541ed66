/**
 * The README, every doc (docs/*.md, docs/mexc) and the packages' READMEs link to files and
 * headings that exist, and
 * SECTION-MAP.md maps every section of the old fact sheet, so citations can be repointed to it
 * mechanically.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const REPO = fileURLToPath(new URL("../", import.meta.url));
const MEXC_DOCS = join(REPO, "docs", "mexc");
const markdownIn = (dir: string) =>
  readdirSync(dir)
    .filter((name) => name.endsWith(".md"))
    .map((name) => join(dir, name));
const DOCUMENTS = [
  join(REPO, "README.md"),
  ...markdownIn(join(REPO, "docs")),
  ...markdownIn(MEXC_DOCS),
  ...["protocol", "contract", "client", "simulator", "web"].map((library) =>
    join(REPO, "packages", library, "README.md"),
  ),
];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchors(file: string): Set<string> {
  const text = readFileSync(file, "utf8").replace(/```[\s\S]*?```/g, "");
  return new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((match) => slug(match[1]!)));
}

/** Every relative link of a markdown file: [text](target#anchor), outside code blocks. */
function links(file: string): { target: string; anchor: string | undefined }[] {
  const text = readFileSync(file, "utf8").replace(/```[\s\S]*?```/g, "");
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1]!)
    .filter((href) => !/^[a-z]+:/.test(href))
    .map((href) => {
      const [path, anchor] = href.split("#") as [string, string | undefined];
      return { target: path === "" ? file : join(dirname(file), path), anchor };
    });
}

describe("links in the README, the docs and the packages' READMEs", () => {
  it.each(DOCUMENTS.map((file) => [relative(REPO, file), file]))(
    "%s links to files and headings that exist",
    (_name, file) => {
      const broken: string[] = [];
      for (const { target, anchor } of links(file)) {
        if (!existsSync(target)) broken.push(relative(REPO, target));
        else if (anchor !== undefined && target.endsWith(".md") && !anchors(target).has(anchor))
          broken.push(`${relative(REPO, target)}#${anchor}`);
      }
      expect(broken).toEqual([]);
    },
  );
});

describe("SECTION-MAP.md", () => {
  const map = readFileSync(join(MEXC_DOCS, "SECTION-MAP.md"), "utf8");
  const sections = [
    ...["0", "1", "1.1", "2", "2.1", "2.2", "2.3", "2.4", "2.5", "3", "4", "4.1", "4.2", "4.3", "5"],
    ...Array.from({ length: 11 }, (_, i) => `3.${i + 1}`),
    ...["6", "6.1", "6.2", "6.3", "6.4", "6.5", "6.6", "7", "7.1", "7.2", "7.3", "7.4", "7.5", "7.6"],
    ...["8", "8.1", "8.2", "9", "10", "11"],
    ...Array.from({ length: 24 }, (_, i) => `11.${i + 1}`),
  ];

  it.each(sections)("maps §%s of the old fact sheet to a file of docs/mexc", (section) => {
    const row = map.split("\n").find((line) => line.startsWith(`| §${section} `));
    expect(row, `§${section}`).toBeDefined();
    expect(row).toMatch(/\]\([A-Za-z-]+\.md(#[a-z0-9_-]+)?\)/);
  });

  it("finds each item 11.N as its own row of undocumented.md", () => {
    const undocumented = readFileSync(join(MEXC_DOCS, "undocumented.md"), "utf8");
    const items = sections.filter((section) => section.startsWith("11."));
    expect(
      items.filter((item) => !new RegExp(`^\\| ${item.replace(".", "\\.")} +\\|`, "m").test(undocumented)),
    ).toEqual([]);
  });
});
