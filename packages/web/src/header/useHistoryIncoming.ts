/**
 * Whether the account's history is still being read from MEXC (health's `history`, not yet
 * complete): every figure worked out from the fills is provisional meanwhile, as an older fill
 * changes it (an older buy changes the cost of what was sold), and says so under it.
 */
import { useLive } from "../store/LiveContext.js";
import { describeHistory } from "./historyProgress.js";

/** Under figures worked out while MEXC's history is still being read (older fills change them). */
export const PROVISIONAL_WORDS =
  "Provisional: MEXC's history is still being read, and these figures take in the older fills as they come (an older buy changes the cost of what was sold).";

export function useHistoryIncoming(): boolean {
  return useLive((s) => {
    const history = describeHistory(s.health?.value.history);
    return history !== null && history.state !== "complete";
  });
}
