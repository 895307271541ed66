/**
 * What every section of the dashboard shows its figures in and draws with: the gateway's quote
 * currency (from its health topic, or its hello until health came) and the theme picked. The
 * dashboard provides them once; a section reads them here instead of having them handed down
 * through each panel between. The charts and column builders stay pure: a section passes them on.
 */
import { DEFAULT_QUOTE } from "@mexc-live/contract";
import { createContext, type ReactNode, useContext, useMemo } from "react";
import type { Theme } from "../theme/theme.js";

export interface Display {
  /** The quote currency figures are valued in ("USDT"). */
  readonly quote: string;
  readonly theme: Theme;
}

// Until the gateway has said (and outside a provider: a section rendered on its own), the
// gateway's own default quote (contract's DEFAULT_QUOTE).
const DisplayContext = createContext<Display>({ quote: DEFAULT_QUOTE, theme: "dark" });

export function DisplayProvider({ quote, theme, children }: Display & { readonly children: ReactNode }) {
  const value = useMemo(() => ({ quote, theme }), [quote, theme]);
  return <DisplayContext.Provider value={value}>{children}</DisplayContext.Provider>;
}

/** The quote currency and theme the sections show (outside a provider: USDT, dark). */
export function useDisplay(): Display {
  return useContext(DisplayContext);
}
