/**
 * The gateway commands' one argv reader: node:util `parseArgs` (its tokens, so each mistake is
 * ours to word), with the rules every `mexc-live` command shares:
 *   --flag VALUE and --flag=VALUE; a value that is the next option (`--port --host`) is missing;
 *   a switch takes no value, or `=true` / `=false`;
 *   -h / --help anywhere asks for help;
 *   anything unknown is one line naming it, `unknown option --x (see --help)`, and so is a
 *   word where none is expected: `unexpected argument "x" (see --help)`.
 * Each command declares its options once (a spec), and its help text is checked against the
 * same spec (cli/help.test.ts), so `--help` lists every option the command accepts.
 */
import { parseArgs } from "node:util";
import { SettingsError } from "../errors.js";

/** `value`: the option takes a value; `switch`: it does not. Keys are spelled `--name`. */
export type OptionSpec = Readonly<Record<string, "value" | "switch">>;

interface ArgvOption {
  /** As declared, e.g. `--port`. */
  readonly flag: string;
  /** The value given; a switch's is "true" unless given as `=false`. */
  readonly value: string;
}

export interface ReadArgv {
  readonly help: boolean;
  /** In the order given. */
  readonly options: readonly ArgvOption[];
  /** Words that are not options, in order (only when the command takes them). */
  readonly positionals: readonly string[];
}

export interface ReadArgvRules {
  /** How many words the command takes besides options (default 0). */
  readonly positionals?: number;
  /** Called with an undeclared flag before it is refused: may throw its own message (a secret flag). */
  readonly refuse?: (flag: string) => void;
}

/** The options of `argv` by `spec`; throws a SettingsError (one line, no value echoed) on the first mistake. */
export function readArgv(argv: readonly string[], spec: OptionSpec, rules: ReadArgvRules = {}): ReadArgv {
  const declared = Object.fromEntries(
    Object.entries(spec).map(([flag, kind]) => [flag.slice(2), { type: kind === "value" ? "string" : "boolean" }]),
  ) as Record<string, { type: "string" | "boolean" }>;
  const { tokens } = parseArgs({
    args: [...argv],
    options: { ...declared, help: { type: "boolean", short: "h" } },
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  // -h / --help wins over any mistake around it, as every command's help has always done.
  if (tokens.some((token) => token.kind === "option" && token.name === "help")) {
    return { help: true, options: [], positionals: [] };
  }
  const options: ArgvOption[] = [];
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === "option-terminator") throw new SettingsError("unknown option -- (see --help)");
    if (token.kind === "positional") {
      if (positionals.length >= (rules.positionals ?? 0)) {
        throw new SettingsError(`unexpected argument "${token.value}" (see --help)`);
      }
      positionals.push(token.value);
      continue;
    }
    const flag = token.rawName.startsWith("--") ? token.rawName : `-${token.name}`;
    const kind = token.rawName.startsWith("--") ? spec[flag] : undefined;
    if (kind === undefined) {
      rules.refuse?.(flag);
      throw new SettingsError(`unknown option ${flag} (see --help)`);
    }
    if (kind === "switch") {
      options.push({ flag, value: token.inlineValue ? String(token.value) : "true" });
      continue;
    }
    const value = token.value;
    // parseArgs takes the next argument as the value even when it is the next option.
    if (value === undefined || (!token.inlineValue && value.startsWith("--"))) {
      throw new SettingsError(`${flag} needs a value`);
    }
    options.push({ flag, value });
  }
  return { help: false, options, positionals };
}
