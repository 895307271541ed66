/**
 * An empty npm project with the workspace's libraries installed from their packed tarballs, the
 * way npm installs a package from the registry, but with no registry (no traffic leaves the
 * machine): `npm pack` of each workspace, each tarball unpacked into node_modules, the
 * third-party dependencies a packed package.json declares linked from the repository's
 * node_modules (only those: an import of an undeclared package fails here as it would for a
 * user), and each `bin` linked into node_modules/.bin, as npm links it.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rename, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

export const run = promisify(execFile);
export const REPO = fileURLToPath(new URL("../../", import.meta.url));
/** npm pack compresses every package; a loaded 2-core machine needs time. */
const NPM_TIMEOUT_MS = 180_000;

export interface PackageManifest {
  readonly name: string;
  readonly license?: string;
  readonly engines?: Record<string, string>;
  readonly main?: string;
  readonly types?: string;
  readonly bin?: Record<string, string>;
  readonly exports?: Record<string, unknown>;
  readonly dependencies?: Record<string, string>;
}

export interface PackedPackage {
  readonly manifest: PackageManifest;
  /** Every path in the tarball, relative to the package's root. */
  readonly files: readonly string[];
  /** Where it is installed: node_modules/<name> of the project. */
  readonly dir: string;
}

export interface ConsumerProject {
  readonly dir: string;
  readonly packages: ReadonlyMap<string, PackedPackage>;
  remove(): Promise<void>;
}

/** `npm pack` of `workspaces` (package names) into `dir`, as npm publish would pack them (prepack included). */
export async function packInto(
  dir: string,
  workspaces: readonly string[],
): Promise<{ filename: string; files: { path: string }[] }[]> {
  const args = ["pack", "--json", "--pack-destination", dir, ...workspaces.flatMap((name) => ["-w", name])];
  const release = await packLock();
  try {
    const packed = await run("npm", args, { cwd: REPO, timeout: NPM_TIMEOUT_MS });
    return JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  } finally {
    await release();
  }
}

/**
 * One `npm pack` of the workspaces at a time, across vitest's workers: each library's prepack
 * (scripts/pack-docs.mjs) writes docs/ and README.md into the package directory and its postpack
 * removes them, so two packs at once would ship each other's half-written files. A lock
 * directory (mkdir is atomic) holding its owner's pid; one whose owner is gone is taken over.
 */
async function packLock(): Promise<() => Promise<void>> {
  const lock = join(REPO, "node_modules", ".mexc-live-pack.lock");
  for (const deadline = Date.now() + NPM_TIMEOUT_MS; ; await sleepMs(PACK_LOCK_POLL_MS)) {
    try {
      await mkdir(lock);
      await writeFile(join(lock, "pid"), String(process.pid));
      return () => rm(lock, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(await readFile(join(lock, "pid"), "utf8").catch(() => "0"));
      if (owner > 0 && !alive(owner)) await rm(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`packing is locked by ${lock} (pid ${owner}) for too long`);
    }
  }
}

/** How often a waiting pack looks at the lock again. */
const PACK_LOCK_POLL_MS = 250;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function sleepMs(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Packs `workspaces` (package names) and installs them into a new empty project. */
export async function createConsumerProject(workspaces: readonly string[]): Promise<ConsumerProject> {
  const dir = await mkdtemp(join(tmpdir(), "mexc-live-packed-"));
  const entries = await packInto(dir, workspaces);
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));

  const packages = new Map<string, PackedPackage>();
  // What a TypeScript consumer installs besides: Node's types.
  const linked = new Set(["@types/node"]);
  for (const entry of entries) {
    const unpacked = await mkdtemp(join(dir, "unpack-"));
    await run("tar", ["-xzf", join(dir, entry.filename), "-C", unpacked]);
    const manifest = JSON.parse(await readFile(join(unpacked, "package", "package.json"), "utf8")) as PackageManifest;
    const installed = join(dir, "node_modules", manifest.name);
    await mkdir(dirname(installed), { recursive: true });
    await rename(join(unpacked, "package"), installed);
    await rm(unpacked, { recursive: true });
    for (const dependency of Object.keys(manifest.dependencies ?? {})) {
      if (!dependency.startsWith("@mexc-live/")) linked.add(dependency);
    }
    for (const [command, target] of Object.entries(manifest.bin ?? {})) {
      const bin = join(dir, "node_modules", ".bin", command);
      await mkdir(dirname(bin), { recursive: true });
      await symlink(relative(dirname(bin), join(installed, target)), bin);
    }
    packages.set(manifest.name, { manifest, files: entry.files.map((file) => file.path), dir: installed });
  }
  for (const dependency of linked) {
    await mkdir(join(dir, "node_modules", dependency, ".."), { recursive: true });
    await symlink(join(REPO, "node_modules", dependency), join(dir, "node_modules", dependency), "dir");
  }
  return { dir, packages, remove: () => rm(dir, { recursive: true, force: true }) };
}
