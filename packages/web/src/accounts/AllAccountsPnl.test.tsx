import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { AllAccountsPnl } from "./AllAccountsPnl.js";

afterEach(cleanup);

function figure(id: string): HTMLElement {
  return screen.getByTestId(`all-accounts-pnl-${id}`);
}

function byAccount(): (string | null)[][] {
  const table = screen.getByRole("table", { name: "PnL by account" });
  return [...table.querySelectorAll("tbody tr")].map((tr) =>
    [...tr.querySelectorAll("td")].map((td) => td.textContent),
  );
}

describe("AllAccountsPnl", () => {
  it("shows the combined figures signed, in the quote currency, coloured like the other PnL figures", () => {
    render(
      <AllAccountsPnl
        pnl={{
          combined: { today: "-12.345", span: "1234.5" },
          byAccount: [
            { name: "main", realized: "1300" },
            { name: "sub1", realized: "-65.5" },
          ],
          failed: false,
        }}
        unrealized={{
          total: "0",
          byAccount: new Map([
            ["main", "0.5"],
            ["sub1", "-0.5"],
          ]),
          asRead: new Set<string>(),
        }}
      />,
    );
    expect(figure("today").textContent).toBe("-12.35 USDT");
    expect(figure("today").querySelector(".change-down")).not.toBeNull();
    expect(figure("span").textContent).toBe("+1,234.50 USDT");
    expect(figure("span").querySelector(".change-up")).not.toBeNull();
    expect(figure("unrealized").textContent).toBe("0.00 USDT");
    expect(screen.queryByTestId("all-accounts-pnl-unrealized-why")).toBeNull();
    expect(byAccount()).toEqual([
      ["main", "+1,300.00", "+0.50"],
      ["sub1", "-65.50", "-0.50"],
    ]);
    expect(screen.getByText("Realized, 30 days (USDT)")).toBeTruthy();
    expect(screen.getByText("after each fill")).toBeTruthy();
  });

  it("shows '–' for an unrealized PnL that cannot be valued or is not known yet, an account not read, and before the first read", () => {
    const { rerender } = render(
      <AllAccountsPnl
        pnl={{
          combined: { today: "0", span: "5" },
          byAccount: [
            { name: "sub1", realized: null },
            { name: "sub2", realized: "1" },
          ],
          failed: false,
        }}
        unrealized={{ total: null, byAccount: new Map([["sub1", null]]), asRead: new Set<string>() }}
      />,
    );
    expect(figure("unrealized").textContent).toBe("– USDT");
    expect(byAccount()).toEqual([
      ["sub1", "–", "–"],
      ["sub2", "+1.00", "–"],
    ]);
    expect(
      screen
        .getAllByTestId("all-accounts-pnl-account-unrealized")
        .map((td) => td.firstElementChild?.getAttribute("title")),
    ).toEqual([
      "something held has no price or no known cost",
      "not known yet: it comes with a later equity point of the gateway, once the prices it waits on are in",
    ]);
    // Said on the screen too, not only in a tooltip.
    expect(screen.getByTestId("all-accounts-pnl-unrealized-why").textContent).toBe(
      "Unrealized: something held has no price or no known cost.",
    );
    // Not while a history is read: the cost of what is held may be in the part not read yet.
    rerender(
      <AllAccountsPnl
        pnl={{ combined: null, byAccount: [], failed: false }}
        unrealized={{ total: null, byAccount: new Map(), asRead: new Set<string>() }}
        historyIncoming={true}
      />,
    );
    expect(screen.getByTestId("all-accounts-pnl-unrealized-why").textContent).toBe(
      "Unrealized: not known yet: MEXC's history is still being read, and the figures wait for it.",
    );
    rerender(<AllAccountsPnl pnl={{ combined: null, byAccount: [], failed: true }} />);
    expect(figure("today").textContent).toBe("– USDT");
    expect(figure("span").textContent).toBe("– USDT");
    expect(screen.getByTestId("all-accounts-pnl-unrealized-why").textContent).toBe(
      "Unrealized: not known yet: it comes with a later equity point of the gateway, once the prices it waits on are in.",
    );
    // Only while some account's history is still read is that named as the cause.
    rerender(<AllAccountsPnl pnl={{ combined: null, byAccount: [], failed: true }} historyIncoming={true} />);
    expect(screen.getByTestId("all-accounts-pnl-unrealized-why").textContent).toBe(
      "Unrealized: not known yet: MEXC's history is still being read, and the figures wait for it.",
    );
    expect(screen.queryByTestId("all-accounts-pnl-provisional")).toBeNull(); // no realized figure to qualify
    expect(screen.queryByRole("table", { name: "PnL by account" })).toBeNull();
    expect(screen.getByRole("status").textContent).toBe(
      "could not be read: retried after the next fill, or when the stream connects again",
    );
    expect(screen.queryByTestId("all-accounts-pnl-reading")).toBeNull(); // failed, not on its way
    // Before its first answer: the "–" says why, in words on the screen.
    rerender(<AllAccountsPnl pnl={{ combined: null, byAccount: [], failed: false }} />);
    expect(figure("today").textContent).toBe("– USDT");
    expect(screen.getByTestId("all-accounts-pnl-reading").textContent).toBe(
      "Realized: being worked out by the gateway, shown when it answers.",
    );
    // A realized figure worked out while the history is read says it is provisional.
    const read = { combined: { today: "-43", span: "-68.18" }, byAccount: [], failed: false };
    rerender(<AllAccountsPnl pnl={read} historyIncoming={true} />);
    expect(screen.getByTestId("all-accounts-pnl-provisional").textContent).toBe(
      "Realized: provisional while MEXC's history is still being read (an older buy changes the cost of what was sold).",
    );
    rerender(<AllAccountsPnl pnl={read} />);
    expect(screen.queryByTestId("all-accounts-pnl-provisional")).toBeNull();
  });
});
