/**
 * The client as a library user gets it: `npm pack` of protocol and client, unpacked into an
 * empty project's node_modules, then (a) used from plain Node ESM against the simulator on
 * 127.0.0.1, and (b) a strict TypeScript file type-checked against the installed types. Needs
 * the build (`npm test` runs it first).
 *
 * No registry is asked (no traffic leaves the machine): each third-party dependency a packed
 * package.json declares is linked from the repository's node_modules, and only those, so an
 * import of an undeclared package fails here as it would for a user.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rename, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const TSC = join(REPO, "node_modules", "typescript", "bin", "tsc");
const NPM_TIMEOUT_MS = 120_000;

let dir: string;
let simulator: RunningSimulator;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mexc-live-packed-"));
  const packed = await run(
    "npm",
    ["pack", "--json", "--pack-destination", dir, "-w", "@mexc-live/protocol", "-w", "@mexc-live/client"],
    {
      cwd: REPO,
      timeout: NPM_TIMEOUT_MS,
    },
  );
  const tarballs = (JSON.parse(packed.stdout) as { filename: string }[]).map((entry) => join(dir, entry.filename));
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  // What a consumer installs besides: Node's types.
  const linked = new Set(["@types/node"]);
  for (const tarball of tarballs) {
    const unpacked = await mkdtemp(join(dir, "unpack-"));
    await run("tar", ["-xzf", tarball, "-C", unpacked]);
    const manifest = JSON.parse(await readFile(join(unpacked, "package", "package.json"), "utf8")) as {
      name: string;
      dependencies?: Record<string, string>;
    };
    await mkdir(join(dir, "node_modules", "@mexc-live"), { recursive: true });
    await rename(join(unpacked, "package"), join(dir, "node_modules", manifest.name));
    for (const dependency of Object.keys(manifest.dependencies ?? {})) {
      if (!dependency.startsWith("@mexc-live/")) linked.add(dependency);
    }
  }
  for (const dependency of linked) {
    await mkdir(join(dir, "node_modules", dependency, ".."), { recursive: true });
    await symlink(join(REPO, "node_modules", dependency), join(dir, "node_modules", dependency), "dir");
  }
  simulator = await startSimulator({ port: 0 });
}, 4 * NPM_TIMEOUT_MS);

afterAll(async () => {
  await simulator?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("protocol and client, packed and installed", () => {
  it("ship compiled JavaScript and types, no TypeScript sources", async () => {
    const { stdout } = await run("npm", ["pack", "--dry-run", "--json", "-w", "@mexc-live/client"], { cwd: REPO });
    const files = (JSON.parse(stdout) as { files: { path: string }[] }[])[0]!.files.map((file) => file.path);
    expect(files).toContain("dist/index.js");
    expect(files).toContain("dist/index.d.ts");
    expect(files.filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))).toEqual([]);
    expect(files.filter((file) => file.includes("test"))).toEqual([]);
  });

  it("work from plain Node ESM: a signed REST call to the simulator, a protobuf frame round trip", async () => {
    const script = `
      import { createMexcClient } from "@mexc-live/client";
      import { decodePush, encodePush } from "@mexc-live/protocol";
      const [restUrl, apiKey, apiSecret] = process.argv.slice(2);
      const client = createMexcClient({ restUrl, apiKey, apiSecret });
      const account = await client.account();
      await client.close();
      const frame = encodePush({ channel: "spot@private.account.v3.api.pb", sendTime: 1, privateAccount: { vcoinName: "USDT", balanceAmount: "1.5" } });
      console.log(JSON.stringify({ assets: account.balances.map((b) => b.asset), decoded: decodePush(frame).privateAccount }));
    `;
    await writeFile(join(dir, "use.mjs"), script);
    const { stdout } = await run(process.execPath, ["use.mjs", simulator.rest, simulator.apiKey, simulator.secretKey], {
      cwd: dir,
      timeout: 30_000,
    });
    const result = JSON.parse(stdout) as { assets: string[]; decoded: { vcoinName: string; balanceAmount: string } };
    expect(result.assets).toContain("USDT");
    expect(result.decoded).toMatchObject({ vcoinName: "USDT", balanceAmount: "1.5" });
  });

  it("type-check in a strict TypeScript project", async () => {
    await writeFile(
      join(dir, "use.ts"),
      `import { createMexcClient, type MexcClient, type UserEvent } from "@mexc-live/client";
import { buildChannel, decodePush } from "@mexc-live/protocol";
const client: MexcClient = createMexcClient({ apiKey: "k", apiSecret: "s" });
const channel: string = buildChannel({ stream: "aggreDeals", symbol: "BTCUSDT", interval: "100ms" });
export function onEvent(event: UserEvent): string {
  return event.type;
}
export const decoded = decodePush(new Uint8Array()).channel;
void client.close();
void channel;
`,
    );
    await writeFile(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          skipLibCheck: false,
          types: ["node"],
        },
        files: ["use.ts"],
      }),
    );
    const result = await run(process.execPath, [TSC, "-p", "tsconfig.json"], { cwd: dir, timeout: 60_000 }).catch(
      (error: { stdout: string }) => ({ stdout: error.stdout }),
    );
    expect(result.stdout).toBe("");
  }, 90_000); // tsc on a loaded 2-core machine takes longer than the suite's 20 s default
});
