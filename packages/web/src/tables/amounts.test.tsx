import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PrecisionProvider } from "../store/PrecisionContext.js";
import { AssetAmount, PairFigure } from "./amounts.js";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function answering(body: unknown) {
  vi.stubGlobal("fetch", async () => new Response(JSON.stringify(body), { status: 200 }));
}

function figures() {
  render(
    <PrecisionProvider>
      <p data-testid="mx">
        <AssetAmount exact="1210.938121686452551931" asset="MX" />
      </p>
      <p data-testid="btc">
        <PairFigure exact="0.5" symbol="BTCUSDT" of="quantity" />
      </p>
    </PrecisionProvider>,
  );
}

/** Ten turns of the event loop inside act(): every answer given has been read and rendered. */
const settle = () =>
  act(async () => {
    for (let turn = 0; turn < 10; turn++) await new Promise((resolve) => setImmediate(resolve));
  });

describe("amounts at the places MEXC keeps them in", () => {
  it("shows an asset's amount and a pair's quantity at their places once GET /api/precisions answers", async () => {
    answering({ assets: { MX: 2 }, symbols: { BTCUSDT: { price: 2, quantity: 6 } } });
    figures();
    await vi.waitFor(() => expect(screen.getByTestId("btc").textContent).toBe("0.500000"));
    expect(screen.getByTestId("mx").textContent).toBe("1,210.94");
    expect(screen.getByTestId("mx").querySelector("span")?.title).toBe("1210.938121686452551931");
    expect(screen.getByTestId("btc").querySelector("span")?.title).toBe(""); // padding loses nothing
  });

  it("rounds for reading as before when the answer is not precisions, or names places out of bounds", async () => {
    answering({ items: [] });
    figures();
    await settle();
    expect(screen.getByTestId("mx").textContent).toBe("1,210.93812169");
    expect(screen.getByTestId("btc").textContent).toBe("0.5");
    cleanup();
    answering({ assets: { MX: 19, constructor: 2 }, symbols: { BTCUSDT: { price: -1, quantity: 1.5 } } });
    figures();
    await settle();
    expect(screen.getByTestId("mx").textContent).toBe("1,210.93812169");
    expect(screen.getByTestId("btc").textContent).toBe("0.5");
  });
});
