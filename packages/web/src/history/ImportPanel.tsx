/**
 * "Import older history": MEXC keeps only recent history behind its API, but its website exports
 * older trades, deposits and withdrawals. A file dropped here or picked is sent to the gateway
 * as it is; the panel says what was imported, or why nothing was, with the problems by line.
 */
import { type DragEvent, useState } from "react";
import { type ImportOutcome, importHistoryFile, importResultText, PROBLEMS_SHOWN, problemText } from "./importFile.js";

export interface ImportPanelProps {
  /** After a successful import (the tables and figures may have new rows). */
  readonly onImported?: () => void;
}

type Status =
  | { readonly kind: "idle" }
  | { readonly kind: "sending"; readonly name: string }
  | { readonly kind: "done"; readonly name: string; readonly outcome: ImportOutcome; readonly skipped: number };

export function ImportPanel({ onImported }: ImportPanelProps) {
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const [dragging, setDragging] = useState(false);
  const busy = status.kind === "sending";

  const send = (files: FileList | null | undefined) => {
    const file = files?.[0];
    if (!file || busy) return;
    setStatus({ kind: "sending", name: file.name });
    void importHistoryFile(file).then((outcome) => {
      setStatus({ kind: "done", name: file.name, outcome, skipped: (files?.length ?? 1) - 1 });
      if (outcome.kind === "imported") onImported?.();
    });
  };

  const onDragOver = (event: DragEvent) => {
    event.preventDefault();
    setDragging(true);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    send(event.dataTransfer.files);
  };

  return (
    <section className="panel area-import" aria-label="Import older history">
      <h2 className="panel-title">Import older history</h2>
      <p className="import-help">
        MEXC's exported spot trade history, deposit history and withdrawal history (CSV; save an XLSX export as CSV
        first).
      </p>
      <fieldset
        className={dragging ? "drop-zone dragging" : "drop-zone"}
        data-testid="import-drop-zone"
        onDragOver={onDragOver}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <legend className="visually-hidden">The file to import</legend>
        <label className={busy ? "button file-button disabled" : "button file-button"}>
          Choose a CSV file
          <input
            type="file"
            accept=".csv,text/csv"
            className="visually-hidden"
            disabled={busy}
            onChange={(event) => {
              send(event.target.files);
              event.target.value = ""; // the same file again is a new choice
            }}
          />
        </label>
        <span className="drop-hint">or drop it here</span>
      </fieldset>
      <div className="import-status" aria-live="polite">
        {status.kind === "sending" && <p>Importing {status.name}…</p>}
        {status.kind === "done" && (
          <ImportReport name={status.name} outcome={status.outcome} skipped={status.skipped} />
        )}
      </div>
    </section>
  );
}

function ImportReport({ name, outcome, skipped }: { name: string; outcome: ImportOutcome; skipped: number }) {
  const others =
    skipped > 0 ? (
      <p className="import-note">
        Only {name} was sent; drop the other {skipped === 1 ? "file" : `${skipped} files`} one at a time.
      </p>
    ) : null;
  if (outcome.kind === "imported") {
    return (
      <>
        <p className="import-ok">
          {name}: {importResultText(outcome.result)}.
        </p>
        {outcome.result.warning && (
          <p className="import-warning" role="alert">
            Note: {outcome.result.warning}.
          </p>
        )}
        {others}
      </>
    );
  }
  if (outcome.kind === "unknown") {
    return (
      <p className="import-error" role="alert">
        {name}: the gateway's answer was lost or unexpected ({outcome.message}). Importing the file again is safe: rows
        already known are not added twice.
      </p>
    );
  }
  const shown = outcome.problems.slice(0, PROBLEMS_SHOWN);
  const more = outcome.problems.length - shown.length;
  return (
    <div className="import-error" role="alert">
      <p>
        Nothing was imported from {name}: {outcome.message}
      </p>
      {shown.length > 0 && (
        <ul className="import-problems">
          {shown.map((problem, i) => (
            <li key={i}>{problemText(problem)}</li>
          ))}
        </ul>
      )}
      {more > 0 && <p>and {more} more</p>}
      {others}
    </div>
  );
}
