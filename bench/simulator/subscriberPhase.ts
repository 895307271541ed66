/**
 * One measurement of bench/simulator: N sockets subscribe to the same channels, warm up, then
 * count the binary frames and bytes each receives over a fixed window. Socket 0's frames are
 * also decoded and checked (frameCheck.ts), so what is counted is known to be whole pushes.
 */
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import WebSocket, { type RawData } from "ws";
import { type FrameCheck, FrameChecker } from "./frameCheck.js";

/** Longest wait for a socket to open and acknowledge its subscription. */
const SUBSCRIBE_TIMEOUT_MS = 10_000;
/** Longest wait for the close handshakes at the end of a phase before sockets are cut. */
const CLOSE_TIMEOUT_MS = 2_000;
/** Control-frame id of the one SUBSCRIPTION each socket sends. */
const SUBSCRIPTION_ID = 1;

export interface PhaseOptions {
  readonly url: string;
  readonly channels: readonly string[];
  readonly sockets: number;
  readonly warmupMs: number;
  readonly windowMs: number;
  /** Called as counting starts and as it stops: the conductor snapshots the simulator then. */
  readonly onWindowStart?: () => void;
  readonly onWindowEnd?: () => void;
}

export interface PhaseResult {
  readonly sockets: number;
  /** Measured length of the counting window. */
  readonly windowMs: number;
  /** Over all sockets, during the window. */
  readonly frames: number;
  readonly bytes: number;
  readonly minSocketFrames: number;
  readonly maxSocketFrames: number;
  /** CPU of the subscribers' process during the window (100 = one core). */
  readonly clientCpuPercent: number;
  /** "code reason" of each socket the server closed before the phase ended (e.g. slow consumer). */
  readonly closedByServer: readonly string[];
  /** Socket 0's frames during the window, decoded and checked. */
  readonly check: FrameCheck;
}

interface Subscriber {
  readonly ws: WebSocket;
  frames: number;
  bytes: number;
}

export async function runSubscriberPhase(options: PhaseOptions): Promise<PhaseResult> {
  const checker = new FrameChecker(options.channels);
  const closedByServer: string[] = [];
  let ending = false;
  const onClose = (code: number, reason: Buffer) => {
    if (!ending) closedByServer.push(`${code} ${reason.toString()}`.trim());
  };
  const opened = await Promise.allSettled(
    Array.from({ length: options.sockets }, (_, index) =>
      openSubscribed(options.url, options.channels, index === 0 ? checker : undefined, onClose),
    ),
  );
  const subscribers = opened.flatMap((outcome) => (outcome.status === "fulfilled" ? [outcome.value] : []));
  try {
    const failure = opened.find((outcome) => outcome.status === "rejected");
    if (failure) throw failure.reason;
    await sleep(options.warmupMs);

    for (const subscriber of subscribers) {
      subscriber.frames = 0;
      subscriber.bytes = 0;
    }
    checker.reset();
    const cpuBefore = process.cpuUsage();
    const startedAt = performance.now();
    options.onWindowStart?.();
    await sleep(options.windowMs);
    const frames = subscribers.map((subscriber) => subscriber.frames);
    const bytes = subscribers.reduce((sum, subscriber) => sum + subscriber.bytes, 0);
    const check = checker.result();
    const windowMs = performance.now() - startedAt;
    const cpu = process.cpuUsage(cpuBefore);
    options.onWindowEnd?.();

    return {
      sockets: options.sockets,
      windowMs,
      frames: frames.reduce((sum, count) => sum + count, 0),
      bytes,
      minSocketFrames: Math.min(...frames),
      maxSocketFrames: Math.max(...frames),
      clientCpuPercent: ((cpu.user + cpu.system) / 1000 / windowMs) * 100,
      closedByServer: [...closedByServer],
      check,
    };
  } finally {
    ending = true;
    await closeAll(subscribers.map((subscriber) => subscriber.ws));
  }
}

/** Opens a socket, subscribes and resolves once the subscription is acknowledged in full. */
function openSubscribed(
  url: string,
  channels: readonly string[],
  checker: FrameChecker | undefined,
  onClose: (code: number, reason: Buffer) => void,
): Promise<Subscriber> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  const subscriber: Subscriber = { ws, frames: 0, bytes: 0 };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`no subscription ack within ${SUBSCRIBE_TIMEOUT_MS} ms`));
    }, SUBSCRIBE_TIMEOUT_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      ws.terminate();
      reject(error);
    };
    ws.once("error", fail);
    ws.on("close", onClose);
    ws.once("open", () => {
      ws.send(JSON.stringify({ method: "SUBSCRIPTION", params: channels, id: SUBSCRIPTION_ID }));
    });
    ws.on("message", (data: RawData, isBinary: boolean) => {
      const frame = data as Buffer;
      if (isBinary) {
        subscriber.frames++;
        subscriber.bytes += frame.length;
        checker?.check(frame);
        return;
      }
      const reply = JSON.parse(frame.toString()) as { id?: number; msg?: string };
      if (reply.id !== SUBSCRIPTION_ID) return;
      if (reply.msg !== channels.join(",")) {
        fail(new Error(`subscription refused: ${reply.msg}`));
        return;
      }
      clearTimeout(timer);
      ws.off("error", fail);
      ws.on("error", () => {});
      resolve(subscriber);
    });
  });
}

async function closeAll(sockets: readonly WebSocket[]): Promise<void> {
  const closed = sockets.map(
    (ws) =>
      new Promise<void>((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) resolve();
        else ws.once("close", () => resolve());
      }),
  );
  for (const ws of sockets) if (ws.readyState === WebSocket.OPEN) ws.close(1000);
  const giveUp = new AbortController();
  const timeout = sleep(CLOSE_TIMEOUT_MS, undefined, { signal: giveUp.signal }).then(
    () => {
      for (const ws of sockets) ws.terminate();
    },
    () => {},
  );
  await Promise.race([Promise.all(closed), timeout]);
  giveUp.abort();
}
