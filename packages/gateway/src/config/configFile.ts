/**
 * The --config file: a JSON object with the canonical setting keys. A mistake is reported by
 * line and column, never by quoting the text around it (V8's JSON errors do, and the text can be
 * an API secret); an unknown key is named only when it reads like a setting name, not like a
 * pasted secret. A file holding secrets that other users can read is refused at start.
 */

import { isJsonObject } from "@mexc-live/protocol";
import { type ParseError, parse, parseTree, printParseErrorCode } from "jsonc-parser";
import { SettingsError } from "../errors.js";
import { readRegularFile } from "./regularFile.js";
import { type RawSettings, type RawValue, SETTING_KEYS, type SettingKey } from "./sources.js";

/** Settings whose value is a secret (alert rules: their channel URLs hold tokens): a file holding one must be private to its owner. */
const SECRET_KEYS: readonly SettingKey[] = [
  "apiKey",
  "apiSecret",
  "token",
  "busSecret",
  "redisPassword",
  "alerts",
  "accounts",
];

/** What a parse error code means, in words (jsonc-parser's codes are identifiers). */
const MISTAKES: Partial<Record<string, string>> = {
  InvalidSymbol: "unexpected character",
  InvalidNumberFormat: "malformed number",
  PropertyNameExpected: "a quoted key expected",
  ValueExpected: "a value expected",
  ColonExpected: "':' expected",
  CommaExpected: "',' expected",
  CloseBraceExpected: "'}' expected",
  CloseBracketExpected: "']' expected",
  EndOfFileExpected: "nothing expected after the object",
  InvalidCommentToken: "comments are not JSON",
  UnexpectedEndOfComment: "comments are not JSON",
  UnexpectedEndOfString: "a string is not closed",
  UnexpectedEndOfNumber: "malformed number",
  InvalidUnicode: "malformed \\u escape",
  InvalidEscapeCharacter: "malformed escape",
  InvalidCharacter: "a control character in a string",
};

/**
 * The most a --config file may hold: 1 MiB. Its largest part is the accounts (MAX_WATCHED_ACCOUNTS
 * of a name, a key and a secret: some 60 KB) and the alert rules, a few hundred bytes each; a
 * larger file is not a config file, and reading it whole would only cost memory.
 */
export const MAX_CONFIG_FILE_BYTES = 1024 * 1024;

/** The --config file's text: a regular file of at most MAX_CONFIG_FILE_BYTES, else a short reason is thrown. */
export function readConfigFile(path: string): string {
  return readRegularFile(path, MAX_CONFIG_FILE_BYTES);
}

/** A key that reads like a setting name (a typo of one), not like a pasted key or secret. */
const NAME_LIKE = /^[A-Za-z][A-Za-z_-]{0,31}$/;

/** Reads the config file's text; throws SettingsError naming the file and where the mistake is. */
export function readConfigText(text: string, file: string): RawSettings {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SettingsError(`--config ${file} is not valid JSON: ${whereInvalid(text)}`);
  }
  if (!isJsonObject(parsed)) {
    throw new SettingsError(`--config ${file} must hold a JSON object of settings`);
  }
  const settings: Partial<Record<SettingKey, RawValue>> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (!(SETTING_KEYS as readonly string[]).includes(key)) throw unknownKey(text, file, key);
    if (value !== null) settings[key as SettingKey] = { value, origin: `"${key}" in ${file}` };
  }
  return settings;
}

/** Whether the file sets any secret. */
export function holdsSecrets(settings: RawSettings): boolean {
  return SECRET_KEYS.some((key) => settings[key] !== undefined);
}

/** Why a config file holding secrets that its group or other users can read is refused (`mode`: st_mode). */
export function configFileRefusal(file: string, mode: number): string | undefined {
  if ((mode & 0o077) === 0) return undefined;
  const octal = (mode & 0o777).toString(8).padStart(3, "0");
  return `--config ${file} holds secrets and other users of this machine can read it (mode ${octal}): run chmod 600 ${file}`;
}

/** "line L, column C: what" of the first mistake in `text`. */
function whereInvalid(text: string): string {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  const offset = first?.offset ?? text.length;
  const what = first === undefined ? "" : `: ${MISTAKES[printParseErrorCode(first.error)] ?? "not JSON"}`;
  return `${lineAndColumn(text, offset)}${what}`;
}

function unknownKey(text: string, file: string, key: string): SettingsError {
  const known = `known: ${SETTING_KEYS.join(", ")}`;
  if (NAME_LIKE.test(key)) {
    const near = SETTING_KEYS.find((name) => name.toLowerCase() === key.toLowerCase().replace(/[-_]/g, ""));
    const hint = near === undefined ? known : `did you mean "${near}"?`;
    return new SettingsError(`--config ${file}: unknown setting "${key}" (${hint})`);
  }
  const node = parseTree(text)?.children?.find((property) => property.children?.[0]?.value === key);
  const at = node === undefined ? "" : ` at ${lineAndColumn(text, node.offset)}`;
  return new SettingsError(`--config ${file}: unknown setting${at} (not shown: it looks like a secret; ${known})`);
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return `line ${line}, column ${offset - before.lastIndexOf("\n")}`;
}
