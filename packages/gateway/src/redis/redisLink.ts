/**
 * How this process reaches Redis: the URL, the password (MEXC_LIVE_REDIS_PASSWORD or the config
 * file's `redisPassword`; one in the URL works too) and the bus's signing (busAuth.ts) with the
 * shared bus secret. One link per process, shared by its bus, feed and history client or server,
 * so their dropped messages count in one counter. `connect` opens one connection of it; neither
 * the URL (it may hold a password) nor the password is ever logged. Every wait on Redis is
 * bounded: the connection (REDIS_CONNECT_TIMEOUT_MS), each command and a connection gone silent
 * (REDIS_COMMAND_TIMEOUT_MS), each failure logged with the host and its cause.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import type { Registry } from "prom-client";
import { REDIS_COMMAND_TIMEOUT_MS, REDIS_CONNECT_TIMEOUT_MS, REDIS_QUIT_MS } from "../config/defaults.js";
import type { Settings } from "../config/settings.js";
import { StartupError } from "../errors.js";
import type { Logger } from "../logging.js";
import { type BusAuth, createBusAuth } from "./busAuth.js";

export interface RedisLink {
  readonly url: string;
  /** Given to Redis (AUTH) when set; settings refuse it together with a password in the URL. */
  readonly password: string | undefined;
  readonly auth: BusAuth;
}

export interface RedisLinkOptions {
  /** Where dropped bus messages are logged. */
  readonly logger: Logger;
  /** The gateway's metrics registry (gateway_bus_rejected_total). */
  readonly registry?: Registry;
  /** Tests move the clock. */
  readonly now?: () => number;
}

export function createRedisLink(
  settings: Pick<Settings, "redisUrl" | "redisPassword" | "busSecret">,
  options: RedisLinkOptions,
): RedisLink {
  const { redisUrl, busSecret } = settings;
  if (redisUrl === undefined || busSecret === undefined) throw new Error("redis link: needs redisUrl and busSecret");
  return {
    url: redisUrl,
    password: settings.redisPassword,
    auth: createBusAuth({ secret: busSecret, logger: options.logger, registry: options.registry, now: options.now }),
  };
}

/**
 * A Redis connection that logs (the host, never the URL or password) instead of throwing on
 * errors. A command not answered within `commandTimeoutMs` rejects ("Command timed out"); a
 * connection that wrote and heard nothing that long is cut, said, and opened again.
 */
export function connect(
  link: Pick<RedisLink, "url" | "password">,
  logger: Logger,
  label: string,
  commandTimeoutMs = REDIS_COMMAND_TIMEOUT_MS,
): Redis {
  const redis = new Redis(link.url, {
    lazyConnect: true,
    maxRetriesPerRequest: 3,
    enableAutoPipelining: true,
    connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
    commandTimeout: commandTimeoutMs,
    socketTimeout: commandTimeoutMs,
    ...(link.password === undefined ? {} : { password: link.password }),
  });
  const host = hostOf(link.url);
  let lastError = "";
  redis.on("error", (error: Error) => {
    if (error.message === lastError) return;
    lastError = error.message;
    logger.warn({ host, err: error.message }, `${label}: connection error at ${host}`);
  });
  redis.on("ready", () => {
    if (lastError !== "") logger.info(`${label}: connected again`);
    lastError = "";
  });
  return redis;
}

/**
 * Connects `clients` before anything is published: a Redis that cannot be reached, refuses the
 * password, is not Redis or does not answer within REDIS_CONNECT_TIMEOUT_MS stops start-up with
 * one line naming the host (never the URL's user info or the password), so a supervisor sees the
 * failure instead of a gateway retrying, or waiting, forever.
 */
export async function connectAll(
  link: Pick<RedisLink, "url">,
  clients: readonly Redis[],
  timeoutMs = REDIS_CONNECT_TIMEOUT_MS,
): Promise<void> {
  const errors: string[] = [];
  const note = (error: Error) => errors.push(error.message);
  for (const client of clients) client.on("error", note);
  const deadline = new AbortController();
  const silent = sleep(timeoutMs, "silent" as const, { ref: false, signal: deadline.signal }).catch(
    () => "ready" as const,
  );
  try {
    const outcome = await Promise.race([Promise.all(clients.map((client) => client.connect())), silent]);
    if (outcome === "silent") {
      throw new StartupError(
        `--redis: Redis at ${hostOf(link.url)} did not answer within ${timeoutMs / 1000} s` +
          (errors[0] === undefined ? " (it accepts connections but says nothing: is it Redis?)" : `: ${errors[0]}`),
      );
    }
  } catch (error) {
    for (const client of clients) client.disconnect();
    if (error instanceof StartupError) throw error;
    const reason = errors[0] ?? (error as Error).message;
    throw new StartupError(`--redis: cannot use Redis at ${hostOf(link.url)}: ${reason}`);
  } finally {
    deadline.abort();
    for (const client of clients) client.off("error", note);
  }
}

/**
 * Closes a connection so it cannot hold the process: QUIT when Redis is there to answer, waited
 * for at most `quitMs`; then (or at once when Redis is gone) the socket is dropped and ioredis
 * stops reconnecting. Never throws.
 */
export async function closeRedis(client: Redis, quitMs = REDIS_QUIT_MS): Promise<void> {
  if (client.status === "ready") {
    const deadline = new AbortController();
    await Promise.race([
      client.quit().catch(() => undefined),
      sleep(quitMs, undefined, { ref: false, signal: deadline.signal }).catch(() => undefined),
    ]);
    deadline.abort();
  }
  client.disconnect();
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "the --redis URL";
  }
}
