import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { App } from "./App.js";

// The charts draw on canvas, which happy-dom lacks; they have their own tests.
vi.mock("./charts/index.js", () => {
  const Stub = () => null;
  return { AllocationChart: Stub, EquityChart: Stub, FeesChart: Stub, VolumeChart: Stub };
});
vi.mock("./market/index.js", () => ({ MarketPanel: () => null }));

const TOKEN = "gateway-token-0123456789abcdef";

/** A gateway that wants a token until POST /api/login gets it; records requests and sockets. */
function fakeGateway() {
  let loggedIn = false;
  const requests: string[] = [];
  const sockets: string[] = [];
  vi.stubGlobal("fetch", async (input: string, init?: RequestInit) => {
    const url = String(input);
    requests.push(`${init?.method ?? "GET"} ${url}`);
    if (url === "/api/login") {
      loggedIn = JSON.parse(String(init?.body)).token === TOKEN;
      return new Response("{}", { status: loggedIn ? 200 : 401 });
    }
    if (!loggedIn) return new Response('{"message":"token required"}', { status: 401 });
    const body =
      url.startsWith("/api/fills") || url.startsWith("/api/orders") ? { items: [], nextCursor: null } : { items: [] };
    return new Response(JSON.stringify(body), { status: 200 });
  });
  vi.stubGlobal(
    "WebSocket",
    class {
      readyState = 0;
      onopen = null;
      onmessage = null;
      onclose = null;
      onerror = null;
      constructor(url: string) {
        sockets.push(url);
      }
      send() {}
      close() {}
    },
  );
  return { requests, sockets };
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("App", () => {
  it("asks for the token when the gateway answers 401, then loads the dashboard with the cookie", async () => {
    const gateway = fakeGateway();
    render(<App />);
    const form = await screen.findByRole("form", { name: "Log in" });
    expect(form).toBeTruthy();
    expect(gateway.sockets).toEqual([]);

    fireEvent.change(screen.getByLabelText("Token"), { target: { value: TOKEN } });
    fireEvent.click(screen.getByRole("button", { name: "Log in" }));

    await screen.findByRole("table", { name: "Fills" });
    await waitFor(() => expect(gateway.sockets).toHaveLength(1));
    expect(gateway.sockets[0]).toMatch(/^wss?:\/\/[^/]*\/stream$/);
    for (const url of [...gateway.requests, ...gateway.sockets]) expect(url).not.toContain(TOKEN);
    expect(gateway.requests).toContain("POST /api/login");
  });
});
