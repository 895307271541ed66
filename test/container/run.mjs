#!/usr/bin/env node
// `npm run test:container`: builds the image and runs it as a self-hoster would (issue 42):
// health, demo data, non-root, the bind rule on a port published on all interfaces, `docker stop`
// exit 0, every fill kept when a new image starts on the same volume, the compose file's config,
// then the "several" profile (Redis + collector + two web instances) serving the same fills.
// Needs Docker (root to install it: .ci/run). A step that cannot run says why and the run fails:
// it never passes silently. Every step is timed. Containers, volumes and networks it made are
// removed at the end (names start with mlt-).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { networkInterfaces, tmpdir } from "node:os";
import { dirname, join } from "node:path";

const ROOT = new URL("../..", import.meta.url).pathname;
const DOCKER = process.env.DOCKER ?? "/usr/bin/docker";
const IMAGE = process.env.MEXC_LIVE_TEST_IMAGE ?? "mexc-live:test";
const OFFICIAL_NODE = "node:22-bookworm-slim";
const OFFICIAL_REDIS = "redis:7-bookworm";
const LOCAL_BASE = "mexc-live-base:bookworm";
const LOCAL_REDIS = "mexc-live-redis:local";
/** How long a pull may try before the registry counts as unreachable (Docker Hub here: DNS fails at once). */
const PULL_TIMEOUT_MS = 60_000;
/** An image build: npm ci with better-sqlite3 from source took 6.5 min on a loaded 2-core machine. */
const BUILD_TIMEOUT_MS = 20 * 60_000;
/** Health, first fills, backfill: demo mode shows fills within seconds of its start. */
const WAIT_MS = 90_000;
const POLL_MS = 1_000;
/** `docker stop` gives 10 s before SIGKILL; the gateway stops within 7 s (cli/start.ts). */
const STOP_LIMIT_MS = 10_000;
const PROJECT = "mlt-compose";
const SIM_PORT = 9100;

const started = Date.now();
const results = [];
const cleanups = [];

function docker(args, options = {}) {
  const run = spawnSync(DOCKER, args, { encoding: "utf8", timeout: options.timeout ?? 120_000, ...options });
  if (run.error) throw new Error(`docker ${args[0]}: ${run.error.message}`);
  if (run.status !== 0 && !options.allowFail) {
    throw new Error(
      `docker ${args.slice(0, 3).join(" ")} exited ${run.status}: ${(run.stderr || run.stdout).trim().slice(-800)}`,
    );
  }
  return run;
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function step(name, fn) {
  const t0 = Date.now();
  try {
    const note = await fn();
    results.push({ name, ok: true, ms: Date.now() - t0, note });
    console.log(`ok    ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)${note ? `: ${note}` : ""}`);
  } catch (error) {
    results.push({ name, ok: false, ms: Date.now() - t0, note: error.message });
    console.log(`FAIL  ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s): ${error.message}`);
    throw error;
  }
}

async function waitFor(what, fn, ms = WAIT_MS) {
  const deadline = Date.now() + ms;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await sleep(POLL_MS);
  }
  throw new Error(`${what}: not within ${ms / 1000} s${last ? ` (${last.message})` : ""}`);
}

async function get(url, token) {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, text: await response.text() };
}

/** The token the gateway made: in /data/access-token (issue 42), else its start-up log line. */
function tokenOf(container) {
  const file = docker(["exec", container, "cat", "/data/access-token"], { allowFail: true });
  if (file.status === 0 && file.stdout.trim() !== "") return file.stdout.trim();
  const logs = docker(["logs", container]).stdout;
  const match = /"token":"([^"]+)"/.exec(logs);
  if (!match) throw new Error(`${container}: no access token in /data/access-token or its log`);
  return match[1];
}

function hostPort(container) {
  return docker(["port", container, "8787/tcp"]).stdout.trim().split("\n")[0].split(":").pop();
}

/** Trade ids in the fills CSV export (first column), the whole history. */
async function fillIds(base, token) {
  const { status, text } = await get(`${base}/api/export/fills.csv`, token);
  if (status !== 200) throw new Error(`fills.csv answered ${status}`);
  return text
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split(",")[0]);
}

function run(name, args) {
  docker(["rm", "-f", name], { allowFail: true });
  cleanups.push(() => docker(["rm", "-f", name], { allowFail: true }));
  return docker(["run", "-d", "--name", name, ...args]).stdout.trim();
}

function volume(name) {
  docker(["volume", "rm", "-f", name], { allowFail: true });
  cleanups.push(() => docker(["volume", "rm", "-f", name], { allowFail: true }));
  return name;
}

function timedStop(container) {
  const t0 = Date.now();
  docker(["stop", "-t", String(STOP_LIMIT_MS / 1000), container], { timeout: STOP_LIMIT_MS + 20_000 });
  const ms = Date.now() - t0;
  const code = docker(["inspect", "-f", "{{.State.ExitCode}}", container]).stdout.trim();
  return { ms, code };
}

/** This machine's first non-loopback IPv4 address: a published port reached as another machine would. */
function outsideAddress() {
  for (const list of Object.values(networkInterfaces())) {
    for (const item of list ?? []) if (item.family === "IPv4" && !item.internal) return item.address;
  }
  return undefined;
}

function compose(args, env, options = {}) {
  const v2 = spawnSync(DOCKER, ["compose", "version"], { encoding: "utf8" }).status === 0;
  const [cmd, pre] = v2 ? [DOCKER, ["compose"]] : ["docker-compose", []];
  const out = spawnSync(cmd, [...pre, "-p", PROJECT, "-f", join(ROOT, "compose.yaml"), ...args], {
    encoding: "utf8",
    cwd: ROOT,
    // Compose v1 builds through the `docker` on PATH: Debian's, with BuildKit (the Dockerfile's secrets need it).
    env: {
      ...process.env,
      PATH: `${dirname(DOCKER)}:${process.env.PATH}`,
      DOCKER_BUILDKIT: "1",
      COMPOSE_DOCKER_CLI_BUILD: "1",
      ...env,
    },
    timeout: options.timeout ?? 180_000,
  });
  if (out.error || out.status !== 0) {
    throw new Error(
      `compose ${args.join(" ")}: ${out.error?.message ?? (out.stderr || out.stdout).trim().slice(-800)}`,
    );
  }
  return out.stdout;
}

async function main() {
  await step("docker daemon", () => {
    const info = spawnSync(DOCKER, ["info", "--format", "{{.ServerVersion}}"], { encoding: "utf8" });
    if (info.error || info.status !== 0) {
      throw new Error(
        `cannot reach the Docker daemon with ${DOCKER} (${(info.error?.message ?? info.stderr).trim()}): install docker.io and start dockerd as root`,
      );
    }
    return `server ${info.stdout.trim()}`;
  });

  let nodeImage = process.env.NODE_IMAGE;
  let redisImage = process.env.REDIS_IMAGE;
  await step("base images (a registry's, else made here)", () => {
    const pulled = (image) =>
      docker(["image", "inspect", image], { allowFail: true }).status === 0 ||
      docker(["pull", "-q", image], { allowFail: true, timeout: PULL_TIMEOUT_MS }).status === 0;
    const notes = [];
    if (nodeImage === undefined) {
      if (pulled(OFFICIAL_NODE)) nodeImage = OFFICIAL_NODE;
      else {
        execFileSync("bash", [join(ROOT, "test/container/localBase.sh"), LOCAL_BASE], { stdio: "inherit" });
        nodeImage = LOCAL_BASE;
        notes.push(`${OFFICIAL_NODE} cannot be pulled: local base ${LOCAL_BASE}`);
      }
    }
    if (redisImage === undefined) {
      if (pulled(OFFICIAL_REDIS)) redisImage = OFFICIAL_REDIS;
      else {
        const base = nodeImage === LOCAL_BASE ? LOCAL_BASE : nodeImage;
        docker(
          [
            "build",
            "-q",
            "--build-arg",
            `BASE=${base}`,
            "-f",
            join(ROOT, "test/container/redis.Dockerfile"),
            "-t",
            LOCAL_REDIS,
            join(ROOT, "test/container"),
          ],
          {
            env: { ...process.env, DOCKER_BUILDKIT: "1" },
            timeout: BUILD_TIMEOUT_MS,
          },
        );
        redisImage = LOCAL_REDIS;
        notes.push(`Redis from Debian as ${LOCAL_REDIS}`);
      }
    }
    return `node: ${nodeImage}, redis: ${redisImage}${notes.length ? ` (${notes.join("; ")})` : ""}`;
  });

  await step("image build", () => {
    const secrets = mkdtempSync(join(tmpdir(), "mlt-secrets-"));
    cleanups.push(() => rmSync(secrets, { recursive: true, force: true }));
    const args = ["build", "--build-arg", `NODE_IMAGE=${nodeImage}`, "-t", IMAGE];
    const registry = spawnSync("npm", ["config", "get", "registry"], { encoding: "utf8" }).stdout?.trim();
    if (registry) {
      writeFileSync(join(secrets, "npmrc"), `registry=${registry}\n`, { mode: 0o600 });
      args.push("--secret", `id=npmrc,src=${join(secrets, "npmrc")}`);
    }
    const ca =
      process.env.NODE_EXTRA_CA_CERTS ??
      spawnSync("npm", ["config", "get", "cafile"], { encoding: "utf8" }).stdout?.trim();
    if (ca && ca !== "null" && existsSync(ca)) args.push("--secret", `id=ca,src=${ca}`);
    docker([...args, ROOT], { env: { ...process.env, DOCKER_BUILDKIT: "1" }, timeout: BUILD_TIMEOUT_MS });
    const bytes = Number(docker(["image", "inspect", "-f", "{{.Size}}", IMAGE]).stdout.trim());
    return `${IMAGE}, ${(bytes / 1e6).toFixed(0)} MB`;
  });

  // MLT_PHASE=build: the images only (.ci/run builds them in the background while npm test runs;
  // the full run after it finds them in Docker's cache).
  if (process.env.MLT_PHASE === "build") return;

  // ---- demo mode, published on every interface
  const demo = "mlt-demo";
  run(demo, ["-p", "0.0.0.0::8787", "-v", `${volume("mlt-demo-data")}:/data`, IMAGE]);
  const demoBase = () => `http://127.0.0.1:${hostPort(demo)}`;
  let demoToken;
  await step("healthy (HEALTHCHECK) and demo fills arriving", async () => {
    await waitFor(
      "health",
      () => docker(["inspect", "-f", "{{.State.Health.Status}}", demo]).stdout.trim() === "healthy",
      120_000,
    );
    demoToken = tokenOf(demo);
    const first = await waitFor("demo fills", async () =>
      (await fillIds(demoBase(), demoToken)).length > 0 ? await fillIds(demoBase(), demoToken) : undefined,
    );
    const more = await waitFor("more fills", async () => {
      const now = await fillIds(demoBase(), demoToken);
      return now.length > first.length ? now : undefined;
    });
    return `${first.length} then ${more.length} fills`;
  });

  await step("runs as a user without privileges, data folder 0700", () => {
    const uid = docker(["exec", demo, "id", "-u"]).stdout.trim();
    const mode = docker(["exec", demo, "stat", "-c", "%a %U", "/data"]).stdout.trim();
    if (uid === "0") throw new Error("runs as root");
    if (!mode.startsWith("700 ")) throw new Error(`/data is ${mode}`);
    return `uid ${uid}, /data ${mode}`;
  });

  await step("bind rule: the published port serves no account data without the token", async () => {
    const port = hostPort(demo);
    const addresses = ["127.0.0.1", outsideAddress()].filter(Boolean);
    for (const address of addresses) {
      for (const path of ["/api/fills", "/api/balances", "/api/export/fills.csv"]) {
        const bare = await get(`http://${address}:${port}${path}`);
        if (bare.status !== 401 && bare.status !== 403)
          throw new Error(`${address}${path} without token: ${bare.status}`);
        if (bare.text.includes('"tradeId"') || bare.text.includes("USDT"))
          throw new Error(`${address}${path} leaked data`);
      }
    }
    const withToken = await get(`http://127.0.0.1:${port}/api/balances`, demoToken);
    if (withToken.status !== 200) throw new Error(`with the token: ${withToken.status}`);
    return `401/403 from ${addresses.join(" and ")}; 200 with the token`;
  });

  await step("docker stop: exit 0 within 10 s", () => {
    const { ms, code } = timedStop(demo);
    if (code !== "0" || ms >= STOP_LIMIT_MS) throw new Error(`exit ${code} after ${ms} ms`);
    return `exit 0 after ${ms} ms`;
  });

  // ---- live mode against a simulator container, then a new image on the same volume
  const sim = "mlt-sim";
  run(sim, [
    "-p",
    "127.0.0.1::8787",
    "--entrypoint",
    "node",
    IMAGE,
    "/app/packages/gateway/bin/mexc-live.js",
    "simulator",
    "--json",
    "--port",
    String(SIM_PORT),
    "--seed",
    "42",
    "--history-days",
    "3",
    "--no-demo-trader",
  ]);
  const creds = await waitFor("simulator", () => {
    const line = docker(["logs", sim])
      .stdout.split("\n")
      .find((l) => l.startsWith("{"));
    return line ? JSON.parse(line) : undefined;
  });
  const liveEnv = (restUrl) => [
    "-e",
    `MEXC_API_KEY=${creds.apiKey}`,
    "-e",
    `MEXC_API_SECRET=${creds.secretKey}`,
    "-e",
    `MEXC_REST_URL=${restUrl}`,
    "-e",
    `MEXC_WS_URL=${restUrl.replace("http", "ws")}/ws`,
  ];
  const liveVolume = volume("mlt-live-data");
  const simBase = () => `http://127.0.0.1:${hostPort(sim)}`;
  let kept;
  await step("live mode: the backfilled history stored in the volume", async () => {
    run("mlt-live-1", [
      "--network",
      `container:${sim}`,
      ...liveEnv(`http://127.0.0.1:${SIM_PORT}`),
      "-v",
      `${liveVolume}:/data`,
      IMAGE,
    ]);
    await waitFor("gateway up", async () => (await get(`${simBase()}/`)).status === 200);
    const token = await waitFor("token", () => tokenOf("mlt-live-1"));
    let previous = -1;
    kept = await waitFor(
      "history stored and stable",
      async () => {
        const health = JSON.parse((await get(`${simBase()}/api/health`, token)).text);
        const ids = await fillIds(simBase(), token);
        const stable = health.history?.state === "complete" && ids.length > 0 && ids.length === previous;
        previous = ids.length;
        return stable ? ids : undefined;
      },
      180_000,
    );
    const { ms, code } = timedStop("mlt-live-1");
    if (code !== "0") throw new Error(`stop: exit ${code}`);
    return `${kept.length} fills, stopped with exit 0 in ${ms} ms`;
  });

  await step("upgrade: a new image on the same volume serves every fill", async () => {
    const next = `${IMAGE.split(":")[0]}:upgrade-test`;
    docker(
      [
        "build",
        "-q",
        "--label",
        `mexc-live.upgrade-test=${Date.now()}`,
        "--build-arg",
        `NODE_IMAGE=${nodeImage}`,
        "-t",
        next,
        ROOT,
      ],
      {
        env: { ...process.env, DOCKER_BUILDKIT: "1" },
        timeout: BUILD_TIMEOUT_MS,
      },
    );
    cleanups.push(() => docker(["rmi", next], { allowFail: true }));
    // MEXC unreachable (nothing listens on that loopback port): whatever it serves comes from the volume alone.
    const dead = "http://127.0.0.1:59999";
    run("mlt-live-2", ["--network", `container:${sim}`, ...liveEnv(dead), "-v", `${liveVolume}:/data`, next]);
    const token = await waitFor("token", () => tokenOf("mlt-live-2"));
    const ids = await waitFor("fills served", async () => fillIds(simBase(), token));
    const missing = kept.filter((id) => !ids.includes(id));
    if (ids.length !== kept.length || missing.length > 0)
      throw new Error(`${ids.length} fills after the upgrade, ${kept.length} before, ${missing.length} missing`);
    timedStop("mlt-live-2");
    // The control: a new volume with the same keys has no fill at all.
    run("mlt-live-3", [
      "--network",
      `container:${sim}`,
      ...liveEnv(dead),
      "-v",
      `${volume("mlt-empty-data")}:/data`,
      next,
    ]);
    const emptyToken = await waitFor("token", () => tokenOf("mlt-live-3"));
    const none = await waitFor("answer", async () => fillIds(simBase(), emptyToken));
    if (none.length !== 0) throw new Error(`a new volume served ${none.length} fills`);
    timedStop("mlt-live-3");
    return `${ids.length} of ${kept.length} fills kept (a new volume: 0)`;
  });

  // ---- compose
  const token = "mlt-compose-token-0123456789abcdef0123456789";
  const env = {
    MEXC_LIVE_IMAGE: IMAGE,
    REDIS_IMAGE: redisImage,
    MEXC_LIVE_TOKEN: token,
    MEXC_LIVE_BUS_SECRET: "9f2c1e7a4b8d03f6e5a2c9b7d1e4f80a3c6b9e2d5f8a1c4e7b0d3f6a9c2e5b8d",
    MEXC_LIVE_REDIS_PASSWORD: "mlt-redis-password-0123456789",
    MEXC_LIVE_PORT: "18801",
    MEXC_LIVE_WEB1_PORT: "18802",
    MEXC_LIVE_WEB2_PORT: "18803",
  };
  await step("compose.yaml: config valid for both profiles", () => {
    compose(["config", "-q"], env);
    compose(["--profile", "several", "config", "-q"], env);
  });
  cleanups.push(() => compose(["--profile", "several", "down", "-v"], env));
  await step("docker compose up (the README's command): builds, serves the page, asks for the token", async () => {
    compose(["build", "mexc-live"], { ...env, NODE_IMAGE: nodeImage }, { timeout: BUILD_TIMEOUT_MS });
    compose(["up", "-d", "mexc-live"], env);
    const base = `http://127.0.0.1:${env.MEXC_LIVE_PORT}`;
    await waitFor("page", async () => (await get(`${base}/`)).status === 200);
    const bare = await get(`${base}/api/balances`);
    const withToken = await get(`${base}/api/balances`, token);
    if (bare.status !== 401 || withToken.status !== 200)
      throw new Error(`balances: ${bare.status} bare, ${withToken.status} with the token`);
    compose(["stop", "mexc-live"], env);
    return "page 200, balances 401 without the token, 200 with it";
  });
  await step("profile several: Redis, a collector, two web instances serving the same fills", async () => {
    compose(["--profile", "several", "up", "-d", "--no-build", "redis", "collector", "web1", "web2"], env);
    const one = `http://127.0.0.1:${env.MEXC_LIVE_WEB1_PORT}`;
    const two = `http://127.0.0.1:${env.MEXC_LIVE_WEB2_PORT}`;
    const firstIds = await waitFor(
      "fills on web1",
      async () => {
        const ids = await fillIds(one, token);
        return ids.length > 0 ? ids : undefined;
      },
      120_000,
    );
    const both = await waitFor("web2 serves web1's fills", async () => {
      const ids = await fillIds(two, token);
      return firstIds.every((id) => ids.includes(id)) ? ids : undefined;
    });
    const bare = await get(`${one}/api/fills`);
    if (bare.status !== 401) throw new Error(`web1 without the token: ${bare.status}`);
    return `web1 ${firstIds.length} fills, web2 ${both.length} (all of web1's)`;
  });
}

let failed = false;
try {
  await main();
} catch {
  failed = true;
} finally {
  for (const cleanup of cleanups.reverse()) {
    try {
      cleanup();
    } catch (error) {
      console.log(`cleanup: ${error.message}`);
    }
  }
}
const total = ((Date.now() - started) / 1000).toFixed(0);
console.log(
  `\n${results.filter((r) => r.ok).length}/${results.length} steps passed in ${total} s${failed ? "; FAILED (the step above says why; later steps did not run)" : ""}`,
);
if (process.env.MLT_TIMINGS) writeFileSync(process.env.MLT_TIMINGS, JSON.stringify(results, null, 2));
process.exit(failed ? 1 : 0);
