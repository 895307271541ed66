/**
 * The access token's limits, in one place (the fan-out's are in fanout/limits.ts). Settings
 * (config/) read them; nothing here reads settings.
 */
import { MINUTE_MS } from "@mexc-live/protocol";

/** A generated token (non-loopback host without MEXC_LIVE_TOKEN): 32 random bytes, base64url. */
export const GENERATED_TOKEN_BYTES = 32;
/** A user-chosen token shorter than this is refused: it would be guessable. */
export const MIN_TOKEN_LENGTH = 16;
/**
 * Wrong tokens one client address may present per FAILED_TOKEN_WINDOW_MS (login, API and
 * WebSocket upgrade together) before it is refused with 429 until the window ends. Our choice:
 * a guesser gets 14,400 tries a day per address, nothing against a generated token and little
 * against a 16-character one; a user mistyping gets plenty.
 */
export const MAX_FAILED_TOKENS = 10;
export const FAILED_TOKEN_WINDOW_MS = MINUTE_MS;
/** Client addresses whose wrong tokens are remembered at once; past it the oldest are forgotten. */
export const MAX_TRACKED_CLIENTS = 10_000;
/** How long a login lasts: 30 days, then the dashboard asks for the token again. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 3600;
/** Logged-in browsers remembered at once; past it the oldest login is ended (our choice). */
export const MAX_SESSIONS = 1000;
/** A session id: 32 random bytes, base64url. */
export const SESSION_ID_BYTES = 32;
