import zlib from 'node:zlib';
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import type { AppServices } from '../../electron/services/context';
import { receiveUpload, type ReceiveOptions } from '../../electron/services/attachments/uploads';
import type { UploadedFile } from '../../shared/api/attachments';

/** Files for the attachment tests, made here (no binary fixtures): pictures, PDFs, and crafted ones. */

/** RGBA pixels of a test picture: a gradient, with a marker in the top-left corner (to see which way it is turned). */
export function pixels(width: number, height: number, seed = 0): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const corner = x < width / 4 && y < height / 4;
      data[i] = corner ? 255 : (x * 255) / width + seed;
      data[i + 1] = corner ? 0 : (y * 255) / height;
      data[i + 2] = corner ? 0 : 128 + seed;
      data[i + 3] = 255;
    }
  }
  return data;
}

/** A JPEG (optionally with an EXIF orientation, as phones write it). */
export function jpegBytes(width: number, height: number, options: { seed?: number; orientation?: number; quality?: number } = {}): Buffer {
  const encoded = jpeg.encode({ data: pixels(width, height, options.seed ?? 0), width, height }, options.quality ?? 85).data;
  return options.orientation ? withExifOrientation(encoded, options.orientation) : encoded;
}

/** An APP1 Exif segment holding only the Orientation tag, inserted after SOI. */
export function withExifOrientation(jpegData: Buffer, orientation: number): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(0x0112, 10);
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(orientation, 18);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const segment = Buffer.alloc(4);
  segment.writeUInt16BE(0xffe1, 0);
  segment.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpegData.subarray(0, 2), segment, payload, jpegData.subarray(2)]);
}

export function pngBytes(width: number, height: number, options: { seed?: number; transparent?: boolean } = {}): Buffer {
  const data = pixels(width, height, options.seed ?? 0);
  if (options.transparent) for (let i = 3; i < data.length; i += 4) data[i] = 0;
  return pngjs.PNG.sync.write({ width, height, data });
}

/** A small but valid PDF (one page with a line of text). */
export function pdfBytes(text = 'grassroots'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
  ];
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A tiny PNG whose header claims `width` × `height` (a decompression bomb if anything believed it). */
export function craftedPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const idat = zlib.deflateSync(Buffer.alloc(64 * 1024)); // far less than the claimed rows
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A JPEG header claiming `width` × `height`, followed by a few bytes of nothing. */
export function craftedJpeg(width: number, height: number): Buffer {
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), sof, Buffer.alloc(256, 0x55), Buffer.from([0xff, 0xd9])]);
}

/** A Windows program (the MZ header), whatever it is named. */
export function exeBytes(): Buffer {
  const buf = Buffer.alloc(4096, 0x90);
  buf.write('MZ', 0, 'latin1');
  buf.write('This program cannot be run in DOS mode.', 78, 'latin1');
  return buf;
}

/** Receives a file as the desktop's file choice or the upload route would, for `sessionToken`. */
export function upload(app: { ctx: AppServices }, bytes: Uint8Array, fileName: string, sessionToken: string, chunk = 64 * 1024, options: ReceiveOptions = {}): Promise<UploadedFile> {
  async function* source() {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  }
  return receiveUpload(app.ctx, { source: source(), declaredBytes: bytes.length, fileName, sessionToken }, options);
}
