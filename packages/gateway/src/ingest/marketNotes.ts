/**
 * What the market topics browsers want cannot show (contract Health.market), in words, kept by
 * MarketTopics (marketTopics.ts): a note per topic and kind, set when the trouble begins and
 * dropped when it ends, or when the topic closes or is no longer wanted. A note is said once it
 * has lasted SAY_AFTER_MS (a socket's first connect is not news). Its words are this file's, never
 * MEXC's answer or an error's text (the log has those): a browser sees them.
 *
 * Bounds: one note per kind per topic a browser wants (the topics open are at most
 * MAX_OPEN_MARKET_TOPICS; a refused one is noted while it is wanted).
 */
import type { MarketNote, MarketNoteKind, MarketTopic, MarketTopicKind } from "@mexc-live/contract";
import { parseTopic } from "@mexc-live/contract";
import { SECOND_MS } from "@mexc-live/protocol";

/** How long a trouble lasts before health says it. */
export const SAY_AFTER_MS = 3 * SECOND_MS;

const PART_NAMES: { readonly [K in MarketTopicKind]: string } = {
  ticker: "prices",
  trades: "trades",
  depth: "order book",
  kline: "candles",
};

/** What each kind says of `symbol`'s `part`: what is wrong, and what happens next. */
function wordsOf(kind: MarketNoteKind, symbol: string, part: MarketTopicKind, detail: string | undefined): string {
  const name = PART_NAMES[part];
  switch (kind) {
    case "streamDown":
      return `MEXC's ${name} stream for ${symbol} is ${detail ?? "reconnecting"}: what it shows has stopped; it comes back by itself.`;
    case "streamRefused":
      return `MEXC refused the ${name} stream for ${symbol} (the log says why): nothing new comes until it is opened again.`;
    case "pastCandlesUnread":
      return `MEXC did not answer ${symbol}'s past candles (the log says why): the chart starts from the next candle streamed.`;
    case "latestTradesUnread":
      return `MEXC did not answer ${symbol}'s latest trades (the log says why): the list holds only trades streamed since; it asks again after the next gap.`;
    case "bookUnsynced":
      return `MEXC did not answer ${symbol}'s order book (the log says why): the book waits for it and asks again.`;
    case "notListed":
      return `MEXC does not list ${symbol}: there is nothing to show for it. Pick another symbol.`;
    case "tooManyTopics":
      return `The gateway streams as many markets as it may: ${symbol}'s ${name} wait until a market nobody watches closes.`;
  }
}

export class MarketNotes {
  private readonly notes = new Map<string, MarketNote>();

  constructor(private readonly now: () => number) {}

  /** Notes `kind` on `topic` (its start kept while it lasts); `detail` fills the words where a kind has one. */
  set(topic: MarketTopic, kind: MarketNoteKind, detail?: string): void {
    const parsed = parseTopic(topic);
    if (parsed?.kind !== "market") return;
    const key = `${topic} ${kind}`;
    const words = wordsOf(kind, parsed.symbol, parsed.stream, detail);
    const held = this.notes.get(key);
    if (held?.words === words) return;
    this.notes.set(key, { symbol: parsed.symbol, part: parsed.stream, kind, words, since: held?.since ?? this.now() });
  }

  /** Drops `kind` from `topic`, or every note of it. */
  clear(topic: MarketTopic, kind?: MarketNoteKind): void {
    if (kind !== undefined) {
      this.notes.delete(`${topic} ${kind}`);
      return;
    }
    for (const key of [...this.notes.keys()]) if (key.startsWith(`${topic} `)) this.notes.delete(key);
  }

  /** The notes that have lasted SAY_AFTER_MS, by symbol and part. */
  said(): MarketNote[] {
    const due = this.now() - SAY_AFTER_MS;
    return [...this.notes.values()]
      .filter((note) => note.since <= due)
      .sort((a, b) => a.symbol.localeCompare(b.symbol) || a.part.localeCompare(b.part) || a.kind.localeCompare(b.kind));
  }
}
