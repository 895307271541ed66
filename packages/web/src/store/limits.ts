/**
 * Every memory bound and timer of the dashboard's live store, in one place. The page stays open
 * all day, so nothing it holds may grow without limit; older history is one HTTP page away.
 */

/** Newest fills kept from the stream; older ones drop out (and come back from GET /api/fills). */
export const MAX_LIVE_FILLS = 5_000;
/** Fills held at most once the user has scrolled back through older pages. */
export const MAX_TOTAL_FILLS = 100_000;
/** One page of older fills (GET /api/fills?limit=). */
export const FILLS_PAGE_SIZE = 1_000;
/** Closed orders held (open ones are always kept; the closed ones updated longest ago drop out first). */
export const MAX_CLOSED_ORDERS = 20_000;
/** Equity points held (about two weeks at one point a minute). */
export const MAX_EQUITY_POINTS = 20_000;
/** Recent public trades held per symbol. */
export const MAX_TRADES = 100;
/** Klines held per symbol. */
export const MAX_KLINES = 500;
/** How long a row that changed live stays highlighted (DataTable takes the highlight off, then it fades). */
export const FLASH_MS = 1_500;
/**
 * A table highlights changed rows at most once in this long: with a fill a second the newest
 * fills, and the quote balance, were yellow all the time (issue 27, "a busy account is not
 * permanently yellow"). At a calmer pace every change still flashes.
 */
export const FLASH_COOLDOWN_MS = 10_000;
/**
 * A highlight ends on the next whole multiple of this after FLASH_MS (so 1.5-2.5 s): the rows of
 * every table, and the clock (useNow), change together in one frame a second, not one frame each.
 */
export const FLASH_END_TICK_MS = 1_000;
/** Rows highlighted at once at most (older highlights are dropped first). */
export const MAX_FLASH_ROWS = 500;
/** More rows than this changing within one frame is a flood, not news: none of them flash. */
export const FLASH_FLOOD_ROWS = 50;
/** Alerts held from the `alerts` topic (the gateway's snapshot carries fewer), and raised ones kept for the toasts. */
export const MAX_ALERTS = 50;
/** One page of the ledger or of transfers (GET /api/ledger, /api/transfers ?limit=; the gateway allows 1,000). */
export const HISTORY_PAGE_SIZE = 500;
/** Ledger entries or transfers held at most while scrolling back; further pages are not loaded. */
export const MAX_HISTORY_ROWS = 100_000;
/**
 * The newest rows read again after a balance change: few, as it happens every few seconds while
 * trading (more new rows than this start the list again from the newest page).
 */
export const HISTORY_REFRESH_PAGE_SIZE = 100;
/** The ledger and transfers follow balance changes at most this often (a burst of fills is one refresh). */
export const HISTORY_REFRESH_MS = 3_000;
/** A refresh waits this long after the balance change, so the gateway has stored the entry that explains it. */
export const HISTORY_SETTLE_MS = 500;
