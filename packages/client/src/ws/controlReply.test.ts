import { describe, expect, it } from "vitest";
import { parseControlReply } from "./controlReply.js";

const reply = (msg: string) => JSON.stringify({ id: 0, code: 0, msg });

describe("parseControlReply", () => {
  it("reads PONG", () => {
    expect(parseControlReply(reply("PONG"))).toEqual({ kind: "pong" });
  });

  it("reads a plain ack as the channels it names, whatever their order", () => {
    expect(parseControlReply(reply("b@1,a@2"))).toEqual({
      kind: "subscription",
      accepted: ["b@1", "a@2"],
      rejected: [],
      reason: "",
    });
  });

  it("reads the docs/mexc/protocol.md#rejections rejection byte for byte, with several channels", () => {
    const text =
      '{"code": 0, "id": 0, "msg": "Not Subscribed successfully! [spot@public.increase.depth.v3.api@BTCUSDT,spot@public.aggre.deals.v3.api.pb@BTCUSDT].  Reason： Blocked! "}';
    expect(parseControlReply(text)).toEqual({
      kind: "subscription",
      accepted: [],
      rejected: ["spot@public.increase.depth.v3.api@BTCUSDT", "spot@public.aggre.deals.v3.api.pb@BTCUSDT"],
      reason: "Blocked!",
    });
  });

  it("reads the mixed reply as accepted and rejected channels", () => {
    expect(
      parseControlReply(
        reply("Subscribed successful! [ok@1]. Not Subscribed successfully! [bad@2].  Reason： Blocked! "),
      ),
    ).toEqual({
      kind: "subscription",
      accepted: ["ok@1"],
      rejected: ["bad@2"],
      reason: "Blocked!",
    });
  });

  it("reads the empty rejection as naming no channel", () => {
    expect(parseControlReply(reply("Not Subscribed successfully! []."))).toEqual({
      kind: "subscription",
      accepted: [],
      rejected: [],
      reason: "",
    });
  });

  it("recognises a refused listen key in plain text", () => {
    expect(parseControlReply("Invalid listen key")).toEqual({ kind: "invalidListenKey", text: "Invalid listen key" });
  });

  it("passes anything else through", () => {
    expect(parseControlReply('{"id":0,"code":0}')).toEqual({ kind: "other", value: { id: 0, code: 0 } });
    expect(parseControlReply("hello")).toEqual({ kind: "other", value: "hello" });
  });
});
