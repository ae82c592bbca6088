// The on-disk form of a spooled payload-log event: one frame per event, appended to segment files.
//
//   u32 length of the rest | u32 crc32 of the rest | u16 header length | header JSON | body bytes
//
// The header holds the event's fields and its sequence number; the body is the payload as received
// (still content-encoded). A frame whose length runs past the end of the file or whose checksum does
// not match is a torn write (the process died mid-append): recovery truncates the file there.
import { crc32 } from 'node:zlib';
import type { PayloadEvent } from './payload-logger.js';

/** Bytes before the checked part of a frame: length and checksum. */
export const FRAME_PREFIX_BYTES = 8;

/** An event with its place in the spool. */
export interface SpooledEvent {
  /** Sequence number, increasing by one per appended event, kept across restarts. */
  seq: number;
  event: PayloadEvent;
}

interface FrameHeader {
  seq: number;
  kind: PayloadEvent['kind'];
  puid: string;
  modelId: string;
  url?: string;
  contentType?: string;
  contentEncoding?: string;
}

export function encodeFrame(seq: number, event: PayloadEvent): Buffer {
  const header: FrameHeader = { seq, kind: event.kind, puid: event.puid, modelId: event.modelId };
  if (event.url !== undefined) header.url = event.url;
  if (event.contentType !== undefined) header.contentType = event.contentType;
  if (event.contentEncoding !== undefined) header.contentEncoding = event.contentEncoding;
  const headerBytes = Buffer.from(JSON.stringify(header));
  const rest = 2 + headerBytes.length + event.body.byteLength;
  const frame = Buffer.allocUnsafe(FRAME_PREFIX_BYTES + rest);
  frame.writeUInt32LE(rest, 0);
  frame.writeUInt16LE(headerBytes.length, 8);
  headerBytes.copy(frame, 10);
  frame.set(event.body, 10 + headerBytes.length);
  frame.writeUInt32LE(crc32(frame.subarray(FRAME_PREFIX_BYTES)), 4);
  return frame;
}

/** Length of the checked part announced by a frame prefix. */
export function frameLength(prefix: Buffer): number {
  return prefix.readUInt32LE(0);
}

/** Decodes the checked part of a frame; undefined when the checksum or the header is wrong. */
export function decodeFrame(prefix: Buffer, rest: Buffer): SpooledEvent | undefined {
  if (crc32(rest) !== prefix.readUInt32LE(4) || rest.length < 2) return undefined;
  const headerLength = rest.readUInt16LE(0);
  if (2 + headerLength > rest.length) return undefined;
  let header: FrameHeader;
  try {
    header = JSON.parse(rest.subarray(2, 2 + headerLength).toString('utf8')) as FrameHeader;
  } catch {
    return undefined;
  }
  return {
    seq: header.seq,
    event: {
      kind: header.kind,
      puid: header.puid,
      modelId: header.modelId,
      url: header.url,
      contentType: header.contentType,
      contentEncoding: header.contentEncoding,
      body: rest.subarray(2 + headerLength),
    },
  };
}
