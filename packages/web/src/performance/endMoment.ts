/**
 * End equity and the "All accounts" equity of the account shown, one moment (issue 40 item 4):
 * the summary shows the account's latest equity point as it comes on the stream, each with the
 * figures version it moved the account's figures to (contract EquityPoint `version`); a
 * performance answer carries the version it was computed at (X-MexcLive-Figures-Version). For a
 * range that ends now, an answer older than the latest point holds an older end equity than the
 * one the summary shows: until it is read again, the end equity says it is updating instead.
 */

/**
 * True when the performance answer (`answerVersion`) was computed before the latest equity point
 * (`pointVersion`) of a range that ends now. Unknown versions (an older gateway, a stored point)
 * hold nothing back: they cannot be told apart.
 */
export function endEquityBehind(
  answerVersion: number | null | undefined,
  pointVersion: number | undefined,
  rangeEndsNow: boolean,
): boolean {
  return (
    rangeEndsNow && typeof answerVersion === "number" && pointVersion !== undefined && answerVersion < pointVersion
  );
}
