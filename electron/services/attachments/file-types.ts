import fs from 'node:fs';
import type { AttachmentMime } from '../../../shared/api/attachments';

/**
 * What a file is, from its bytes — never from its name: a renamed .exe is not a picture. JPEG
 * (FF D8 FF), PNG (the 8-byte signature) and PDF (%PDF-) are accepted (sniffAttachmentType, one
 * rule with the page's); for pictures the size in pixels and the EXIF orientation are read from
 * the header alone, before anything decodes the pixels (a 1 KB file can claim 100 000 × 100 000).
 */

/** The one rule, shared with the page (shared/api/attachments). */
export { SNIFF_BYTES, sniffAttachmentType as sniffMime } from '../../../shared/api/attachments';

export interface ImageInfo {
  /** as stored (before the EXIF orientation is applied) */
  width: number;
  height: number;
  /** EXIF orientation 1–8 (1 = as stored); 5–8 swap width and height when shown */
  orientation: number;
  /** PNG only: Adam7-interlaced */
  interlaced?: boolean;
}

/** Width and height as the picture is shown (after its EXIF orientation). */
export const shownSize = (info: ImageInfo) => (info.orientation >= 5 ? { width: info.height, height: info.width } : { width: info.width, height: info.height });

/** Reads bytes at any position of a file, for walking a header without reading the file whole. */
class FileReader {
  constructor(
    private readonly fd: number,
    readonly size: number,
  ) {}
  read(position: number, length: number): Buffer {
    const n = Math.max(0, Math.min(length, this.size - position));
    const buf = Buffer.alloc(n);
    let done = 0;
    while (done < n) {
      const got = fs.readSync(this.fd, buf, done, n - done, position + done);
      if (got === 0) break;
      done += got;
    }
    return done === n ? buf : buf.subarray(0, done);
  }
}

/** The picture's header facts, or null when the header is not a readable JPEG/PNG one. */
export function readImageInfo(file: string, mime: AttachmentMime): ImageInfo | null {
  if (mime === 'application/pdf') return null;
  const fd = fs.openSync(file, 'r');
  try {
    const reader = new FileReader(fd, fs.fstatSync(fd).size);
    return mime === 'image/png' ? pngInfo(reader) : jpegInfo(reader);
  } finally {
    fs.closeSync(fd);
  }
}

const MAX_SIDE = 0x7fffffff;

function pngInfo(reader: FileReader): ImageInfo | null {
  const head = reader.read(0, 33);
  if (head.length < 33 || head.readUInt32BE(8) !== 13 || head.toString('latin1', 12, 16) !== 'IHDR') return null;
  const width = head.readUInt32BE(16);
  const height = head.readUInt32BE(20);
  if (width === 0 || height === 0 || width > MAX_SIDE || height > MAX_SIDE) return null;
  return { width, height, orientation: 1, interlaced: head[28] === 1 };
}

/** Start-of-frame markers (baseline, progressive, lossless …), which carry the size. */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function jpegInfo(reader: FileReader): ImageInfo | null {
  let pos = 2;
  let orientation = 1;
  while (pos + 4 <= reader.size) {
    const marker = reader.read(pos, 2);
    if (marker[0] !== 0xff) return null;
    const code = marker[1]!;
    if (code === 0xff) {
      pos += 1; // fill byte
      continue;
    }
    if (code === 0x01 || (code >= 0xd0 && code <= 0xd7)) {
      pos += 2; // markers without a length
      continue;
    }
    if (code === 0xd9 || code === 0xda) return null; // end of image, or the scan, before any frame header
    const length = reader.read(pos + 2, 2);
    if (length.length < 2) return null;
    const segmentLength = length.readUInt16BE(0);
    if (segmentLength < 2) return null;
    if (SOF.has(code)) {
      const frame = reader.read(pos + 4, 5);
      if (frame.length < 5) return null;
      const height = frame.readUInt16BE(1);
      const width = frame.readUInt16BE(3);
      if (width === 0 || height === 0) return null;
      return { width, height, orientation };
    }
    if (code === 0xe1 && segmentLength >= 16) orientation = exifOrientation(reader.read(pos + 4, Math.min(segmentLength - 2, 64 * 1024))) ?? orientation;
    pos += 2 + segmentLength;
  }
  return null;
}

/** The Orientation tag (0x0112) of an APP1 Exif segment's first IFD, if present and valid. */
export function exifOrientation(app1: Buffer): number | null {
  if (app1.length < 14 || app1.toString('latin1', 0, 6) !== 'Exif\0\0') return null;
  const tiff = app1.subarray(6);
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const le = order === 'II';
  const u16 = (at: number) => (at + 2 <= tiff.length ? (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at)) : null);
  const u32 = (at: number) => (at + 4 <= tiff.length ? (le ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at)) : null);
  if (u16(2) !== 42) return null;
  const ifd = u32(4);
  if (ifd === null) return null;
  const count = u16(ifd);
  if (count === null) return null;
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (u16(entry) === 0x0112 && u16(entry + 2) === 3) {
      const value = u16(entry + 8);
      return value !== null && value >= 1 && value <= 8 ? value : null;
    }
  }
  return null;
}
