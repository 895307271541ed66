import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { balance } from "../../test/items.js";
import { PrecisionProvider } from "../store/PrecisionContext.js";
import { balanceColumns } from "./columns.js";
import { DataTable } from "./DataTable.js";
import { copyFullValues } from "./fullValueCopy.js";

const MX = "1210.938121686452551931";

beforeEach(() => {
  // MEXC keeps MX to 2 places and USDT to 2 (GET /api/precisions).
  vi.stubGlobal(
    "fetch",
    async () => new Response(JSON.stringify({ assets: { MX: 2, USDT: 2 }, symbols: {} }), { status: 200 }),
  );
  document.addEventListener("copy", copyFullValues);
});

afterEach(() => {
  document.removeEventListener("copy", copyFullValues);
  document.getSelection()?.removeAllRanges();
  cleanup();
  vi.unstubAllGlobals();
});

/** The balances table with MX at 1,210.94 (rounded) and USDT at 25,000.00 (exact), once the places are known. */
async function balances(): Promise<HTMLElement> {
  render(
    <PrecisionProvider>
      <DataTable
        label="Balances"
        data={[balance("MX", MX, { value: "4843.752486745810207724" }), balance("USDT", "25000")]}
        columns={balanceColumns("USDT")}
        getRowId={(row) => row.asset}
        height={400}
      />
    </PrecisionProvider>,
  );
  const table = screen.getByRole("table", { name: "Balances" });
  await vi.waitFor(() => expect(table.querySelector("tr[data-row-id='MX']")?.textContent).toContain("1,210.94"));
  return table;
}

/** Selects `from` to the end of `to` and copies, as a user's Ctrl+C: what the clipboard got, and whether the page took the copy over. */
function copy(from: Node, to: Node = from): { text: string | undefined; taken: boolean } {
  const range = document.createRange();
  range.setStartBefore(from);
  range.setEndAfter(to);
  const selection = document.getSelection()!;
  selection.removeAllRanges();
  selection.addRange(range);
  const data = new Map<string, string>();
  const event = new Event("copy", { bubbles: true, cancelable: true });
  Object.defineProperty(event, "clipboardData", {
    value: { setData: (type: string, text: string) => data.set(type, text) },
  });
  document.dispatchEvent(event);
  return { text: data.get("text/plain"), taken: event.defaultPrevented };
}

describe("a copy of rounded amounts holds their full values (issue 40 item 8)", () => {
  it("copies one rounded amount as its full value", async () => {
    const table = await balances();
    const amount = [...table.querySelectorAll("tr[data-row-id='MX'] td span")].find((span) =>
      span.textContent?.includes("1,210.94"),
    )!;
    expect(amount.getAttribute("title")).toBe(MX); // and on hover
    expect(copy(amount.firstChild!)).toEqual({ text: MX, taken: true });
  });

  it("copies a row with every rounded amount at its full value, the rest as shown", async () => {
    const table = await balances();
    const row = table.querySelector("tr[data-row-id='MX']")!;
    const { text, taken } = copy(row);
    expect(taken).toBe(true);
    expect(text).toContain(MX);
    expect(text).toContain("4843.752486745810207724");
    expect(text).toContain("MX");
    expect(text).not.toContain("1,210.94");
    expect(text).not.toContain("4,843.75");
  });

  it("copies the table's rows with their full values, and leaves a copy without a rounded amount to the browser", async () => {
    const table = await balances();
    const body = table.querySelector("tbody")!;
    const { text } = copy(body.querySelector("tr[data-row-id='MX']")!, body.querySelector("tr[data-row-id='USDT']")!);
    expect(text).toContain(MX);
    expect(text).toContain("25,000.00"); // exact as shown: nothing to add
    const usdt = body.querySelector("tr[data-row-id='USDT']")!;
    expect(copy(usdt)).toEqual({ text: undefined, taken: false });
  });
});
