/**
 * Test scaffolding for issue 54's deadlines: a server on 127.0.0.1 that accepts every TCP
 * connection and never says a word (a stalled load balancer in front of MEXC, a Redis or a
 * WebSocket that hangs), or says only `greeting` (an HTTP status line and headers whose body never
 * comes); and a garbage collection on demand, which is what let Node 20 collect a timeout signal
 * held by `AbortSignal.any` before it fired (nodejs/node#57736).
 */
import { type AddressInfo, createServer, type Socket } from "node:net";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

export interface SilentServer {
  readonly port: number;
  /** host:port, as the clients name it in their errors. */
  readonly host: string;
  /** Connections accepted so far. */
  connections(): number;
  /** Resolves once `count` connections were accepted in all (the next one by default). */
  connected(count?: number): Promise<void>;
  close(): Promise<void>;
}

export interface SilentServerOptions {
  /** Written once the client has sent something (its request), then nothing more. Default: nothing. */
  readonly greeting?: string;
}

export async function startSilentServer(options: SilentServerOptions = {}): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  let waiters: { count: number; resolve: () => void }[] = [];
  const server = createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
    if (options.greeting !== undefined) socket.once("data", () => socket.write(options.greeting ?? ""));
    const ready = waiters.filter((waiter) => waiter.count <= accepted);
    waiters = waiters.filter((waiter) => waiter.count > accepted);
    for (const waiter of ready) waiter.resolve();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    host: `127.0.0.1:${port}`,
    connections: () => accepted,
    connected(count = accepted + 1) {
      if (accepted >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A status line and headers announcing a body that never comes. */
export const HEADERS_ONLY = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 64\r\n\r\n{";

let gc: (() => void) | undefined;

/** A full garbage collection now (V8's own, exposed at run time: no flag on the command line). */
export function collectGarbage(): void {
  if (gc === undefined) {
    setFlagsFromString("--expose-gc");
    gc = runInNewContext("gc") as () => void;
  }
  gc();
}

/** `promise`'s outcome (its value or what it threw) and how long it took to settle, ms. */
export async function settled<T>(promise: Promise<T>, startedAt: number): Promise<{ value: T | unknown; ms: number }> {
  const value = await promise.then(
    (ok) => ok,
    (error: unknown) => error,
  );
  return { value, ms: performance.now() - startedAt };
}
