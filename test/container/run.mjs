#!/usr/bin/env node
// `npm run test:container`: builds the image and runs it as a self-hoster would (issue 42):
// health, demo data, non-root, the bind rule on a port published on all interfaces, `docker stop`
// exit 0, every fill kept when a new image starts on the same volume, the compose file's config,
// and the "several" profile (Redis, a collector per account, two web instances) against a
// simulator, a fill of each account made after the start reaching both web instances live. What
// waits on a container's clock overlaps: the live mode's simulator and its backfill, the demo and
// the "several" profile start first and are checked in turn (75 s alone, against 113-117 s one
// after the other, 2026-11-29).
// Needs Docker (root to install it: .ci/run). A step that cannot run says why and the run fails:
// it never passes silently. Every step is timed. Containers, volumes and networks it made are
// removed at the end (names start with mlt-).
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { networkInterfaces, tmpdir } from "node:os";
import { dirname, join } from "node:path";

const ROOT = new URL("../..", import.meta.url).pathname;
const DOCKER = process.env.DOCKER ?? "/usr/bin/docker";
const IMAGE = process.env.MEXC_LIVE_TEST_IMAGE ?? "mexc-live:test";
const OFFICIAL_NODE = "node:22-bookworm-slim";
const OFFICIAL_REDIS = "redis:7-bookworm";
/** localBase.sh's default: Node 22 (the engines floor, the official image's major) on Debian bookworm. */
const LOCAL_BASE = "mexc-live-base:node22-bookworm";
/** The Node major the image runs, on either base. */
const NODE_MAJOR = "22";
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
/** The "several" profile's test simulator (compose.simulator.yaml) and the two accounts' collectors. */
const COMPOSE_FILES = ["compose.yaml"];
const COMPOSE_SIMULATOR = [...COMPOSE_FILES, "test/container/compose.simulator.yaml"];
/** How long a demo trader may take to fill an order on each account, once the collectors are up. */
const LIVE_FILL_WAIT_MS = 180_000;

const started = Date.now();
const results = [];
const cleanups = [];
/** What a step could not check, repeated at the end: a run with one passes, but says so. */
const warnings = [];

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

/**
 * A WebSocket upgrade at `url` (the dashboard's /stream): 101 when the gateway takes it, else
 * the status and body it refused it with.
 */
function upgrade(url, token) {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      headers: {
        connection: "Upgrade",
        upgrade: "websocket",
        "sec-websocket-version": "13",
        "sec-websocket-key": randomBytes(16).toString("base64"),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      timeout: 10_000,
    });
    req.on("upgrade", (_response, socket) => {
      socket.destroy();
      resolve({ status: 101, text: "" });
    });
    req.on("response", (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => {
        text += chunk;
      });
      response.on("end", () => resolve({ status: response.statusCode, text }));
    });
    req.on("timeout", () => req.destroy(new Error(`${url}: no answer to the upgrade within 10 s`)));
    req.on("error", reject);
    req.end();
  });
}

/**
 * A Server-Sent Events stream (`/events?topics=...`): every message the gateway sends, as it
 * arrives. `close()` ends it.
 */
async function events(url, token) {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  const messages = [];
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk, { stream: true });
      let end = buffer.indexOf("\n\n");
      while (end >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        for (const line of frame.split("\n")) if (line.startsWith("data: ")) messages.push(JSON.parse(line.slice(6)));
        end = buffer.indexOf("\n\n");
      }
    }
  })().catch(() => {});
  return {
    messages,
    close: async () => {
      abort.abort();
      await reading;
    },
  };
}

/**
 * Trade ids of the fills a stream pushed as updates on `topic` (batches, not the snapshot) that
 * MEXC made at `since` or later and that came from the account's stream (not a backfill).
 */
function pushedFills(stream, topic, since) {
  return stream.messages
    .filter((message) => message.type === "batch")
    .flatMap((message) => message.updates)
    .filter((update) => update.topic === topic && update.data.source === "stream" && update.data.time >= since)
    .map((update) => update.data.tradeId);
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

/** Trade ids in the fills CSV export (its `tradeId` column), the whole history. */
async function fillIds(base, token, account) {
  const { status, text } = await get(`${base}/api/export/fills.csv${account ? `?account=${account}` : ""}`, token);
  if (status !== 200) throw new Error(`fills.csv answered ${status}`);
  const [header = "", ...rows] = text.trim().split("\n");
  const column = header.split(",").indexOf("tradeId");
  if (column < 0) throw new Error(`fills.csv has no tradeId column (header: ${header.slice(0, 200)})`);
  return rows.map((line) => line.split(",")[column]);
}

function run(name, args) {
  docker(["rm", "-f", "-v", name], { allowFail: true });
  // -v: the anonymous volume a container without -v /data gets (the image declares VOLUME /data).
  cleanups.push(() => docker(["rm", "-f", "-v", name], { allowFail: true }));
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

/**
 * This machine's first IPv4 address that is neither loopback nor Docker's own (docker0, br-*,
 * veth*): a published port reached as another machine on the network would. Undefined when it
 * has none (the bind-rule step then says it checked loopback only, and the run ends with a warning).
 */
function outsideAddress() {
  for (const [name, list] of Object.entries(networkInterfaces())) {
    if (/^(docker|br-|veth)/.test(name)) continue;
    for (const item of list ?? []) if (item.family === "IPv4" && !item.internal) return `${item.address} (${name})`;
  }
  return undefined;
}

function compose(args, env, options = {}) {
  const v2 = spawnSync(DOCKER, ["compose", "version"], { encoding: "utf8" }).status === 0;
  const [cmd, pre] = v2 ? [DOCKER, ["compose"]] : ["docker-compose", []];
  const files = (options.files ?? COMPOSE_FILES).flatMap((file) => ["-f", join(ROOT, file)]);
  const out = spawnSync(cmd, [...pre, "-p", PROJECT, ...files, ...args], {
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

  // ---- live mode against a simulator container, then a new image on the same volume: started
  // first, so its backfill (~40 s at the live pace) runs while the demo's steps do.
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
  run("mlt-live-1", [
    "--network",
    `container:${sim}`,
    ...liveEnv(`http://127.0.0.1:${SIM_PORT}`),
    "-v",
    `${liveVolume}:/data`,
    IMAGE,
  ]);

  // ---- demo mode, published on every interface
  const demo = "mlt-demo";
  // The image's own command, and a busy demo trader: since the demo's month of history comes in
  // ~25 s (its own backfill pace), the fills seen arriving are live ones, not the history's
  // (the demo's default pace is about a fill an hour: none in 90 s).
  // The image's HEALTHCHECK (its command, timeout and retries) asked every 2 s rather than its 30 s:
  // the step then waits for the gateway, not for the first interval to pass (28 s of every CI run).
  run(demo, [
    ...["-p", "0.0.0.0::8787", "-v", `${volume("mlt-demo-data")}:/data`, "--health-interval", "2s", IMAGE],
    ...["start", "--host", "0.0.0.0", "--port", "8787", "--data", "/data", "--demo-fills-per-day", "20000"],
  ]);
  const demoBase = () => `http://127.0.0.1:${hostPort(demo)}`;
  let demoToken;
  // ---- compose
  // The secrets' files (compose.yaml's Docker secrets), in a folder of the test's own
  // (MEXC_LIVE_SECRETS), readable by the containers' users (uid 10001, Redis's root shell).
  const secretsDir = mkdtempSync(join(tmpdir(), "mlt-compose-secrets-"));
  cleanups.push(() => rmSync(secretsDir, { recursive: true, force: true }));
  const secretValues = {
    // Made for this run: no secret's value is written in the test.
    mexc_live_bus_secret: randomBytes(32).toString("hex"),
    mexc_live_redis_password: `mlt-redis-${randomBytes(12).toString("hex")}`,
  };
  const writeSecrets = (values) => {
    for (const [name, value] of Object.entries(values))
      writeFileSync(join(secretsDir, name), `${value}\n`, { mode: 0o444 });
  };
  // The accounts' files exist before the simulator's keys are known: compose reads every secret.
  writeSecrets({
    ...secretValues,
    mexc_api_key: "-",
    mexc_api_secret: "-",
    mexc_api_key_sub1: "-",
    mexc_api_secret_sub1: "-",
  });
  const env = {
    MEXC_LIVE_IMAGE: IMAGE,
    REDIS_IMAGE: redisImage,
    MEXC_LIVE_SECRETS: secretsDir,
    MEXC_LIVE_PORT: "18801",
    MEXC_LIVE_WEB1_PORT: "18802",
    MEXC_LIVE_WEB2_PORT: "18803",
  };
  /** The token a compose service made into its volume. */
  const tokenIn = (service, environment, options) =>
    compose(["exec", "-T", service, "cat", "/data/access-token"], environment, options).trim();
  // The test's simulator for the "several" profile (compose.simulator.yaml needs the door's path).
  const door = { MLT_DOOR: join(ROOT, "test/container/simulatorDoor.mjs") };
  await step("compose.yaml: config valid for both profiles", () => {
    compose(["config", "-q"], env);
    compose(["--profile", "several", "config", "-q"], env);
    compose(["--profile", "several", "config", "-q"], { ...env, ...door }, { files: COMPOSE_SIMULATOR });
  });
  cleanups.push(() =>
    compose(["--profile", "several", "down", "-v"], { ...env, ...door }, { files: COMPOSE_SIMULATOR }),
  );
  // The "several" profile starts here, so its collectors' backfill and first fills run while the
  // demo, the live mode, the upgrade and the README's demo are checked (one after the other, the
  // profile took 30-35 s of the ~2 min after npm test); what it must show is checked last.
  const files = { files: COMPOSE_SIMULATOR };
  const keys = { ...env, ...door };
  await step(
    "profile several: Redis, a collector per account and two web instances started, each collector holding its own account's key alone",
    async () => {
      compose(["--profile", "several", "up", "-d", "--no-build", "simulator"], keys, files);
      const simKeys = await waitFor("the simulator's keys in its log", () => {
        const logs = compose(["logs", "--no-color", "simulator"], keys, files);
        const line = /\{"rest".*\}/.exec(logs)?.[0];
        return line ? JSON.parse(line) : undefined;
      });
      const [main, sub1] = simKeys.accounts;
      if (sub1 === undefined) throw new Error(`the simulator has ${simKeys.accounts.length} account(s), not 2`);
      // What ./secrets would hold: every account's key and secret (compose.yaml gives each collector its own).
      writeSecrets({
        mexc_api_key: main.apiKey,
        mexc_api_secret: main.secretKey,
        mexc_api_key_sub1: sub1.apiKey,
        mexc_api_secret_sub1: sub1.secretKey,
      });
      const secretTexts = [main.apiKey, main.secretKey, sub1.apiKey, sub1.secretKey, ...Object.values(secretValues)];
      const services = ["redis", "collector-main", "collector-sub1", "web1", "web2"];
      compose(["--profile", "several", "up", "-d", "--no-build", ...services], keys, files);
      // Each collector holds its own account's key and secret, no other's, as files: `docker
      // inspect` shows their paths and no secret's value (names compared, values only searched).
      const inspected = (service) => {
        const id = compose(["ps", "-q", service], keys, files).trim();
        return JSON.parse(docker(["inspect", "--format", "{{json .Config.Env}}", id]).stdout);
      };
      const expected = {
        "collector-main": "MEXC_API_KEY_FILE,MEXC_API_SECRET_FILE",
        "collector-sub1": "MEXC_API_KEY_SUB1_FILE,MEXC_API_SECRET_SUB1_FILE",
      };
      for (const [service, names] of Object.entries(expected)) {
        const environment = inspected(service);
        const held = environment
          .map((entry) => entry.slice(0, entry.indexOf("=")))
          .filter((name) => /^MEXC_API_(KEY|SECRET)/.test(name))
          .sort()
          .join(",");
        if (held !== names) throw new Error(`${service} holds ${held || "no key"}, not ${names} alone`);
        if (secretTexts.some((secret) => environment.some((entry) => entry.includes(secret))))
          throw new Error(`${service}: docker inspect shows a secret's value`);
      }
      return "docker inspect: each collector's key and secret as files of its own, no secret's value";
    },
  );
  // Then, while the steps below run: each web instance's token, both accounts live on each
  // (learned from the collectors' announcements on Redis), and both instances' live streams,
  // opened; a fill counts when MEXC made it after that. Awaited, and a failure reported, by the
  // profile's last step.
  const webs = [env.MEXC_LIVE_WEB1_PORT, env.MEXC_LIVE_WEB2_PORT].map((port) => `http://127.0.0.1:${port}`);
  const topics = { main: "fills", sub1: "account.sub1.fills" };
  const severalOpen = (async () => {
    // Each web instance made its own token into its volume.
    const tokens = await waitFor("the web instances' tokens", () => [
      tokenIn("web1", keys, files),
      tokenIn("web2", keys, files),
    ]);
    for (const [index, web] of webs.entries()) {
      await waitFor(
        `${web}: accounts main and sub1, each live`,
        async () => {
          const answer = await get(`${web}/api/accounts`, tokens[index]);
          if (answer.status !== 200) return undefined;
          const names = JSON.parse(answer.text).items.map((item) => `${item.name}:${item.mode}`);
          return names.sort().join(",") === "main:live,sub1:live" ? names : undefined;
        },
        120_000,
      );
    }
    const since = Date.now();
    const streams = await Promise.all(
      webs.map((web, index) => events(`${web}/events?topics=${Object.values(topics).join(",")}`, tokens[index])),
    );
    cleanups.push(() => {
      for (const stream of streams) void stream.close();
    });
    return { tokens, since, streams };
  })();
  severalOpen.catch(() => {});

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

  await step(`runs Node ${NODE_MAJOR} as a user without privileges, data folder 0700`, () => {
    const uid = docker(["exec", demo, "id", "-u"]).stdout.trim();
    const mode = docker(["exec", demo, "stat", "-c", "%a %U", "/data"]).stdout.trim();
    const node = docker(["exec", demo, "node", "--version"]).stdout.trim();
    if (uid === "0") throw new Error("runs as root");
    if (!mode.startsWith("700 ")) throw new Error(`/data is ${mode}`);
    if (!node.startsWith(`v${NODE_MAJOR}.`)) throw new Error(`the image runs node ${node}, not ${NODE_MAJOR}`);
    return `node ${node}, uid ${uid}, /data ${mode}`;
  });

  await step("bind rule: the published port serves no account data without the token", async () => {
    const port = hostPort(demo);
    const outside = outsideAddress();
    if (outside === undefined) {
      const warning =
        "WARNING: this machine has no IPv4 address besides loopback and Docker's own: the published port was checked from 127.0.0.1 ONLY, not as another machine would reach it";
      warnings.push(warning);
      console.log(warning);
    }
    const addresses = ["127.0.0.1", outside?.split(" ")[0]].filter(Boolean);
    // Every door to account data: the API, the CSV export, the metrics, the SSE and WebSocket streams.
    const paths = ["/api/fills", "/api/balances", "/api/export/fills.csv", "/metrics", "/events?topics=fills,balances"];
    for (const address of addresses) {
      const base = `http://${address}:${port}`;
      for (const path of paths) {
        const bare = await get(`${base}${path}`);
        if (bare.status !== 401 && bare.status !== 403)
          throw new Error(`${address}${path} without token: ${bare.status}`);
        if (/"tradeId"|USDT|gateway_|# HELP|data: /.test(bare.text)) throw new Error(`${address}${path} leaked data`);
      }
      const stream = await upgrade(`${base}/stream`);
      if (stream.status !== 401 && stream.status !== 403)
        throw new Error(`${address}/stream upgrade without token: ${stream.status}`);
    }
    // The control: the same doors open with the token (so the refusals above are the token's).
    const base = `http://127.0.0.1:${port}`;
    for (const path of ["/api/balances", "/metrics"]) {
      const withToken = await get(`${base}${path}`, demoToken);
      if (withToken.status !== 200) throw new Error(`${path} with the token: ${withToken.status}`);
    }
    const sse = await events(`${base}/events?topics=balances`, demoToken);
    await sse.close();
    const stream = await upgrade(`${base}/stream`, demoToken);
    if (stream.status !== 101) throw new Error(`/stream with the token: ${stream.status} ${stream.text.slice(0, 200)}`);
    return `${paths.length} paths and the /stream upgrade: 401/403 from ${outside === undefined ? "127.0.0.1 ONLY (no other address)" : `127.0.0.1 and ${outside}`}; with the token 200, SSE 200, upgrade 101`;
  });

  await step("docker stop: exit 0 within 10 s", () => {
    const { ms, code } = timedStop(demo);
    if (code !== "0" || ms >= STOP_LIMIT_MS) throw new Error(`exit ${code} after ${ms} ms`);
    return `exit 0 after ${ms} ms`;
  });

  await step("docker compose up -d demo (the README's command): serves the page, asks for the token", async () => {
    // Compose 1.29 (Debian 12's docker-compose) cannot pass build secrets (its schema refuses
    // build.secrets), so where npm needs its registry setting or CA, the image is built with
    // `docker build --secret` (above) and Compose runs it (docs/deploy.md). `compose build` here
    // proves the build section (context, NODE_IMAGE) matches that image: every layer from cache.
    compose(["build", "mexc-live"], { ...env, NODE_IMAGE: nodeImage }, { timeout: BUILD_TIMEOUT_MS });
    compose(["up", "-d", "demo"], env);
    const base = `http://127.0.0.1:${env.MEXC_LIVE_PORT}`;
    await waitFor("page", async () => (await get(`${base}/`)).status === 200);
    const token = await waitFor("the demo's token", () => tokenIn("demo", env));
    const bare = await get(`${base}/api/balances`);
    const withToken = await get(`${base}/api/balances`, token);
    if (bare.status !== 401 || withToken.status !== 200)
      throw new Error(`balances: ${bare.status} bare, ${withToken.status} with the token`);
    compose(["stop", "demo"], env);
    return "compose build (from cache) and up; page 200, balances 401 without the token, 200 with it";
  });
  await step("live mode: the backfilled history stored in the volume", async () => {
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
    // Each part timed in the note: the step takes 14-17 s in CI; its build took ~50 s while a packed
    // library's prepack had files in the context (#109, #111, #113: .dockerignore leaves them out).
    const lap = (() => {
      let t = Date.now();
      return () => {
        const s = ((Date.now() - t) / 1000).toFixed(1);
        t = Date.now();
        return s;
      };
    })();
    const build = docker(
      [
        "build",
        "--progress=plain",
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
    const built = lap();
    // Every layer should come from the cache: when the build is slow, say which steps ran
    // (BuildKit's plain progress: "#7 [build 3/16] RUN ..." and, for a cached one, "#7 CACHED").
    if (Number(built) > 10) {
      const lines = build.stderr.split("\n");
      const cached = new Set(lines.map((line) => /^#(\d+) CACHED/.exec(line)?.[1]).filter(Boolean));
      const ran = lines.filter(
        (line) => /^#(\d+) \[(?!internal)[^\]]*\] (?!FROM )/.test(line) && !cached.has(line.split(" ")[0].slice(1)),
      );
      console.log(`upgrade build ${built} s; the steps not from the cache:\n${[...new Set(ran)].join("\n") || "none"}`);
    }
    // MEXC unreachable (nothing listens on that loopback port): whatever it serves comes from the volume alone.
    const dead = "http://127.0.0.1:59999";
    run("mlt-live-2", ["--network", `container:${sim}`, ...liveEnv(dead), "-v", `${liveVolume}:/data`, next]);
    const token = await waitFor("token", () => tokenOf("mlt-live-2"));
    const ids = await waitFor("fills served", async () => fillIds(simBase(), token));
    const missing = kept.filter((id) => !ids.includes(id));
    if (ids.length !== kept.length || missing.length > 0)
      throw new Error(`${ids.length} fills after the upgrade, ${kept.length} before, ${missing.length} missing`);
    timedStop("mlt-live-2");
    const served = lap();
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
    return `${ids.length} of ${kept.length} fills kept (a new volume: 0); built in ${built} s, served in ${served} s, the new volume in ${lap()} s`;
  });

  await step("profile several: each account's new fills reach both web instances live", async () => {
    const { tokens, since, streams } = await severalOpen;
    const tokenOfWeb = (web) => tokens[webs.indexOf(web)];
    const arrived = {};
    for (const [account, topic] of Object.entries(topics)) {
      arrived[account] = await waitFor(
        `a new ${account} fill pushed to both web instances`,
        () => {
          const [one, two] = streams.map((stream) => pushedFills(stream, topic, since));
          return one.find((id) => two.includes(id));
        },
        LIVE_FILL_WAIT_MS,
      );
    }
    // The same fills in each web instance's history, asked of the account's own collector.
    for (const web of webs) {
      for (const [account, id] of Object.entries(arrived)) {
        const ids = await waitFor(`${account}'s history on ${web}`, async () => {
          const list = await fillIds(web, tokenOfWeb(web), account);
          return list.includes(id) ? list : undefined;
        });
        if (!ids.includes(id)) throw new Error(`${web}: ${account}'s history lacks ${id}`);
      }
    }
    const bare = await get(`${webs[0]}/api/fills`);
    if (bare.status !== 401) throw new Error(`web1 without the token: ${bare.status}`);
    return `fills made after the streams opened, pushed live to web1 and web2 and in both histories: main ${arrived.main}, sub1 ${arrived.sub1}`;
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
for (const warning of warnings) console.log(warning);
if (process.env.MLT_TIMINGS) writeFileSync(process.env.MLT_TIMINGS, JSON.stringify(results, null, 2));
process.exit(failed ? 1 : 0);
