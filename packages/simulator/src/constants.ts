/**
 * The simulator's own numbers. MEXC's limits and timers (streams per connection, listen keys,
 * REST windows, rate limits, recvWindow) live in the protocol package (limits.ts), each with
 * its source, and the simulator enforces them from there. Durations are in simulated ms (the
 * clock divides them by --speed).
 */

// Push cadence (docs/mexc/protocol.md#channels)
export const KLINE_PUSH_INTERVAL_MS = 1_000;
export const MINI_TICKER_PUSH_INTERVAL_MS = 3_000;

/**
 * How far from the touch a MARKET order's protective price sits: MEXC writes one about 5 % away
 * (a SELL 4.7-5 % under its average fill, a BUY 4.6 % over) and the order fills no further
 * (docs/mexc/undocumented.md#fills-and-keys item 11.28: ccxt's recorded answers, MEXC's example).
 * The exact rule is not published: 5 % of the best opposite price is our reading [UNCONFIRMED].
 */
export const MARKET_PROTECTION_RATE = "0.05";

// Faults (--faults, faults.ts). Our own choices, not MEXC facts.
/** `http429`: the Retry-After (seconds) of an injected 429. */
export const HTTP429_FAULT_RETRY_AFTER_S = 1;

// Past history (--history-days, simulator.ts). Our own choice: a year of past for the demo and
// one more account takes about 1.5 s to generate (30 days: ~0.15 s); MEXC serves at most 90 days
// of wallet history and 30 of trades anyway.
export const MAX_HISTORY_DAYS = 365;

// Funded accounts (--accounts, simulator.ts). Our own choice: MEXC allows a master account at most
// 30 sub-accounts (docs/mexc/rest.md#rate-limits, S2 FAQ), so 31 accounts in all; a trader with
// several masters goes further, and load tests (bench:accounts at 50 and 100, issue 41) need room
// past that: 200 is four times the largest gateway we measure at 50, and each account costs the
// simulator only its demo trader and its keys.
export const MAX_ACCOUNTS = 200;

// The demo trader's pace (--demo-fills-per-day; the gateway's demo mode takes the same flag). Our
// own choice: from one fill a day to about one a second; the default is its history's pace
// (market/tradingPace.ts), tests and containers that watch live fills ask for thousands.
export const MIN_DEMO_FILLS_PER_DAY = 1;
export const MAX_DEMO_FILLS_PER_DAY = 100_000;
