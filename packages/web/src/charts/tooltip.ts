/**
 * ECharts renders tooltip formatter output as HTML: everything that came from data (asset and
 * symbol names, amounts) is escaped first.
 */

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Tooltip box colours per theme. */
export function tooltipStyle(colors: { panel: string; border: string; text: string }) {
  return {
    backgroundColor: colors.panel,
    borderColor: colors.border,
    textStyle: { color: colors.text, fontSize: 12 },
    confine: true,
  } as const;
}
