import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { assetPnlItem } from "../../test/items.js";
import { PrecisionProvider } from "../store/PrecisionContext.js";
import { DataTable } from "../tables/DataTable.js";
import { assetColumns } from "./assetColumns.js";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("PnL by asset: prices at their pair's places", () => {
  it("shows an asset's price and average cost at its USDT pair's price places, the exact figure on hover", async () => {
    vi.stubGlobal(
      "fetch",
      async () =>
        new Response(JSON.stringify({ assets: { BTC: 6 }, symbols: { BTCUSDT: { price: 2, quantity: 6 } } }), {
          status: 200,
        }),
    );
    const btc = assetPnlItem("BTC", { averageCost: "101396.29997418", price: "97209.01" });
    // An asset with no pair to the quote currency: rounded for reading as before.
    const odd = assetPnlItem("ODD", { averageCost: "1.234567891", price: "1.5" });
    render(
      <PrecisionProvider>
        <DataTable
          label="PnL by asset"
          data={[btc, odd]}
          columns={assetColumns("USDT")}
          getRowId={(item) => item.asset}
          height={300}
        />
      </PrecisionProvider>,
    );
    const cell = (asset: string, index: number) =>
      screen.getByRole("table").querySelector(`tr[data-row-id="${asset}"]`)?.querySelectorAll("td")[index];
    // The demo's BTC showed "101,396.29997418" beside a price of "97,209.01".
    await vi.waitFor(() => expect(cell("BTC", 5)?.textContent).toBe("101,396.30"));
    expect(cell("BTC", 5)?.querySelector("span")?.title).toBe("101396.29997418");
    expect(cell("BTC", 2)?.textContent).toBe("97,209.01");
    expect(cell("ODD", 5)?.textContent).toBe("1.23456789");
  });
});
