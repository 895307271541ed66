/**
 * The sender of each service (the contract, ChannelSender, and the post they share: httpPost.ts).
 */
import type { SendableTarget } from "./channelUrl.js";
import { createDiscordSender } from "./discord.js";
import type { ChannelSender, SenderOptions } from "./httpPost.js";
import { createNtfySender } from "./ntfy.js";
import { createTelegramSender } from "./telegram.js";
import { createWebhookSender } from "./webhook.js";

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
