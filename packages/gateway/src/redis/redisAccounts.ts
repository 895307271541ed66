/**
 * Which accounts the collectors on the bus watch, for web instances (which have no keys and no
 * config of accounts): every collector writes one field per account into the hash
 * REDIS_ACCOUNTS_KEY every REDIS_ACCOUNTS_REFRESH_MS, signed for its field like snapshot keys; a
 * web instance reads them and keeps those refreshed within REDIS_ACCOUNTS_STALE_MS (a collector
 * that stopped drops out). The default account of the deployment is the one with the plain topic
 * names (`topicAccount` null).
 */
import { parseJson } from "@mexc-live/protocol";
import { z } from "zod";
import { REDIS_ACCOUNTS_KEY, REDIS_ACCOUNTS_REFRESH_MS, REDIS_ACCOUNTS_STALE_MS } from "../config/defaults.js";
import type { Logger } from "../logging.js";
import { closeRedis, connect, connectAll, type RedisLink } from "./redisLink.js";

export interface AnnouncedAccount {
  readonly name: string;
  readonly mode: "demo" | "live";
  /** Null for the deployment's default account (plain topic names), else its name. */
  readonly topicAccount: string | null;
  /** When the collector last said so (ms). */
  readonly at: number;
}

const announced = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
  mode: z.enum(["demo", "live"]),
  topicAccount: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/)
    .nullable(),
  at: z.number().int().nonnegative(),
});

const fieldContext = (name: string) => `${REDIS_ACCOUNTS_KEY}:${name}`;

/** A collector: announces its accounts now and every REDIS_ACCOUNTS_REFRESH_MS; close() stops. */
export async function announceAccounts(
  link: RedisLink,
  accounts: readonly Omit<AnnouncedAccount, "at">[],
  logger: Logger,
): Promise<{ close(): Promise<void> }> {
  const cmd = connect(link, logger, "redis accounts announcer");
  await connectAll(link, [cmd]);
  const write = () => {
    const batch = cmd.pipeline();
    for (const account of accounts) {
      const text = JSON.stringify({ ...account, at: Date.now() });
      batch.hset(REDIS_ACCOUNTS_KEY, account.name, link.auth.sign(fieldContext(account.name), text));
    }
    batch.exec().catch((error: Error) => logger.warn({ err: error.message }, "redis accounts announcement failed"));
  };
  write();
  const timer = setInterval(write, REDIS_ACCOUNTS_REFRESH_MS);
  timer.unref();
  return {
    async close() {
      clearInterval(timer);
      await closeRedis(cmd);
    },
  };
}

/** A web instance: the accounts collectors announce, the default first, then by name. */
export async function readAnnouncedAccounts(
  cmd: { hgetall(key: string): Promise<Record<string, string>> },
  link: RedisLink,
  now = Date.now(),
): Promise<AnnouncedAccount[]> {
  const fields = await cmd.hgetall(REDIS_ACCOUNTS_KEY);
  const accounts: AnnouncedAccount[] = [];
  for (const [name, text] of Object.entries(fields)) {
    const payload = link.auth.openStored("accounts", fieldContext(name), text, REDIS_ACCOUNTS_STALE_MS);
    if (payload === undefined) continue;
    const result = announced.safeParse(parseJson(payload));
    const parsed = result.success ? result.data : undefined;
    if (parsed === undefined || parsed.name !== name || now - parsed.at > REDIS_ACCOUNTS_STALE_MS) continue;
    accounts.push(parsed);
  }
  return accounts.sort((a, b) =>
    a.topicAccount === null ? -1 : b.topicAccount === null ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
}
