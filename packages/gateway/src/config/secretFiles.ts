/**
 * Secrets from files: `MEXC_API_SECRET_FILE=/run/secrets/mexc_secret` reads MEXC_API_SECRET from
 * that file, the convention of Docker secrets (`/run/secrets/NAME`) and of systemd's
 * `LoadCredential=` (`$CREDENTIALS_DIRECTORY/NAME`): the secret is never in the process's
 * environment listing, a unit file or a compose file.
 *
 * Every secret variable has its `_FILE` twin: MEXC_API_KEY, MEXC_API_SECRET, their per-account
 * forms (MEXC_API_KEY_<NAME>, MEXC_API_SECRET_<NAME>), MEXC_LIVE_TOKEN, MEXC_LIVE_BUS_SECRET and
 * MEXC_LIVE_REDIS_PASSWORD. A variable that ends in `_FILE` is always a file's path, so no
 * account can be named "file". Setting a variable and its `_FILE` twin at once is refused (which
 * one wins would be a guess). The file's content is trimmed (`echo secret > file` adds a newline).
 * A missing, unreadable, empty, oversized or non-regular file is one SettingsError line naming
 * the variable and the path, never the content.
 */
import { SettingsError } from "../errors.js";
import { readRegularFile, reasonOf } from "./regularFile.js";
import { ENV_NAMES } from "./sources.js";

/**
 * The most a secret file may hold: 4 KiB. The longest secret read this way is a bus secret or a
 * token of a few dozen characters (a MEXC key and secret are 32-64); a longer file is not a secret
 * file (a log, a database, /dev/zero), and reading it whole would only cost memory.
 */
export const MAX_SECRET_FILE_BYTES = 4096;

const FILE_SUFFIX = "_FILE";

/** The secret variables that may be given as files: the fixed names, then the per-account forms. */
const SECRET_VARIABLES: ReadonlySet<string> = new Set(
  [ENV_NAMES.apiKey, ENV_NAMES.apiSecret, ENV_NAMES.token, ENV_NAMES.busSecret, ENV_NAMES.redisPassword].filter(
    (name): name is string => name !== undefined,
  ),
);
const PER_ACCOUNT_SECRET = /^MEXC_API_(KEY|SECRET)_[A-Z0-9_]{1,32}$/;

/** A secret's environment variable read from a file: the variable, and where its value came from. */
interface SecretFromFile {
  readonly variable: string;
  /** `MEXC_API_SECRET_FILE`: what a message about the value names. */
  readonly fileVariable: string;
}

interface ResolvedEnv {
  /** The environment with each `X_FILE` replaced by `X` holding the file's trimmed content. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The variables whose values came from files, by variable name. */
  readonly fromFiles: ReadonlyMap<string, SecretFromFile>;
}

/** Reads a secret file (tests pass a fake); throws with a short reason, never the content. */
export type ReadSecretFile = (path: string) => string;

/** The secret variable `X_FILE` stands for, or undefined when it names none. */
function secretOf(fileVariable: string): string | undefined {
  if (!fileVariable.endsWith(FILE_SUFFIX)) return undefined;
  const variable = fileVariable.slice(0, -FILE_SUFFIX.length);
  return SECRET_VARIABLES.has(variable) || PER_ACCOUNT_SECRET.test(variable) ? variable : undefined;
}

/** Replaces every secret `_FILE` variable of `env` with the secret it names; throws SettingsError naming the variable. */
export function resolveSecretFiles(
  env: Readonly<Record<string, string | undefined>>,
  read: ReadSecretFile = readSecretFile,
): ResolvedEnv {
  const resolved: Record<string, string | undefined> = { ...env };
  const fromFiles = new Map<string, SecretFromFile>();
  for (const fileVariable of Object.keys(env).sort()) {
    const variable = secretOf(fileVariable);
    const path = env[fileVariable]?.trim();
    if (variable === undefined) continue;
    delete resolved[fileVariable];
    if (path === undefined || path === "") continue;
    if ((env[variable] ?? "").trim() !== "") {
      throw new SettingsError(`${variable} and ${fileVariable} are both set: keep one (the file is the safer place)`);
    }
    let content: string;
    try {
      content = read(path).trim();
    } catch (error) {
      throw new SettingsError(`${fileVariable}: ${path} cannot be read (${reasonOf(error)})`);
    }
    if (content === "") throw new SettingsError(`${fileVariable}: ${path} is empty`);
    resolved[variable] = content;
    fromFiles.set(variable, { variable, fileVariable });
  }
  return { env: resolved, fromFiles };
}

function readSecretFile(path: string): string {
  return readRegularFile(path, MAX_SECRET_FILE_BYTES);
}
