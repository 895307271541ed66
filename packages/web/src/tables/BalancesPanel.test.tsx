import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { valuedBalance } from "../../test/items.js";
import { BalancesPanel } from "./BalancesPanel.js";

afterEach(cleanup);

const NONE = new Map();

describe("BalancesPanel", () => {
  it("says it is loading until the balances came, never a false 'No balances yet'", () => {
    const view = render(<BalancesPanel balances={NONE} changed={NONE} height={200} loading={true} />);
    expect(screen.getByText("Loading balances…")).toBeTruthy();
    expect(screen.queryByText("No balances yet.")).toBeNull();
    view.rerender(<BalancesPanel balances={NONE} changed={NONE} height={200} />);
    expect(screen.getByText("No balances yet.")).toBeTruthy();
  });

  it("totals the values shown, to the cent, and says how many without a price it leaves out", () => {
    const balances = new Map([
      ["BTC", valuedBalance("BTC", "33936.844")],
      ["ETH", valuedBalance("ETH", "14274.964")],
      ["FROP", valuedBalance("FROP", null)],
    ]);
    render(<BalancesPanel balances={balances} changed={NONE} height={200} />);
    // 33,936.84 + 14,274.96 as shown, not 48,211.808 rounded to 48,211.81.
    expect(screen.getByTestId("balances-total").textContent).toBe("total 48,211.80 USDT · 1 without a price left out");
  });
});
