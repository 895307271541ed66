/**
 * Raises alerts: the ingest pipeline, the wallet sync, the collector's health tick and the REST
 * client tell it what happened; it builds the alert and puts it in the outbox of each unmuted
 * rule it matches. Synchronous and cheap (an SQLite insert per matching rule): it never waits for
 * a channel.
 *
 * What counts as happening now: fills, orders and transfers dated at or after `since` (the moment
 * this database first ran with alerts), so the backfill's month of history, the first start's
 * reconciliation and an import raise nothing, while fills missed during a restart do.
 *
 * Thresholds (balance_above/below, equity_above/below) alert when the value crosses the
 * threshold, and re-arm once it is back across by THRESHOLD_REARM (1 % of the threshold), so a
 * value hovering at the threshold alerts once. A drawdown alerts when equity is `percent` below
 * its peak within the window and re-arms once the drawdown is back under half of that. For both,
 * the first reading after a start (or after the rule is added) only notes where the value is: a
 * restart never repeats an alert.
 */
import {
  type AlertEvent,
  type AlertNotice,
  DEFAULT_DRAWDOWN_WINDOW_MINUTES,
  DEFAULT_STREAM_DOWN_SECONDS,
  type FillItem,
  type OrderItem,
  type UpstreamState,
} from "@mexc-live/contract";
import { DAY_MS, Decimal, exact, type MexcApiError, MINUTE_MS } from "@mexc-live/protocol";
import { API_KEY_RENEWAL_MS, API_KEY_RENEWAL_WINDOW_MS, apiKeyExpiresAt } from "@mexc-live/protocol/limits";
import type { WalletTransfer } from "@mexc-live/protocol/wallet";
import {
  authErrorNotice,
  drawdownNotice,
  fillNotice,
  keyExpiryNotice,
  listenKeyNotice,
  missedFillsNotice,
  orderAlertOf,
  orderNotice,
  streamNotice,
  thresholdNotice,
  transferNotice,
} from "./notices.js";
import { type AlertRule, MAX_DRAWDOWN_WINDOW_MS, matchesConditions } from "./rules.js";

/**
 * What MEXC's refusal means (protocol's error table, `kind`) when it refuses the API key itself:
 * a wrong secret or a key MEXC expired or deleted (700002, 602), an unknown or malformed key
 * (700001, 10072, 10001), an IP not on the key's whitelist (700006), a missing permission (700007).
 */
const AUTH_ERROR_KINDS: ReadonlySet<string> = new Set([
  "bad_signature",
  "invalid_key",
  "ip_not_allowed",
  "no_permission",
]);
/** The listen key endpoint ("METHOD /path" as the REST client names it). */
const LISTEN_KEY_ENDPOINT = /\/api\/v3\/userDataStream$/;
/** Days before the key's expiry that warn, the furthest first. */
const KEY_EXPIRY_WARN_DAYS: readonly number[] = [14, 3, 1];
/** After the key expired, the expiry alert is raised (once) for this long: a gateway started later says it too. */
const KEY_EXPIRED_ALERT_DAYS = 7;
/**
 * A key MEXC accepted at least this long after the date it was to expire has been renewed: one day,
 * the precision of the `apiKeyCreated` setting (a date), so a key accepted on its last day (MEXC
 * expires it at the hour it was made, unknown to us) is never taken for a renewed one.
 */
const KEY_RENEWED_EVIDENCE_MS = DAY_MS;
/** A threshold re-arms once the value is back across it by this fraction of the threshold. */
const THRESHOLD_REARM = "0.01";

export interface AlertEngineDeps {
  /** Every rule (muted ones are skipped here). */
  readonly rules: () => readonly AlertRule[];
  readonly enqueue: (rule: AlertRule, notice: AlertNotice) => void;
  /** Events dated before this (ms) raise nothing. */
  readonly since: number;
  /** The gateway's quote currency (equity's unit). */
  readonly quote: string;
}

interface EquityReading {
  readonly time: number;
  readonly equity: Decimal;
}

/**
 * The highest equity within a sliding window: a deque of readings, each lower than the one before
 * it, so the front is the peak. O(1) amortized per reading, whatever the window's length.
 */
class WindowPeak {
  private readonly deque: EquityReading[] = [];
  private head = 0;

  constructor(readonly windowMs: number) {}

  add(reading: EquityReading): void {
    while (this.deque.length > this.head && this.deque[this.deque.length - 1]!.equity.lte(reading.equity)) {
      this.deque.pop();
    }
    this.deque.push(reading);
  }

  peak(now: number): Decimal | undefined {
    const from = now - this.windowMs;
    while (this.head < this.deque.length && this.deque[this.head]!.time < from) this.head++;
    if (this.head > 1024 && this.head * 2 > this.deque.length) {
      this.deque.splice(0, this.head);
      this.head = 0;
    }
    return this.deque[this.head]?.equity;
  }
}

export class AlertEngine {
  /** Per threshold rule: whether the value was past the threshold at the last reading. */
  private readonly past = new Map<string, boolean>();
  /** Per drawdown rule: armed (false after alerting, until the drawdown halves). */
  private readonly drawdownArmed = new Map<string, boolean>();
  /** Per drawdown rule: its window's peak. */
  private readonly peaks = new Map<string, WindowPeak>();
  /** Equity readings within the longest window a rule may have, oldest first (a rule added later starts from them). */
  private readings: EquityReading[] = [];
  private readingsHead = 0;
  private outage: { since: number; state: UpstreamState; raised: Set<string> } | undefined;

  constructor(private readonly deps: AlertEngineDeps) {}

  fill(fill: FillItem, quoteAsset: string | undefined): void {
    if (fill.time < this.deps.since || fill.source === "import") return;
    this.emit(fillNotice(fill, quoteAsset));
  }

  /** An order's state changed; `before` is what the store held (undefined: first seen). */
  order(before: OrderItem | undefined, after: OrderItem): void {
    if (after.updateTime < this.deps.since) return;
    const event = orderAlertOf(before, after);
    if (event !== undefined) this.emit(orderNotice(event, after));
  }

  transfer(transfer: WalletTransfer): void {
    if ((transfer.updateTime || transfer.time) < this.deps.since) return;
    const notice = transferNotice(transfer);
    if (notice !== undefined) this.emit(notice);
  }

  /** An asset's balance (free + locked) as stored now. */
  balance(asset: string, total: string, time: number): void {
    for (const rule of this.active()) {
      if ((rule.on !== "balance_above" && rule.on !== "balance_below") || rule.conditions.asset !== asset) continue;
      this.threshold(rule, rule.on, asset, total, time);
    }
  }

  /** An equity reading (the periodic snapshot, or one after a fill). */
  equity(time: number, equity: string): void {
    for (const rule of this.active()) {
      if (rule.on === "equity_above" || rule.on === "equity_below")
        this.threshold(rule, rule.on, this.deps.quote, equity, time);
    }
    this.addReading(time, equity);
    this.drawdowns(time);
  }

  /** Past equity readings (at start, from the store), so a restart keeps the peak. */
  seedEquity(points: readonly { time: number; equity: string }[]): void {
    for (const point of points) this.addReading(point.time, point.equity);
  }

  /** The collector's health tick: the user stream's state now. */
  upstream(state: UpstreamState, now: number): void {
    const live = state === "live" || state === "stale";
    if (live) {
      if (this.outage !== undefined) {
        const { since, raised } = this.outage;
        this.outage = undefined;
        for (const rule of this.active()) {
          const seconds = rule.conditions.seconds ?? DEFAULT_STREAM_DOWN_SECONDS;
          if (rule.on === "stream_down" && raised.has(rule.id))
            this.send(rule, streamNotice(since, seconds, now, state));
        }
      }
      return;
    }
    this.outage ??= { since: now, state, raised: new Set() };
    this.outage.state = state;
    for (const rule of this.active()) {
      if (rule.on !== "stream_down" || this.outage.raised.has(rule.id)) continue;
      const seconds = rule.conditions.seconds ?? DEFAULT_STREAM_DOWN_SECONDS;
      if (now - this.outage.since < seconds * 1000) continue;
      this.outage.raised.add(rule.id);
      this.send(rule, streamNotice(this.outage.since, seconds, undefined, state));
    }
  }

  /** A reconciliation after a gap found fills the stream had not delivered. */
  reconciled(time: number, fills: number, reason: string): void {
    if (fills > 0) this.emit(missedFillsNotice(time, fills, reason));
  }

  /** MEXC refused a REST call (the REST client's onApiError). */
  apiError(
    time: number,
    error: Pick<MexcApiError, "mexcCode" | "kind" | "message" | "mexcMessage">,
    endpoint: string,
  ): void {
    const code = error.mexcCode;
    if (code !== undefined && AUTH_ERROR_KINDS.has(error.kind)) {
      this.emit(authErrorNotice(time, code, endpoint, error.mexcMessage || error.message));
    } else if (LISTEN_KEY_ENDPOINT.test(endpoint) && code !== undefined) {
      // MEXC's own refusal (a code), not a 5xx or a 429 the client retries and gets past.
      this.emit(listenKeyNotice(time, code, error.message));
    }
  }

  /**
   * Warns 14, 3 and 1 days before the key made at `createdAt` expires, and once when it has (for
   * a week after). Each warning has its own id, so each is sent once however often this runs.
   *
   * A renewal (each adds 90 days, MEXC's API introduction, docs/mexc/undocumented.md#api-keys item
   * 11.30) is known two ways. `renewedAt`: the day the trader says the key was renewed (the
   * apiKeyRenewed setting): the warnings follow the new date at once, however early it was renewed.
   * `acceptedAt`: the last time MEXC answered a signed call of this key: a key still accepted a day
   * past its date was renewed, and the warnings follow its new date. On the date itself (MEXC
   * expires a key at the hour it was made, the setting is a day) nothing says it expired while MEXC
   * accepted it within the day before.
   */
  keyExpiry(now: number, createdAt: number, acceptedAt?: number, renewedAt?: number): void {
    let expiresAt = apiKeyExpiresAt(createdAt, renewedAt);
    if (acceptedAt !== undefined && acceptedAt >= expiresAt + KEY_RENEWED_EVIDENCE_MS) {
      expiresAt += (Math.floor((acceptedAt - expiresAt) / API_KEY_RENEWAL_MS) + 1) * API_KEY_RENEWAL_MS;
    }
    // On its date, a key MEXC accepted within the day before may still work (until the hour it was
    // made) or have been renewed: the day tells (KEY_RENEWED_EVIDENCE_MS). A refusal meanwhile is
    // said at once by the auth_error alert and the header.
    const undecided = now >= expiresAt && now < expiresAt + KEY_RENEWED_EVIDENCE_MS;
    if (undecided && acceptedAt !== undefined && acceptedAt >= expiresAt - KEY_RENEWED_EVIDENCE_MS) return;
    const daysLeft = Math.ceil((expiresAt - now) / DAY_MS);
    if (daysLeft > (KEY_EXPIRY_WARN_DAYS[0] ?? 0) || daysLeft < -KEY_EXPIRED_ALERT_DAYS) return;
    // The nearest warning due (a start 2 days before expiry warns once, not also for 14).
    const step = daysLeft <= 0 ? 0 : (KEY_EXPIRY_WARN_DAYS.filter((days) => days >= daysLeft).at(-1) ?? 0);
    this.emit(
      keyExpiryNotice(
        now,
        { expiresAt, renewableFrom: expiresAt - API_KEY_RENEWAL_WINDOW_MS },
        step,
        Math.max(0, daysLeft),
      ),
    );
  }

  /** Raises `notice` for every unmuted rule on its event whose conditions it meets. */
  emit(notice: AlertNotice): void {
    for (const rule of this.active())
      if (rule.on === notice.event && matchesConditions(rule, notice)) this.send(rule, notice);
  }

  private send(rule: AlertRule, notice: AlertNotice): void {
    this.deps.enqueue(rule, notice);
  }

  private active(): AlertRule[] {
    return this.deps.rules().filter((rule) => !rule.muted);
  }

  private threshold(rule: AlertRule, event: AlertEvent, asset: string, value: string, time: number): void {
    const threshold = rule.conditions.threshold;
    if (threshold === undefined) return;
    const above = event.endsWith("above");
    const limit = new Decimal(threshold);
    const reading = new Decimal(value);
    const band = limit.abs().times(THRESHOLD_REARM);
    const before = this.past.get(rule.id);
    const past = above ? reading.gte(limit) : reading.lt(limit);
    // Back across by the band: re-armed. Between the threshold and the band: as it was.
    const back = above ? reading.lt(limit.minus(band)) : reading.gte(limit.plus(band));
    const now = past ? true : back ? false : (before ?? false);
    this.past.set(rule.id, now);
    if (past && before === false) {
      this.send(
        rule,
        thresholdNotice(event as "balance_above", rule.id, time, {
          asset,
          value: exact(new Decimal(value)),
          threshold,
        }),
      );
    }
  }

  private addReading(time: number, equity: string): void {
    const last = this.readings.at(-1);
    if (last !== undefined && time <= last.time) return;
    const reading = { time, equity: new Decimal(equity) };
    this.readings.push(reading);
    for (const peak of this.peaks.values()) peak.add(reading);
    const from = time - MAX_DRAWDOWN_WINDOW_MS;
    while (this.readingsHead < this.readings.length && this.readings[this.readingsHead]!.time < from)
      this.readingsHead++;
    if (this.readingsHead > 1024 && this.readingsHead * 2 > this.readings.length) {
      this.readings.splice(0, this.readingsHead);
      this.readingsHead = 0;
    }
  }

  /** A drawdown rule's window peak, started from the readings kept when the rule is first seen. */
  private peakOf(rule: AlertRule, windowMinutes: number): WindowPeak {
    const windowMs = windowMinutes * MINUTE_MS;
    let peak = this.peaks.get(rule.id);
    if (peak === undefined || peak.windowMs !== windowMs) {
      peak = new WindowPeak(windowMs);
      for (let index = this.readingsHead; index < this.readings.length; index++) peak.add(this.readings[index]!);
      this.peaks.set(rule.id, peak);
    }
    return peak;
  }

  private drawdowns(now: number): void {
    const current = this.readings.at(-1);
    if (current === undefined) return;
    for (const rule of this.active()) {
      if (rule.on !== "drawdown" || rule.conditions.percent === undefined) continue;
      const windowMinutes = rule.conditions.windowMinutes ?? DEFAULT_DRAWDOWN_WINDOW_MINUTES;
      const peak = this.peakOf(rule, windowMinutes).peak(now);
      if (peak === undefined || peak.lte(0)) continue;
      const percent = peak.minus(current.equity).div(peak).times(100);
      const limit = new Decimal(rule.conditions.percent);
      const armed = this.drawdownArmed.get(rule.id);
      if (armed === undefined) {
        // The first reading only notes where it is: a restart in a drawdown does not repeat the alert.
        this.drawdownArmed.set(rule.id, percent.lt(limit));
      } else if (armed && percent.gte(limit)) {
        this.drawdownArmed.set(rule.id, false);
        this.send(
          rule,
          drawdownNotice(rule.id, now, {
            quote: this.deps.quote,
            peak: exact(peak),
            equity: exact(current.equity),
            percent: percent.toFixed(2),
            limit: rule.conditions.percent,
            windowMinutes,
          }),
        );
      } else if (!armed && percent.lt(limit.div(2))) {
        this.drawdownArmed.set(rule.id, true);
      }
    }
  }
}
