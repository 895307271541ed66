import type { AlertNotice, ServerMessage, TopicUpdate } from "@mexc-live/contract";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { alertNotice, T0 } from "../../test/items.js";
import { LiveStoreProvider } from "../store/LiveContext.js";
import { LiveStore } from "../store/liveStore.js";
import { AlertToasts, TOAST_MS } from "./AlertToasts.js";
import { BURST_NOTIFICATIONS } from "./browserNotify.js";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

type Shown = { title: string; body: string | undefined; tag: string | undefined; via: "page" | "worker" };

/** The Notifications API with `permission`; records every notification shown, and how. */
function fakeNotifications(permission: NotificationPermission, withWorker = false): Shown[] {
  const shown: Shown[] = [];
  class FakeNotification {
    static permission = permission;
    constructor(title: string, options: NotificationOptions = {}) {
      shown.push({ title, body: options.body, tag: options.tag, via: "page" });
    }
  }
  vi.stubGlobal("Notification", FakeNotification);
  const registration = {
    active: {},
    showNotification: async (title: string, options: NotificationOptions = {}) => {
      shown.push({ title, body: options.body, tag: options.tag, via: "worker" });
    },
  };
  vi.stubGlobal("navigator", {
    ...navigator,
    serviceWorker: { getRegistration: async () => (withWorker ? registration : undefined) },
  });
  return shown;
}

function mount() {
  const store = new LiveStore({ schedule: () => () => {} });
  render(
    <LiveStoreProvider store={store}>
      <AlertToasts />
    </LiveStoreProvider>,
  );
  const receive = async (message: ServerMessage) => {
    await act(async () => {
      store.receive(message);
      store.flush();
    });
  };
  return {
    snapshot: (notices: AlertNotice[]) =>
      receive({ type: "snapshot", topic: "alerts", data: notices, exchangeTime: 0, receiveTime: T0 }),
    deltas: (...notices: AlertNotice[]) =>
      receive({
        type: "batch",
        updates: notices.map((data): TopicUpdate => ({ topic: "alerts", data, exchangeTime: 0, receiveTime: T0 })),
      }),
  };
}

const toastTitles = () => [...document.querySelectorAll(".alert-toast-title")].map((el) => el.textContent);

describe("alerts arriving in an open dashboard", () => {
  it("shows a live alert as a notification tagged with its id, and as a toast", async () => {
    const shown = fakeNotifications("granted");
    const page = mount();
    await page.deltas(alertNotice("1", T0));
    expect(shown).toEqual([
      {
        title: "BTCUSDT BUY 0.01 @ 65,000.10 (#1)",
        body: "Fee 0.65 USDT\nOrder o1",
        tag: "fill:BTCUSDT:1",
        via: "page",
      },
    ]);
    expect(toastTitles()).toEqual(["BTCUSDT BUY 0.01 @ 65,000.10 (#1)"]);
  });

  it("shows nothing for the alerts of a snapshot (raised before the page listened)", async () => {
    const shown = fakeNotifications("granted");
    const page = mount();
    await page.snapshot([alertNotice("1", T0), alertNotice("2", T0 + 1)]);
    expect(shown).toEqual([]);
    expect(toastTitles()).toEqual([]);
    await page.deltas(alertNotice("2", T0 + 1)); // a repeat of one the snapshot brought
    expect(shown).toEqual([]);
  });

  it("shows only the toast when notifications are blocked", async () => {
    const shown = fakeNotifications("denied");
    const page = mount();
    await page.deltas(alertNotice("1", T0));
    expect(shown).toEqual([]);
    expect(toastTitles()).toEqual(["BTCUSDT BUY 0.01 @ 65,000.10 (#1)"]);
  });

  it("shows only the toast in a browser without notifications", async () => {
    const page = mount();
    await page.deltas(alertNotice("1", T0));
    expect(toastTitles()).toEqual(["BTCUSDT BUY 0.01 @ 65,000.10 (#1)"]);
  });

  it("goes through the service worker's registration when there is one", async () => {
    const shown = fakeNotifications("granted", true);
    const page = mount();
    await page.deltas(alertNotice("1", T0));
    expect(shown.map((s) => [s.via, s.tag])).toEqual([["worker", "fill:BTCUSDT:1"]]);
  });

  it("folds a burst into one notification that counts it, and keeps the newest three toasts", async () => {
    const shown = fakeNotifications("granted");
    const page = mount();
    const burst = Array.from({ length: BURST_NOTIFICATIONS + 5 }, (_, i) => alertNotice(String(i), T0 + i));
    await page.deltas(...burst);
    expect(shown).toHaveLength(1);
    expect(shown[0]?.title).toBe(`${burst.length} alerts`);
    expect(shown[0]?.body).toContain("and 3 more");
    expect(toastTitles()).toEqual(burst.slice(-3).map((n) => n.title));
  });

  it("closes a toast when asked, and on its own after a while", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    fakeNotifications("denied");
    const page = mount();
    await page.deltas(alertNotice("1", T0), alertNotice("2", T0 + 1));
    fireEvent.click(screen.getAllByRole("button", { name: "Close" })[0] as HTMLElement);
    expect(toastTitles()).toEqual(["BTCUSDT BUY 0.01 @ 65,000.10 (#2)"]);
    await act(async () => {
      vi.advanceTimersByTime(TOAST_MS);
    });
    expect(toastTitles()).toEqual([]);
  });
});
