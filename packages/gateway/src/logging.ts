/**
 * The gateway's logger: pino (JSON lines, to stderr by default) with two layers against leaks.
 *  1. `redact`: every field that holds a secret by name (apiKey, apiSecret, secret, token,
 *     listenKey, the authorization / cookie / x-mexc-apikey headers) is censored wherever pino
 *     finds it.
 *  2. A final scrubber on each finished line: the configured secret values (API key, secret,
 *     browser token, listen keys as they become known, alert channels' tokens) are masked
 *     wherever they appear in a value or a key (a message, an error text, a URL), and so are
 *     `listenKey=` / `signature=` / `token=` query values and URL passwords: the client's masking
 *     rules (redact.ts). A line that holds one is read as JSON, scrubbed string by string and
 *     written again, so no secret, whatever its characters (`"level"`, `","`), can break a line.
 * The client already masks what it logs; this is the net under it.
 */
import { MIN_REDACTED_LENGTH, REDACTED, redactSecrets } from "@mexc-live/client/internals";
import pino, { type DestinationStream, type Logger } from "pino";

export type { Logger };

const SECRET_FIELDS = ["apiKey", "apiSecret", "secret", "secretKey", "token", "listenKey", "password"];
const HEADER_FIELDS = ["authorization", "cookie", '"set-cookie"', '"x-mexc-apikey"'];

/** Every path pino redacts: the fields at the top level and one level down, and request/response headers. */
const REDACT_PATHS: readonly string[] = [
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((field) => `*.${field}`),
  ...["headers", "req.headers", "res.headers", "request.headers", "*.headers"].flatMap((parent) =>
    HEADER_FIELDS.map((header) => (header.startsWith('"') ? `${parent}[${header}]` : `${parent}.${header}`)),
  ),
];

export interface SecretScrubber {
  /** Adds a value to mask from now on (e.g. a listen key as soon as it is known). */
  add(secret: string | undefined): void;
  scrub(text: string): string;
  /** One JSON log line with the secrets out of its strings; still the same JSON otherwise. */
  scrubLine(line: string): string;
}

export function createScrubber(initial: Iterable<string | undefined> = []): SecretScrubber {
  const secrets = new Set<string>();
  const add = (secret: string | undefined) => {
    if (secret !== undefined && secret.length >= MIN_REDACTED_LENGTH) secrets.add(secret);
  };
  for (const secret of initial) add(secret);
  const scrub = (text: string) => redactSecrets(text, secrets);
  const scrubLine = (line: string) => {
    // Most lines hold nothing to mask: written as they are.
    if (scrub(line) === line) return line;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      return scrub(line);
    }
    return `${JSON.stringify(scrubStrings(parsed, scrub))}${line.endsWith("\n") ? "\n" : ""}`;
  };
  return { add, scrub, scrubLine };
}

/** `value` with `scrub` applied to every string in it, keys included. */
function scrubStrings(value: unknown, scrub: (text: string) => string): unknown {
  if (typeof value === "string") return scrub(value);
  if (Array.isArray(value)) return value.map((item) => scrubStrings(item, scrub));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[scrub(key)] = scrubStrings(item, scrub);
  return out;
}

export interface LoggerOptions {
  readonly level: string;
  /** Values masked in every line. */
  readonly secrets?: Iterable<string | undefined>;
  /** Default: stderr, synchronous (a killed process loses no line). */
  readonly destination?: DestinationStream;
  readonly name?: string;
}

export interface GatewayLogger {
  readonly logger: Logger;
  readonly scrubber: SecretScrubber;
}

export function createLogger(options: LoggerOptions): GatewayLogger {
  const scrubber = createScrubber(options.secrets);
  const logger = pino(
    {
      name: options.name ?? "mexc-live",
      level: options.level,
      redact: { paths: [...REDACT_PATHS], censor: REDACTED },
      hooks: { streamWrite: (line) => scrubber.scrubLine(line) },
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    },
    options.destination ?? pino.destination({ dest: 2, sync: true }),
  );
  return { logger, scrubber };
}

/**
 * A log line that a client can cause (a refused topic, a forged message) is written at most once
 * per `intervalMs` per kind; the next one says how many were left out. A connection cannot
 * flood the log.
 */
export function throttledLog(intervalMs: number, now: () => number = Date.now) {
  const last = new Map<string, { at: number; suppressed: number }>();
  return (kind: string, write: (suppressed: number) => void): void => {
    const entry = last.get(kind);
    const at = now();
    if (entry !== undefined && at - entry.at < intervalMs) {
      entry.suppressed++;
      return;
    }
    write(entry?.suppressed ?? 0);
    last.set(kind, { at, suppressed: 0 });
  };
}
