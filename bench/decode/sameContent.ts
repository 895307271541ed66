/**
 * A decoder-neutral rendering of one decoded frame, so the bench can prove that protobufjs and
 * @bufbuild/protobuf read the same content from every frame before it compares their speed.
 * Default values (absent, "", 0, false, []) are dropped: proto3 does not tell them apart on
 * the wire, and the two libraries represent them differently. int64 renders as a decimal.
 */
import { bodyName } from "@mexc-live/protocol";
import type { PushWrapper } from "@mexc-live/protocol/wire";

/** What `fromBinary(PushDataV3ApiWrapperSchema, bytes)` returns, as far as the bench reads it. */
export interface BufbuildWrapper {
  readonly channel: string;
  readonly symbol?: string;
  readonly symbolId?: string;
  readonly createTime?: bigint | number;
  readonly sendTime?: bigint | number;
  readonly body: { readonly case: string | undefined; readonly value?: unknown };
}

export function renderProtobufjs(wrapper: PushWrapper): string {
  const name = bodyName(wrapper);
  return render(wrapper, name, wrapper[name as keyof PushWrapper]);
}

export function renderBufbuild(wrapper: BufbuildWrapper): string {
  return render(wrapper, wrapper.body.case, wrapper.body.value);
}

interface Header {
  readonly channel: string;
  readonly symbol?: string | null;
  readonly symbolId?: string | null;
  readonly createTime?: bigint | number | null;
  readonly sendTime?: bigint | number | null;
}

function render(header: Header, body: string | undefined, value: unknown): string {
  const { channel, symbol, symbolId, createTime, sendTime } = header;
  return JSON.stringify(normalize({ channel, symbol, symbolId, createTime, sendTime, body, value }));
}

function normalize(value: unknown): unknown {
  if (typeof value === "bigint" || typeof value === "number")
    return value === 0 || value === 0n ? undefined : String(value);
  if (value === "" || value === false || value === null) return undefined;
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map(normalize);
  if (typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    if (key.startsWith("$")) continue; // $typeName (bufbuild), $unknowns (protobufjs)
    const normal = normalize((value as Record<string, unknown>)[key]);
    if (normal !== undefined) out[key] = normal;
  }
  return out;
}
