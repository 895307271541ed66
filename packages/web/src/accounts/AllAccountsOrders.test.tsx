import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { order, T0 } from "../../test/items.js";
import { AllAccountsOrders } from "./AllAccountsOrders.js";

afterEach(cleanup);

function cells(): (string | null)[][] {
  const table = screen.getByRole("table", { name: "Open orders, all accounts" });
  return [...table.querySelectorAll("tbody tr")].map((tr) =>
    [...tr.querySelectorAll("td")].map((td) => td.textContent),
  );
}

describe("AllAccountsOrders", () => {
  it("lists the open orders of all accounts with their account, saying they are live", () => {
    const items = [
      order("s1", T0 + 2000, {
        ...{ account: "sub1", symbol: "ETHUSDT", side: "SELL", type: "LIMIT" },
        ...{ price: "3000.5", quantity: "1.5", executedQuantity: "0.25" },
      }),
      order("m1", T0 + 1000, {
        ...{ account: "main", symbol: "BTCUSDT", side: "BUY", type: "LIMIT_MAKER" },
        ...{ price: "65000", quantity: "0.01", executedQuantity: "0" },
      }),
    ];
    render(<AllAccountsOrders orders={{ items, failed: false }} />);
    expect(cells()).toEqual([
      ["sub1", "ETHUSDT", "SELL", "LIMIT", "3,000.5", "1.5", "0.25"],
      ["main", "BTCUSDT", "BUY", "LIMIT_MAKER", "65,000", "0.01", "0"],
    ]);
    expect([...document.querySelectorAll(".all-accounts-when")].map((small) => small.textContent)).toEqual(["live"]);
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("says there are no open orders, nothing before the snapshots, and when the stream is down", () => {
    const { rerender } = render(<AllAccountsOrders orders={{ items: [], failed: false }} />);
    expect(cells()).toEqual([["No open orders"]]);
    rerender(<AllAccountsOrders orders={{ items: null, failed: false }} />);
    expect(cells()).toEqual([]);
    expect(screen.getByRole("status").textContent).toBe("Loading…"); // not an empty box under "live"
    rerender(<AllAccountsOrders orders={{ items: null, failed: true }} />);
    expect(screen.getByRole("status").textContent).toBe("the stream is down: nothing seen yet");
    rerender(<AllAccountsOrders orders={{ items: [order("m1", T0, { account: "main" })], failed: true }} />);
    expect(screen.getByRole("status").textContent).toBe("the stream is down: these are as last seen");
    expect(cells()).toHaveLength(1);
  });
});
