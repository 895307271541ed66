import type { AlertNotice } from "@mexc-live/contract";
import { DAY_MS } from "@mexc-live/protocol";
import { API_KEY_LIFETIME_MS } from "@mexc-live/protocol/limits";
import { parseMexcErrorBody } from "@mexc-live/protocol/rest";
import { describe, expect, it } from "vitest";
import { sampleFill, sampleOrder, T0 } from "../../contract/test/items.js";
import { AlertEngine } from "./engine.js";
import { type AlertRule, checkRule, toRule } from "./rules.js";

function rule(id: string, input: Record<string, unknown>, muted = false): AlertRule {
  const checked = checkRule({ to: "https://hooks.example/alerts", ...input }, true);
  if (!checked.ok) throw new Error(`${checked.field}: ${checked.message}`);
  return toRule(checked.draft, { id, source: "config", muted, createdAt: 0 });
}

function engineWith(rules: AlertRule[], since = T0) {
  const raised: { rule: string; notice: AlertNotice }[] = [];
  const engine = new AlertEngine({
    rules: () => rules,
    enqueue: (r, notice) => raised.push({ rule: r.id, notice }),
    since,
    quote: "USDT",
  });
  return { engine, raised };
}

describe("AlertEngine", () => {
  it("raises a fill with its trade id, side, price, quantity and fee, for rules whose conditions it meets", () => {
    const { engine, raised } = engineWith([
      rule("all", { on: "fill" }),
      rule("eth", { on: "fill", symbol: "ETHUSDT" }),
      rule("sells", { on: "fill", side: "SELL" }),
      rule("big", { on: "fill", minQuote: "100" }),
      rule("muted", { on: "fill" }, true),
    ]);
    engine.fill(sampleFill(2, { side: "BUY", amount: "9.99" }), "USDT");
    expect(raised.map((r) => r.rule)).toEqual(["all"]);
    const { notice } = raised[0]!;
    expect(notice.id).toBe("fill:BTCUSDT:5044000002");
    expect(notice.title).toBe("Filled: BUY 0.00010300 BTCUSDT @ 97000.01");
    expect(notice.fields).toMatchObject({
      tradeId: "5044000002",
      side: "BUY",
      price: "97000.01",
      quantity: "0.00010300",
      fee: "0.00999100",
      feeAsset: "USDT",
    });
    engine.fill(sampleFill(3, { side: "SELL", amount: "150" }), "USDT");
    expect(raised.slice(1).map((r) => r.rule)).toEqual(["all", "sells", "big"]);
  });

  it("stays quiet for fills before it started (backfill, first reconciliation) and for imported ones", () => {
    const { engine, raised } = engineWith([rule("all", { on: "fill" })], T0 + 10_000);
    engine.fill(sampleFill(1), "USDT");
    engine.fill(sampleFill(20, { source: "import" }), "USDT");
    expect(raised).toEqual([]);
    engine.fill(sampleFill(20, { source: "rest" }), "USDT");
    expect(raised[0]?.notice.text).toContain("reconciliation");
  });

  it("tells placed, canceled and expired orders apart (MEXC has no EXPIRED: IOC/FOK/market ended unfilled)", () => {
    const { engine, raised } = engineWith([
      rule("p", { on: "order_placed" }),
      rule("c", { on: "order_canceled" }),
      rule("e", { on: "order_expired" }),
    ]);
    const placed = sampleOrder(1);
    engine.order(undefined, placed);
    engine.order(placed, sampleOrder(1, { status: "PARTIALLY_FILLED", executedQuantity: "0.0005" }));
    engine.order(placed, sampleOrder(1, { status: "CANCELED", executedQuantity: "0.0005", updateTime: T0 + 5000 }));
    engine.order(undefined, sampleOrder(2, { type: "IMMEDIATE_OR_CANCEL", status: "CANCELED" }));
    // Seen canceled twice: one alert.
    const canceled = sampleOrder(3, { status: "CANCELED" });
    engine.order(sampleOrder(3), canceled);
    engine.order(canceled, canceled);
    expect(raised.map((r) => `${r.rule} ${r.notice.fields.orderId}`)).toEqual([
      "p C02__400000000001",
      "c C02__400000000001",
      "e C02__400000000002",
      "c C02__400000000003",
    ]);
    expect(raised[1]?.notice.text).toContain("Filled 0.0005 of 0.001");
  });

  it("alerts when a balance crosses its threshold, once while it hovers there, again after it came back by 1 %", () => {
    const { engine, raised } = engineWith([
      rule("low", { on: "balance_below", asset: "USDT", threshold: "1000" }),
      rule("high", { on: "balance_above", asset: "BTC", threshold: "1.5" }),
    ]);
    engine.balance("USDT", "900", T0); // first reading: where it is, no alert
    engine.balance("USDT", "1200", T0 + 1);
    engine.balance("USDT", "999.99", T0 + 2); // crossed: alert
    engine.balance("USDT", "1000", T0 + 3); // back, but within 1 %: still counted below
    engine.balance("USDT", "999", T0 + 4);
    engine.balance("USDT", "1009.99", T0 + 5);
    engine.balance("USDT", "998", T0 + 6);
    expect(raised.map((r) => r.notice.fields.value)).toEqual(["999.99"]);
    engine.balance("USDT", "1010", T0 + 7); // back by 1 %: re-armed
    engine.balance("USDT", "10", T0 + 8);
    engine.balance("BTC", "1", T0 + 9);
    engine.balance("BTC", "1.5", T0 + 10);
    expect(raised.map((r) => `${r.rule} ${r.notice.fields.value}`)).toEqual(["low 999.99", "low 10", "high 1.5"]);
    expect(raised[0]?.notice.title).toBe("USDT balance fell to 999.99 USDT");
  });

  it("alerts on equity above and below thresholds in the quote currency", () => {
    const { engine, raised } = engineWith([
      rule("up", { on: "equity_above", threshold: "12000" }),
      rule("down", { on: "equity_below", threshold: "9000" }),
    ]);
    for (const [n, equity] of [
      [0, "10000"],
      [1, "12500"],
      [2, "10000"],
      [3, "8999.5"],
    ] as const) {
      engine.equity(T0 + n * 60_000, equity);
    }
    expect(raised.map((r) => `${r.rule} ${r.notice.title}`)).toEqual([
      "up Equity rose to 12500 USDT",
      "down Equity fell to 8999.5 USDT",
    ]);
  });

  it("raises a deposit credited and a withdrawal sent, not a pending one nor one from before it started", () => {
    const { engine, raised } = engineWith([
      rule("d", { on: "deposit" }),
      rule("w", { on: "withdrawal", asset: "USDT" }),
    ]);
    const transfer = (overrides: Record<string, unknown>) => ({
      type: "deposit" as const,
      id: "tx-1",
      direction: "in" as const,
      asset: "USDT",
      amount: "500",
      fee: "0",
      network: "TRX",
      state: "completed" as const,
      status: "5",
      txId: "0xabc",
      address: "",
      time: T0 + 1000,
      updateTime: T0 + 1000,
      ...overrides,
    });
    engine.transfer(transfer({ state: "pending", id: "tx-0" }));
    engine.transfer(transfer({}));
    engine.transfer(transfer({ id: "old", time: T0 - 1000, updateTime: T0 - 1000 }));
    engine.transfer(transfer({ type: "withdrawal", direction: "out", id: "w-1", amount: "100", fee: "1" }));
    engine.transfer(transfer({ type: "withdrawal", direction: "out", id: "w-2", asset: "BTC" }));
    expect(raised.map((r) => `${r.rule} ${r.notice.title}`)).toEqual([
      "d Deposit credited: 500 USDT",
      "w Withdrawal sent: 100 USDT",
    ]);
  });

  it("measures a drawdown from the peak within the window, alerts once, re-arms when it halves", () => {
    const { engine, raised } = engineWith([rule("dd", { on: "drawdown", percent: "10", windowMinutes: 60 })]);
    const minute = 60_000;
    engine.equity(T0, "1000");
    engine.equity(T0 + minute, "1100"); // peak
    engine.equity(T0 + 2 * minute, "995"); // 9.5 %
    expect(raised).toEqual([]);
    engine.equity(T0 + 3 * minute, "990"); // 10 %
    engine.equity(T0 + 4 * minute, "900");
    expect(raised.map((r) => r.notice.fields.percent)).toEqual(["10.00"]);
    expect(raised[0]?.notice.fields).toMatchObject({ peak: "1100", equity: "990" });
    engine.equity(T0 + 5 * minute, "1060"); // 3.6 %: re-armed
    engine.equity(T0 + 6 * minute, "980");
    expect(raised).toHaveLength(2);
    // Two hours on, the old peak is out of the window: 1000 -> 950 is 5 %.
    engine.equity(T0 + 130 * minute, "1000");
    engine.equity(T0 + 131 * minute, "950");
    expect(raised).toHaveLength(2);
  });

  it("does not repeat a drawdown alert after a restart in the drawdown", () => {
    const history = [
      { time: T0, equity: "1100" },
      { time: T0 + 60_000, equity: "950" },
    ];
    const { engine, raised } = engineWith([rule("dd", { on: "drawdown", percent: "10", windowMinutes: 60 })]);
    engine.seedEquity(history);
    engine.equity(T0 + 120_000, "940"); // still 14.5 % down: noted, not alerted again
    expect(raised).toEqual([]);
    engine.equity(T0 + 180_000, "1080"); // recovered to 1.8 %: re-armed
    engine.equity(T0 + 240_000, "980");
    expect(raised.map((r) => r.notice.fields.percent)).toEqual(["10.91"]);
  });

  it("alerts a stream down for N seconds once per outage, and says when it is live again", () => {
    const { engine, raised } = engineWith([
      rule("s30", { on: "stream_down", seconds: 30 }),
      rule("s300", { on: "stream_down", seconds: 300 }),
    ]);
    engine.upstream("live", T0);
    engine.upstream("reconnecting", T0 + 1000);
    engine.upstream("reconnecting", T0 + 20_000);
    expect(raised).toEqual([]);
    engine.upstream("reconnecting", T0 + 31_000);
    engine.upstream("connecting", T0 + 60_000);
    expect(raised.map((r) => r.rule)).toEqual(["s30"]);
    engine.upstream("live", T0 + 120_000);
    expect(raised.map((r) => `${r.rule} ${r.notice.title}`)).toEqual([
      "s30 Stream down for 30 s",
      "s30 Stream live again",
    ]);
    engine.upstream("stale", T0 + 130_000);
    expect(raised).toHaveLength(2);
  });

  it("raises auth errors for every refusal of the key (700002 wrong secret or expired key, 700001, 10072, 700006, 700007) and listen-key refusals, one id per code and hour", () => {
    const { engine, raised } = engineWith([rule("a", { on: "auth_error" }), rule("l", { on: "listen_key_failure" })]);
    const mexc = (body: unknown, status = 400) => parseMexcErrorBody(body, status, { isWrite: false });
    engine.apiError(T0, mexc({ code: 700006, msg: "IP non white list" }, 403), "GET /api/v3/account");
    engine.apiError(T0 + 60_000, mexc({ code: 700006, msg: "IP non white list" }, 403), "GET /api/v3/account");
    engine.apiError(
      T0,
      mexc({ code: 700002, msg: "Signature for this request is not valid." }),
      "POST /api/v3/userDataStream",
    );
    engine.apiError(T0, mexc({ code: 700001, msg: "API-key format invalid." }, 401), "GET /api/v3/account");
    engine.apiError(T0, mexc({ code: 10072, msg: "invalid access key" }, 401), "GET /api/v3/account");
    engine.apiError(
      T0,
      mexc({ code: 700007, msg: "No permission to access the endpoint" }, 403),
      "GET /api/v3/account",
    );
    engine.apiError(T0, mexc({ msg: "Order does not exist.", code: -2013 }), "GET /api/v3/order");
    engine.apiError(
      T0,
      mexc({ code: "730708", msg: "listen key information error" }, 200),
      "PUT /api/v3/userDataStream",
    );
    // A 5xx the client retries past is no failure of the listen key.
    engine.apiError(T0, mexc("", 503), "PUT /api/v3/userDataStream");
    // The 90-day wallet window's code 400 is no refusal of the key (docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.16).
    engine.apiError(
      T0,
      mexc({ msg: "The start time cannot be earlier than 90 days", code: 400 }),
      "GET /api/v3/capital/deposit/hisrec",
    );
    const hour = Math.floor(T0 / 3_600_000);
    expect(raised.map((r) => `${r.rule} ${r.notice.id}`)).toEqual([
      `a auth_error:700006:${hour}`,
      `a auth_error:700006:${hour}`,
      `a auth_error:700002:${hour}`,
      `a auth_error:700001:${hour}`,
      `a auth_error:10072:${hour}`,
      `a auth_error:700007:${hour}`,
      `l listen_key_failure:730708:${hour}`,
    ]);
    expect(raised[2]?.notice.title).toBe("MEXC refused the API key: 700002 Signature for this request is not valid.");
  });

  it("warns 14, 3 and 1 days before the key's 90 days are up with the days really left, then once that it expired", () => {
    const { engine, raised } = engineWith([rule("k", { on: "key_expiry" })]);
    const created = T0;
    const expires = created + API_KEY_LIFETIME_MS;
    for (const at of [-20, -14, -10, -2, -0.5, 1, 30]) engine.keyExpiry(expires + at * DAY_MS, created);
    expect(raised.map((r) => `${r.notice.fields.warning} ${r.notice.title}`)).toEqual([
      "14 MEXC API key expires in 14 days",
      "14 MEXC API key expires in 10 days",
      "3 MEXC API key expires in 2 days",
      "1 MEXC API key expires in 1 day",
      `0 MEXC API key expired on ${new Date(expires).toISOString().slice(0, 10)}`,
    ]);
    // The same warning has the same id: the outbox sends it once.
    expect(raised[0]?.notice.id).toBe(raised[1]?.notice.id);
  });

  it("says when renewal opens, and a key MEXC still accepts after its date was renewed: no 'expired', the warnings follow its new date (item 11.30)", () => {
    const { engine, raised } = engineWith([rule("k", { on: "key_expiry" })]);
    const created = T0;
    const expires = created + API_KEY_LIFETIME_MS;
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    engine.keyExpiry(expires - 14 * DAY_MS, created);
    expect(raised[0]?.notice.text).toContain(`Renewal opens on ${day(expires - 5 * DAY_MS)}`);
    engine.keyExpiry(expires - 2 * DAY_MS, created);
    expect(raised[1]?.notice.text).toContain("Renewal is open until then");
    // Renewed on its last days: MEXC still answers the key two days after the old date.
    const accepted = expires + 2 * DAY_MS;
    engine.keyExpiry(accepted, created, accepted);
    engine.keyExpiry(expires + 80 * DAY_MS, created, expires + 79 * DAY_MS);
    expect(raised.slice(2).map((r) => r.notice.title)).toEqual(["MEXC API key expires in 10 days"]);
    expect(raised[2]?.notice.fields.expiresAt).toBe(day(expires + 90 * DAY_MS));
    // Accepted only on its last day (the setting is a date, MEXC's hour unknown): not taken for renewed.
    const { engine: other, raised: otherRaised } = engineWith([rule("k", { on: "key_expiry" })]);
    other.keyExpiry(expires + 1.5 * DAY_MS, created, expires + 0.5 * DAY_MS);
    expect(otherRaised.map((r) => r.notice.title)).toEqual([`MEXC API key expired on ${day(expires)}`]);
  });

  it("a renewal the trader tells (apiKeyRenewed, even 5 days early): no 3- and 1-day warnings, no 'expired' for the old date; the new date's warnings come", () => {
    const { engine, raised } = engineWith([rule("k", { on: "key_expiry" })]);
    const created = T0;
    const expires = created + API_KEY_LIFETIME_MS;
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    engine.keyExpiry(expires - 10 * DAY_MS, created);
    expect(raised.map((r) => r.notice.title)).toEqual(["MEXC API key expires in 10 days"]);
    // How to tell mexc-live, in the warning itself.
    expect(raised[0]?.notice.text).toContain("set MEXC_API_KEY_RENEWED (or apiKeyRenewed");
    // Renewed the first day MEXC allows it, and said so: the old date's warnings stop at once.
    const renewed = expires - 5 * DAY_MS;
    for (const at of [-4, -2, -0.5, 0.5, 2, 30])
      engine.keyExpiry(expires + at * DAY_MS, created, expires + at * DAY_MS, renewed);
    expect(raised.slice(1)).toEqual([]);
    // The new date is the old one plus 90 days [UNCONFIRMED: from the old expiry]: its own warnings.
    engine.keyExpiry(expires + 80 * DAY_MS, created, expires + 80 * DAY_MS, renewed);
    expect(raised.slice(1).map((r) => [r.notice.title, r.notice.fields.expiresAt])).toEqual([
      ["MEXC API key expires in 10 days", day(expires + 90 * DAY_MS)],
    ]);
  });

  it("does not call a key MEXC accepted the day before expired on its date: a day tells renewed from expired", () => {
    const created = T0;
    const expires = created + API_KEY_LIFETIME_MS;
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    // Renewed early but not said: on its date MEXC still accepts it; then a day past it.
    const renewed = engineWith([rule("k", { on: "key_expiry" })]);
    renewed.engine.keyExpiry(expires + 0.1 * DAY_MS, created, expires - 0.05 * DAY_MS);
    renewed.engine.keyExpiry(expires + 0.9 * DAY_MS, created, expires + 0.9 * DAY_MS);
    renewed.engine.keyExpiry(expires + 1.1 * DAY_MS, created, expires + 1.1 * DAY_MS);
    expect(renewed.raised).toEqual([]);
    // Not renewed: MEXC stops accepting it on its date; a day on, it is said to have expired.
    const lapsed = engineWith([rule("k", { on: "key_expiry" })]);
    lapsed.engine.keyExpiry(expires + 0.5 * DAY_MS, created, expires + 0.3 * DAY_MS);
    expect(lapsed.raised).toEqual([]);
    lapsed.engine.keyExpiry(expires + DAY_MS, created, expires + 0.3 * DAY_MS);
    expect(lapsed.raised.map((r) => r.notice.title)).toEqual([`MEXC API key expired on ${day(expires)}`]);
    // Not accepted since the day before its date (the gateway was off): said at once, as before.
    const quiet = engineWith([rule("k", { on: "key_expiry" })]);
    quiet.engine.keyExpiry(expires + 0.1 * DAY_MS, created, expires - 2 * DAY_MS);
    expect(quiet.raised.map((r) => r.notice.title)).toEqual([`MEXC API key expired on ${day(expires)}`]);
  });

  it("reports missed fills found by a reconciliation", () => {
    const { engine, raised } = engineWith([rule("m", { on: "missed_fills" })]);
    engine.reconciled(T0, 0, "reconnect");
    engine.reconciled(T0, 3, "reconnect");
    expect(raised.map((r) => r.notice.title)).toEqual(["Reconciliation found 3 missed fills"]);
  });
});
