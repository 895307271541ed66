#!/usr/bin/env node
// Regenerates src/generated/mexc.{js,d.ts} from proto/mexc.proto with protobufjs static code,
// and src/generated/fieldNumbers.ts: every field number of the .proto, by message and field name.
//   node scripts/codegen.mjs          write the files
//   node scripts/codegen.mjs --check  fail if the committed files differ from a fresh run (CI)
// Static code, not reflection: it is the fast path (see BENCHMARKS.md, "decode").
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const pkg = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => resolve(pkg, "../../node_modules/.bin", name);
const proto = join(pkg, "proto/mexc.proto");
const outDir = join(pkg, "src/generated");
// An unknown option or a stray argument stops it with node's own message.
const { check } = parseArgs({ options: { check: { type: "boolean", default: false } } }).values;

/**
 * The generated decoders record which member of each oneof was read by assigning the oneof's
 * virtual property (`message.body = "publicAggreDepths"`, `message._sendTime = "sendTime"`).
 * Those are protobufjs accessor setters that delete every other member on each frame: 16 % of
 * decode time on our corpus (BENCHMARKS.md, Decode). For the wrapper's `body` the decoder keeps
 * the member in a local instead and rejects a frame carrying two different bodies (MEXC sends
 * exactly one; decodePush reports it as MALFORMED); the proto3 `optional` ones are dropped, their
 * presence is simply whether the field is set. Encoding never used them.
 */
function withoutOneofTracking(code) {
  const wrapper = decodeFunction(code, "PushDataV3ApiWrapper");
  const bodyTracking = /^([ \t]*)message\.body = "([A-Za-z0-9]+)";\n/gm;
  if ((wrapper.text.match(bodyTracking) ?? []).length !== 15) {
    throw new Error("codegen: expected 15 body assignments in PushDataV3ApiWrapper.decode");
  }
  const oneBody = wrapper.text
    .replace("let end, message, value;", "let end, message, value, body;")
    .replace(
      bodyTracking,
      (_line, indent, name) =>
        `${indent}if (body !== $undefined && body !== "${name}")\n` +
        `${indent}    throw $Error("frame has 2 bodies (" + body + ", ${name}); MEXC sends one");\n` +
        `${indent}body = "${name}";\n`,
    );
  code = code.slice(0, wrapper.start) + oneBody + code.slice(wrapper.end);
  const tracking = /^[ \t]*message\.(?:body|_[A-Za-z0-9]+) = "[A-Za-z0-9]+";\n/gm;
  const count = (code.match(tracking) ?? []).length;
  if (count === 0) throw new Error("codegen: found no oneof tracking to remove; did protobufjs change its output?");
  return code.replace(tracking, "");
}

/**
 * pbjs bakes an int64 field's default into its prototype as `$util.Long ? Long.fromBits(0,0,false)
 * : 0`, a Long object whenever protobufjs has Long (it does, for anyone else importing it). Our
 * reader (src/mexcReader.ts) reads int64 as numbers, so the default is the number 0, whatever
 * protobufjs' global settings are.
 */
function withNumberInt64Defaults(code) {
  const longDefault = /\$util\.Long \? \$util\.Long\.fromBits\(0,0,(?:false|true)\) : 0/g;
  if ((code.match(longDefault) ?? []).length === 0)
    throw new Error("codegen: found no int64 defaults; did protobufjs change its output?");
  return code.replace(longDefault, "0");
}

/**
 * The items of depth levels and trades: their `price` and `quantity` are most of a frame's
 * strings (20-40 in a depth diff), and toEvent would check each one again as a decimal
 * (src/events.ts). Their decoders read those two fields with `reader.decimal()` instead
 * (src/stringReader.ts: the same string, checked on its bytes as they are read) and, at the end
 * of each item, clear `reader.everyDecimalPlain` when one of the two was missing, which no read
 * can see. decodePush's reader (src/mexcReader.ts) has `decimal()`; these decoders need it.
 */
const DECIMAL_ITEMS = [
  "PublicDealsV3ApiItem",
  "PublicIncreaseDepthV3ApiItem",
  "PublicLimitDepthV3ApiItem",
  "PublicAggreDepthV3ApiItem",
  "PublicAggreDealsV3ApiItem",
];

function withDecimalReads(code) {
  for (const name of DECIMAL_ITEMS) {
    const item = decodeFunction(code, name);
    const read = /reader\.stringVerify\(\)(\)\.length\)\n[ \t]*message\.(?:price|quantity) = value;)/g;
    if ((item.text.match(read) ?? []).length !== 2) {
      throw new Error(`codegen: expected the price and quantity reads in ${name}.decode`);
    }
    const end = /\n([ \t]*)return message;$/;
    if (!end.test(item.text)) throw new Error(`codegen: cannot find the end of ${name}.decode`);
    const checked = item.text
      .replace(read, "reader.decimal()$1")
      .replace(
        end,
        (_line, indent) =>
          `\n${indent}if (message.price === "" || message.quantity === "")\n` +
          `${indent}    reader.everyDecimalPlain = false;\n${indent}return message;`,
      );
    code = code.slice(0, item.start) + checked + code.slice(item.end);
  }
  return code;
}

/** The source range of `<name>.decode = function (...) {...};` in pbjs' static output. */
function decodeFunction(code, name) {
  const start = code.indexOf(`    ${name}.decode = function (`);
  const end = code.indexOf("\n    };\n", start);
  if (start < 0 || end < 0) throw new Error(`codegen: cannot find ${name}.decode`);
  return { start, end, text: code.slice(start, end) };
}

/**
 * The field numbers of every message, from pbjs' JSON form of the same .proto: the one home of
 * the numbers for code that reads the wire by hand (src/frameEvents.ts), so none is retyped.
 */
function fieldNumbersModule(json) {
  const messages = JSON.parse(json).nested;
  const lines = [
    "/** Every field number of proto/mexc.proto, by message and field name (the wire contract). */",
    "export const FIELD_NUMBERS = {",
  ];
  for (const [message, { fields }] of Object.entries(messages)) {
    if (!fields) continue;
    const numbers = Object.entries(fields).map(([field, { id }]) => `${field}: ${id}`);
    lines.push(`  ${message}: { ${numbers.join(", ")} },`);
  }
  lines.push("} as const;", "");
  return lines.join("\n");
}

const tmp = mkdtempSync(join(tmpdir(), "mexc-codegen-"));
try {
  const js = join(tmp, "mexc.js");
  const dts = join(tmp, "mexc.d.ts");
  // --force-number only types int64 as number; decodePush reads with its own reader (int64 as
  // JS numbers: ms timestamps fit in 2^53), and the defaults are numbers (withNumberInt64Defaults).
  execFileSync(
    bin("pbjs"),
    [
      "-t",
      "static-module",
      "-w",
      "es6",
      "--force-number",
      "--no-verify",
      "--no-convert",
      "--no-delimited",
      "--no-service",
      "-o",
      js,
      proto,
    ],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  execFileSync(bin("pbts"), ["-o", dts, js], { stdio: ["ignore", "ignore", "inherit"] });
  const json = execFileSync(bin("pbjs"), ["-t", "json", proto], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const header = "// GENERATED by packages/protocol/scripts/codegen.mjs from proto/mexc.proto. Do not edit.\n";
  const fresh = {
    "mexc.js": header + withNumberInt64Defaults(withDecimalReads(withoutOneofTracking(readFileSync(js, "utf8")))),
    "mexc.d.ts": header + readFileSync(dts, "utf8"),
    "fieldNumbers.ts": header + fieldNumbersModule(json),
  };
  let stale = false;
  for (const [name, text] of Object.entries(fresh)) {
    const target = join(outDir, name);
    if (check) {
      let committed = "";
      try {
        committed = readFileSync(target, "utf8");
      } catch {}
      if (committed !== text) {
        console.error(`codegen: ${name} is out of date with proto/mexc.proto; run \`npm run codegen\` and commit`);
        stale = true;
      }
    } else {
      writeFileSync(target, text);
    }
  }
  if (stale) process.exit(1);
  console.log(
    check ? "codegen: generated code is up to date" : "codegen: wrote src/generated/mexc.{js,d.ts} and fieldNumbers.ts",
  );
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
