import { beforeEach, describe, expect, it } from "vitest";
import { CHART_COLORS, colorFor, OTHER_COLOR, OTHER_LABEL, resetSeriesColors, SERIES_COLORS } from "./palette.js";

/** sRGB "#rrggbb" -> CIELAB (D65), to measure how far apart two colours look. */
function lab(hex: string): [number, number, number] {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = [channel(1), channel(3), channel(5)];
  const x = (r * 0.4124 + g * 0.3576 + b * 0.1805) / 0.95047;
  const y = r * 0.2126 + g * 0.7152 + b * 0.0722;
  const z = (r * 0.0193 + g * 0.1192 + b * 0.9505) / 1.08883;
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

function distance(a: string, b: string): number {
  const [l1, a1, b1] = lab(a);
  const [l2, a2, b2] = lab(b);
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}

beforeEach(() => resetSeriesColors());

describe("series colours", () => {
  it("gives 12 and more series distinct colours, in the order they are first asked for", () => {
    // The pairs a name hash coloured alike: ETH = MX, USDT = XRP, BTC = DOGE.
    const names = ["USDT", "BTC", "ETH", "MX", "SOL", "PEPE", "DOGE", "XRP", "FROP", "ADA", "TRX", "LINK", "DOT"];
    const colors = names.map(colorFor);
    expect(new Set(colors).size).toBe(names.length);
    expect(colors).toEqual(SERIES_COLORS.slice(0, names.length));
    // Asked again, in another order, from another chart: the same colour each.
    expect([...names].reverse().map(colorFor)).toEqual([...colors].reverse());
  });

  it("keeps 'Other' grey, without using up a colour", () => {
    expect(colorFor(OTHER_LABEL)).toBe(OTHER_COLOR);
    expect(colorFor("BTC")).toBe(SERIES_COLORS[0]);
  });

  it("has colours that look apart from each other and from the accent, 'Other' and buy/sell, on both themes", () => {
    expect(SERIES_COLORS.length).toBeGreaterThanOrEqual(12);
    const colors: readonly string[] = SERIES_COLORS;
    colors.forEach((color, i) => {
      for (const other of colors.slice(0, i)) expect(distance(color, other)).toBeGreaterThanOrEqual(30);
      for (const theme of ["dark", "light"] as const) {
        const c = CHART_COLORS[theme];
        for (const reserved of [c.accent, c.buy, c.sell, OTHER_COLOR]) {
          expect(distance(color, reserved)).toBeGreaterThanOrEqual(25);
        }
        // Readable as a line on either panel: neither near black nor near white.
        expect(distance(color, c.panel)).toBeGreaterThanOrEqual(30);
      }
    });
  });
});
