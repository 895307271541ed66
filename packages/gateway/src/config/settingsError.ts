/** A bad setting: one line that names the setting as the user wrote it; `mexc-live start` exits 2. */
export class SettingsError extends Error {
  override readonly name = "SettingsError";
  readonly exitCode = 2;
}

export function isSettingsError(error: unknown): error is SettingsError {
  return error instanceof SettingsError;
}
