/**
 * Alert channels aimed inside: a rule may send to the home network (a self-hosted ntfy, a
 * webhook on the NAS, this machine), never to link-local addresses, where the clouds' metadata
 * services hand out credentials, in any spelling, nor to a name that resolves there. The test
 * resolver stands in for DNS: nothing leaves the machine (a refused address is never connected).
 */
import type { AlertNotice } from "@mexc-live/contract";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeChannel, startFakeNtfy, startFakeWebhook } from "../../test/fakeChannels.js";
import { AlertChannelError } from "../errors.js";
import { parseChannelUrl, type SendableTarget } from "./channelUrl.js";
import type { HostResolver } from "./destinationAddress.js";
import { DEFAULT_ENDPOINTS } from "./httpPost.js";
import { createSender } from "./senders.js";

/** Every spelling of a metadata service seen refused in the attack list, and more. */
const REFUSED = [
  "http://169.254.169.254/latest/meta-data/",
  "http://2852039166/",
  "http://0xa9fea9fe/",
  "http://0251.0376.0251.0376/",
  "http://169.254.43518/",
  "http://169.254.169.254./",
  "http://[fd00:ec2::254]/",
  "http://[::ffff:169.254.169.254]/",
  "http://[0:0:0:0:0:ffff:a9fe:a9fe]/",
  "http://[64:ff9b::a9fe:a9fe]/",
  "http://[2002:a9fe:a9fe::1]/",
  "http://[fe80::1]/",
  "http://169.254.170.2/v2/credentials",
  "http://100.100.100.200/latest/meta-data/",
  "http://metadata.google.internal/computeMetadata/v1/",
  "https://u:p@metadata/computeMetadata/v1/",
  "http://0.0.0.0:8080/",
  "ntfy://169.254.169.254/alerts",
  "ntfy://2852039166/alerts",
  "ntfys://[fd00:ec2::254]/alerts",
  "ntfy://metadata.google.internal:80/alerts",
];

/** Self-hosted destinations on a home network, a VPN or this machine. */
const ALLOWED = [
  "http://192.168.1.10:8080/hook",
  "http://10.0.0.5/alerts",
  "https://nas.lan/hooks/mexc",
  "http://[fd12:3456:789a::1]/hook",
  "http://100.101.102.103/hook",
  "http://127.0.0.1:9000/hook",
  "ntfy://nas.lan/alerts",
  "ntfy://192.168.1.2:8080/alerts",
  "ntfys://ntfy.home.example/alerts",
];

const NOTICE: AlertNotice = {
  id: "fill:1",
  event: "fill",
  time: 1,
  title: "Filled",
  text: "BUY 1 BTCUSDT",
  fields: {},
};
const MESSAGE = { id: "d-1", notices: [NOTICE] };

describe("a channel's host", () => {
  it("is refused when it is link-local or a cloud metadata service, in every spelling", () => {
    for (const url of REFUSED) {
      let error: unknown;
      try {
        parseChannelUrl(url);
      } catch (caught) {
        error = caught;
      }
      expect(error, url).toBeInstanceOf(AlertChannelError);
      expect((error as Error).message, url).toMatch(
        /^(https?|ntfys?):\/\/: the host is .*; alerts go to services and hosts on your network, never there$/,
      );
      // The message names what is wrong, never the URL.
      expect((error as Error).message).not.toContain("169.254");
    }
  });

  it("may be on the user's network, a VPN or this machine", () => {
    for (const url of ALLOWED) expect(() => parseChannelUrl(url), url).not.toThrow();
  });
});

describe("sending to a name", () => {
  let fake: FakeChannel | undefined;
  afterEach(() => fake?.close());

  /** A DNS stand-in: each name has the addresses given. */
  const resolverOf =
    (table: Record<string, string[]>): HostResolver =>
    async (hostname) =>
      (table[hostname] ?? []).map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

  const send = (url: string, resolve: HostResolver) =>
    createSender(parseChannelUrl(url) as SendableTarget, {
      endpoints: DEFAULT_ENDPOINTS,
      timeoutMs: 2000,
      resolve,
    }).send(MESSAGE);

  it("delivers to a LAN name", async () => {
    fake = await startFakeWebhook();
    const { port, pathname } = new URL(fake.url);
    expect(await send(`http://nas.lan:${port}${pathname}`, resolverOf({ "nas.lan": ["127.0.0.1"] }))).toEqual({
      ok: true,
    });
    expect(fake.requests).toHaveLength(1);
  });

  it("refuses a name with a metadata address among its addresses, for good, and connects nowhere", async () => {
    fake = await startFakeWebhook();
    const port = new URL(fake.url).port;
    // The first address is reachable (this machine): a check of one address only would connect there.
    const rebinding = resolverOf({ "hooks.evil.test": ["127.0.0.1", "169.254.169.254"] });
    const outcome = await send(`http://hooks.evil.test:${port}/x`, rebinding);
    expect(outcome).toEqual({
      ok: false,
      permanent: true,
      error: "webhook: not sent: the host's address is link-local, where cloud metadata services answer",
    });
    const mapped = resolverOf({ "v6.evil.test": ["::ffff:169.254.169.254", "::1"] });
    expect(await send(`http://v6.evil.test:${port}/x`, mapped)).toMatchObject({ ok: false, permanent: true });
    expect(fake.requests).toHaveLength(0);
  });

  it("refuses an ntfy server whose name resolves to the metadata service", async () => {
    fake = await startFakeNtfy();
    const port = new URL(fake.url).port;
    const outcome = await send(
      `ntfy://ntfy.evil.test:${port}/alerts`,
      resolverOf({ "ntfy.evil.test": ["127.0.0.1", "fd00:ec2::254"] }),
    );
    expect(outcome).toEqual({
      ok: false,
      permanent: true,
      error: "ntfy: not sent: the host's address is a cloud metadata service (AWS)",
    });
    expect(fake.requests).toHaveLength(0);
  });
});
