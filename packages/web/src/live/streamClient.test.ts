import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ConnectionState } from "../store/liveState.js";
import { GATEWAY_RECONNECT, SILENCE_TIMEOUT_MS } from "./limits.js";

const RECONNECT_BASE_MS = GATEWAY_RECONNECT.initialMs;
const RECONNECT_MAX_MS = GATEWAY_RECONNECT.maxMs;

import { reconnectDelay, type SocketLike, StreamClient } from "./streamClient.js";
import { streamUrl } from "./streamUrl.js";

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({ code: 1006 });
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const states: ConnectionState[] = [];
  const messages: unknown[] = [];
  const client = new StreamClient({
    url: "ws://127.0.0.1:1/stream",
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    onState: (state) => states.push(state),
    onMessage: (message) => messages.push(message),
    random: () => 1,
  });
  return { client, sockets, states, messages };
}

const hello = { type: "hello", mode: "demo", quote: "USDT", serverTime: 0 };

describe("StreamClient", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("subscribes to its topics when the socket opens and reports open on hello", () => {
    const { client, sockets, states, messages } = setup();
    client.setTopics(["balances", "fills"]);
    client.start();
    sockets[0]?.open();
    expect(sockets[0]?.sent).toEqual([{ type: "subscribe", topics: ["balances", "fills"] }]);
    sockets[0]?.receive(hello);
    expect(states).toEqual(["connecting", "open"]);
    expect(messages).toEqual([hello]);
  });

  it("subscribes and unsubscribes only the difference when the topics change", () => {
    const { client, sockets } = setup();
    client.setTopics(["fills", "market.BTCUSDT.ticker"]);
    client.start();
    sockets[0]?.open();
    client.setTopics(["fills", "market.ETHUSDT.ticker"]);
    expect(sockets[0]?.sent.slice(1)).toEqual([
      { type: "unsubscribe", topics: ["market.BTCUSDT.ticker"] },
      { type: "subscribe", topics: ["market.ETHUSDT.ticker"] },
    ]);
  });

  it("subscribes again the topics to renew it already holds, so their snapshots come again", () => {
    const { client, sockets } = setup();
    client.setTopics(["fills", "orders", "account.sub1.fills"]);
    client.start();
    sockets[0]?.open();
    // sub1 shown: its fills were followed already (by the summary), its balances are new.
    client.setTopics(
      ["fills", "orders", "account.sub1.fills", "account.sub1.balances"],
      ["account.sub1.fills", "account.sub1.balances"],
    );
    expect(sockets[0]?.sent.slice(1)).toEqual([
      { type: "unsubscribe", topics: ["account.sub1.fills"] },
      { type: "subscribe", topics: ["account.sub1.balances", "account.sub1.fills"] },
    ]);
  });

  it("reconnects by itself with growing delays and subscribes again", () => {
    const { client, sockets, states } = setup();
    client.setTopics(["fills"]);
    client.start();
    sockets[0]?.open();
    sockets[0]?.receive(hello);
    sockets[0]?.drop();
    expect(states.at(-1)).toBe("reconnecting");
    vi.advanceTimersByTime(RECONNECT_BASE_MS - 1);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    sockets[1]?.drop(); // refused again: the next wait doubles
    vi.advanceTimersByTime(2 * RECONNECT_BASE_MS - 1);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    sockets[2]?.open();
    sockets[2]?.receive(hello);
    expect(sockets[2]?.sent).toEqual([{ type: "subscribe", topics: ["fills"] }]);
    expect(states.at(-1)).toBe("open");
  });

  it("treats a socket that stays silent as dead and reconnects", () => {
    const { client, sockets, states } = setup();
    client.start();
    sockets[0]?.open();
    sockets[0]?.receive(hello);
    vi.advanceTimersByTime(SILENCE_TIMEOUT_MS + 10_000);
    expect(states).toContain("reconnecting");
    expect(sockets.length).toBeGreaterThan(1);
  });

  it("stops reconnecting once stopped", () => {
    const { client, sockets } = setup();
    client.start();
    sockets[0]?.drop();
    client.stop();
    vi.advanceTimersByTime(RECONNECT_MAX_MS * 2);
    expect(sockets).toHaveLength(1);
  });

  it("ignores frames that are not JSON messages", () => {
    const { client, sockets, messages } = setup();
    client.start();
    sockets[0]?.open();
    sockets[0]?.onmessage?.({ data: "not json" });
    sockets[0]?.onmessage?.({ data: JSON.stringify({ no: "type" }) });
    expect(messages).toEqual([]);
  });
});

describe("reconnectDelay", () => {
  it("doubles from the base and is capped", () => {
    expect(reconnectDelay(0, () => 1)).toBe(RECONNECT_BASE_MS);
    expect(reconnectDelay(3, () => 1)).toBe(8 * RECONNECT_BASE_MS);
    expect(reconnectDelay(40, () => 1)).toBe(RECONNECT_MAX_MS);
    expect(reconnectDelay(40, () => 0)).toBe(RECONNECT_MAX_MS / 2);
  });
});

describe("streamUrl", () => {
  it("follows the page: ws for http, wss for https, same host", () => {
    expect(streamUrl({ protocol: "http:", host: "127.0.0.1:8787" })).toBe("ws://127.0.0.1:8787/stream");
    expect(streamUrl({ protocol: "https:", host: "example.org" })).toBe("wss://example.org/stream");
  });
});
