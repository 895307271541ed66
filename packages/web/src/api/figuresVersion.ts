/**
 * The figures version an answer was computed at (contract FIGURES_VERSION_HEADER, issue 40):
 * panels shown together show answers of one version, or say they are updating.
 */
import { FIGURES_VERSION_HEADER } from "@mexc-live/contract";

/** The version a figures answer carries; null when it carries none (an older gateway, a web instance's mirror). */
export function figuresVersionOf(headers: Headers): number | null {
  const text = headers.get(FIGURES_VERSION_HEADER);
  if (text === null || !/^\d{1,15}$/.test(text)) return null;
  return Number(text);
}

/**
 * True when answers shown together are of one moment: every version known is the same. An
 * answer without a version (null: the gateway sends none) cannot be told apart, so it does not
 * hold the others back; one not read yet (undefined) does.
 */
export function oneMoment(versions: readonly (number | null | undefined)[]): boolean {
  if (versions.some((version) => version === undefined)) return false;
  const known = versions.filter((version): version is number => version !== null);
  return known.every((version) => version === known[0]);
}
