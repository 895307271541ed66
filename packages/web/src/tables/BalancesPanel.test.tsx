import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { BalancesPanel } from "./BalancesPanel.js";

afterEach(cleanup);

const NONE = new Map();

describe("BalancesPanel", () => {
  it("says it is loading until the balances came, never a false 'No balances yet'", () => {
    const view = render(
      <BalancesPanel balances={NONE} changed={NONE} quote="USDT" equity={null} height={200} loading={true} />,
    );
    expect(screen.getByText("Loading balances…")).toBeTruthy();
    expect(screen.queryByText("No balances yet.")).toBeNull();
    view.rerender(<BalancesPanel balances={NONE} changed={NONE} quote="USDT" equity={null} height={200} />);
    expect(screen.getByText("No balances yet.")).toBeTruthy();
  });
});
