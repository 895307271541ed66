/**
 * Chart colours per theme, the same values as the CSS variables in theme/app.css (charts draw on
 * canvas and cannot read CSS variables cheaply on every update), and the series colours.
 */

export type ChartTheme = "dark" | "light";

export interface ChartColors {
  readonly text: string;
  readonly muted: string;
  readonly grid: string;
  readonly border: string;
  readonly panel: string;
  readonly accent: string;
  readonly buy: string;
  readonly sell: string;
  /** The net deposits line of the equity chart: a quiet reference, unlike any series colour. */
  readonly netDeposits: string;
}

export const CHART_COLORS: Readonly<Record<ChartTheme, ChartColors>> = {
  dark: {
    text: "#d7dee8",
    muted: "#8a96a6",
    grid: "rgba(138, 150, 166, 0.12)",
    border: "#283140",
    panel: "#151b23",
    accent: "#4c8dff",
    buy: "#26b36b",
    sell: "#ef5350",
    netDeposits: "#b8c2cf",
  },
  light: {
    text: "#1b2430",
    muted: "#5b6877",
    grid: "rgba(91, 104, 119, 0.12)",
    border: "#dce2ea",
    panel: "#ffffff",
    accent: "#1f6feb",
    buy: "#0f7d46",
    sell: "#c62828",
    netDeposits: "#4b5563",
  },
};

/**
 * The series colours: a fixed categorical palette, given out in order of first use (the first
 * asset or symbol a chart asks for gets the first colour, the next one the second, ...), so up to
 * SERIES_COLORS.length series on the page never share a colour; a name keeps its colour for the
 * page's life, in every chart. Chosen for distinctness (every pair at least 30 apart in CIELAB,
 * at least 25 from the accent, "Other" grey and the buy/sell colours) with a lightness that reads
 * on both themes; palette.test.ts checks it. A name hash (what this replaced) gave ETH and MX,
 * USDT and XRP, BTC and DOGE the same colour.
 */
export const SERIES_COLORS = [
  "#f5a623",
  "#ed1dc3",
  "#a0d411",
  "#ec93ce",
  "#2fdada",
  "#ecb693",
  "#68b2f3",
  "#b268f3",
  "#ed1d7e",
  "#11d452",
  "#d1ca61",
  "#ed621d",
  "#b26634",
  "#d16170",
  "#c31ded",
  "#9e81da",
] as const;

export const OTHER_LABEL = "Other";
export const OTHER_COLOR = "#8c96a3";

const given = new Map<string, string>();

/**
 * The colour of the series `name`: the one it was given, else the next of SERIES_COLORS (after
 * the palette is used up, they are given out again from the first). "Other" is always grey.
 */
export function colorFor(name: string): string {
  if (name === OTHER_LABEL) return OTHER_COLOR;
  let color = given.get(name);
  if (color === undefined) {
    color = SERIES_COLORS[given.size % SERIES_COLORS.length] as string;
    given.set(name, color);
  }
  return color;
}

/** Forgets every colour given (tests). */
export function resetSeriesColors(): void {
  given.clear();
}

/** Opacity of what is only estimated (equity worked out from the history), as a hex alpha. */
const FADED_ALPHA = "73";

/** A "#rrggbb" colour at the opacity of estimated data, the same on both themes. */
export function faded(color: string): string {
  return /^#[0-9a-f]{6}$/i.test(color) ? `${color}${FADED_ALPHA}` : color;
}
