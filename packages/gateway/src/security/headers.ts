/**
 * Security headers on every response. The CSP allows only the gateway's own scripts, styles
 * (inline styles too: chart libraries set them), images (and data: URLs for chart exports), and
 * connections to the gateway itself: 'self' plus its own WebSocket origin (ws: or wss: with the
 * page's host; older browsers do not count ws: as 'self'); no framing.
 */

/** A host[:port] safe to write into a header: a name, an IPv4 address or a bracketed IPv6 one. */
const PLAIN_HOST = /^(?:[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** The CSP of a page whose /stream is at `streamOrigin` (e.g. "wss://desk.example"); none: 'self' only. */
function contentSecurityPolicy(streamOrigin?: string): string {
  return [
    "default-src 'self'",
    streamOrigin === undefined ? "connect-src 'self'" : `connect-src 'self' ${streamOrigin}`,
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The WebSocket origin of a page served at `host` (undefined when the host is not a plain host name). */
export function streamOriginOf(host: string | undefined, secure: boolean): string | undefined {
  if (host === undefined || !PLAIN_HOST.test(host)) return undefined;
  return `${secure ? "wss" : "ws"}://${host.toLowerCase()}`;
}

export function securityHeaders(streamOrigin?: string): Readonly<Record<string, string>> {
  return {
    "content-security-policy": contentSecurityPolicy(streamOrigin),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
  };
}

/** The headers on answers that are not pages (an event stream, an error written before routing). */
export const SECURITY_HEADERS = securityHeaders();
