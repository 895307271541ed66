/**
 * The guard in front of every /_sim/* admin route (issue 37 item 5). The routes are unsigned and
 * move money, so a web page the user happens to have open must not reach them:
 *
 * - JSON only: a POST must be labelled application/json (415 otherwise). A page can send a
 *   cross-site POST without asking (a "simple" request) only as text/plain, a form or multipart;
 *   application/json needs a CORS preflight, which the simulator never answers.
 * - Host: the request must name the simulator by a loopback name (127.0.0.1, localhost, [::1])
 *   and the port it listens on (421 otherwise). A DNS-rebinding page reaches 127.0.0.1 under its
 *   own host name (Host: evil.example), so it can read nothing, not even GET /_sim/keys.
 * - Origin: when present (browsers send it on POSTs and cross-origin reads) it must be the
 *   simulator's own origin, http://<its Host> (403 otherwise); `Origin: null` is refused.
 *   Scripts, tests and curl send no Origin and pass.
 *
 * The gateway has the same rule for its own pages (gateway/src/security/accessPolicy.ts), but its
 * policy also weighs tokens, trusted proxies and a public origin; the simulator only listens on
 * loopback, and cannot import the gateway, so its rule is this small one, written here.
 */
import type { FastifyRequest } from "fastify";
import { adminErrors } from "../errors.js";

/** The names a loopback listener is reached by (simulator.ts binds 127.0.0.1). */
const LOOPBACK_HOSTS: readonly string[] = ["127.0.0.1", "localhost", "[::1]"];
/** The media type a POST to an admin route must carry (parameters such as charset allowed). */
const ADMIN_MEDIA_TYPE = "application/json";
/** A Host without a port means this one (RFC 9110 section 4.2.1). */
const HTTP_DEFAULT_PORT = 80;

export interface AdminGuardOptions {
  /** Host names accepted besides the loopback ones (lower case, no port), e.g. a container's name. */
  readonly hosts?: readonly string[];
}

/** An onRequest hook: throws the admin error for a request a foreign page could have sent. */
export function createAdminGuard(options: AdminGuardOptions = {}): (request: FastifyRequest) => Promise<void> {
  const hosts = new Set([...LOOPBACK_HOSTS, ...(options.hosts ?? []).map((host) => host.toLowerCase())]);
  return async (request) => {
    const host = (request.headers.host ?? "").toLowerCase();
    if (!hostAllowed(host, hosts, request.socket.localPort)) throw adminErrors.foreignHost();
    const origin = request.headers.origin;
    if (origin !== undefined && origin.toLowerCase() !== `http://${host}`) throw adminErrors.foreignOrigin();
    if (request.method === "POST" && mediaTypeOf(request.headers["content-type"]) !== ADMIN_MEDIA_TYPE)
      throw adminErrors.notJson();
  };
}

/**
 * `name:port` with an allowed name and the port the connection came in on. The port may be left
 * out only when the socket has none to compare (fastify's inject() in tests).
 */
function hostAllowed(host: string, hosts: ReadonlySet<string>, localPort: number | undefined): boolean {
  const colon = host.lastIndexOf(":");
  const hasPort = colon > host.lastIndexOf("]");
  const name = hasPort ? host.slice(0, colon) : host;
  if (!hosts.has(name)) return false;
  if (localPort === undefined) return true;
  return hasPort ? host.slice(colon + 1) === String(localPort) : localPort === HTTP_DEFAULT_PORT;
}

function mediaTypeOf(header: string | undefined): string {
  return (header ?? "").split(";")[0]!.trim().toLowerCase();
}
