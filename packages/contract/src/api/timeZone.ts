/**
 * The time zone and the periods the routes that group by day are asked in (`tz=`, `period=`):
 * declared here once, read by the gateway's parameters (api/params.ts), its Redis wire, its day
 * arithmetic (figures/timeZones.ts) and the dashboard.
 */

/** The periods PnL is grouped by (`period=` of GET /api/pnl/periods); weeks start on Monday. */
export const PNL_PERIODS = ["day", "week", "month"] as const;
export type PnlPeriod = (typeof PNL_PERIODS)[number];

/**
 * The most periods one walk may list: ten years of days (3,700 > 365.25 x 10). A request that
 * would list more is refused (400 naming `from`), so no range makes the gateway walk for long.
 */
export const MAX_PERIODS = 3_700;

/** The longest zone name taken: IANA names are at most 32 characters today ("America/Argentina/ComodRivadavia"). */
export const MAX_ZONE_NAME_LENGTH = 64;

/** The zone's canonical name ("america/santiago" -> "America/Santiago", "Etc/UTC" -> "UTC"), or undefined when the runtime does not know it. */
export function canonicalZone(name: string): string | undefined {
  if (name.length === 0 || name.length > MAX_ZONE_NAME_LENGTH) return undefined;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
