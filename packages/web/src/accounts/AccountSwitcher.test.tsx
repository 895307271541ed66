import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { accountItem } from "../../test/items.js";
import type { GatewayLink } from "../live/accountState.js";
import { AccountSwitcher } from "./AccountSwitcher.js";

const OPEN: GatewayLink = { socket: "open", lostAt: null };

afterEach(cleanup);

function options(): string[] {
  return [...screen.getByRole<HTMLSelectElement>("combobox", { name: "Account" }).options].map((o) => o.text);
}

describe("AccountSwitcher", () => {
  it("is not there with one account, or before the gateway listed any", () => {
    const { container, rerender } = render(
      <AccountSwitcher link={OPEN} accounts={[accountItem("main", true)]} shown="main" onChoose={() => {}} />,
    );
    expect(container.innerHTML).toBe("");
    rerender(<AccountSwitcher link={OPEN} accounts={[]} shown={undefined} onChoose={() => {}} />);
    expect(container.innerHTML).toBe("");
  });

  it("lists every account with its health, the shown one selected with its badge", () => {
    const accounts = [accountItem("main", true), accountItem("sub1", false, "reconnecting")];
    render(<AccountSwitcher link={OPEN} accounts={accounts} shown="main" onChoose={() => {}} />);
    expect(options()).toEqual(["main · live", "sub1 · reconnecting"]);
    expect(screen.getByRole<HTMLSelectElement>("combobox", { name: "Account" }).value).toBe("main");
    expect(screen.getByTestId("account-badge").className).toContain("account-live");
    expect(screen.getByTestId("account-trouble").textContent).toBe("sub1 reconnecting");
  });

  it("shows the shown account's state from its live health topic rather than the list's older one", () => {
    const accounts = [accountItem("main", true), accountItem("sub1", false, "live")];
    render(<AccountSwitcher link={OPEN} accounts={accounts} shown="sub1" shownState="down" onChoose={() => {}} />);
    expect(options()).toEqual(["main · live", "sub1 · down"]);
    expect(screen.getByTestId("account-badge").className).toContain("account-down");
    expect(screen.queryByTestId("account-trouble")).toBeNull(); // the header says it already
  });

  it("counts the other accounts that are not live, the worst colour first", () => {
    const accounts = [
      accountItem("main", true),
      accountItem("sub1", false, "stale"),
      accountItem("sub2", false, "connecting"),
    ];
    render(<AccountSwitcher link={OPEN} accounts={accounts} shown="main" onChoose={() => {}} />);
    const chip = screen.getByTestId("account-trouble");
    expect(chip.textContent).toBe("2 accounts not live");
    expect(chip.className).toContain("account-down");
    expect(chip.getAttribute("title")).toBe("sub1: stale, sub2: connecting");
  });

  it("chooses the account picked from the keyboard or the pointer", () => {
    const onChoose = vi.fn();
    render(
      <AccountSwitcher
        link={OPEN}
        accounts={[accountItem("main", true), accountItem("sub1")]}
        shown="main"
        onChoose={onChoose}
      />,
    );
    fireEvent.change(screen.getByRole("combobox", { name: "Account" }), { target: { value: "sub1" } });
    expect(onChoose).toHaveBeenCalledWith("sub1");
  });

  it("says every account is 'gateway lost' once the page's socket to the gateway is lost, none live", () => {
    const accounts = [accountItem("main", true), accountItem("sub1", false, "live")];
    const { rerender } = render(<AccountSwitcher link={OPEN} accounts={accounts} shown="main" onChoose={() => {}} />);
    expect(options()).toEqual(["main · live", "sub1 · live"]);
    const lost: GatewayLink = { socket: "lost", lostAt: 1 };
    rerender(<AccountSwitcher link={lost} accounts={accounts} shown="main" shownState="live" onChoose={() => {}} />);
    expect(options()).toEqual(["main · gateway lost", "sub1 · gateway lost"]);
    expect(screen.getByTestId("account-badge").className).toContain("account-down");
    expect(screen.getByTestId("account-trouble").textContent).toBe("sub1 gateway lost");
  });
});
