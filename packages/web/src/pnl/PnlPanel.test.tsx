import type { OpeningPosition } from "@mexc-live/contract";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openingPosition, pnlItem } from "../../test/items.js";
import { PnlPanel } from "./PnlPanel.js";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

interface Sent {
  readonly method: string;
  readonly url: string;
  readonly body: unknown;
}

/**
 * A gateway holding the opening positions: GET lists them, PUT sets a cost, or answers
 * `refusal` (status and body) when one is given. Records what it was sent.
 */
function fakeGateway(positions: OpeningPosition[], refusal?: { status: number; body: unknown }) {
  const sent: Sent[] = [];
  vi.stubGlobal("fetch", async (input: string, init?: RequestInit) => {
    const method = init?.method ?? "GET";
    const body = init?.body === undefined ? undefined : JSON.parse(String(init.body));
    sent.push({ method, url: String(input), body });
    const json = (status: number, value: unknown) =>
      new Response(JSON.stringify(value), { status, headers: { "content-type": "application/json" } });
    if (method === "PUT") {
      if (refusal) return json(refusal.status, refusal.body);
      const asset = decodeURIComponent(String(input).split("/").pop() ?? "");
      const cost = (body as { costPrice: string | null }).costPrice;
      positions = positions.map((p) =>
        p.asset !== asset
          ? p
          : cost === null
            ? { ...p, costPrice: "42000.5", source: "first_price" }
            : { ...p, costPrice: cost, source: "user" },
      );
    }
    return json(200, { items: positions });
  });
  return sent;
}

const PNL = [
  pnlItem("BTCUSDT", { opening: { quantity: "0.3", costPrice: "42000.5", source: "first_price" } }),
  pnlItem("ETHUSDT"),
];

describe("PnlPanel", () => {
  it("marks a symbol whose position was partly held before the known history", async () => {
    fakeGateway([openingPosition("BTC")]);
    render(<PnlPanel pnl={PNL} quote="USDT" height={200} />);
    const table = screen.getByRole("table", { name: "PnL" });
    const btc = table.querySelector("tr[data-row-id='BTCUSDT']") as HTMLElement;
    expect(within(btc).getByText("opening").getAttribute("title")).toBe(
      "incl. 0.3 BTC held before history, at first known price",
    );
    expect(within(table.querySelector("tr[data-row-id='ETHUSDT']") as HTMLElement).queryByText("opening")).toBeNull();
    expect(screen.getByText(/BTCUSDT: incl\. 0\.3 BTC held before history, at first known price/)).toBeTruthy();

    const openings = await screen.findByRole("table", { name: "Opening positions" });
    const row = within(openings).getByRole("row", { name: /BTC/ });
    expect(within(row).getByText("42,000.5 USDT")).toBeTruthy();
    expect(within(row).getByText("first known price")).toBeTruthy();
  });

  it("saves the cost the user types with a PUT, then shows it as their cost and refreshes the PnL", async () => {
    const sent = fakeGateway([openingPosition("BTC")]);
    const onCostSaved = vi.fn();
    render(<PnlPanel pnl={PNL} quote="USDT" height={200} onCostSaved={onCostSaved} />);
    const input = await screen.findByLabelText("Your cost per BTC, in USDT");
    fireEvent.change(input, { target: { value: " 27150.5 " } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByText("your cost");
    expect(sent.filter((s) => s.method === "PUT")).toEqual([
      { method: "PUT", url: "/api/opening-positions/BTC", body: { costPrice: "27150.5" } },
    ]);
    expect(screen.getByText("27,150.5 USDT")).toBeTruthy();
    expect(onCostSaved).toHaveBeenCalledTimes(1);

    fireEvent.click(screen.getByRole("button", { name: "Reset" }));
    await screen.findByText("first known price");
    expect(sent.filter((s) => s.method === "PUT").at(-1)).toEqual({
      method: "PUT",
      url: "/api/opening-positions/BTC",
      body: { costPrice: null },
    });
    await waitFor(() => expect((input as HTMLInputElement).value).toBe(""));
  });

  it("shows the gateway's message when it refuses the cost", async () => {
    fakeGateway([openingPosition("BTC")], {
      status: 400,
      body: { error: "BAD_REQUEST", message: "costPrice: must be a plain decimal such as 27150.5" },
    });
    const onCostSaved = vi.fn();
    render(<PnlPanel pnl={PNL} quote="USDT" height={200} onCostSaved={onCostSaved} />);
    fireEvent.change(await screen.findByLabelText("Your cost per BTC, in USDT"), { target: { value: "27,150" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "BTC: costPrice: must be a plain decimal such as 27150.5",
    );
    expect(screen.getByText("first known price")).toBeTruthy();
    expect(onCostSaved).not.toHaveBeenCalled();
  });
});
