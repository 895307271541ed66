/**
 * The two server URLs a client is given (`restUrl`/`baseUrl`, `wsUrl`), checked when the client
 * is made: a URL that cannot work fails at once with a BAD_OPTION naming the option, instead of
 * every call failing seconds later with "fetch failed". A given value is quoted in the error
 * only through redactUrl (a password in it is masked).
 */
import { ClientError } from "./errors.js";
import { redactUrl } from "./redact.js";

/**
 * Ports `fetch` refuses to connect to ("bad port", https://fetch.spec.whatwg.org/#port-blocking;
 * undici's lib/web/fetch/constants.js has the same list): a REST URL on one of them never gets an
 * answer, so it is refused when the client is made. `http://127.0.0.1:1` is one (issue 38 item 3).
 */
const FETCH_BAD_PORTS: ReadonlySet<number> = new Set([
  0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110,
  111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532,
  540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061,
  6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/** Every path of protocol's REST_PATHS starts with it (docs/mexc/rest.md); a base URL ending in it is cut before it. */
const REST_PATH_PREFIX = "/api/v3";

/** A given URL longer than this is not quoted whole in an error (a pasted file is not an URL). */
const QUOTED_URL_MAX_CHARS = 200;

/**
 * The REST base URL as the client uses it: `http(s)://host[:port][/prefix]`, no trailing slash.
 * A URL ending in `/api/v3` (what MEXC's docs and `npx mexc-sim` print) is taken as its base:
 * the client adds `/api/v3/...` itself. A path before it (a proxy's prefix) is kept.
 */
export function restBaseUrl(given: string, option: string): string {
  const url = parseServerUrl(given, option, ["http:", "https:"], "an http(s) URL with a host");
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  if (FETCH_BAD_PORTS.has(port)) {
    throw new ClientError(
      "BAD_OPTION",
      `${option} port ${port} is one fetch refuses to connect to (https://fetch.spec.whatwg.org/#port-blocking), got ${quote(given)}`,
    );
  }
  let path = url.pathname.replace(/\/+$/, "");
  if (path.endsWith(REST_PATH_PREFIX)) path = path.slice(0, -REST_PATH_PREFIX.length).replace(/\/+$/, "");
  return `${url.origin}${path}`;
}

/** The stream URL as given, once it is a ws(s) URL with a host. */
export function streamUrl(given: string, option: string): string {
  parseServerUrl(given, option, ["ws:", "wss:"], "a ws(s) URL with a host");
  return given;
}

function parseServerUrl(given: string, option: string, schemes: readonly string[], expected: string): URL {
  const refuse = (why: string) =>
    new ClientError("BAD_OPTION", `${option} must be ${expected}${why}, got ${quote(given)}`);
  if (typeof given !== "string") throw refuse("");
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw refuse("");
  }
  // `localhost:1` parses as the scheme "localhost:" with no host.
  if (!schemes.includes(url.protocol) || url.hostname === "") throw refuse("");
  if (url.username !== "" || url.password !== "") throw refuse(" and no user name or password in it");
  if (url.search !== "" || url.hash !== "") throw refuse(" and no query or fragment");
  return url;
}

function quote(given: unknown): string {
  if (typeof given !== "string") return String(given);
  const safe = redactUrl(given);
  return JSON.stringify(safe.length > QUOTED_URL_MAX_CHARS ? `${safe.slice(0, QUOTED_URL_MAX_CHARS)}…` : safe);
}
