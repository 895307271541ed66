/**
 * Whether the page is as narrow as a phone (PHONE_WIDTH_PX or less): tables show their rows as
 * cards there. Follows the window as it is resized or turned.
 */
import { useEffect, useState } from "react";

/** The widest viewport a table shows as cards (a 390 px phone, a small tablet held upright). */
const PHONE_WIDTH_PX = 600;
const QUERY = `(max-width: ${PHONE_WIDTH_PX}px)`;

export function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => globalThis.matchMedia?.(QUERY).matches ?? false);
  useEffect(() => {
    const media = globalThis.matchMedia?.(QUERY);
    if (!media) return;
    const follow = () => setNarrow(media.matches);
    follow();
    media.addEventListener("change", follow);
    return () => media.removeEventListener("change", follow);
  }, []);
  return narrow;
}
