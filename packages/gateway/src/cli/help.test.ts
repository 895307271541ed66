/**
 * `--help` of each gateway command lists every option its parser accepts, and its parser accepts
 * every option its help lists: both come from one spec per command (config/argvOptions.ts), and
 * this keeps the text true to it. (The simulator's help is generated from its own table and
 * checked in packages/simulator.)
 */
import { describe, expect, it } from "vitest";
import { readArgv } from "../config/argvOptions.js";
import { readFlags, START_OPTIONS } from "../config/sources.js";
import { DECODE_HELP, DECODE_OPTIONS } from "./decodeCli.js";
import { FRAMES_OPTIONS, FRAMES_USAGE } from "./frames.js";
import { IMPORT_OPTIONS, IMPORT_USAGE } from "./import.js";
import { START_USAGE } from "./start.js";

/** Each command: its help, its declared options, and its parser given one option. */
const COMMANDS = [
  { command: "start", help: START_USAGE, spec: START_OPTIONS, parse: (argv: string[]) => readFlags(argv) },
  {
    command: "frames",
    help: FRAMES_USAGE,
    spec: FRAMES_OPTIONS,
    parse: (argv: string[]) => readArgv(argv, FRAMES_OPTIONS),
  },
  {
    command: "import",
    help: IMPORT_USAGE,
    spec: IMPORT_OPTIONS,
    parse: (argv: string[]) => readArgv(argv, IMPORT_OPTIONS),
  },
  {
    command: "decode",
    help: DECODE_HELP,
    spec: DECODE_OPTIONS,
    parse: (argv: string[]) => readArgv(argv, DECODE_OPTIONS),
  },
];

/** The long options a help text lists (`  --port N ...`, `  --rest-url URL / --ws-url URL`), once each; prose that names another command's option is not a listing. */
function optionsIn(help: string): string[] {
  const listing = help
    .split("\n")
    .filter((line) => /^\s+-/.test(line))
    .join("\n");
  return [...new Set([...listing.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)].map((match) => match[0]))];
}

describe.each(COMMANDS)("mexc-live $command --help", ({ help, spec, parse }) => {
  it("lists every option the parser accepts, and --help itself", () => {
    const listed = optionsIn(help);
    expect(Object.keys(spec).filter((flag) => !listed.includes(flag))).toEqual([]);
    expect(help).toMatch(/-h, --help/);
  });

  it("lists no option the parser refuses", () => {
    const refused = optionsIn(help).filter((flag) => {
      if (flag === "--help") return false;
      const argv = spec[flag] === "switch" ? [flag] : [flag, "1"];
      try {
        parse(argv);
        return false;
      } catch (error) {
        return /unknown option/.test((error as Error).message);
      }
    });
    expect(refused).toEqual([]);
  });

  it("refuses an option it does not list, naming it", () => {
    expect(() => parse(["--no-such-option"])).toThrow("unknown option --no-such-option (see --help)");
  });
});
