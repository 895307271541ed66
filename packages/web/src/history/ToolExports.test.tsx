import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { scopeRequests } from "../api/http.js";
import { ToolExports } from "./ToolExports.js";

afterEach(() => {
  cleanup();
  scopeRequests(undefined);
});

/** Each link's words, where it points, and what is said beside it. */
function links() {
  const panel = screen.getByRole("region", { name: "Take the history to another tool" });
  return within(panel)
    .getAllByRole("link")
    .map((link) => ({
      label: link.textContent,
      href: link.getAttribute("href"),
      download: link.hasAttribute("download"),
      holds: link.nextElementSibling?.textContent ?? "",
    }));
}

describe("ToolExports", () => {
  it("offers one download per tool's file, each at its route and saying what it holds and which tool imports it", () => {
    render(<ToolExports />);
    const shown = links();
    expect(shown.map(({ label, href, download }) => [label, href, download])).toEqual([
      ["rotki trades CSV", "/api/export/rotki-trades.csv", true],
      ["rotki events CSV", "/api/export/rotki-events.csv", true],
      ["Koinly CSV", "/api/export/koinly.csv", true],
      ["CoinTracking CSV", "/api/export/cointracking.csv", true],
      ["Ghostfolio JSON", "/api/export/ghostfolio.json", true],
    ]);
    const tools = ["rotki", "rotki", "Koinly", "CoinTracking", "Ghostfolio"];
    for (const [i, { holds }] of shown.entries()) expect(holds).toContain(`${tools[i]}'s`);
    expect(shown[4]?.holds).toMatch(/USDT or USDC pair, in USD/);
    expect(screen.getByText(/every fill and every completed deposit, withdrawal/)).toBeTruthy();
  });

  it("names the account shown, so each file is that account's", () => {
    scopeRequests("sub1");
    render(<ToolExports />);
    expect(links().map(({ href }) => href)).toEqual([
      "/api/export/rotki-trades.csv?account=sub1",
      "/api/export/rotki-events.csv?account=sub1",
      "/api/export/koinly.csv?account=sub1",
      "/api/export/cointracking.csv?account=sub1",
      "/api/export/ghostfolio.json?account=sub1",
    ]);
  });
});
