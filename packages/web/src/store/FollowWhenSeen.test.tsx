import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FollowWhenSeen } from "./FollowWhenSeen.js";
import { LiveStoreProvider, useLive } from "./LiveContext.js";
import { LiveStore } from "./liveStore.js";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** An IntersectionObserver that says every child is scrolled away. */
class NeverSeen {
  constructor(private readonly answer: (entries: { isIntersecting: boolean; target: Element }[]) => void) {}
  observe(target: Element) {
    queueMicrotask(() => this.answer([{ isIntersecting: false, target }]));
  }
  unobserve() {}
  disconnect() {}
}

function Connection() {
  return <p data-testid="connection">{useLive((s) => s.connection)}</p>;
}

describe("FollowWhenSeen", () => {
  it("a section scrolled away follows the store again once the gateway is lost, so it does not keep saying live", async () => {
    vi.stubGlobal("IntersectionObserver", NeverSeen);
    const store = new LiveStore({ schedule: () => () => {}, marketSchedule: () => () => {} });
    act(() => {
      store.setConnection("open");
      store.flush();
    });
    render(
      <LiveStoreProvider store={store}>
        <FollowWhenSeen>
          <Connection />
        </FollowWhenSeen>
      </LiveStoreProvider>,
    );
    await act(async () => {}); // the observer's answer: scrolled away
    expect(screen.getByTestId("connection").textContent).toBe("open");
    act(() => {
      store.setConnection("reconnecting");
      store.flush();
    });
    expect(screen.getByTestId("connection").textContent).toBe("reconnecting");
  });
});
