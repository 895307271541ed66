import type { AlertRuleItem } from "@mexc-live/contract";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { alertDelivery, alertRule } from "../../test/items.js";
import { AlertsPanel } from "./AlertsPanel.js";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

type Answer = { status: number; body?: unknown };
type Sent = { method: string; url: string; body: unknown };

/** The gateway's alert routes: `answer` per request (GET rules and deliveries default to the lists given). */
function fakeAlertsApi(
  rules: readonly AlertRuleItem[],
  answer: (method: string, url: string, body: unknown) => Answer | undefined = () => undefined,
) {
  const sent: Sent[] = [];
  vi.stubGlobal("fetch", async (input: string, init?: RequestInit) => {
    const method = init?.method ?? "GET";
    const url = String(input);
    const body = typeof init?.body === "string" ? JSON.parse(init.body) : undefined;
    sent.push({ method, url, body });
    const given = answer(method, url, body);
    const { status, body: reply } =
      given ??
      (url === "/api/alerts/rules"
        ? { status: 200, body: { items: rules } }
        : url.startsWith("/api/alerts/deliveries")
          ? {
              status: 200,
              body: {
                items: [
                  alertDelivery("d2"),
                  alertDelivery("d1", { status: "failed", attempts: 5, lastError: "HTTP 502 from the channel" }),
                ],
              },
            }
          : { status: 404, body: { error: "NOT_FOUND", message: `route: ${url} not found` } });
    return new Response(status === 204 ? null : JSON.stringify(reply), {
      status,
      headers: { "content-type": "application/json" },
    });
  });
  return { sent, writes: () => sent.filter((s) => s.method !== "GET") };
}

const CONFIG_RULE = alertRule("config-1", {
  source: "config",
  on: "balance_below",
  to: "https://hooks.example/…",
  channel: "webhook",
  conditions: { asset: "USDT", threshold: "100" },
});
const DASHBOARD_RULE = alertRule("7", { conditions: { symbol: "BTCUSDT", side: "BUY", minQuote: "500" } });

function ruleRow(id: string): HTMLElement {
  const row = document.querySelector<HTMLElement>(`[data-rule-id="${id}"]`);
  if (!row) throw new Error(`no rule ${id} shown`);
  return row;
}

describe("AlertsPanel", () => {
  it("lists the rules with their event, conditions, masked channel and source, and the delivery log", async () => {
    fakeAlertsApi([CONFIG_RULE, DASHBOARD_RULE]);
    render(<AlertsPanel />);
    await screen.findByRole("list", { name: "Alert rules" });

    const config = within(ruleRow("config-1"));
    expect(config.getByText("Balance below")).toBeTruthy();
    expect(config.getByText("USDT below 100")).toBeTruthy();
    expect(config.getByText("https://hooks.example/…")).toBeTruthy();
    expect(config.getByText("config file")).toBeTruthy();

    const mine = within(ruleRow("7"));
    expect(mine.getByText("Fill")).toBeTruthy();
    expect(mine.getByText("BTCUSDT · BUY · value ≥ 500 USDT")).toBeTruthy();
    expect(mine.getByText("tgram://12…89/…/-100123")).toBeTruthy();
    expect(mine.getByText("dashboard")).toBeTruthy();

    const log = await screen.findByRole("table", { name: "Alert deliveries" });
    await waitFor(() => expect(log.querySelectorAll("tbody tr")).toHaveLength(2));
    const failed = within(log.querySelector<HTMLElement>('tr[data-row-id="d1"]') as HTMLElement);
    expect(failed.getByText("failed")).toBeTruthy();
    expect(failed.getByText("5")).toBeTruthy();
    expect(failed.getByText("HTTP 502 from the channel")).toBeTruthy();
  });

  it("shows each delivery as a card at phone width, the channel and the last error whole", async () => {
    // A 390 px viewport, as matchMedia answers it.
    vi.stubGlobal("matchMedia", (query: string) => {
      const max = Number(/max-width:\s*(\d+)px/.exec(query)?.[1] ?? Number.POSITIVE_INFINITY);
      return { matches: 390 <= max, media: query, addEventListener: () => {}, removeEventListener: () => {} };
    });
    fakeAlertsApi([CONFIG_RULE, DASHBOARD_RULE]);
    render(<AlertsPanel />);
    const log = await screen.findByRole("list", { name: "Alert deliveries" });
    await waitFor(() => expect(log.querySelectorAll("li.table-card")).toHaveLength(2));
    expect(screen.queryByRole("table", { name: "Alert deliveries" })).toBeNull();
    const failed = within(log.querySelector<HTMLElement>('li[data-row-id="d1"]') as HTMLElement);
    expect(failed.getByText("failed")).toBeTruthy();
    expect(failed.getByText("Attempts").nextElementSibling?.textContent).toBe("5");
    expect(failed.getByText("Last error").nextElementSibling?.textContent).toBe("HTTP 502 from the channel");
    expect(failed.getByText("Channel").nextElementSibling?.textContent).not.toBe("");
  });

  it("shows the gateway's refusal of a new rule next to the field it names", async () => {
    const api = fakeAlertsApi([], (method) =>
      method === "POST"
        ? { status: 400, body: { error: "BAD_REQUEST", message: "to: tgram:// needs BOT_TOKEN/CHAT_ID" } }
        : undefined,
    );
    render(<AlertsPanel />);
    const form = await screen.findByRole("form", { name: "Add an alert rule" });
    const to = within(form).getByLabelText("Channel URL");
    fireEvent.change(to, { target: { value: "tgram://12345" } });
    // The fill's value is in its pair's quote asset, and the label says which.
    expect(within(form).getByLabelText("Min. value (the pair's quote asset)")).toBeTruthy();
    fireEvent.change(within(form).getByLabelText("Symbol"), { target: { value: "ethbtc" } });
    expect(within(form).getByLabelText("Min. value (BTC)")).toBeTruthy();
    fireEvent.change(within(form).getByLabelText("Symbol"), { target: { value: "ethusdt" } });
    expect(within(form).getByLabelText("Min. value (USDT)")).toBeTruthy();
    fireEvent.click(within(form).getByRole("button", { name: "Add rule" }));

    const error = await within(form).findByRole("alert");
    expect(error.textContent).toBe("tgram:// needs BOT_TOKEN/CHAT_ID");
    expect(to.getAttribute("aria-invalid")).toBe("true");
    expect(to.getAttribute("aria-describedby")).toBe(error.id);
    expect(api.writes()).toEqual([
      {
        method: "POST",
        url: "/api/alerts/rules",
        body: { on: "fill", to: "tgram://12345", conditions: { symbol: "ETHUSDT" } },
      },
    ]);
    // Typing again clears it; what was typed stays for the user to fix.
    fireEvent.change(to, { target: { value: "tgram://12345/678" } });
    expect(within(form).queryByRole("alert")).toBeNull();
  });

  it("asks for the conditions of the chosen event and adds the rule, clearing the URL", async () => {
    const created = alertRule("8", { on: "balance_below", to: "ntfy://ntfy.sh/…", channel: "ntfy" });
    const api = fakeAlertsApi([], (method) => (method === "POST" ? { status: 201, body: created } : undefined));
    render(<AlertsPanel />);
    const form = await screen.findByRole("form", { name: "Add an alert rule" });
    fireEvent.change(within(form).getByLabelText("Event"), { target: { value: "balance_below" } });
    expect(within(form).queryByLabelText("Symbol")).toBeNull();
    expect(within(form).getByLabelText("Threshold (in the asset)")).toBeTruthy();
    fireEvent.change(within(form).getByLabelText("Asset"), { target: { value: "usdt" } });
    fireEvent.change(within(form).getByLabelText("Threshold (USDT)"), { target: { value: "1,5" } });
    expect(within(form).getByText("a number such as 1000 or 0.5")).toBeTruthy(); // a hint, not a block
    fireEvent.change(within(form).getByLabelText("Threshold (USDT)"), { target: { value: "150.5" } });
    fireEvent.change(within(form).getByLabelText("Channel URL"), {
      target: { value: "ntfy://ntfy.sh/my-secret-topic" },
    });
    fireEvent.click(within(form).getByRole("button", { name: "Add rule" }));

    await within(form).findByText("Rule added.");
    expect(api.writes()[0]?.body).toEqual({
      on: "balance_below",
      to: "ntfy://ntfy.sh/my-secret-topic",
      conditions: { asset: "USDT", threshold: "150.5" },
    });
    expect((within(form).getByLabelText("Channel URL") as HTMLInputElement).value).toBe("");
    expect(within(ruleRow("8")).getByText("ntfy://ntfy.sh/…")).toBeTruthy();
    expect(document.body.textContent).not.toContain("my-secret-topic");
  });

  it("mutes a rule through PATCH, config rules too", async () => {
    const api = fakeAlertsApi([CONFIG_RULE], (method, _url, body) =>
      method === "PATCH"
        ? { status: 200, body: { ...CONFIG_RULE, muted: (body as { muted: boolean }).muted } }
        : undefined,
    );
    render(<AlertsPanel />);
    await screen.findByRole("list", { name: "Alert rules" });
    const muted = within(ruleRow("config-1")).getByLabelText("Muted") as HTMLInputElement;
    expect(muted.checked).toBe(false);
    fireEvent.click(muted);
    await waitFor(() => expect(ruleRow("config-1").classList.contains("muted")).toBe(true));
    expect(muted.checked).toBe(true);
    expect(api.writes()).toEqual([{ method: "PATCH", url: "/api/alerts/rules/config-1", body: { muted: true } }]);
  });

  it("offers no removal of a config file's rule; removes a dashboard rule after a confirming click", async () => {
    const api = fakeAlertsApi([CONFIG_RULE, DASHBOARD_RULE], (method) =>
      method === "DELETE" ? { status: 204 } : undefined,
    );
    render(<AlertsPanel />);
    await screen.findByRole("list", { name: "Alert rules" });
    expect(within(ruleRow("config-1")).queryByRole("button", { name: /remove/i })).toBeNull();
    expect(within(ruleRow("config-1")).getByText("config file").getAttribute("title")).toContain("config file");

    fireEvent.click(within(ruleRow("7")).getByRole("button", { name: "Remove" }));
    expect(api.writes()).toEqual([]);
    fireEvent.click(within(ruleRow("7")).getByRole("button", { name: "Confirm remove" }));
    await waitFor(() => expect(document.querySelector('[data-rule-id="7"]')).toBeNull());
    expect(api.writes()).toEqual([{ method: "DELETE", url: "/api/alerts/rules/7", body: undefined }]);
  });

  it("sends a test through a rule and says where to look; a refusal is shown on the rule", async () => {
    let refuse = false;
    const api = fakeAlertsApi([DASHBOARD_RULE], (method, url) => {
      if (method !== "POST" || !url.endsWith("/test")) return undefined;
      return refuse
        ? { status: 503, body: { error: "NOT_ON_WEB_INSTANCE", message: "alerts are sent by the collector" } }
        : { status: 202, body: { delivery: "d9" } };
    });
    render(<AlertsPanel />);
    await screen.findByRole("list", { name: "Alert rules" });
    fireEvent.click(within(ruleRow("7")).getByRole("button", { name: "Send test" }));
    expect((await within(ruleRow("7")).findByRole("status")).textContent).toBe("Test sent: see the delivery log.");
    expect(api.writes()).toEqual([{ method: "POST", url: "/api/alerts/rules/7/test", body: {} }]);

    refuse = true;
    fireEvent.click(within(ruleRow("7")).getByRole("button", { name: "Send test" }));
    expect((await within(ruleRow("7")).findByRole("alert")).textContent).toBe("alerts are sent by the collector");
  });

  it("says why there are no rules when they cannot be read", async () => {
    fakeAlertsApi([], (method, url) =>
      method === "GET" && url === "/api/alerts/rules"
        ? { status: 502, body: { error: "COLLECTOR_FAILED", message: "the collector's query failed" } }
        : undefined,
    );
    render(<AlertsPanel />);
    expect((await screen.findByRole("alert")).textContent).toContain(
      "The alert rules could not be read: the collector's query failed",
    );
    expect(screen.queryByRole("form", { name: "Add an alert rule" })).toBeNull();
  });
});

describe("Notify me in this browser", () => {
  /** The Notifications API with the user answering `answer` when asked. */
  function fakeNotificationApi(initial: NotificationPermission, answer: NotificationPermission) {
    const api = {
      permission: initial,
      asked: 0,
      requestPermission: async () => {
        api.asked++;
        api.permission = answer;
        return answer;
      },
    };
    vi.stubGlobal("Notification", api);
    return api;
  }

  it("asks for permission and adds a browser rule for fills when there is none", async () => {
    const notifications = fakeNotificationApi("default", "granted");
    const browserRule = alertRule("9", { to: "browser", channel: "browser" });
    const api = fakeAlertsApi([DASHBOARD_RULE], (method) =>
      method === "POST" ? { status: 201, body: browserRule } : undefined,
    );
    render(<AlertsPanel />);
    fireEvent.click(await screen.findByRole("button", { name: "Notify me in this browser" }));
    expect(await screen.findByText("This browser shows alerts while a dashboard is open.")).toBeTruthy();
    expect(notifications.asked).toBe(1);
    expect(api.writes()).toEqual([{ method: "POST", url: "/api/alerts/rules", body: { on: "fill", to: "browser" } }]);
    expect(screen.queryByRole("button", { name: "Notify me in this browser" })).toBeNull();
  });

  it("unmutes an existing browser rule instead of adding one, and says when notifications are blocked", async () => {
    fakeNotificationApi("default", "denied");
    const muted = alertRule("9", { to: "browser", channel: "browser", muted: true });
    const api = fakeAlertsApi([muted], (method) =>
      method === "PATCH" ? { status: 200, body: { ...muted, muted: false } } : undefined,
    );
    render(<AlertsPanel />);
    fireEvent.click(await screen.findByRole("button", { name: "Notify me in this browser" }));
    expect(await screen.findByText(/Notifications are blocked for this site/)).toBeTruthy();
    expect(api.writes()).toEqual([{ method: "PATCH", url: "/api/alerts/rules/9", body: { muted: false } }]);
  });
});
