/**
 * Chart colours per theme, the same values as the CSS variables in theme/app.css (charts draw on
 * canvas and cannot read CSS variables cheaply on every update), and a fixed colour per series
 * name so a series keeps its colour when others appear or disappear.
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

/** Distinguishable on both themes; "Other" slices and bars always get OTHER_COLOR. */
const SERIES_COLORS = [
  "#f5a623",
  "#26a69a",
  "#b37feb",
  "#ef6c8e",
  "#5cc8e6",
  "#9ccc65",
  "#ff8a65",
  "#7986cb",
  "#d4b106",
  "#4db6ac",
] as const;

export const OTHER_LABEL = "Other";
export const OTHER_COLOR = "#8c96a3";

/** The same name always gets the same colour (a string hash into SERIES_COLORS). */
export function colorFor(name: string): string {
  if (name === OTHER_LABEL) return OTHER_COLOR;
  let hash = 0;
  for (let i = 0; i < name.length; i++) hash = (hash * 31 + name.charCodeAt(i)) | 0;
  return SERIES_COLORS[Math.abs(hash) % SERIES_COLORS.length] as string;
}

/** Opacity of what is only estimated (equity worked out from the history), as a hex alpha. */
const FADED_ALPHA = "73";

/** A "#rrggbb" colour at the opacity of estimated data, the same on both themes. */
export function faded(color: string): string {
  return /^#[0-9a-f]{6}$/i.test(color) ? `${color}${FADED_ALPHA}` : color;
}
