/**
 * The one file inside a zip archive, as the ECB serves its history (eurofxref-hist.zip: one
 * member, eurofxref-hist.csv, deflated; the copy of 2026-04-13: 629,534 bytes holding 1,891,690).
 * Node has zlib but no zip reader, and the libraries that read zips either add a dependency with
 * a streaming API for this one member (yauzl) or inflate into a buffer of the size the archive
 * declares and silently cut what is beyond it, with no CRC check (fflate's unzipSync, tried
 * 0.8.3): a file cut short would import as fewer days. So this small reader, after the zip
 * format (PKWARE's APPNOTE.TXT, sections 4.3.7 local file header, 4.3.12 central directory
 * header, 4.3.16 end of central directory record):
 *
 *   the end record (the last 22 bytes, or before a comment of at most 65,535) names the central
 *   directory; it must list exactly one member, not encrypted, stored (0) or deflated (8), not
 *   zip64; its local header says where its bytes start; they are inflated with zlib's raw
 *   inflate, never to more than `maxBytes` (the size declared is checked first, then the size
 *   and CRC-32 of what came out).
 *
 * Anything else is refused with what it is, never guessed at.
 */
import { promisify } from "node:util";
import { crc32, inflateRaw } from "node:zlib";
import { ImportError } from "../../errors.js";

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_RECORD = 0x06054b50;
const END_RECORD_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;
const STORED = 0;
const DEFLATED = 8;
const ENCRYPTED_FLAG = 0x1;
const ZIP64_MARK = 0xffffffff;
/** Inflated on libuv's threads: the ECB's 1.9 MB took 44 ms, too long to hold the event loop. */
const inflate = promisify(inflateRaw);

/** Whether `bytes` begin as a zip archive does ("PK\3\4"). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && readU32(bytes, 0) === LOCAL_HEADER;
}

/** The only member of a zip archive: its name and bytes. Throws ImportError saying what is wrong. */
export async function zipMember(bytes: Uint8Array, maxBytes: number): Promise<{ name: string; data: Buffer }> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndRecord(buffer);
  const entries = buffer.readUInt16LE(end + 10);
  if (entries !== 1) refuse(`it holds ${entries} files; the ECB's holds one, eurofxref-hist.csv`);
  const central = buffer.readUInt32LE(end + 16);
  if (central + 46 > buffer.length || buffer.readUInt32LE(central) !== CENTRAL_HEADER)
    refuse("its directory is damaged");
  const flags = buffer.readUInt16LE(central + 8);
  const method = buffer.readUInt16LE(central + 10);
  const crc = buffer.readUInt32LE(central + 16);
  const packed = buffer.readUInt32LE(central + 20);
  const size = buffer.readUInt32LE(central + 24);
  const nameLength = buffer.readUInt16LE(central + 28);
  const local = buffer.readUInt32LE(central + 42);
  const name = buffer.toString("utf8", central + 46, Math.min(buffer.length, central + 46 + nameLength));
  if ((flags & ENCRYPTED_FLAG) !== 0) refuse(`${name} is encrypted`);
  if (packed === ZIP64_MARK || size === ZIP64_MARK) refuse(`${name} is a zip64 member`);
  if (method !== STORED && method !== DEFLATED) refuse(`${name} is compressed by method ${method}, not deflate`);
  if (size > maxBytes) refuse(`${name} is ${size} bytes unzipped; at most ${maxBytes} are read`);
  if (local + 30 > buffer.length || buffer.readUInt32LE(local) !== LOCAL_HEADER) refuse(`${name}'s header is damaged`);
  const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
  if (start + packed > buffer.length) refuse(`${name} is cut short: the archive ends before its ${packed} bytes`);
  const stored = buffer.subarray(start, start + packed);
  let data: Buffer;
  try {
    data = method === STORED ? Buffer.from(stored) : await inflate(stored, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
      refuse(`${name} inflates to more than ${maxBytes} bytes`);
    }
    refuse(`${name} cannot be inflated (${(error as NodeJS.ErrnoException).code ?? "damaged"})`);
  }
  if (data.length !== size || crc32(data) !== crc)
    refuse(`${name} is damaged: its size or CRC-32 is not the one recorded`);
  return { name, data };
}

/** Where the end of central directory record starts (the last signature within the comment's reach). */
function findEndRecord(buffer: Buffer): number {
  const lowest = Math.max(0, buffer.length - END_RECORD_BYTES - MAX_COMMENT_BYTES);
  for (let at = buffer.length - END_RECORD_BYTES; at >= lowest; at--) {
    if (buffer.readUInt32LE(at) === END_RECORD) return at;
  }
  return refuse("it has no end record: not a whole zip archive");
}

function readU32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16)) >>> 0) + bytes[at + 3]! * 0x1000000;
}

function refuse(reason: string): never {
  const message = `the zip archive cannot be read: ${reason}`;
  throw new ImportError(message, []);
}
