/**
 * The @bufbuild/protobuf v2 decoder for the comparison, generated at bench time from the same
 * proto/mexc.proto with `buf generate` and the local protoc-gen-es (nothing generated is
 * committed). protobuf-es maps int64 to bigint; its only alternative is a string
 * (`[jstype = JS_STRING]`): `JS_NUMBER` is read as the default, bigint (registry.js of 2.17.0).
 * So under protobuf-es our int64-as-number contract costs a BigInt per int64 plus a Number()
 * afterwards. Output goes to node_modules/.cache/ (git-ignored, outside lint and typecheck).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { DescMessage } from "@bufbuild/protobuf";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const PROTO_DIR = join(ROOT, "packages/protocol/proto");
const OUT = join(ROOT, "node_modules/.cache/mexc-live-bench/bufbuild");
const BUF = join(ROOT, "node_modules/.bin/buf");
const PROTOC_GEN_ES = join(ROOT, "node_modules/.bin/protoc-gen-es");

/** Generates the code and returns the schema of PushDataV3ApiWrapper for `fromBinary`. */
export async function generateBufbuildWrapperSchema(): Promise<DescMessage> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const template = {
    version: "v2",
    plugins: [{ local: PROTOC_GEN_ES, out: OUT, opt: ["target=js", "import_extension=js"] }],
  };
  execFileSync(BUF, ["generate", PROTO_DIR, "--template", JSON.stringify(template)], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const module = (await import(pathToFileURL(join(OUT, "mexc_pb.js")).href)) as {
    PushDataV3ApiWrapperSchema: DescMessage;
  };
  return module.PushDataV3ApiWrapperSchema;
}
