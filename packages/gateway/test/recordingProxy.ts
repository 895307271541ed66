/**
 * A pass-through HTTP proxy on 127.0.0.1 in front of the simulator's REST: every request goes
 * on as it came and every answer comes back as it was, and each is recorded (method, path,
 * query, status), so a test can check what mexc-live asked MEXC and what MEXC would have refused.
 * `hold` names requests that are never answered (MEXC not answering a call in flight): they are
 * listed in `held` and end when the proxy closes.
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
  close(): Promise<void>;
}

export interface RecordingProxyOptions {
  /** Requests never answered. */
  readonly hold?: (method: string, path: string) => boolean;
}

export async function startRecordingProxy(
  target: string,
  options: RecordingProxyOptions = {},
): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const requests: RecordedRequest[] = [];
  const held: string[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    const url = new URL(incoming.url ?? "/", "http://proxy.invalid");
    if (options.hold?.(incoming.method ?? "GET", url.pathname) === true) {
      held.push(url.pathname);
      incoming.resume();
      return;
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
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
