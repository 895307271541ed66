import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ImportPanel } from "./ImportPanel.js";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const TRADES_CSV =
  "Pairs,Time,Side,Filled Price,Executed Amount,Total,Fee,Role\nBTC_USDT,2024-11-02 10:11:12,BUY,69000,0.01,690,0.69 USDT,Taker\n";

/** A gateway answering POST /api/import with `status` and `body`; records what it was sent. */
function fakeImport(status: number, body: unknown) {
  const sent: { url: string; method: string; contentType: string; body: string }[] = [];
  vi.stubGlobal("fetch", async (input: string, init?: RequestInit) => {
    sent.push({
      url: String(input),
      method: init?.method ?? "GET",
      contentType: new Headers(init?.headers).get("content-type") ?? "",
      body: String(init?.body),
    });
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  });
  return sent;
}

function csvFile(name: string, text = TRADES_CSV): File {
  return new File([text], name, { type: "text/csv" });
}

describe("ImportPanel", () => {
  it("says which files it takes", () => {
    render(<ImportPanel />);
    expect(screen.getByRole("heading", { name: "Import older history" })).toBeTruthy();
    expect(
      screen.getByText(/spot trade history, deposit history and withdrawal history \(CSV; save an XLSX export as CSV/),
    ).toBeTruthy();
  });

  it("sends a picked file as it is and says how many fills were imported and how many were known", async () => {
    const sent = fakeImport(200, { format: "trades", rows: 45, added: 42, duplicates: 3 });
    const onImported = vi.fn();
    render(<ImportPanel onImported={onImported} />);
    fireEvent.change(screen.getByLabelText("Choose a CSV file"), { target: { files: [csvFile("spot trades.csv")] } });
    expect(await screen.findByText("spot trades.csv: 42 fills imported, 3 already known.")).toBeTruthy();
    expect(sent).toEqual([
      { url: "/api/import?name=spot+trades.csv", method: "POST", contentType: "text/csv", body: TRADES_CSV },
    ]);
    expect(onImported).toHaveBeenCalledTimes(1);
  });

  it("passes on the gateway's warning that the demo database does not keep the import", async () => {
    const warning =
      "this is the demo database, wiped at the next start of mexc-live in demo mode: set your API keys to keep an import";
    fakeImport(200, { format: "trades", rows: 1, added: 1, duplicates: 0, warning });
    render(<ImportPanel />);
    fireEvent.change(screen.getByLabelText("Choose a CSV file"), { target: { files: [csvFile("trades.csv")] } });
    expect(await screen.findByText("trades.csv: 1 fill imported, 0 already known.")).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toBe(`Note: ${warning}.`);
  });

  it("says another import is still running (409) and that nothing was imported from this file", async () => {
    fakeImport(409, { error: "IMPORT_RUNNING", message: "an import into this account is running" });
    const onImported = vi.fn();
    render(<ImportPanel onImported={onImported} />);
    fireEvent.change(screen.getByLabelText("Choose a CSV file"), { target: { files: [csvFile("more.csv")] } });
    expect((await screen.findByRole("alert")).textContent).toContain(
      "Nothing was imported from more.csv: another import into this account is still running",
    );
    expect(onImported).not.toHaveBeenCalled();
  });

  it("lists the problems of a refused file by line, the first 20 and how many more, and says nothing was imported", async () => {
    const problems = Array.from({ length: 25 }, (_, i) => ({ line: i + 2, message: `price: not a number ("x${i}")` }));
    fakeImport(400, { error: "BAD_REQUEST", message: "25 rows could not be read", problems });
    const onImported = vi.fn();
    render(<ImportPanel onImported={onImported} />);
    fireEvent.drop(screen.getByTestId("import-drop-zone"), {
      dataTransfer: { files: [csvFile("deposits.csv")] },
    });
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Nothing was imported from deposits.csv: 25 rows could not be read");
    const items = [...alert.querySelectorAll("li")].map((li) => li.textContent);
    expect(items).toHaveLength(20);
    expect(items[0]).toBe('line 2: price: not a number ("x0")');
    expect(items[19]).toBe('line 21: price: not a number ("x19")');
    expect(alert.textContent).toContain("and 5 more");
    expect(onImported).not.toHaveBeenCalled();
  });

  it("says nothing was imported when the instance is read-only or the file too large", async () => {
    fakeImport(503, { error: "NOT_ON_WEB_INSTANCE", message: "imports are kept by the collector: send this to it" });
    render(<ImportPanel />);
    fireEvent.change(screen.getByLabelText("Choose a CSV file"), { target: { files: [csvFile("trades.csv")] } });
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Nothing was imported from trades.csv: imports are kept by the collector: send this to it",
    );
    cleanup();

    fakeImport(413, { error: "PAYLOAD_TOO_LARGE", message: "body: larger than the limit" });
    render(<ImportPanel />);
    fireEvent.change(screen.getByLabelText("Choose a CSV file"), { target: { files: [csvFile("huge.csv")] } });
    expect((await screen.findByRole("alert")).textContent).toContain(
      "Nothing was imported from huge.csv: the file is too large for one import",
    );
  });

  it("does not send an Excel workbook, and says to save it as CSV", async () => {
    const sent = fakeImport(200, {});
    render(<ImportPanel />);
    fireEvent.change(screen.getByLabelText("Choose a CSV file"), { target: { files: [csvFile("Export.xlsx")] } });
    expect((await screen.findByRole("alert")).textContent).toMatch(/Nothing was imported .* save it as CSV/);
    expect(sent).toEqual([]);
  });
});
