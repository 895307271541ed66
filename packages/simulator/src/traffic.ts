/**
 * What the simulator was asked, for tests and benchmarks that check a client's economy (issue 31:
 * one market-data connection and one exchangeInfo for every account of a gateway): REST requests
 * under /api/v3/ by endpoint as they arrive (refused ones included), and WebSocket sessions, public
 * (market data) apart from private (`?listenKey=`), opened since start and open now. Read through
 * GET /_sim/traffic; counts only grow (`open` aside), so a test compares two readings.
 */

export interface TrafficCounts {
  /** "GET /api/v3/exchangeInfo" -> requests that arrived. */
  readonly rest: Readonly<Record<string, number>>;
  readonly webSockets: {
    readonly marketOpened: number;
    readonly marketOpen: number;
    readonly userOpened: number;
    readonly userOpen: number;
  };
}

export class TrafficCounter {
  private readonly rest = new Map<string, number>();
  private readonly sockets = { marketOpened: 0, marketOpen: 0, userOpened: 0, userOpen: 0 };

  /** `endpoint`: "METHOD /route" as registered (no query string: it carries signatures). */
  request(endpoint: string): void {
    this.rest.set(endpoint, (this.rest.get(endpoint) ?? 0) + 1);
  }

  /** A WebSocket session began; call the answer when it ends. */
  socketOpened(kind: "market" | "user"): () => void {
    const sockets = this.sockets;
    if (kind === "market") {
      sockets.marketOpened++;
      sockets.marketOpen++;
    } else {
      sockets.userOpened++;
      sockets.userOpen++;
    }
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      if (kind === "market") sockets.marketOpen--;
      else sockets.userOpen--;
    };
  }

  counts(): TrafficCounts {
    return { rest: Object.fromEntries(this.rest), webSockets: { ...this.sockets } };
  }
}
