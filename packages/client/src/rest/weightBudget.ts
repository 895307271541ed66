/**
 * The client-side rate limiter (docs/mexc/errors.md, docs/mexc/rest.md#rate-limits). MEXC gives every endpoint its own
 * budget of 500 weight per 10 s, counted apart for the IP family and the UID family; going over
 * answers 429, going over again while limited earns a 418 ban (2 min up to 3 days). So:
 *
 * - each (family, endpoint) keeps a sliding window of what was sent; a call waits until its
 *   weight fits (a sliding window is never over budget in any fixed window the server counts);
 * - at most one call per endpoint is in flight, so no burst can already be on the wire when a
 *   429 comes back (the second one over would be the 418);
 * - a 429 or 418 pauses every family the endpoint is charged in until `Retry-After` has passed:
 *   no request of that family leaves before then;
 * - besides weight, at most 20 requests per second leave in all (docs/mexc/undocumented.md#requests-and-answers item 11.5: MEXC support's words to
 *   a library author, Mexc.Net#42), and at most the documented rate of an endpoint with one:
 *   GET account 2/s, POST order 12/s, batchOrders 2/s (docs/mexc/rest.md#rate-limits, docs/mexc/undocumented.md#requests-and-answers item 11.5), whatever their weight,
 *   and the rates documented over a longer window (protocol's ENDPOINT_REQUEST_RATES: GET
 *   announcements 5 per 2 s, docs/mexc/rest.md#get-apiv3announcements-public).
 *   Counted where MEXC counts the call (protocol's chargedWeight, limits.ts): a call charged to an
 *   account (`uid`, a signed call) in that account's second, any other in the machine's (`ip`).
 *   Fifty accounts' reconciliations and backfills each have their own 20 a second; the public
 *   calls of all of them (candles, exchangeInfo, depth, the clock) share one.
 *   A request counts toward these rates from the moment it is let go until a second after its
 *   answer came back, not a second after it was let go: MEXC counts it when it arrives, which is
 *   some time between the two. A request let go at once but slow to leave (a cold connection, an
 *   event loop busy starting twenty accounts) arrives close to the next second's; counted from
 *   its release, twenty listen-key calls at a gateway's start were refused 429 behind twenty
 *   clock reads that were slow to arrive (BENCHMARKS.md at 9fe1756, 20 accounts, issue 31);
 * - an urgent call (one an account waits on to go live: its listen key) goes before the others
 *   waiting for the request rate: while urgent calls wait, the others leave them as many places
 *   in the second. At a start of twenty accounts, the first accounts' reconciliations would
 *   otherwise take the places the last accounts' listen keys wait for.
 * - price lookups (GET klines: the past prices of the figures) come last and take a bounded share:
 *   while any other call waits for the request rate they leave it every place, and together they
 *   take at most PRICE_LOOKUPS_PER_SECOND of the second (issue 37: a year's PnL by day once sent
 *   2,339 of them in 140 s and reconciliation waited behind them for over 2 minutes).
 */
import {
  ENDPOINT_REQUEST_RATES,
  ENDPOINT_REQUESTS_PER_SECOND,
  type EndpointRequestRate,
  MAX_REQUESTS_PER_SECOND,
  RATE_LIMIT_WEIGHT_PER_WINDOW,
  RATE_LIMIT_WINDOW_MS,
} from "@mexc-live/protocol/limits";
import { ClientError } from "../errors.js";

export type LimitFamily = "ip" | "uid";

/** An endpoint's weight in each family it is charged in (docs/mexc/rest.md#rate-limits table). */
export interface EndpointWeight {
  readonly ip?: number;
  readonly uid?: number;
}

export interface WeightBudgetOptions {
  /** Per endpoint and family. Default 500 (docs/mexc/rest.md#rate-limits). */
  readonly weightPerWindow?: number;
  readonly windowMs?: number;
  /** Added to the window so network jitter cannot squeeze two windows' worth into one of the server's. */
  readonly marginMs?: number;
  /** Requests per second in all, whatever their weight. Default 20 (docs/mexc/undocumented.md#requests-and-answers item 11.5). */
  readonly maxRequestsPerSecond?: number;
  /** Requests per second of single endpoints ("GET /api/v3/account"). Default MEXC's (docs/mexc/rest.md#rate-limits, docs/mexc/undocumented.md#requests-and-answers item 11.5). */
  readonly endpointRequestsPerSecond?: Readonly<Record<string, number>>;
  /** Requests per window of endpoints whose rate is not per second ("GET /api/v3/announcements": 5 per 2 s). Default MEXC's (protocol's ENDPOINT_REQUEST_RATES). */
  readonly endpointRequestRates?: Readonly<Record<string, EndpointRequestRate>>;
  readonly now?: () => number;
}

/** Our window is this much longer than MEXC's (request arrival order is not send order). */
const DEFAULT_WINDOW_MARGIN_MS = 500;
/**
 * The request rate is counted over one second after each answer, plus a margin: MEXC's second
 * and ours need not tick alike, and a server stamps a request some time after it takes it in.
 * When the count ran from release, 50 ms was too little on a loaded 2-core machine (the backfill
 * test saw a 429 at load average 2.4) and 150 ms was not enough for twenty accounts' first calls
 * (see the header); 150 ms keeps the pace at ~17 of the 20 requests a second.
 */
const REQUEST_RATE_WINDOW_MS = 1_000;
const REQUEST_RATE_MARGIN_MS = 150;
/** A call waiting only for requests still on their way looks again this often, besides being woken by each answer. */
const RATE_RECHECK_MS = 1_000;
/** The key of the total request rate. */
const ALL = "*";
/**
 * The endpoints of price lookups (figures/pastPrices.ts's candles, fetched by the gateway's
 * candleFetcher.ts): they wait behind every other call and keep to their own share.
 */
const PRICE_LOOKUP_ENDPOINTS: ReadonlySet<string> = new Set(["GET /api/v3/klines"]);
/**
 * Price lookups together send at most this many requests a second: a quarter of the 20 of all
 * requests (MAX_REQUESTS_PER_SECOND), so the rest always has 15; at weight 1 each that is at most
 * 55 of the 500 weight of the klines endpoint's window (11 %). At this pace a read's plan of
 * 40 requests (candleFetcher.ts, KLINE_REQUESTS_PER_READ) is answered in about the 8 s a read waits.
 */
export const PRICE_LOOKUPS_PER_SECOND = 5;
/** The key of the price lookups' request rate. */
const LOOKUPS = "price lookups";

/**
 * A weight charged to a window: counted from its release until a window after its answer. MEXC
 * counts a request when it arrives, somewhere between the two; counted from its release alone, a
 * request slow to arrive (fifty accounts' clients on one event loop) opened MEXC's window late and
 * the next window's calls landed in it (429 in fiftyAccountsPacing.simulator.test.ts).
 */
interface Spent {
  readonly weight: number;
  /** On this.now's clock; undefined while on its way. */
  answeredAt: number | undefined;
}

/** One request in a request-rate count, on the monotonic clock. */
interface Sent {
  /** When its answer came back; undefined while it is on its way. */
  answeredAt: number | undefined;
}

export class WeightBudget {
  private readonly budget: number;
  private readonly windowMs: number;
  private readonly maxRequestsPerSecond: number;
  private readonly endpointRequestsPerSecond: Readonly<Record<string, number>>;
  private readonly endpointRequestRates: Readonly<Record<string, EndpointRequestRate>>;
  /** endpoint (or ALL) -> its requests on their way or answered within the last second. */
  private readonly sentAt = new Map<string, Sent[]>();
  private readonly now: () => number;
  private readonly spent = new Map<string, Spent[]>();
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Per family ("ip", or "uid OWNER": the UID family is per account): paused until then. */
  private readonly pausedUntil = new Map<string, number>();
  private closed = false;
  private readonly sleepers = new Set<() => void>();
  /** Per request-rate scope (rateScope): urgent calls waiting for their turn; the others leave them that many places in the second. */
  private readonly urgentWaiting = new Map<string, number>();
  /** Per request-rate scope: calls other than price lookups waiting for their turn; price lookups leave them every place. */
  private readonly othersWaiting = new Map<string, number>();

  constructor(options: WeightBudgetOptions = {}) {
    this.budget = options.weightPerWindow ?? RATE_LIMIT_WEIGHT_PER_WINDOW;
    this.windowMs = (options.windowMs ?? RATE_LIMIT_WINDOW_MS) + (options.marginMs ?? DEFAULT_WINDOW_MARGIN_MS);
    this.maxRequestsPerSecond = options.maxRequestsPerSecond ?? MAX_REQUESTS_PER_SECOND;
    if (!(this.maxRequestsPerSecond >= 1))
      throw new ClientError("BAD_OPTION", "maxRequestsPerSecond must be at least 1");
    this.endpointRequestsPerSecond = options.endpointRequestsPerSecond ?? ENDPOINT_REQUESTS_PER_SECOND;
    this.endpointRequestRates = options.endpointRequestRates ?? ENDPOINT_REQUEST_RATES;
    for (const [endpoint, rate] of Object.entries(this.endpointRequestRates)) {
      if (!(rate.requests >= 1 && rate.windowMs >= 1))
        throw new ClientError(
          "BAD_OPTION",
          `endpointRequestRates["${endpoint}"] needs requests and windowMs of at least 1`,
        );
    }
    this.now = options.now ?? Date.now;
  }

  /**
   * Waits for this endpoint's turn, for every pause of its families to end and for its weight
   * to fit, then charges it. Call the returned function when the response has arrived.
   */
  async acquire(
    endpoint: string,
    weight: EndpointWeight,
    signal?: AbortSignal,
    owner = "",
    urgent = false,
  ): Promise<() => void> {
    // One call per endpoint in flight per account: several accounts' calls do not queue behind each other.
    const chain = `${owner} ${endpoint}`;
    const previous = this.inFlight.get(chain) ?? Promise.resolve();
    let release!: () => void;
    const turn = new Promise<void>((resolve) => {
      release = resolve;
    });
    const chained = previous.then(() => turn);
    this.inFlight.set(chain, chained);
    const done = () => {
      release();
      if (this.inFlight.get(chain) === chained) this.inFlight.delete(chain);
    };
    let answered: () => void;
    try {
      await previous;
      answered = await this.waitToFit(endpoint, weight, signal, owner, urgent);
    } catch (error) {
      done();
      throw error;
    }
    return () => {
      answered();
      done();
    };
  }

  /** A 429/418 on an endpoint: nothing of its families leaves before `untilMs` (the UID family: of that account). */
  pause(weight: EndpointWeight, untilMs: number, owner = ""): void {
    for (const family of familiesOf(weight)) {
      const key = pauseKey(family, owner);
      this.pausedUntil.set(key, Math.max(this.pausedUntil.get(key) ?? 0, untilMs));
    }
  }

  /** When a family may send again (0 or a past time when it may now). */
  resumesAt(family: LimitFamily, owner = ""): number {
    return this.pausedUntil.get(pauseKey(family, owner)) ?? 0;
  }

  /** Weight charged to (family, endpoint) within the current window. */
  used(family: LimitFamily, endpoint: string, owner = ""): number {
    return this.live(spentKey(family, endpoint, owner)).reduce((sum, entry) => sum + entry.weight, 0);
  }

  /** Wakes every waiting call with a CLOSED error. */
  close(): void {
    this.closed = true;
    this.wakeAll();
  }

  private async waitToFit(
    endpoint: string,
    weight: EndpointWeight,
    signal: AbortSignal | undefined,
    owner: string,
    urgent: boolean,
  ): Promise<() => void> {
    const families = familiesOf(weight);
    const lookup = PRICE_LOOKUP_ENDPOINTS.has(endpoint);
    const scope = rateScope(weight, owner);
    // Counted in othersWaiting while it waits for the request rate alone (not for a pause or its weight).
    let counted = false;
    const count = (waiting: boolean) => {
      if (waiting === counted) return;
      counted = waiting;
      const others = (this.othersWaiting.get(scope) ?? 0) + (waiting ? 1 : -1);
      setCount(this.othersWaiting, scope, others);
      // The last one gone: the price lookups it held back look again.
      if (!waiting && others === 0) this.wakeAll();
    };
    if (urgent) setCount(this.urgentWaiting, scope, (this.urgentWaiting.get(scope) ?? 0) + 1);
    try {
      for (;;) {
        // A closed budget, or (shared by several clients) the calling client closed: give up the turn.
        if (this.closed || signal?.aborted) {
          throw new ClientError("CLOSED", `request to ${endpoint} abandoned: the client is closed`);
        }
        const familyWait = Math.max(
          0,
          ...families.map((family) => this.waitFor(family, endpoint, weight[family] ?? 0, owner)),
        );
        const rateWait = this.waitForRequestRate(endpoint, urgent, scope);
        count(!lookup && familyWait <= 0 && rateWait > 0);
        const waitMs = Math.max(rateWait, familyWait);
        if (waitMs <= 0) break;
        await this.sleep(waitMs, signal);
      }
    } finally {
      count(false);
      if (urgent) {
        setCount(this.urgentWaiting, scope, (this.urgentWaiting.get(scope) ?? 0) - 1);
        // The places it kept are free again for the calls that left them.
        this.wakeAll();
      }
    }
    const sent: Sent = { answeredAt: undefined };
    const charged: Spent[] = [];
    this.recentRequests(`${scope} ${ALL}`).push(sent);
    if (this.endpointRequestsPerSecond[endpoint] !== undefined) this.recentRequests(`${scope} ${endpoint}`).push(sent);
    const windowed = this.endpointRequestRates[endpoint];
    if (windowed !== undefined) this.recentRequests(windowKey(scope, endpoint), windowed.windowMs).push(sent);
    if (lookup) this.recentRequests(LOOKUPS).push(sent);
    for (const family of families) {
      const key = spentKey(family, endpoint, owner);
      const entries = this.live(key);
      const entry: Spent = { weight: weight[family] ?? 0, answeredAt: undefined };
      entries.push(entry);
      charged.push(entry);
      this.spent.set(key, entries);
    }
    return () => {
      if (sent.answeredAt !== undefined) return;
      sent.answeredAt = performance.now();
      const at = this.now();
      for (const entry of charged) entry.answeredAt = at;
      // A call waiting for a request on its way (no time to sleep until) looks again now.
      this.wakeAll();
    };
  }

  /** ms until `weight` may be charged to (family, endpoint); 0 when it fits now. */
  private waitFor(family: LimitFamily, endpoint: string, weight: number, owner: string): number {
    const now = this.now();
    const pause = (this.pausedUntil.get(pauseKey(family, owner)) ?? 0) - now;
    if (pause > 0) return pause;
    const entries = this.live(spentKey(family, endpoint, owner));
    let used = entries.reduce((sum, entry) => sum + entry.weight, 0);
    if (used + weight <= this.budget) return 0;
    // Answered first, first out: wait until enough of them have left the window; those still on
    // their way hold their weight until answered (which wakes every waiting call).
    const answered = entries
      .filter((entry) => entry.answeredAt !== undefined)
      .sort((a, b) => (a.answeredAt as number) - (b.answeredAt as number));
    for (const entry of answered) {
      used -= entry.weight;
      if (used + weight <= this.budget) return (entry.answeredAt as number) + this.windowMs - now + 1;
    }
    return RATE_RECHECK_MS;
  }

  /**
   * ms until another request to `endpoint` keeps within the total and the endpoint's rate; 0 when
   * now. A call that is not urgent leaves one place of the total to each urgent call waiting; a
   * price lookup waits while any other call waits, and keeps to PRICE_LOOKUPS_PER_SECOND.
   */
  private waitForRequestRate(endpoint: string, urgent: boolean, scope: string): number {
    const own = this.endpointRequestsPerSecond[endpoint];
    const windowed = this.endpointRequestRates[endpoint];
    const all = `${scope} ${ALL}`;
    if (PRICE_LOOKUP_ENDPOINTS.has(endpoint)) {
      // Woken when the last other call waiting leaves (waitToFit), or by the recheck.
      if ((this.othersWaiting.get(scope) ?? 0) > 0) return RATE_RECHECK_MS;
      return Math.max(
        this.waitForRate(all, this.maxRequestsPerSecond),
        this.waitForRate(LOOKUPS, PRICE_LOOKUPS_PER_SECOND),
      );
    }
    return Math.max(
      this.waitForRate(all, this.maxRequestsPerSecond - (urgent ? 0 : (this.urgentWaiting.get(scope) ?? 0))),
      // An endpoint's own cap (GET account 2/s) is counted where the call is (rateScope): GET
      // account is signed, so per account [OFF S2: "2 times/s", not saying per what; the general
      // rule counts a keyed endpoint per account]. The simulator counts it the same way.
      own === undefined ? 0 : this.waitForRate(`${scope} ${endpoint}`, own),
      windowed === undefined ? 0 : this.waitForRate(windowKey(scope, endpoint), windowed.requests, windowed.windowMs),
    );
  }

  /** ms until one more request under `key` keeps within `perWindow` requests in any `windowMs` (a second unless said). */
  private waitForRate(key: string, perWindow: number, windowMs = REQUEST_RATE_WINDOW_MS): number {
    const recent = this.recentRequests(key, windowMs);
    const over = recent.length - perWindow + 1;
    if (over <= 0) return 0;
    // The `over` answered first must leave the second; those still on their way hold their place
    // until answered (which wakes every waiting call).
    const answers = recent
      .map((sent) => sent.answeredAt)
      .filter((at) => at !== undefined)
      .sort((a, b) => a - b);
    const leaves = answers[over - 1];
    if (leaves === undefined) return RATE_RECHECK_MS;
    return Math.max(1, leaves + windowMs + REQUEST_RATE_MARGIN_MS - performance.now() + 1);
  }

  /**
   * The requests counted under `endpoint` (or ALL): on their way, or answered less than the
   * counted second ago. On the monotonic clock: a wall clock set back must not hold requests for its jump.
   */
  private recentRequests(endpoint: string, windowMs = REQUEST_RATE_WINDOW_MS): Sent[] {
    const from = performance.now() - windowMs - REQUEST_RATE_MARGIN_MS;
    const all = this.sentAt.get(endpoint) ?? [];
    const kept = all.filter((sent) => sent.answeredAt === undefined || sent.answeredAt > from);
    this.sentAt.set(endpoint, kept.length === all.length ? all : kept);
    return this.sentAt.get(endpoint)!;
  }

  private live(key: string): Spent[] {
    const entries = this.spent.get(key) ?? [];
    const from = this.now() - this.windowMs;
    const kept = entries.filter((entry) => entry.answeredAt === undefined || entry.answeredAt > from);
    if (kept.length === 0) this.spent.delete(key);
    else this.spent.set(key, kept);
    return kept;
  }

  private wakeAll(): void {
    for (const wake of [...this.sleepers]) wake();
  }

  private sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        signal?.removeEventListener("abort", wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
      signal?.addEventListener("abort", wake, { once: true });
    });
  }
}

function familiesOf(weight: EndpointWeight): LimitFamily[] {
  const families: LimitFamily[] = [];
  if (weight.ip !== undefined) families.push("ip");
  if (weight.uid !== undefined) families.push("uid");
  return families;
}

/**
 * Where a family's weight is counted. MEXC counts the IP family per machine and the UID family per
 * account (docs/mexc/rest.md#rate-limits: IP for endpoints without a key, UID for those with one [OFF]; the caller passes protocol's chargedWeight): a budget shared by several accounts' clients keeps one IP count and one UID
 * count per account (`owner`; "" for a client's own budget).
 */
function spentKey(family: LimitFamily, endpoint: string, owner: string): string {
  return family === "uid" ? `uid ${owner} ${endpoint}` : `ip ${endpoint}`;
}

/**
 * Where a call's request rate is counted: in its account's second when it is charged to the account
 * (a signed call, protocol's chargedWeight), else in the machine's.
 */
function rateScope(weight: EndpointWeight, owner: string): string {
  return weight.uid === undefined ? "ip" : `uid ${owner}`;
}

/** Keeps a per-scope count, forgetting a scope at 0 (fifty accounts come and go). */
function setCount(counts: Map<string, number>, scope: string, value: number): void {
  if (value <= 0) counts.delete(scope);
  else counts.set(scope, value);
}

/** The key of an endpoint's rate over a window of its own (ENDPOINT_REQUEST_RATES), where the call is counted. */
function windowKey(scope: string, endpoint: string): string {
  return `${scope} ${endpoint} window`;
}

function pauseKey(family: LimitFamily, owner: string): string {
  return family === "uid" ? `uid ${owner}` : "ip";
}
