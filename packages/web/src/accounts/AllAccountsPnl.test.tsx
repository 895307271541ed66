import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { AllAccountsPnl } from "./AllAccountsPnl.js";

afterEach(cleanup);

function figure(id: string): HTMLElement {
  return screen.getByTestId(`all-accounts-pnl-${id}`);
}

function byAccount(): (string | null)[][] {
  const table = screen.getByRole("table", { name: "Realized by account" });
  return [...table.querySelectorAll("tbody tr")].map((tr) =>
    [...tr.querySelectorAll("td")].map((td) => td.textContent),
  );
}

describe("AllAccountsPnl", () => {
  it("shows the combined figures signed, in the quote currency, coloured like the other PnL figures", () => {
    render(
      <AllAccountsPnl
        quote="USDT"
        pnl={{
          combined: { today: "-12.345", span: "1234.5", unrealized: "0" },
          byAccount: [
            { name: "main", realized: "1300" },
            { name: "sub1", realized: "-65.5" },
          ],
          failed: false,
        }}
      />,
    );
    expect(figure("today").textContent).toBe("-12.35 USDT");
    expect(figure("today").querySelector(".change-down")).not.toBeNull();
    expect(figure("span").textContent).toBe("+1,234.50 USDT");
    expect(figure("span").querySelector(".change-up")).not.toBeNull();
    expect(figure("unrealized").textContent).toBe("0.00 USDT");
    expect(byAccount()).toEqual([
      ["main", "+1,300.00"],
      ["sub1", "-65.50"],
    ]);
    expect(screen.getByText("Realized, 30 days (USDT)")).toBeTruthy();
    expect(screen.getByText("after each fill")).toBeTruthy();
  });

  it("shows '–' for an unrealized PnL that cannot be valued, an account not read, and before the first read", () => {
    const { rerender } = render(
      <AllAccountsPnl
        quote="USDT"
        pnl={{
          combined: { today: "0", span: "5", unrealized: null },
          byAccount: [{ name: "sub1", realized: null }],
          failed: false,
        }}
      />,
    );
    expect(figure("unrealized").textContent).toBe("– USDT");
    expect(byAccount()).toEqual([["sub1", "–"]]);
    rerender(<AllAccountsPnl quote="USDT" pnl={{ combined: null, byAccount: [], failed: true }} />);
    expect(figure("today").textContent).toBe("– USDT");
    expect(figure("span").textContent).toBe("– USDT");
    expect(screen.queryByRole("table", { name: "Realized by account" })).toBeNull();
    expect(screen.getByRole("status").textContent).toBe(
      "could not be read: retried after the next fill, or when the stream connects again",
    );
  });
});
