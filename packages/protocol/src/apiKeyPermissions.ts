/**
 * An API key's permissions as MEXC names them (docs/mexc/undocumented.md#fills-and-keys item 11.32):
 * the list of MEXC's "Create an APIKey for a sub-account (For Master Account)" (the same names its
 * GET /api/v3/sub-account/apiKey answers, comma-separated), and `SPOT_WITHDRAW_WRITE`, the
 * permission of MEXC's withdraw endpoint ("Withdraw(new)"). A monitor needs only the READ ones;
 * what a key can do beyond reading is said in words (keyAbilities). A name MEXC adds later passes
 * through: one ending in `_WRITE` counts as a write it can do.
 */
export const API_KEY_PERMISSIONS = [
  "SPOT_ACCOUNT_READ",
  "SPOT_ACCOUNT_WRITE",
  "SPOT_DEAL_READ",
  "SPOT_DEAL_WRITE",
  "CONTRACT_ACCOUNT_READ",
  "CONTRACT_ACCOUNT_WRITE",
  "CONTRACT_DEAL_READ",
  "CONTRACT_DEAL_WRITE",
  "SPOT_TRANSFER_READ",
  "SPOT_TRANSFER_WRITE",
  "SPOT_WITHDRAW_WRITE",
] as const;
export type ApiKeyPermission = (typeof API_KEY_PERMISSIONS)[number];

/** What a key can do beyond reading, by its permissions. */
export interface KeyAbilities {
  /** Place and cancel orders (SPOT_DEAL_WRITE, CONTRACT_DEAL_WRITE). */
  readonly trade: boolean;
  /** Move funds out: withdraw (SPOT_WITHDRAW_WRITE) or transfer between accounts (SPOT_TRANSFER_WRITE). */
  readonly moveFunds: boolean;
  /** Any other write (SPOT_ACCOUNT_WRITE, CONTRACT_ACCOUNT_WRITE: account settings; a write MEXC adds later). */
  readonly otherWrites: readonly string[];
}

const TRADE: ReadonlySet<string> = new Set(["SPOT_DEAL_WRITE", "CONTRACT_DEAL_WRITE"]);
const MOVE_FUNDS: ReadonlySet<string> = new Set(["SPOT_WITHDRAW_WRITE", "SPOT_TRANSFER_WRITE"]);

/** MEXC's comma-separated `permissions` ("SPOT_ACCOUNT_READ,SPOT_DEAL_WRITE") as a list, trimmed, empty parts dropped. */
export function parseKeyPermissions(text: string): string[] {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

export function keyAbilities(permissions: readonly string[]): KeyAbilities {
  return {
    trade: permissions.some((permission) => TRADE.has(permission)),
    moveFunds: permissions.some((permission) => MOVE_FUNDS.has(permission)),
    otherWrites: permissions.filter(
      (permission) => permission.endsWith("_WRITE") && !TRADE.has(permission) && !MOVE_FUNDS.has(permission),
    ),
  };
}
