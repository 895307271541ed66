/**
 * The kline topic's candles missed while its market stream was down (marketTopics.ts): after each
 * gap the stream reports (a dropped or stalled socket, reconnected: client StreamGap), the minutes
 * from the one it went down in are read again from GET /api/v3/klines.
 *
 * Bounds: one read in flight per topic; gaps that come during it are taken together into one more
 * read after it (from the earliest); a read covers at most the last SNAPSHOT_KLINES minutes (a
 * longer outage leaves its older part out, as the topic's snapshot holds no more), one request of
 * at most SNAPSHOT_KLINES rows. None after the topic closed.
 */
import { klineWindowEnd, klineWindowStart } from "@mexc-live/protocol";
import { KLINE_TOPIC_INTERVAL, SNAPSHOT_KLINES } from "../config/defaults.js";

/** The start of the topic's candle (a minute) holding `time`. */
export function candleStart(time: number): number {
  return klineWindowStart(KLINE_TOPIC_INTERVAL, time);
}

export class CandleCatchUp {
  private reading = false;
  /** The earliest moment a gap reported during a read went down at. */
  private pending: number | undefined;
  private closed = false;

  constructor(
    private readonly now: () => number,
    /** Reads and publishes the candles from `from` (a candle's start) on; never throws. */
    private readonly read: (from: number) => Promise<void>,
  ) {}

  /** The stream was down from `downSince` (ms) until now. */
  missed(downSince: number): void {
    if (this.closed) return;
    this.pending = Math.min(this.pending ?? downSince, downSince);
    if (!this.reading) void this.drain();
  }

  close(): void {
    this.closed = true;
    this.pending = undefined;
  }

  private async drain(): Promise<void> {
    this.reading = true;
    while (this.pending !== undefined && !this.closed) {
      const current = candleStart(this.now());
      const oldest = current - (SNAPSHOT_KLINES - 1) * (klineWindowEnd(KLINE_TOPIC_INTERVAL, current) - current);
      const from = Math.max(candleStart(this.pending), oldest);
      this.pending = undefined;
      await this.read(from);
    }
    this.reading = false;
  }
}
