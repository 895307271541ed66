/**
 * Copies hold the full values (issue 40 item 8): an amount shown rounded (amounts.tsx) carries
 * its exact figure in FULL_VALUE_ATTRIBUTE, and a copy of a selection that holds such amounts puts
 * those exact figures on the clipboard in place of the rounded ones, the rest of the text as the
 * browser would copy it (a table's cells apart by tabs, its rows by line ends). A selection inside
 * one amount copies that amount's full value. A copy without a rounded amount is left to the browser.
 */

/** The attribute holding the exact figure of an amount shown rounded ("1210.938121686452551931 MX"). */
export const FULL_VALUE_ATTRIBUTE = "data-full-value";
const SELECTOR = `[${FULL_VALUE_ATTRIBUTE}]`;

/** The text a copy of `range` puts on the clipboard with every rounded amount at its full value; null: none in it. */
function fullValueText(range: Range): string | null {
  const start = range.commonAncestorContainer;
  const within = (start instanceof Element ? start : start.parentElement)?.closest(SELECTOR);
  if (within) return within.getAttribute(FULL_VALUE_ATTRIBUTE);
  const fragment = range.cloneContents();
  const amounts = fragment.querySelectorAll(SELECTOR);
  if (amounts.length === 0) return null;
  for (const amount of amounts) amount.textContent = amount.getAttribute(FULL_VALUE_ATTRIBUTE);
  return renderedText(fragment, range);
}

/**
 * The fragment's text as the browser lays it out (innerText: tabs between cells, line ends between
 * rows and blocks), in a container off screen, inside a table again when the selection cut rows
 * or cells out of one.
 */
function renderedText(fragment: DocumentFragment, range: Range): string {
  const host = document.createElement("div");
  host.setAttribute("aria-hidden", "true");
  host.style.cssText = "position:fixed;left:-100000px;top:0;white-space:pre-wrap";
  const ancestor = range.commonAncestorContainer;
  const table = (ancestor instanceof Element ? ancestor : ancestor.parentElement)?.closest("table, tbody, thead, tr");
  if (table && !(ancestor instanceof HTMLTableElement)) {
    const wrap = document.createElement("table");
    const body = document.createElement("tbody");
    const row = table.tagName === "TR" ? document.createElement("tr") : undefined;
    if (row) {
      row.append(fragment);
      body.append(row);
    } else body.append(fragment);
    wrap.append(body);
    host.append(wrap);
  } else host.append(fragment);
  document.body.append(host);
  try {
    // biome-ignore lint/performance/useDomNodeTextContent: the text as laid out (cells by tabs, rows by line ends), as a copy gives it
    return host.innerText || host.textContent || "";
  } finally {
    host.remove();
  }
}

/** The document's copy handler: the selection's text with full values, when it holds a rounded amount. */
export function copyFullValues(event: ClipboardEvent): void {
  const selection = document.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed || !event.clipboardData) return;
  const text = fullValueText(selection.getRangeAt(0));
  if (text === null) return;
  event.clipboardData.setData("text/plain", text);
  event.preventDefault();
}
