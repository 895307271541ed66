import type { ServerMessage } from "@mexc-live/contract";
import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { fill } from "../../test/items.js";
import { LivePaused } from "../hooks/livePaused.js";
import { LiveStoreProvider, useHeldWhilePaused, useLive, useLiveAlways } from "./LiveContext.js";
import { LiveStore } from "./liveStore.js";

afterEach(cleanup);

const fills = (from: number, count: number): ServerMessage => ({
  type: "batch",
  updates: Array.from({ length: count }, (_, i) => ({
    topic: "fills" as const,
    data: fill(String(from + i), 1_000 + from + i),
    exchangeTime: 0,
    receiveTime: 0,
  })),
});

/** A store whose flushes the test runs (no animation frames in jsdom). */
function manualStore(): LiveStore {
  return new LiveStore({ schedule: () => () => {}, marketSchedule: () => () => {} });
}

let renders = 0;
function FillCount({ testId }: { testId: string }) {
  renders++;
  const count = useLive((s) => s.fills.items.length);
  return <p data-testid={testId}>{count}</p>;
}
function AlwaysCount() {
  return <p data-testid="always">{useLiveAlways((s) => s.fills.items.length)}</p>;
}
function Held({ value }: { value: number }) {
  return <p data-testid="held">{useHeldWhilePaused(value)}</p>;
}

function page(store: LiveStore, paused: boolean, value = 0) {
  return (
    <LiveStoreProvider store={store}>
      <LivePaused paused={paused}>
        <FillCount testId="paused" />
        <AlwaysCount />
        <Held value={value} />
      </LivePaused>
      <FillCount testId="seen" />
    </LiveStoreProvider>
  );
}

const shown = (id: string) => Number(screen.getByTestId(id).textContent);

describe("LivePaused (issue 17: what is not seen does not follow the store)", () => {
  it("holds what a paused section shows, re-rendering nothing, and shows the state as it is when seen again", () => {
    const store = manualStore();
    const view = render(page(store, false, 1));
    act(() => {
      store.receive(fills(0, 2));
      store.flush();
    });
    expect(shown("paused")).toBe(2);

    view.rerender(page(store, true, 1));
    renders = 0;
    act(() => {
      store.receive(fills(2, 3));
      store.flush();
    });
    expect(shown("seen")).toBe(5); // outside the boundary: followed
    expect(shown("paused")).toBe(2); // inside: held
    expect(renders).toBe(1); // only the one outside re-rendered
    view.rerender(page(store, true, 9));
    expect(shown("held")).toBe(1); // a prop from outside holds still too

    view.rerender(page(store, false, 9));
    expect(shown("paused")).toBe(5);
    expect(shown("held")).toBe(9);
  });

  it("still follows what must happen unseen (useLiveAlways: alerts raised while the tab is hidden)", () => {
    const store = manualStore();
    render(page(store, true));
    act(() => {
      store.receive(fills(0, 4));
      store.flush();
    });
    expect(shown("always")).toBe(4);
    expect(shown("paused")).toBe(0);
  });
});
