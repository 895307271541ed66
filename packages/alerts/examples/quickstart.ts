// Alert rules with @mexc-live/alerts: check two rules as a user writes them (a mistake names its
// field), then let the engine raise alerts from an account's fills. The engine only decides;
// where an alert goes (Telegram, Discord, ntfy, a webhook, the dashboard) is the `enqueue` you
// give it, here a line on stdout. The fills are written out, so it runs without MEXC.
import { AlertEngine, type AlertRule, checkRule, toRule } from "@mexc-live/alerts";
import type { FillItem } from "@mexc-live/contract";

// A sale of BTC worth at least 50 USDT, shown in the dashboard ("browser").
const written = { on: "fill", to: "browser", conditions: { symbol: "BTCUSDT", side: "SELL", minQuote: "50" } };
const checked = checkRule(written, false);
if (!checked.ok) throw new Error(`${checked.field} ${checked.message}`);

// A rule with a mistake is refused with the field it is in.
const wrong = checkRule({ on: "balance_below", to: "browser", conditions: { asset: "usdt", threshold: "100" } }, false);
if (!wrong.ok) console.log(`refused: ${wrong.field} ${wrong.message}`);

const rules: AlertRule[] = [toRule(checked.draft, { id: "1", source: "dashboard", muted: false, createdAt: 0 })];
const engine = new AlertEngine({
  rules: () => rules,
  enqueue: (rule, notice) => console.log(`rule ${rule.id}: ${notice.title}`),
  // Events dated before this raise nothing (a backfilled month of history, say).
  since: 0,
  quote: "USDT",
});

const FILLED_AT = 1_754_741_000_000;
const fill = (tradeId: string, side: FillItem["side"], quantity: string, amount: string): FillItem => ({
  tradeId,
  orderId: `C02__${tradeId}`,
  symbol: "BTCUSDT",
  side,
  price: "60000",
  quantity,
  amount,
  fee: "0",
  feeCurrency: "USDT",
  feeValue: "0",
  isMaker: false,
  time: FILLED_AT,
  source: "stream",
});
engine.fill(fill("1", "BUY", "0.002", "120"), "USDT"); // a buy: no alert
engine.fill(fill("2", "SELL", "0.0005", "30"), "USDT"); // under 50 USDT: no alert
engine.fill(fill("3", "SELL", "0.002", "120"), "USDT"); // alerts
