/**
 * The title and the read note every section of the "All accounts" summary shares: read with the
 * account list (every ACCOUNTS_REFRESH_MS), not live, and it says so; a failed read says whether
 * what is shown is older or nothing could be read yet.
 */
import { ACCOUNTS_REFRESH_MS } from "./useAccountList.js";

export function SummaryTitle({ title }: { title: string }) {
  return (
    <h3 className="all-accounts-fills-title">
      {title}{" "}
      <small title="Read from the gateway with the account list, not as each change happens">
        {`every ${ACCOUNTS_REFRESH_MS / 1000} s, not live`}
      </small>
    </h3>
  );
}

/** Nothing unless the last read failed; `read`: something was read before. */
export function SummaryReadNote({ failed, read }: { failed: boolean; read: boolean }) {
  if (!failed) return null;
  return (
    <p className="all-accounts-note" role="status">
      {read ? "not read this time: these are older" : "could not be read: retried with the summary"}
    </p>
  );
}
