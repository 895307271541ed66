import { describe, expect, it } from "vitest";
import { sampleFill, sampleOrder } from "../../contract/test/items.js";
import { discordContent, ntfyMessage, telegramText, webhookBody } from "./channels/format.js";
import {
  fillNotice,
  MAX_NAME_CHARS,
  MAX_TX_ID_CHARS,
  orderNotice,
  thresholdNotice,
  transferNotice,
} from "./notices.js";

/** The 60,000-character symbol of issue 37 item 6, in the shapes that were slow: spaces, tabs, line breaks. */
const HOSTILE_NAMES = [
  "A".repeat(60_000),
  `B${" ".repeat(60_000)}X`,
  `C${"\t".repeat(60_000)}X`,
  `D${"\n".repeat(60_000)}X`,
  `E${" \n".repeat(30_000)}#`,
  "\\".repeat(60_000),
];

describe("alert texts from upstream names (issue 37 item 6)", () => {
  it("cut a symbol or asset to MAX_NAME_CHARS with an ellipsis in titles and texts; the fields keep it whole", () => {
    const symbol = `${"Z".repeat(100)}USDT`;
    const fill = fillNotice(sampleFill(1, { symbol, feeCurrency: "Q".repeat(100) }), "USDT");
    const cut = `${"Z".repeat(MAX_NAME_CHARS - 1)}…`;
    const { side, quantity, price } = sampleFill(1);
    expect(fill.title).toBe(`Filled: ${side} ${quantity} ${cut} @ ${price}`);
    expect(fill.text).toContain(` ${cut} at `);
    expect(fill.text).toContain(`${"Q".repeat(MAX_NAME_CHARS - 1)}… (`);
    expect(fill.fields.symbol).toBe(symbol);
    expect(orderNotice("order_placed", sampleOrder(1, { symbol })).title).toContain(` ${cut} @ `);
    const balance = thresholdNotice("balance_above", "r1", 1, { asset: symbol, value: "2", threshold: "1" });
    expect(balance.title).toBe(`${cut} balance rose to 2 ${cut}`);
    const transfer = transferNotice({
      id: "d1",
      type: "deposit",
      state: "completed",
      asset: symbol,
      amount: "1",
      fee: "0",
      network: "N".repeat(100),
      txId: "f".repeat(1_000),
      time: 1,
      updateTime: 1,
    } as Parameters<typeof transferNotice>[0])!;
    expect(transfer.title).toBe(`Deposit credited: 1 ${cut}`);
    expect(transfer.text).toContain(`via ${"N".repeat(MAX_NAME_CHARS - 1)}…`);
    expect(transfer.text).toContain(`Transaction ${"f".repeat(MAX_TX_ID_CHARS - 1)}…`);
  });

  it("build every channel's message from a 60,000-character name fast (was 8.5 s for one title)", () => {
    for (const symbol of HOSTILE_NAMES) {
      const notice = fillNotice(sampleFill(1, { symbol }), "USDT");
      // The name as the notice shows it is bounded; the channels then run over the whole notice.
      const hostileTitle = { ...notice, title: `Filled: ${symbol}`, text: symbol };
      const started = performance.now();
      for (const notices of [[notice], [hostileTitle], [hostileTitle, notice]]) {
        const message = { id: "m", notices };
        telegramText(message);
        discordContent(message);
        ntfyMessage(message);
        webhookBody(message);
      }
      // Generous: linear work on 60,000 characters is a few ms; the quadratic regexes took seconds.
      expect(performance.now() - started, JSON.stringify(symbol.slice(0, 3))).toBeLessThan(1_000);
    }
  });
});
