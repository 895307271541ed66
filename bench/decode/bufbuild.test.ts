import { fromBinary } from "@bufbuild/protobuf";
import { decodePush } from "@mexc-live/protocol";
import { expect, it } from "vitest";
import { generateBufbuildWrapperSchema } from "./bufbuild.js";
import { buildCorpus } from "./corpus.js";
import { type BufbuildWrapper, renderBufbuild, renderProtobufjs } from "./sameContent.js";

it("generates a @bufbuild/protobuf decoder that reads the corpus exactly as protobufjs does", async () => {
  const schema = await generateBufbuildWrapperSchema();
  const { frames } = buildCorpus({ frames: 300, seed: 3 });
  for (const frame of frames) {
    const wrapper = fromBinary(schema, frame) as unknown as BufbuildWrapper;
    expect(renderBufbuild(wrapper)).toBe(renderProtobufjs(decodePush(frame)));
    expect(typeof wrapper.sendTime).toBe("bigint");
  }
});
