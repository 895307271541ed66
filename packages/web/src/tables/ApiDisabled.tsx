/**
 * The marker for a pair whose API trading MEXC has disabled, and the legend that explains it.
 * mexc-live reads such an account fine; only placing orders through the API is refused by MEXC.
 */

const API_DISABLED_EXPLANATION =
  "MEXC has disabled API trading on this pair; mexc-live can show it but MEXC rejects API orders on it";

export function ApiDisabledMarker() {
  return (
    <span className="api-off" title={API_DISABLED_EXPLANATION} role="img" aria-label="API trading disabled">
      API off
    </span>
  );
}

export function ApiDisabledLegend() {
  return (
    <p className="legend">
      <span className="api-off" aria-hidden="true">
        API off
      </span>{" "}
      {API_DISABLED_EXPLANATION}.
    </p>
  );
}
