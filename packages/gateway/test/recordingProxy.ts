/**
 * A pass-through HTTP proxy on 127.0.0.1 in front of the simulator's REST: every request goes
 * on as it came and every answer comes back as it was, and each is recorded (method, path,
 * query, status), so a test can check what mexc-live asked MEXC and what MEXC would have refused.
 * `hold` names requests that are never answered (MEXC not answering a call in flight): they are
 * listed in `held` and end when the proxy closes. `delay` makes requests wait (MEXC slow to
 * answer): each is forwarded once the promise it returns settles, and is listed in `delayed` until then.
 */
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly status: number;
}

export interface RecordingProxy {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Paths of the requests held unanswered. */
  readonly held: string[];
  /** Paths of the requests waiting now (`delay`). */
  readonly delayed: string[];
  /** Paths of the requests the client gave up on while they waited (its timeout, say). */
  readonly abandoned: string[];
  close(): Promise<void>;
}

export interface RecordingProxyOptions {
  /** Requests never answered. */
  readonly hold?: (method: string, path: string) => boolean;
  /** Requests answered late: forwarded once the returned promise settles; undefined forwards at once. */
  readonly delay?: (method: string, path: string) => Promise<void> | undefined;
}

export async function startRecordingProxy(
  target: string,
  options: RecordingProxyOptions = {},
): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const requests: RecordedRequest[] = [];
  const held: string[] = [];
  const delayed: string[] = [];
  const abandoned: string[] = [];
  const server: Server = createServer(async (incoming, outgoing) => {
    const url = new URL(incoming.url ?? "/", "http://proxy.invalid");
    if (options.hold?.(incoming.method ?? "GET", url.pathname) === true) {
      held.push(url.pathname);
      incoming.resume();
      return;
    }
    const wait = options.delay?.(incoming.method ?? "GET", url.pathname);
    if (wait !== undefined) {
      delayed.push(url.pathname);
      let waiting = true;
      outgoing.once("close", () => {
        if (waiting) abandoned.push(url.pathname);
      });
      await wait.catch(() => {});
      waiting = false;
      delayed.splice(delayed.indexOf(url.pathname), 1);
    }
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (answer) => {
        requests.push({
          method: incoming.method ?? "GET",
          path: url.pathname,
          query: url.searchParams,
          status: answer.statusCode ?? 0,
        });
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forward.on("error", () => outgoing.destroy());
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    held,
    delayed,
    abandoned,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
