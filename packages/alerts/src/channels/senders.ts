/**
 * Senders: one per service, each a small object that posts one outgoing message to one
 * destination and says how it went (sent; failed for good; failed, try again, maybe after N ms).
 * A sender never throws for a failed send and never puts a token or URL in an error.
 */
import type { AlertChannelKind } from "@mexc-live/contract";
import type { SendableTarget } from "./channelUrl.js";
import type { HostResolver } from "./destinationAddress.js";
import { createDiscordSender } from "./discord.js";
import type { OutgoingMessage } from "./format.js";
import { createNtfySender } from "./ntfy.js";
import { createTelegramSender } from "./telegram.js";
import { createWebhookSender } from "./webhook.js";

export type SendOutcome =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** True when sending the same again cannot work (bad token, unknown chat or webhook). */
      readonly permanent: boolean;
      /** What the service asked for (429 Retry-After / retry_after), in ms. */
      readonly retryAfterMs?: number;
      /** Short: "telegram: HTTP 400: Bad Request: chat not found", "webhook: no connection"; never a token, a URL or a remote text. */
      readonly error: string;
    };

export interface ChannelSender {
  readonly kind: AlertChannelKind;
  /** The service's pace per destination: send to one destination at most once per this many ms. */
  readonly minIntervalMs: number;
  send(message: OutgoingMessage, signal?: AbortSignal): Promise<SendOutcome>;
}

export interface ChannelEndpoints {
  /** Telegram Bot API base, default https://api.telegram.org (a test points it at a fake). */
  readonly telegramApi: string;
  /** Discord API base, default https://discord.com/api. */
  readonly discordApi: string;
}

export const DEFAULT_ENDPOINTS: ChannelEndpoints = {
  telegramApi: "https://api.telegram.org",
  discordApi: "https://discord.com/api",
};

export interface SenderOptions {
  readonly endpoints: ChannelEndpoints;
  /** One attempt's limit, connect to last byte; past it the send fails, not permanently. */
  readonly timeoutMs: number;
  /** How host names are resolved; default the system's (tests stand in a table). */
  readonly resolve?: HostResolver;
}

export function createSender(target: SendableTarget, options: SenderOptions): ChannelSender {
  switch (target.kind) {
    case "webhook":
      return createWebhookSender(target, options);
    case "telegram":
      return createTelegramSender(target, options);
    case "discord":
      return createDiscordSender(target, options);
    case "ntfy":
      return createNtfySender(target, options);
  }
}
