import { describe, expect, it } from "vitest";
import { initialTheme, THEME_STORAGE_KEY } from "./theme.js";

const storage = (value: string | null) => ({ getItem: (key: string) => (key === THEME_STORAGE_KEY ? value : null) });
const prefers = (light: boolean) => (query: string) => ({ matches: light && query.includes("light") });

describe("initialTheme", () => {
  it("uses the stored choice first, else the system preference", () => {
    expect(initialTheme(storage("light"), prefers(false))).toBe("light");
    expect(initialTheme(storage("dark"), prefers(true))).toBe("dark");
    expect(initialTheme(storage(null), prefers(true))).toBe("light");
    expect(initialTheme(storage("bogus"), prefers(false))).toBe("dark");
  });
});
