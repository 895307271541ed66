/**
 * Dark and light themes: the choice is kept in localStorage; without one the system's
 * prefers-color-scheme decides. The theme is a `data-theme` attribute on <html>; colours are CSS
 * variables (app.css), and charts read the same names.
 */
import { useCallback, useEffect, useState } from "react";

export type Theme = "dark" | "light";

export const THEME_STORAGE_KEY = "mexc-live.theme";

export function initialTheme(
  storage: Pick<Storage, "getItem"> | undefined = globalThis.localStorage,
  matchMedia: ((query: string) => { matches: boolean }) | undefined = globalThis.matchMedia?.bind(globalThis),
): Theme {
  const stored = safely(() => storage?.getItem(THEME_STORAGE_KEY));
  if (stored === "dark" || stored === "light") return stored;
  return matchMedia?.("(prefers-color-scheme: light)").matches ? "light" : "dark";
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
}

/** The current theme and a toggle that persists the choice. */
export function useTheme(): [Theme, () => void] {
  const [theme, setTheme] = useState<Theme>(() => initialTheme());
  useEffect(() => applyTheme(theme), [theme]);
  const toggle = useCallback(() => {
    setTheme((current) => {
      const next: Theme = current === "dark" ? "light" : "dark";
      safely(() => localStorage.setItem(THEME_STORAGE_KEY, next));
      return next;
    });
  }, []);
  return [theme, toggle];
}

/** Storage may be unavailable (private mode, sandboxed frames): the theme still works, unsaved. */
function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
