/**
 * "Take the history to another tool" (issue 56 items 5 and 6): one link per file another tool
 * imports (contract EXPORTS; docs/exports.md), each with what the file holds and which tool
 * imports it. Plain links, so the browser downloads the file itself with the login cookie; each
 * names the account shown (api/http.ts exportHref), so a file is that account's.
 */
import type { ExportName } from "@mexc-live/contract";
import { exportHref } from "../api/http.js";

interface ToolFile {
  readonly name: ExportName;
  /** The link's words: the tool and the file. */
  readonly label: string;
  /** What the file holds, and where the tool takes it in. */
  readonly holds: string;
}

/** The files, in the order shown (what each holds: docs/exports.md, each tool's section). */
const TOOL_FILES: readonly ToolFile[] = [
  {
    name: "rotkiTrades",
    label: "rotki trades CSV",
    holds:
      "Every fill, and each small-balance conversion of one coin, as a trade with its fee apart: rotki's generic trades import.",
  },
  {
    name: "rotkiEvents",
    label: "rotki events CSV",
    holds:
      "Deposits, withdrawals, transfers, and conversions of several coins as spends and a deposit: rotki's generic events import, beside the trades.",
  },
  {
    name: "koinly",
    label: "Koinly CSV",
    holds: "Fills, deposits, withdrawals, transfers and conversions in one file, times in UTC: Koinly's universal CSV.",
  },
  {
    name: "coinTracking",
    label: "CoinTracking CSV",
    holds:
      "Trades with their fees inside the amounts, MX fees as Other Fee, deposits and withdrawals: CoinTracking's CSV import (set its time zone to UTC to import).",
  },
  {
    name: "ghostfolio",
    label: "Ghostfolio JSON",
    holds:
      "A buy or sell per fill of a USDT or USDC pair, in USD (no transfers, no other pairs): Ghostfolio's activities import.",
  },
];

export function ToolExports() {
  return (
    <section className="panel area-export" aria-label="Take the history to another tool">
      <h2 className="panel-title">Take the history to another tool</h2>
      <p className="export-help">
        The account's whole history as stored now, oldest first: every fill and every completed deposit, withdrawal,
        transfer and small-balance conversion, a pair MEXC no longer lists included. Only the fills of a pair nothing
        splits into base and quote are left out, named in the download's header. How each file is laid out:
        docs/exports.md.
      </p>
      <ul className="tool-exports">
        {TOOL_FILES.map((file) => (
          <li key={file.name}>
            <a className="button" href={exportHref(file.name)} download>
              {file.label}
            </a>
            <span className="tool-export-holds">{file.holds}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
