/**
 * Issue 38 item 7: the libraries are ES modules only, and each README's "TypeScript settings"
 * says which settings import them. This suite holds the READMEs to it in a CommonJS package (no
 * "type": "module") installed from the packed tarballs, strict, `skipLibCheck: false`:
 *   - `module: node16` refuses every import (TS1479: a CommonJS file cannot `require` an ES module);
 *   - `module: nodenext` type-checks, and Node (>= 20.19, which `require`s an ES module without
 *     top-level await) runs the output.
 * The ESM settings (`node16`/`nodenext` with "type": "module") are packed.test.ts's project.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConsumerProject, createConsumerProject, REPO, run } from "./consumerProject.js";

const LIBRARIES = ["protocol", "contract", "alerts", "client", "simulator"] as const;
const TSC = join(REPO, "node_modules", "typescript", "bin", "tsc");
const SETUP_TIMEOUT_MS = 300_000;
const COMMAND_TIMEOUT_MS = 120_000;

/** One value from each library, so no import is elided. */
const PROGRAM = `import { dec, fmt } from "@mexc-live/protocol";
import { MEXC_REST_URL } from "@mexc-live/protocol/limits";
import { toCsv } from "@mexc-live/contract";
import { checkRule } from "@mexc-live/alerts";
import { createMexcClient } from "@mexc-live/client";
import { SIMULATOR_HOST } from "@mexc-live/simulator";

console.log([typeof toCsv, typeof checkRule, typeof createMexcClient, SIMULATOR_HOST, MEXC_REST_URL].join(" "));
console.log(\`0.1 + 0.2 = \${fmt(dec("0.1").plus(dec("0.2")))}\`);
`;

let project: ConsumerProject;

beforeAll(async () => {
  project = await createConsumerProject(LIBRARIES.map((library) => `@mexc-live/${library}`));
  // A CommonJS package: no "type" field, as `npm init -y` writes it.
  await writeFile(join(project.dir, "package.json"), JSON.stringify({ name: "commonjs-consumer", private: true }));
  await writeFile(join(project.dir, "index.ts"), PROGRAM);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await project?.remove();
});

/** tsc's output for index.ts with `module` (and the matching moduleResolution); "" when it compiles. */
async function compile(module: "node16" | "nodenext"): Promise<string> {
  await writeFile(
    join(project.dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        target: "ES2022",
        module,
        moduleResolution: module,
        skipLibCheck: false,
        types: ["node"],
        outDir: "out",
      },
      files: ["index.ts"],
    }),
  );
  const compiled = await run(process.execPath, [TSC, "-p", "tsconfig.json"], {
    cwd: project.dir,
    timeout: COMMAND_TIMEOUT_MS,
  }).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
  return compiled.stdout;
}

describe("the libraries in a CommonJS TypeScript package, from the packed tarballs", () => {
  it("each README says which TypeScript settings work", async () => {
    for (const library of LIBRARIES) {
      const readme = await readFile(join(project.dir, "node_modules", "@mexc-live", library, "README.md"), "utf8");
      expect(readme, library).toContain('ES modules only: in a CommonJS package (no `"type": "module"`)');
      expect(readme, library).toContain("`module: node16` fails (TS1479)");
    }
  });

  it(
    "`module: node16` refuses the import of every library with TS1479, as the READMEs say",
    async () => {
      const output = await compile("node16");
      const refused = [...output.matchAll(/index\.ts\(\d+,\d+\): error TS1479: [^\n]*"(@mexc-live\/[\w/-]+)"/g)];
      expect(new Set(refused.map((match) => match[1]))).toEqual(
        new Set([...LIBRARIES.map((library) => `@mexc-live/${library}`), "@mexc-live/protocol/limits"]),
      );
    },
    COMMAND_TIMEOUT_MS,
  );

  it(
    "`module: nodenext` type-checks, and Node runs the CommonJS output",
    async () => {
      expect(await compile("nodenext")).toBe("");
      const emitted = await readFile(join(project.dir, "out", "index.js"), "utf8");
      expect(emitted).toContain('require("@mexc-live/protocol")');
      const { stdout } = await run(process.execPath, [join("out", "index.js")], {
        cwd: project.dir,
        timeout: COMMAND_TIMEOUT_MS,
      });
      expect(stdout).toBe("function function function 127.0.0.1 https://api.mexc.com\n0.1 + 0.2 = 0.3\n");
    },
    COMMAND_TIMEOUT_MS,
  );
});
