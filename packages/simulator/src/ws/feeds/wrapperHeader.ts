/**
 * The wrapper fields besides `channel` that a push carries, exactly those docs/mexc/protocol.md#channels lists for its
 * stream (WRAPPER_FIELDS): e.g. kline has symbol, symbolId and createTime but no sendTime;
 * account has createTime and sendTime but no symbol; miniTickers only sendTime.
 */
import { type ChannelStream, WRAPPER_FIELDS, type WrapperField } from "@mexc-live/protocol";

export interface HeaderValues {
  readonly symbol?: string;
  readonly symbolId?: string;
  /** When the data was produced (ms); defaults to sendTime. */
  readonly createTime?: number;
  /** When the push leaves (ms). */
  readonly sendTime: number;
}

export interface WrapperHeader {
  channel: string;
  symbol?: string;
  symbolId?: string;
  createTime?: number;
  sendTime?: number;
}

export function wrapperHeader(stream: ChannelStream, channel: string, values: HeaderValues): WrapperHeader {
  const header: WrapperHeader = { channel };
  for (const field of WRAPPER_FIELDS[stream]) setField(header, field, values);
  return header;
}

function setField(header: WrapperHeader, field: WrapperField, values: HeaderValues): void {
  switch (field) {
    case "symbol":
      if (values.symbol !== undefined) header.symbol = values.symbol;
      return;
    case "symbolId":
      if (values.symbolId !== undefined) header.symbolId = values.symbolId;
      return;
    case "createTime":
      header.createTime = values.createTime ?? values.sendTime;
      return;
    case "sendTime":
      header.sendTime = values.sendTime;
      return;
  }
}
