/**
 * The title and the note every section of the "All accounts" summary shares. A section read over
 * HTTP (the PnL: with the account list, and again after fills) says so, and a failed read says
 * whether what is shown is older or nothing could be read yet. A live section (the latest fills
 * and open orders, followed over the page's stream) says it is live. While the stream is down
 * every section says what is shown is as last seen.
 */

/** What a section's title says while the page's stream is down: never "live", nor "after each fill" (no fill comes). */
const STREAM_DOWN = "as last seen";

export function SummaryTitle({ title, live = false, down = false }: { title: string; live?: boolean; down?: boolean }) {
  return (
    <h3 className="all-accounts-fills-title">
      {title}{" "}
      {down ? (
        <small className="all-accounts-when" title="The page's stream is down: shown as last seen">
          {STREAM_DOWN}
        </small>
      ) : live ? (
        <small className="all-accounts-when" title="Followed over the page's stream, as each change happens">
          live
        </small>
      ) : (
        <small
          className="all-accounts-when"
          title="Read from the gateway when the page opens and again a moment after fills of any account (not per price move)"
        >
          after each fill
        </small>
      )}
    </h3>
  );
}

/** Nothing unless the last read failed (or the stream is down, `live`); `read`: something was read before. */
export function SummaryReadNote({ failed, read, live = false }: { failed: boolean; read: boolean; live?: boolean }) {
  if (!failed) return null;
  const older = live ? "the stream is down: these are as last seen" : "not read this time: these are older";
  const none = live
    ? "the stream is down: nothing seen yet"
    : "could not be read: retried after the next fill, or when the stream connects again";
  return (
    <p className="all-accounts-note" role="status">
      {read ? older : none}
    </p>
  );
}
