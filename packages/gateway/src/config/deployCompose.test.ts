/**
 * compose.yaml read as Compose reads it (no Docker engine here: its text, its structure, and its
 * settings through the real loader). Every secret reaches a container as a Docker secret, a file
 * under /run/secrets read through the gateway's `_FILE` settings, so `docker inspect` shows a path,
 * never a key (issue 54 item 6); the default service's files become the account's key and secret;
 * every service's memory and tasks are bounded. test/container/run.mjs runs the file under Docker.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadSettings } from "./settings.js";
import { ENV_NAMES } from "./sources.js";

const ROOT = new URL("../../../../", import.meta.url);

interface ComposeService {
  readonly image?: string;
  readonly environment?: Record<string, string>;
  readonly secrets?: string[];
  readonly mem_limit?: string;
  readonly pids_limit?: number;
  readonly profiles?: string[];
}
const compose = parse(readFileSync(new URL("compose.yaml", ROOT), "utf8"), { merge: true }) as {
  services: Record<string, ComposeService>;
  secrets: Record<string, { file: string }>;
};
const services = Object.entries(compose.services);

/** The settings whose values are secrets: only their `_FILE` twins may stand in an environment. */
const SECRET_SETTINGS = [
  ENV_NAMES.apiKey,
  ENV_NAMES.apiSecret,
  ENV_NAMES.token,
  ENV_NAMES.busSecret,
  ENV_NAMES.redisPassword,
];
const isSecretVariable = (name: string) =>
  !name.endsWith("_FILE") && (SECRET_SETTINGS.includes(name) || /^MEXC_API_(KEY|SECRET)_[A-Z0-9_]+$/.test(name));

describe("compose.yaml", () => {
  const secretsDir = mkdtempSync(join(tmpdir(), "mexc-live-compose-secrets-"));
  afterAll(() => rmSync(secretsDir, { recursive: true, force: true }));

  it("hands no secret over in an environment variable: every one is a Docker secret's file", () => {
    expect(services.length).toBeGreaterThan(0);
    for (const [name, service] of services) {
      const environment = Object.entries(service.environment ?? {});
      for (const [variable] of environment) expect(isSecretVariable(variable), `${name}: ${variable}`).toBe(false);
      for (const [variable, value] of environment.filter(([variable]) => variable.endsWith("_FILE"))) {
        const secret = /^\/run\/secrets\/([a-z0-9_]+)$/.exec(value)?.[1];
        expect(secret, `${name}: ${variable}`).toBeDefined();
        expect(service.secrets, `${name}: ${variable}`).toContain(secret);
        expect(compose.secrets[secret!]?.file, `${name}: ${secret}`).toMatch(new RegExp(`/${secret}$`));
      }
    }
    // Redis reads its password from the secret's file too, not from its environment.
    expect(compose.services.redis?.environment).toBeUndefined();
    expect(compose.services.redis?.secrets).toEqual(["mexc_live_redis_password"]);
  });

  it("gives the default service the account's key and secret from its secret files", () => {
    const service = compose.services["mexc-live"]!;
    expect(service.profiles).toBeUndefined();
    writeFileSync(join(secretsDir, "mexc_api_key"), "mx0vglComposeKey1234\n");
    writeFileSync(join(secretsDir, "mexc_api_secret"), "0123456789abcdef0123456789abcdef\n");
    const env = Object.fromEntries(
      Object.entries(service.environment ?? {}).map(([variable, value]) => [
        variable,
        value.replace("/run/secrets", secretsDir).replace(/^\$\{[A-Z_]+:-\}$/, ""),
      ]),
    );
    const loaded = loadSettings({ argv: [], env, readFile: () => "{}" });
    if (loaded.help) throw new Error("help");
    expect(loaded.settings.mode).toBe("live");
    expect(loaded.settings.accounts[0]).toMatchObject({
      apiKey: "mx0vglComposeKey1234",
      apiSecret: "0123456789abcdef0123456789abcdef",
    });
    // Demo mode is a service of its own that holds no key at all.
    expect(compose.services.demo?.profiles).toEqual(["demo"]);
    expect(compose.services.demo?.secrets).toBeUndefined();
  });

  it("bounds every service's memory and tasks", () => {
    for (const [name, service] of services) {
      expect(service.mem_limit, name).toMatch(/^\d+[mg]$/);
      expect(service.pids_limit, name).toBeGreaterThan(0);
    }
    expect(compose.services["mexc-live"]).toMatchObject({ mem_limit: "1g", pids_limit: 128 });
  });
});
