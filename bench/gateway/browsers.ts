/**
 * Every browser of bench/gateway, on a process of its own (forked by run.ts): opens N WebSockets
 * on /stream, subscribes each to the same topics, waits out the warm-up, then counts what arrives
 * during the window. Latency of an update = arrival here - its exchangeTime (the simulator's send
 * time of the frame it came from); both clocks are this machine's.
 */
import { setTimeout as sleep } from "node:timers/promises";
import WebSocket from "ws";
import { summarize } from "./latency.js";
import type { BrowserPhase, FromBrowsers, ToBrowsers } from "./messages.js";

/** Sockets opened at once while connecting N clients. */
const CONNECT_CONCURRENCY = 50;
/**
 * The gateway takes at most 32 connections from one address (fanout/limits.ts
 * MAX_CONNECTIONS_PER_ADDRESS): each group of this many clients connects from its own loopback
 * address (127.0.1.1, 127.0.1.2, ...: all of 127/8 is this machine), as browsers on as many machines.
 */
const CLIENTS_PER_ADDRESS = 30;
/** A batch message starts so (the hub writes `type` first), and each of its updates holds one topic key. */
const BATCH_PREFIX = Buffer.from('{"type":"batch"');
const UPDATE_MARKER = Buffer.from('{"topic":"');

function occurrences(data: Buffer, marker: Buffer): number {
  let count = 0;
  for (let at = data.indexOf(marker); at !== -1; at = data.indexOf(marker, at + marker.length)) count++;
  return count;
}

function send(message: FromBrowsers): void {
  process.send?.(message);
}

interface Client {
  readonly ws: WebSocket;
  updates: number;
  messages: number;
  /** Messages per whole second of the window (index: seconds since its start). */
  readonly perSecond: number[];
  bytes: number;
  readonly latencies: number[] | undefined;
}

let measuring = false;
let windowStartedAt = 0;

function connect(url: string, index: number, recordLatency: boolean): Promise<Client> {
  const localAddress = `127.0.1.${1 + Math.floor(index / CLIENTS_PER_ADDRESS)}`;
  const ws = new WebSocket(`${url.replace(/^http/, "ws")}stream`, { perMessageDeflate: false, localAddress });
  const client: Client = {
    ws,
    updates: 0,
    messages: 0,
    perSecond: [],
    bytes: 0,
    latencies: recordLatency ? [] : undefined,
  };
  ws.on("message", (data: Buffer) => {
    if (!measuring) return;
    const now = Date.now();
    client.bytes += data.length;
    client.messages++;
    const second = Math.floor((now - windowStartedAt) / 1000);
    client.perSecond[second] = (client.perSecond[second] ?? 0) + 1;
    if (client.latencies === undefined) {
      // The other clients only count (parsing 500 sockets' JSON would measure this process, not the gateway).
      if (data.indexOf(BATCH_PREFIX) === 0) client.updates += occurrences(data, UPDATE_MARKER);
      return;
    }
    const message = JSON.parse(data.toString()) as { type: string; updates?: { exchangeTime: number }[] };
    if (message.type !== "batch" || message.updates === undefined) return;
    client.updates += message.updates.length;
    for (const update of message.updates) if (update.exchangeTime > 0) client.latencies.push(now - update.exchangeTime);
  });
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve(client));
    ws.once("error", reject);
  });
}

async function phase(message: BrowserPhase): Promise<void> {
  const clients: Client[] = [];
  try {
    for (let index = 0; index < message.clients; index += CONNECT_CONCURRENCY) {
      const batch = Math.min(CONNECT_CONCURRENCY, message.clients - index);
      clients.push(
        ...(await Promise.all(
          Array.from({ length: batch }, (_, k) => connect(message.url, index + k, index + k < message.latencyClients)),
        )),
      );
    }
    for (const client of clients) client.ws.send(JSON.stringify({ type: "subscribe", topics: message.topics }));
    await sleep(message.warmupMs);
    const started = Date.now();
    windowStartedAt = started;
    measuring = true;
    send({ kind: "windowStart" });
    await sleep(message.windowMs);
    measuring = false;
    const seconds = (Date.now() - started) / 1000;
    send({ kind: "windowEnd" });
    const open = clients.filter((client) => client.ws.readyState === WebSocket.OPEN).length;
    const latencies = clients.flatMap((client) => client.latencies ?? []);
    send({
      kind: "phaseDone",
      result: {
        clients: clients.length,
        open,
        updatesPerClientPerSecond: clients.reduce((sum, client) => sum + client.updates, 0) / clients.length / seconds,
        messagesPerClientPerSecond:
          clients.reduce((sum, client) => sum + client.messages, 0) / clients.length / seconds,
        // Whole seconds only (the last one may be cut short).
        maxMessagesPerClientSecond: Math.max(
          0,
          ...clients.flatMap((client) => client.perSecond.slice(0, Math.floor(seconds)).map((count) => count ?? 0)),
        ),
        bytesPerClientPerSecond: clients.reduce((sum, client) => sum + client.bytes, 0) / clients.length / seconds,
        latency: summarize(latencies),
      },
    });
  } catch (error) {
    send({ kind: "phaseFailed", message: (error as Error).message });
  } finally {
    for (const client of clients) client.ws.terminate();
  }
}

process.on("message", (message: ToBrowsers) => {
  if (message.kind === "phase") void phase(message);
  else process.exit(0);
});
process.on("disconnect", () => process.exit(0));
