/**
 * The gateway's logger: pino (JSON lines, to stderr by default) with two layers against leaks.
 *  1. `redact`: every field that holds a secret by name (apiKey, apiSecret, secret, token,
 *     listenKey, the authorization / cookie / x-mexc-apikey headers) is censored wherever pino
 *     finds it.
 *  2. A final scrubber on each finished line: the configured secret values (API key, secret,
 *     browser token, listen keys as they become known), raw or JSON-escaped, are masked wherever
 *     they appear (a message, an error text, a URL), and so are `listenKey=` / `signature=` /
 *     `token=` query values.
 * The client already masks what it logs; this is the net under it.
 */
import pino, { type DestinationStream, type Logger } from "pino";

export type { Logger };

export const REDACTED = "[redacted]";
/** Characters of a secret left visible, enough to tell two keys apart (the client masks the same way). */
const VISIBLE_PREFIX = 4;
/** Shorter "secrets" are not scrubbed (they would mask ordinary words). */
const MIN_SCRUBBED_LENGTH = 6;

const SECRET_FIELDS = ["apiKey", "apiSecret", "secret", "secretKey", "token", "listenKey", "password"];
const HEADER_FIELDS = ["authorization", "cookie", '"set-cookie"', '"x-mexc-apikey"'];

/** Every path pino redacts: the fields at the top level and one level down, and request/response headers. */
export const REDACT_PATHS: readonly string[] = [
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((field) => `*.${field}`),
  ...["headers", "req.headers", "res.headers", "request.headers", "*.headers"].flatMap((parent) =>
    HEADER_FIELDS.map((header) => (header.startsWith('"') ? `${parent}[${header}]` : `${parent}.${header}`)),
  ),
];

const QUERY_SECRET = /\b(listenKey|signature|token)=[^&\s"'\\]+/g;

export interface SecretScrubber {
  /** Adds a value to mask from now on (e.g. a listen key as soon as it is known). */
  add(secret: string | undefined): void;
  scrub(text: string): string;
}

export function createScrubber(initial: Iterable<string | undefined> = []): SecretScrubber {
  const secrets = new Set<string>();
  const add = (secret: string | undefined) => {
    if (secret === undefined || secret.length < MIN_SCRUBBED_LENGTH) return;
    secrets.add(secret);
    const escaped = JSON.stringify(secret).slice(1, -1);
    if (escaped !== secret) secrets.add(escaped);
  };
  for (const secret of initial) add(secret);
  return {
    add,
    scrub(text) {
      let safe = text.replace(QUERY_SECRET, (_match, name: string) => `${name}=${REDACTED}`);
      for (const secret of secrets) {
        if (safe.includes(secret)) safe = safe.split(secret).join(`${secret.slice(0, VISIBLE_PREFIX)}…`);
      }
      return safe;
    },
  };
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
      hooks: { streamWrite: (line) => scrubber.scrub(line) },
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    },
    options.destination ?? pino.destination({ dest: 2, sync: true }),
  );
  return { logger, scrubber };
}
