/**
 * Channel URLs, in the convention of Apprise (https://github.com/caronc/apprise/wiki):
 *   https://host/path             a generic JSON webhook (http:// too)
 *   tgram://BOT_TOKEN/CHAT_ID     Telegram Bot API sendMessage; CHAT_ID 12345, -100123 or @channel
 *   discord://WEBHOOK_ID/TOKEN    a Discord webhook
 *   ntfy://topic                  https://ntfy.sh/topic
 *   ntfy://host[:port]/topic      http://host/topic  (ntfys:// for https)
 *     with user:password@host, tk_TOKEN@host or ?token=tk_TOKEN for a protected topic
 *   browser                       open dashboards (Web Notifications)
 * A Discord webhook URL (https://discord.com/api/webhooks/ID/TOKEN) and an https://ntfy.sh/topic
 * URL are read as discord:// and ntfy:// (as Apprise does): posted a generic JSON body, Discord
 * would refuse it and ntfy would show the JSON.
 *
 * Channel URLs hold secrets (bot and webhook tokens, passwords, and on a public ntfy server the
 * topic itself: "the topic is essentially a password", docs.ntfy.sh/publish). Errors never quote
 * the URL; `maskChannelUrl` is what may be shown; `channelSecrets` feeds the log scrubber.
 */
import { createHash } from "node:crypto";
import type { AlertChannelKind } from "@mexc-live/contract";
import { maskSecret, REDACTED } from "@mexc-live/protocol";
import { AlertChannelError } from "../errors.js";
import { refusedHostReason } from "./destinationAddress.js";

type NtfyAuth =
  | { readonly kind: "basic"; readonly user: string; readonly password: string }
  | { readonly kind: "token"; readonly token: string };

export type ChannelTarget =
  | { readonly kind: "webhook"; readonly url: string }
  | { readonly kind: "telegram"; readonly botToken: string; readonly chatId: string }
  | { readonly kind: "discord"; readonly webhookId: string; readonly webhookToken: string }
  | { readonly kind: "ntfy"; readonly baseUrl: string; readonly topic: string; readonly auth?: NtfyAuth }
  | { readonly kind: "browser" };

/** A target a message is sent to over HTTP (every kind but `browser`). */
export type SendableTarget = Exclude<ChannelTarget, { kind: "browser" }>;

/** The public ntfy server, for `ntfy://topic` (Apprise's "cloud mode"). */
export const NTFY_CLOUD = "https://ntfy.sh";

/** A bot token from @BotFather: `123456789:AA…` (core.telegram.org/bots/features#botfather). */
const TELEGRAM_TOKEN = /^\d{1,20}:[A-Za-z0-9_-]{20,}$/;
/** A chat id: a user's id, a group's or channel's negative id (-100…), or a public @username (5-32 chars). */
const TELEGRAM_CHAT = /^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$/;
/** Discord ids are snowflakes (decimal); a webhook token is URL-safe base64-like text. */
const DISCORD_ID = /^\d{5,25}$/;
const DISCORD_TOKEN = /^[A-Za-z0-9_-]{20,200}$/;
/** ntfy's topic rule (binwiederhier/ntfy server/server.go `topicRegex`). */
const NTFY_TOPIC = /^[-_A-Za-z0-9]{1,64}$/;
const HOST_NAME = /^([A-Za-z0-9-]+\.)*[A-Za-z0-9-]+$|^\[[0-9A-Fa-f:.]+\]$/;
const DISCORD_HOSTS = new Set(["discord.com", "discordapp.com", "ptb.discord.com", "canary.discord.com"]);

function bad(message: string): AlertChannelError {
  return new AlertChannelError("BAD_CHANNEL", message);
}

/** Reads a channel URL; throws AlertChannelError naming what is wrong, never quoting the URL. */
export function parseChannelUrl(text: string): ChannelTarget {
  if (text === "") throw bad("channel URL: empty");
  if (/[\s\u0000-\u001f\u007f]/.test(text)) throw bad("channel URL: contains spaces or control characters");
  if (/^browser(:\/\/)?$/i.test(text)) return { kind: "browser" };
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/.exec(text);
  const scheme = match?.[1]?.toLowerCase();
  const rest = match?.[2] ?? "";
  switch (scheme) {
    case "http":
    case "https":
      return parseHttp(scheme, text);
    case "tgram":
      return parseTelegram(rest);
    case "discord":
      return parseDiscord(rest);
    case "ntfy":
    case "ntfys":
      return parseNtfy(scheme, rest);
  }
  throw new AlertChannelError(
    "UNKNOWN_SCHEME",
    "channel URL: unknown scheme; use https://, tgram://BOT_TOKEN/CHAT_ID, discord://ID/TOKEN, ntfy://topic or browser",
  );
}

function parseHttp(scheme: string, text: string): ChannelTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw bad(`${scheme}://: not a valid URL`);
  }
  if (url.hostname === "") throw bad(`${scheme}://: needs a host`);
  if (url.hash !== "") throw bad(`${scheme}://: remove the #fragment (it is never sent)`);
  refuseHost(scheme, url.host);
  const plain = url.username === "" && url.password === "" && url.search === "";
  const segments = url.pathname.split("/").filter((segment) => segment !== "");
  if (plain && DISCORD_HOSTS.has(url.hostname) && segments[0] === "api") {
    const at = segments[1] === "webhooks" ? 2 : /^v\d+$/.test(segments[1] ?? "") && segments[2] === "webhooks" ? 3 : -1;
    if (at > 0 && segments.length === at + 2) return parseDiscord(`${segments[at]}/${segments[at + 1]}`);
  }
  if (plain && url.hostname === "ntfy.sh" && scheme === "https" && segments.length === 1) {
    return parseNtfy("ntfys", `ntfy.sh/${segments[0]}`);
  }
  return { kind: "webhook", url: url.href };
}

/**
 * A host no alert may go to (destinationAddress.ts: link-local, cloud metadata, not one host), in
 * whatever spelling; hosts on the user's network stay allowed. A name is judged again by its
 * addresses when a message is sent.
 */
function refuseHost(scheme: string, host: string): void {
  const reason = refusedHostReason(host);
  if (reason === undefined) return;
  throw bad(`${scheme}://: the host is ${reason}; alerts go to services and hosts on your network, never there`);
}

/** `a/b/` -> ["a", "b"]; undefined when there is a query or fragment. */
function pathParts(rest: string): string[] | undefined {
  if (/[?#]/.test(rest)) return undefined;
  const parts = rest.split("/");
  if (parts.length > 1 && parts.at(-1) === "") parts.pop();
  return parts;
}

/** `scheme://A/B`'s two parts, both there; `shape` ("A/B") and `note` word the refusal. */
function twoParts(scheme: string, shape: string, rest: string, note = ""): [string, string] {
  const parts = pathParts(rest);
  if (parts === undefined) throw bad(`${scheme}://: takes no ?options; use ${scheme}://${shape}`);
  const [first = "", second = ""] = parts;
  if (parts.length !== 2 || first === "" || second === "") throw bad(`${scheme}:// needs ${shape}${note}`);
  return [first, second];
}

function parseTelegram(rest: string): ChannelTarget {
  const [token, chatId] = twoParts("tgram", "BOT_TOKEN/CHAT_ID", rest, " (one chat)");
  const botToken = /^bot\d/i.test(token) ? token.slice(3) : token;
  if (!TELEGRAM_TOKEN.test(botToken)) throw bad("tgram://: BOT_TOKEN must look like 123456789:AA… (from @BotFather)");
  if (!TELEGRAM_CHAT.test(chatId)) {
    throw bad("tgram://: CHAT_ID must be a number (-100… for groups and channels) or @channelname");
  }
  return { kind: "telegram", botToken, chatId };
}

function parseDiscord(rest: string): ChannelTarget {
  const [webhookId, webhookToken] = twoParts("discord", "WEBHOOK_ID/WEBHOOK_TOKEN", rest);
  if (!DISCORD_ID.test(webhookId)) throw bad("discord://: WEBHOOK_ID must be the webhook's numeric id");
  if (!DISCORD_TOKEN.test(webhookToken)) throw bad("discord://: WEBHOOK_TOKEN is malformed");
  return { kind: "discord", webhookId, webhookToken };
}

/** Percent-decoded, or as is when it is not valid percent-encoding. */
export function decodeOrKeep(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function decodePart(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw bad(`ntfy://: ${what} is not valid percent-encoding`);
  }
}

function parseNtfy(scheme: "ntfy" | "ntfys", rest: string): ChannelTarget {
  if (rest.includes("#")) throw bad(`${scheme}://: remove the #fragment`);
  const [location = "", query, ...more] = rest.split("?");
  if (more.length > 0) throw bad(`${scheme}://: malformed ?options`);
  const slash = location.indexOf("/");
  const authority = slash < 0 ? location : location.slice(0, slash);
  const path = pathParts(slash < 0 ? "" : location.slice(slash + 1)) ?? [];
  const at = authority.lastIndexOf("@");
  const userInfo = at < 0 ? undefined : authority.slice(0, at);
  const hostPort = authority.slice(at + 1);
  const auth = ntfyAuth(scheme, userInfo, query);

  if (path.length === 0 || (path.length === 1 && path[0] === "")) {
    if (!NTFY_TOPIC.test(hostPort)) throw bad(`${scheme}://: the topic may hold only letters, digits, - and _ (1-64)`);
    return withAuth({ kind: "ntfy", baseUrl: NTFY_CLOUD, topic: hostPort }, auth);
  }
  if (path.length !== 1) throw bad(`${scheme}:// takes one topic: ${scheme}://host/topic`);
  const topic = path[0] ?? "";
  if (!NTFY_TOPIC.test(topic)) throw bad(`${scheme}://: the topic may hold only letters, digits, - and _ (1-64)`);
  const portMatch = /^(.*?)(?::(\d{1,5}))?$/.exec(hostPort);
  const host = (portMatch?.[1] ?? "").toLowerCase();
  const port = portMatch?.[2];
  if (!HOST_NAME.test(host)) throw bad(`${scheme}://: the host is malformed`);
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535))
    throw bad(`${scheme}://: the port is out of range`);
  refuseHost(scheme, host);
  const secure = scheme === "ntfys" || host === "ntfy.sh";
  const defaultPort = secure ? "443" : "80";
  const baseUrl = `${secure ? "https" : "http"}://${host}${port === undefined || port === defaultPort ? "" : `:${port}`}`;
  return withAuth({ kind: "ntfy", baseUrl, topic }, auth);
}

function withAuth(target: { kind: "ntfy"; baseUrl: string; topic: string }, auth: NtfyAuth | undefined): ChannelTarget {
  return auth === undefined ? target : { ...target, auth };
}

/** user:password@ (Basic), tk_TOKEN@ or :tk_TOKEN@ or ?token=tk_TOKEN (Bearer): docs.ntfy.sh/publish/#authentication. */
function ntfyAuth(scheme: string, userInfo: string | undefined, query: string | undefined): NtfyAuth | undefined {
  let token: string | undefined;
  if (query !== undefined) {
    const params = new URLSearchParams(query);
    for (const key of params.keys()) {
      if (key !== "token") throw bad(`${scheme}://: the only option is ?token=`);
    }
    if (params.getAll("token").length !== 1 || params.get("token") === "") throw bad(`${scheme}://: ?token= is empty`);
    token = params.get("token") ?? undefined;
  }
  if (userInfo !== undefined) {
    if (token !== undefined) throw bad(`${scheme}://: give user:password@ or ?token=, not both`);
    const colon = userInfo.indexOf(":");
    const user = decodePart(colon < 0 ? userInfo : userInfo.slice(0, colon), "the user");
    const password = colon < 0 ? undefined : decodePart(userInfo.slice(colon + 1), "the password");
    // An empty user with a password: ntfy reads the password as an access token.
    if (password !== undefined && user === "" && password !== "") return { kind: "token", token: password };
    if (password === undefined && /^tk_/.test(user)) return { kind: "token", token: user };
    if (user === "" || password === undefined || password === "") {
      throw bad(`${scheme}://: needs user:password@ or a tk_ access token`);
    }
    return { kind: "basic", user, password };
  }
  return token === undefined ? undefined : { kind: "token", token };
}

// ------------------------------------------------------------------------------ what may be shown

/**
 * The URL as the API and the logs may show it: tokens masked, chat ids and hosts kept. A
 * webhook keeps its scheme and host only: its path, query and userinfo become REDACTED (webhook URLs
 * carry their secret anywhere in the path: `/services/T…/B…/X…`, `/bot123:AA…/sendMessage`,
 * `/Xk29fj3Lq0pZ7s8Y/alert`). An ntfy topic is masked when nothing else guards it (no user or
 * token) and always on ntfy.sh, where a token guards publishing but not reading an unreserved
 * topic ("the topic is essentially a password", docs.ntfy.sh/publish).
 */
export function maskChannelUrl(target: ChannelTarget): string {
  switch (target.kind) {
    case "browser":
      return "browser";
    case "telegram":
      return `tgram://${maskSecret(target.botToken)}/${target.chatId}`;
    case "discord":
      return `discord://${target.webhookId}/${maskSecret(target.webhookToken)}`;
    case "ntfy": {
      const topic = topicIsSecret(target) ? maskSecret(target.topic) : target.topic;
      const auth = target.auth;
      const userInfo = auth?.kind === "basic" ? `${encodeURIComponent(auth.user)}:${REDACTED}@` : "";
      const query = auth?.kind === "token" ? `?token=${maskSecret(auth.token)}` : "";
      if (target.baseUrl === NTFY_CLOUD) return `ntfy://${userInfo}${topic}${query}`;
      const base = new URL(target.baseUrl);
      return `${base.protocol === "https:" ? "ntfys" : "ntfy"}://${userInfo}${base.host}/${topic}${query}`;
    }
    case "webhook": {
      const url = new URL(target.url);
      const userInfo = url.username !== "" || url.password !== "" ? `${REDACTED}@` : "";
      const path = url.pathname === "/" || url.pathname === "" ? "/" : `/${REDACTED}`;
      return `${url.protocol}//${userInfo}${url.host}${path}${url.search === "" ? "" : `?${REDACTED}`}`;
    }
  }
}

/** Shortest secret worth listing on its own (a shorter one is only listed inside a longer form). */
const MIN_LISTED_PART = 8;

/**
 * A path segment or query value that reads like a token, listed on its own for the scrubber: long,
 * or mixing letters and digits. Plain words ("webhooks", "sendMessage") are not, or every log line
 * saying them would be masked; they are scrubbed inside the whole path.
 */
function tokenLike(part: string): boolean {
  return part.length >= 16 || (part.length >= MIN_LISTED_PART && /\d/.test(part) && /[A-Za-z]/.test(part));
}

/** Whether an ntfy topic is itself the secret: no user or token guards it, or it is on ntfy.sh. */
function topicIsSecret(target: Extract<ChannelTarget, { kind: "ntfy" }>): boolean {
  return target.auth === undefined || target.baseUrl === NTFY_CLOUD;
}

/**
 * The secrets of a channel, whole, for the log scrubber: tokens and passwords; a secret ntfy
 * topic in its URL form (and alone when long enough not to be a common word); a webhook's
 * password, its token-like user, path segments and query values, and the whole URL, path and
 * query that hold them. Nothing else: a word listed here is masked in every log line (a rule to
 * `https://%22level%22@host/x` once listed `"level"`).
 */
export function channelSecrets(target: ChannelTarget): string[] {
  const secrets: string[] = [];
  switch (target.kind) {
    case "browser":
      break;
    case "telegram":
      secrets.push(target.botToken, target.botToken.slice(target.botToken.indexOf(":") + 1));
      break;
    case "discord":
      secrets.push(target.webhookToken);
      break;
    case "ntfy": {
      const auth = target.auth;
      if (auth?.kind === "basic") {
        secrets.push(auth.password, Buffer.from(`${auth.user}:${auth.password}`).toString("base64"));
      }
      if (auth?.kind === "token") secrets.push(auth.token);
      if (topicIsSecret(target)) {
        secrets.push(`${new URL(target.baseUrl).host}/${target.topic}`);
        if (target.topic.length >= 12) secrets.push(target.topic);
      }
      break;
    }
    case "webhook": {
      const url = new URL(target.url);
      const segments = url.pathname.split("/").filter((segment) => segment !== "");
      const pathTokens = segments.map(decodeOrKeep).filter(tokenLike);
      const queryTokens = [...url.searchParams.values()].filter(tokenLike);
      const users = [url.username, decodeOrKeep(url.username)].filter(tokenLike);
      secrets.push(url.password, decodeOrKeep(url.password), ...users, ...pathTokens, ...queryTokens);
      if (pathTokens.length > 0) secrets.push(segments.join("/"));
      if (queryTokens.length > 0) secrets.push(url.search.slice(1));
      if (secrets.some((secret) => secret !== "")) secrets.push(target.url);
      break;
    }
  }
  return [...new Set(secrets.filter((secret) => secret !== ""))];
}

/** The canonical form a destination is known by (secrets included: it is only ever hashed). */
function canonical(target: ChannelTarget): string {
  switch (target.kind) {
    case "browser":
      return "browser";
    case "telegram":
      // Telegram's limits are per bot and chat; @usernames are case-insensitive.
      return `telegram\n${target.botToken}\n${target.chatId.toLowerCase()}`;
    case "discord":
      return `discord\n${target.webhookId}\n${target.webhookToken}`;
    case "ntfy":
      return `ntfy\n${target.baseUrl}/${target.topic}`;
    case "webhook":
      return `webhook\n${new URL(target.url).href}`;
  }
}

/**
 * A stable id of where a channel delivers, for per-destination pacing and dedupe: two rules with
 * the same destination share it; it shows nothing of the URL (sha256, first 16 hex digits).
 */
export function destinationKey(target: ChannelTarget): string {
  return createHash("sha256")
    .update(`mexc-live alert destination v1\n${canonical(target)}`)
    .digest("hex")
    .slice(0, 16);
}

export function channelKind(target: ChannelTarget): AlertChannelKind {
  return target.kind;
}
