import { FIGURES_VERSION_HEADER, type PnlPeriodItem } from "@mexc-live/contract";
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeResizeObserver, resetFakes } from "../../test/fakeCharts.js";
import { assetPnlItem } from "../../test/items.js";
import { PnlPanel } from "./PnlPanel.js";

// ECharts draws on canvas, which happy-dom lacks: the library is replaced by a recorder.
vi.mock("echarts/core", async () => (await import("../../test/fakeCharts.js")).echartsCoreModule);
vi.mock("echarts/charts", () => ({ PieChart: {}, BarChart: {}, LineChart: {} }));
vi.mock("echarts/components", () => ({ GridComponent: {}, TooltipComponent: {}, LegendComponent: {} }));
vi.mock("echarts/features", () => ({ LabelLayout: {} }));
vi.mock("echarts/renderers", () => ({ CanvasRenderer: {} }));

const PERIOD: PnlPeriodItem = {
  period: "2026-11-02",
  from: Date.UTC(2026, 10, 2),
  to: Date.UTC(2026, 10, 3) - 1,
  realized: "-67.78",
  unrealized: "0",
  fees: "0.26",
  method: "avg",
};

/** A gateway whose PnL by period answers at figures version `version`. */
function periodsAt(version: number) {
  vi.stubGlobal(
    "fetch",
    async () =>
      new Response(JSON.stringify({ items: [PERIOD] }), {
        status: 200,
        headers: { "content-type": "application/json", [FIGURES_VERSION_HEADER]: String(version) },
      }),
  );
}

beforeEach(() => {
  resetFakes();
  vi.stubGlobal("ResizeObserver", FakeResizeObserver);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function panel(byAssetVersion: number | null | undefined) {
  return (
    <PnlPanel
      pnl={[]}
      pnlByAsset={[assetPnlItem("BTC")]}
      pnlByAssetVersion={byAssetVersion}
      height={200}
      method={null}
      onMethodChange={() => {}}
      version={0}
    />
  );
}

const footer = () => screen.getByTestId("pnl-periods-chart").querySelector(".chart-footer")?.textContent ?? "";

describe("PnL by period beside PnL by asset: one moment", () => {
  it("does not show the period totals beside a By-asset table of another version", async () => {
    periodsAt(8);
    render(panel(7));
    await waitFor(() => expect(footer()).toContain("updating"));
    expect(footer()).not.toContain("-67.78");
  });

  it("shows them once both answers are of one version", async () => {
    periodsAt(7);
    render(panel(7));
    await waitFor(() => expect(footer()).toContain("realized -67.78"));
  });

  it("shows them from a gateway that sends no versions, as before", async () => {
    periodsAt(7);
    render(panel(null));
    await waitFor(() => expect(footer()).toContain("realized -67.78"));
  });
});
