/**
 * What a browser may send on /stream (contract messages.ts ClientMessage), parsed strictly. Anything else
 * is a StreamMessageError with a contract code; the WebSocket server answers with an `error` message
 * and closes that socket with 1008.
 */

import { type ClientMessage, parseTopic, type Topic } from "@mexc-live/contract";
import { z } from "zod";
import { StreamMessageError } from "../errors.js";

export type ParsedClientMessage =
  | { readonly type: "subscribe" | "unsubscribe"; readonly topics: readonly Topic[] }
  | { readonly type: "ping" };

/** Longest topic list accepted in one message (the per-client limit is checked by the session). */
const MAX_TOPICS_PER_MESSAGE = 100;

const topicList = z.array(z.string().max(64)).min(1).max(MAX_TOPICS_PER_MESSAGE);
const clientMessage = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("subscribe"), topics: topicList }),
  z.strictObject({ type: z.literal("unsubscribe"), topics: topicList }),
  z.strictObject({ type: z.literal("ping") }),
]);

/** Parses one text frame; throws StreamMessageError naming what was wrong. */
export function parseClientMessage(text: string): ParsedClientMessage {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new StreamMessageError("BAD_MESSAGE", "message: not JSON");
  }
  const result = clientMessage.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.length ? issue.path.join(".") : "type";
    throw new StreamMessageError(
      "BAD_MESSAGE",
      `${field}: expected {"type":"subscribe"|"unsubscribe","topics":[...]} or {"type":"ping"}`,
    );
  }
  const message: ClientMessage = result.data;
  return message.type === "ping" ? message : { type: message.type, topics: parseTopics(message.topics) };
}

/** Topic names checked against the contract; throws UNKNOWN_TOPIC naming the first unknown one. */
export function parseTopics(names: readonly string[]): Topic[] {
  const topics: Topic[] = [];
  for (const name of names) {
    if (parseTopic(name) === undefined)
      throw new StreamMessageError("UNKNOWN_TOPIC", `topics: unknown topic "${name.slice(0, 64)}"`);
    topics.push(name as Topic);
  }
  return [...new Set(topics)];
}
