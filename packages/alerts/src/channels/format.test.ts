import type { AlertEvent, AlertNotice } from "@mexc-live/contract";
import { describe, expect, it } from "vitest";
import {
  DISCORD_CONTENT_LIMIT,
  discordContent,
  escapeDiscord,
  NTFY_MESSAGE_LIMIT_BYTES,
  ntfyMessage,
  type OutgoingMessage,
  summarize,
  TELEGRAM_TEXT_LIMIT,
  telegramText,
  truncateText,
  truncateUtf8,
  webhookBody,
} from "./format.js";

function notice(n: number, event: AlertEvent = "fill", extra: Partial<AlertNotice> = {}): AlertNotice {
  return {
    id: `${event}:BTCUSDT:${n}`,
    event,
    time: 1_732_300_000_000 + n,
    title: `BTCUSDT BUY 0.01 @ 96,500.00 #${n}`,
    text: `Trade ${n}\nFee 0.0001 BNB`,
    fields: { tradeId: String(n), symbol: "BTCUSDT", side: "BUY", price: "96500.00", quantity: "0.01" },
    ...extra,
  };
}

const message = (...notices: AlertNotice[]): OutgoingMessage => ({ id: "delivery-1", notices });

describe("summarize", () => {
  it("says one alert as its own title and text", () => {
    expect(summarize(message(notice(1)))).toEqual({
      title: "BTCUSDT BUY 0.01 @ 96,500.00 #1",
      text: "Trade 1\nFee 0.0001 BNB",
    });
  });

  it("folds a burst of 50 into one summary: counts by event, ten titles, and how many more", () => {
    const notices = [
      ...Array.from({ length: 46 }, (_, n) => notice(n)),
      notice(46, "order_canceled"),
      notice(47, "order_canceled"),
      notice(48, "drawdown"),
      notice(49, "order_placed"),
    ];
    const { title, text } = summarize(message(...notices));
    expect(title).toBe("50 alerts: 46 fills, 2 orders canceled, 1 order placed, 1 drawdown");
    const lines = text.split("\n");
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe("• BTCUSDT BUY 0.01 @ 96,500.00 #0");
    expect(lines[9]).toBe("• BTCUSDT BUY 0.01 @ 96,500.00 #9");
    expect(lines[10]).toBe("… and 40 more");
  });

  it("lists all titles of a small burst without a 'more' line", () => {
    const { title, text } = summarize(message(notice(1), notice(2, "deposit")));
    expect(title).toBe("2 alerts: 1 fill, 1 deposit");
    expect(text).toBe("• BTCUSDT BUY 0.01 @ 96,500.00 #1\n• BTCUSDT BUY 0.01 @ 96,500.00 #2");
  });

  it("keeps a title on one line and short", () => {
    const { title } = summarize(message(notice(1, "fill", { title: `a\nb ${"x".repeat(400)}` })));
    expect(title).not.toContain("\n");
    expect(title.length).toBeLessThanOrEqual(250);
    expect(title.endsWith("…")).toBe(true);
  });
});

describe("cutting text", () => {
  it("cuts at a whole character and ends with an ellipsis", () => {
    expect(truncateText("abcdef", 6)).toBe("abcdef");
    expect(truncateText("abcdefg", 6)).toBe("abcde…");
    // "😀" is two UTF-16 units: the cut never leaves half of it.
    expect(truncateText("abcd😀efg", 6)).toBe("abcd…");
    expect(truncateUtf8("ééé", 6)).toBe("ééé");
    expect(truncateUtf8("éééé", 6)).toBe("é…");
    expect(Buffer.byteLength(truncateUtf8("€".repeat(3000), NTFY_MESSAGE_LIMIT_BYTES))).toBeLessThanOrEqual(4096);
  });
});

describe("Telegram text", () => {
  it("is the title, a blank line and the text, as plain text", () => {
    expect(telegramText(message(notice(1, "fill", { text: "<b>not markup</b> & co" })))).toBe(
      "BTCUSDT BUY 0.01 @ 96,500.00 #1\n\n<b>not markup</b> & co",
    );
  });

  it("fits 4096 characters", () => {
    const long = message(notice(1, "fill", { text: "x".repeat(10_000) }));
    const text = telegramText(long);
    expect(text).toHaveLength(TELEGRAM_TEXT_LIMIT);
    expect(text.endsWith("…")).toBe(true);
  });
});

describe("Discord content", () => {
  it("bolds the title and escapes markdown in alert text", () => {
    expect(
      discordContent(message(notice(1, "fill", { title: "A_B *c*", text: "# not a heading\n> nor a quote" }))),
    ).toBe("**A\\_B \\*c\\***\n\\# not a heading\n\\> nor a quote");
    expect(escapeDiscord("a\\b `c` ~~d~~ ||e||")).toBe("a\\\\b \\`c\\` \\~\\~d\\~\\~ \\|\\|e\\|\\|");
  });

  it("fits 2000 characters and never ends on a dangling escape", () => {
    for (let pad = 0; pad < 4; pad++) {
      const content = discordContent(message(notice(1, "fill", { text: `${"y".repeat(pad)}${"*".repeat(3000)}` })));
      expect(content.length).toBeLessThanOrEqual(DISCORD_CONTENT_LIMIT);
      expect(content.endsWith("…")).toBe(true);
      const backslashes = /(\\*)…$/.exec(content)?.[1]?.length ?? 0;
      expect(backslashes % 2).toBe(0);
    }
  });
});

describe("ntfy message", () => {
  it("sets title, message, emoji tags and priority from the events", () => {
    expect(ntfyMessage(message(notice(1)))).toEqual({
      title: "BTCUSDT BUY 0.01 @ 96,500.00 #1",
      message: "Trade 1\nFee 0.0001 BNB",
      tags: ["moneybag", "fill"],
      priority: 3,
    });
    expect(ntfyMessage(message(notice(1), notice(2, "stream_down"))).priority).toBe(4);
  });

  it("fits 4096 bytes of UTF-8", () => {
    const { message: body } = ntfyMessage(message(notice(1, "fill", { text: "€".repeat(5000) })));
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(NTFY_MESSAGE_LIMIT_BYTES);
  });
});

describe("webhook body", () => {
  it("carries the delivery id, the summary and every alert with its fields", () => {
    const body = webhookBody(message(notice(123)));
    expect(body).toEqual({
      source: "mexc-live",
      version: 1,
      id: "delivery-1",
      title: "BTCUSDT BUY 0.01 @ 96,500.00 #123",
      text: "Trade 123\nFee 0.0001 BNB",
      count: 1,
      alerts: [
        {
          id: "fill:BTCUSDT:123",
          event: "fill",
          time: 1_732_300_000_123,
          title: "BTCUSDT BUY 0.01 @ 96,500.00 #123",
          text: "Trade 123\nFee 0.0001 BNB",
          fields: { tradeId: "123", symbol: "BTCUSDT", side: "BUY", price: "96500.00", quantity: "0.01" },
        },
      ],
    });
  });

  it("carries all 50 alerts of a folded burst", () => {
    const body = webhookBody(message(...Array.from({ length: 50 }, (_, n) => notice(n))));
    expect(body.count).toBe(50);
    expect(body.alerts).toHaveLength(50);
    expect(body.title).toBe("50 alerts: 50 fills");
  });
});
