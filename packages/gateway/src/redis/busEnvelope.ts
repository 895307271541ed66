/**
 * The signed envelope every message on the Redis bus travels in: topic updates and drops, web
 * instances' demand, history requests and replies (pub/sub), and the snapshot and figures values
 * the collector writes with SET. Anyone who can reach Redis can publish and SET; only who knows
 * the bus secret (settings `busSecret`) can sign.
 *
 *   ENVELOPE  "mlb1" SP TIME SP NONCE SP SIG LF PAYLOAD
 *   TIME      the sender's clock when it signed, milliseconds since the epoch, decimal
 *   NONCE     unique per message: the sender's random id (16 base64url characters) "." a counter
 *             in base 36; receivers remember recent ones to refuse replays (busAuth.ts)
 *   SIG       HMAC-SHA256 with the bus key, base64url (43 characters), over the canonical text
 *               "mlb1" LF CONTEXT LF TIME LF NONCE LF PAYLOAD
 *   CONTEXT   the channel the message is published on, or the key the value is stored under (not
 *             in the envelope: the receiver knows it), so a message moved elsewhere no longer
 *             verifies: a reply to one web instance replayed to another, a topic's snapshot
 *             stored under another topic's key, an update published as a history request
 *   PAYLOAD   the message itself, unchanged (redisWire.ts, redisHistoryWire.ts): JSON, byte for
 *             byte as signed, checked with its own decoders only once the signature holds
 *
 * The bus key is derived from the secret with HKDF-SHA256 (BUS_KEY_INFO), so the secret is used
 * for nothing else; neither the secret nor the key ever travels (the signature reveals neither).
 * A signature authenticates, it does not hide: whoever can SUBSCRIBE to Redis reads the payloads,
 * which only a Redis password (ACL) and TLS (rediss://) keep from others.
 */
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";

export const BUS_ENVELOPE_VERSION = "mlb1";
/** HKDF info for the bus key: a new version of the envelope gets a new key. */
const BUS_KEY_INFO = "mexc-live redis bus signing key v1";
/** Bytes of the envelope's first line at most (version, time, nonce, signature). */
const MAX_HEADER_LENGTH = 160;
const TIME = /^\d{1,16}$/;
const NONCE = /^[A-Za-z0-9_.-]{1,64}$/;
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;

type OpenedEnvelope =
  | { readonly ok: true; readonly time: number; readonly nonce: string; readonly payload: string }
  /** unsigned: not an envelope at all; bad_signature: an envelope whose signature does not hold. */
  | { readonly ok: false; readonly reason: "unsigned" | "bad_signature" };

export interface EnvelopeKey {
  /** The envelope of `payload` for the channel or key `context`, signed at `time`. */
  seal(context: string, payload: string, time: number): string;
  /** The payload, when `text` is an envelope signed with this key for `context`. Constant-time comparison. */
  open(context: string, text: string): OpenedEnvelope;
}

export function envelopeKey(secret: string): EnvelopeKey {
  const key = Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(0), BUS_KEY_INFO, 32));
  const sender = randomBytes(12).toString("base64url");
  let counter = 0;
  const mac = (context: string, time: string, nonce: string, payload: string) =>
    createHmac("sha256", key)
      .update(`${BUS_ENVELOPE_VERSION}\n${context}\n${time}\n${nonce}\n`)
      .update(payload)
      .digest("base64url");

  return {
    seal(context, payload, time) {
      const at = String(Math.floor(time));
      const nonce = `${sender}.${(++counter).toString(36)}`;
      return `${BUS_ENVELOPE_VERSION} ${at} ${nonce} ${mac(context, at, nonce, payload)}\n${payload}`;
    },
    open(context, text) {
      const end = text.indexOf("\n");
      if (!text.startsWith(`${BUS_ENVELOPE_VERSION} `) || end < 0 || end > MAX_HEADER_LENGTH) {
        return { ok: false, reason: "unsigned" };
      }
      const [time, nonce, signature, extra] = text.slice(BUS_ENVELOPE_VERSION.length + 1, end).split(" ");
      if (extra !== undefined || signature === undefined || !TIME.test(time ?? "") || !NONCE.test(nonce ?? "")) {
        return { ok: false, reason: "unsigned" };
      }
      if (!SIGNATURE.test(signature)) return { ok: false, reason: "bad_signature" };
      const payload = text.slice(end + 1);
      const expected = Buffer.from(mac(context, time!, nonce!, payload));
      if (!timingSafeEqual(expected, Buffer.from(signature))) return { ok: false, reason: "bad_signature" };
      return { ok: true, time: Number(time), nonce: nonce!, payload };
    },
  };
}
