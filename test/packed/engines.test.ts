/**
 * Issue 38 item 7: each library's `engines.node` is one its whole dependency tree agrees to. The
 * packed tarball is installed from the npm registry into an empty project, then every package
 * of the installed tree is checked with npm's own engine check (npm-install-checks, what prints
 * EBADENGINE) against the library's floor: none may ask for a newer Node, as fastify's `cookie@2`
 * (Node >= 22) does of the simulator. The floors are the ones the READMEs state.
 */
import { mkdtemp, readdir, readFile, realpath, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packInto, run } from "./consumerProject.js";

/** A cold npm cache downloads the libraries' dependencies (fastify, pino, zod, ...). */
const INSTALL_TIMEOUT_MS = 300_000;
const NPM_QUIET = { ...process.env, npm_config_audit: "false", npm_config_fund: "false" };
/** Each library's floor, as its package.json and README state it; the lowest version it allows. */
const FLOORS = {
  protocol: { range: ">=20.19", lowest: "20.19.0" },
  contract: { range: ">=20.19", lowest: "20.19.0" },
  alerts: { range: ">=20.19", lowest: "20.19.0" },
  client: { range: ">=20.19", lowest: "20.19.0" },
  simulator: { range: ">=22", lowest: "22.0.0" },
} as const;
type Library = keyof typeof FLOORS;

let dir: string;
let tarballs: Map<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mexc-live-engines-"));
  const packed = await packInto(
    dir,
    Object.keys(FLOORS).map((library) => `@mexc-live/${library}`),
  );
  // npm pack names a tarball after its package: mexc-live-<library>-<version>.tgz.
  tarballs = new Map(packed.map(({ filename }) => [/^mexc-live-([a-z]+)-/.exec(filename)![1]!, join(dir, filename)]));
}, INSTALL_TIMEOUT_MS);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** npm's own engine check: throws EBADENGINE when `manifest.engines.node` refuses `nodeVersion`. */
type CheckEngine = (manifest: object, npmVersion: null, nodeVersion: string) => void;

/**
 * npm's own engine check, from the npm that runs the installs: found by its command's real path
 * (`npm root -g` names the global folder of the Node that runs npm, which is not where npm lives
 * when CI runs the suite on a Node of its own).
 */
async function npmsEngineCheck(): Promise<CheckEngine> {
  const npmCommand = (await run("sh", ["-c", "command -v npm"])).stdout.trim();
  const load = createRequire(await realpath(npmCommand));
  return (load("npm-install-checks") as { checkEngine: CheckEngine }).checkEngine;
}

/** npm install of `library` (with the workspace libraries it needs) into a new project; its directory. */
async function install(library: Library): Promise<string> {
  const project = await mkdtemp(join(dir, `${library}-`));
  await writeFile(join(project, "package.json"), JSON.stringify({ name: "engines", private: true, type: "module" }));
  const needed = new Set(library === "alerts" ? ["protocol", "contract", "alerts"] : ["protocol", library]);
  const files = [...needed].map((name) => tarballs.get(name)!);
  await run("npm", ["install", ...files], { cwd: project, timeout: INSTALL_TIMEOUT_MS, env: NPM_QUIET });
  return project;
}

/** Each installed package's name and the engines.node it asks for, nested node_modules included. */
async function installedEngines(project: string): Promise<{ name: string; engines?: { node?: string } }[]> {
  const paths = (await readdir(join(project, "node_modules"), { recursive: true })).filter((path) =>
    /^(?:.*\/node_modules\/)?(?:@[^/]+\/)?[^/@.][^/]*\/package\.json$/.test(path),
  );
  return Promise.all(
    paths.map(async (path) => JSON.parse(await readFile(join(project, "node_modules", path), "utf8"))),
  );
}

describe.each(Object.keys(FLOORS) as Library[])("@mexc-live/%s, packed", (library) => {
  it("declares the Node.js floor its README states", async () => {
    const { stdout } = await run("tar", ["-xzOf", tarballs.get(library)!, "package/package.json"]);
    expect((JSON.parse(stdout) as { engines: { node: string } }).engines.node).toBe(FLOORS[library].range);
  });

  it(
    "installs from the registry into a tree where no package asks for a newer Node than that",
    async () => {
      const checkEngine = await npmsEngineCheck();
      const manifests = await installedEngines(await install(library));
      expect(manifests.map(({ name }) => name)).toContain(`@mexc-live/${library}`);
      const refused: string[] = [];
      for (const manifest of manifests) {
        try {
          checkEngine(manifest, null, FLOORS[library].lowest);
        } catch {
          refused.push(`${manifest.name} asks for node ${manifest.engines?.node}`);
        }
      }
      expect(refused).toEqual([]);
    },
    INSTALL_TIMEOUT_MS,
  );
});
