import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';

/**
 * The worker thread that decodes one uploaded picture and makes its thumbnail: a JPEG whose
 * longer side is at most `maxSide` pixels, turned upright by the EXIF orientation, transparency
 * laid on white. Decoding an untrusted file happens here only, with the decoders' own memory
 * limits; the main thread (thumbnails.ts) has checked the size in the header first and
 * terminates this thread when it runs out of time or memory.
 *
 * Self-contained on purpose — only node: modules and the two pure-JS decoders (jpeg-js, pngjs),
 * and only TypeScript that erases (no enums, no parameter properties) — so in the source tree
 * Node runs it with its types stripped, and the build bundles it as its own file (thumbnails.ts
 * imports it with ?modulePath).
 */

export interface ThumbnailJob {
  file: string;
  mime: 'image/jpeg' | 'image/png';
  /** as the header says (stored, before the orientation) */
  width: number;
  height: number;
  /** EXIF orientation 1–8 */
  orientation: number;
  maxSide: number;
  quality: number;
  /** pictures above this are not decoded at all */
  maxPixels: number;
  /** JPEGs decoded whole (jpeg-js) at most: the rest are read at 1/8 of their size from their DC coefficients */
  fullDecodeMaxPixels: number;
  /** jpeg-js's own cap */
  maxMemoryMb: number;
}

export type ThumbnailReply = { ok: true; bytes: Uint8Array; width: number; height: number } | { ok: false; reason: string };

interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

function decode(job: ThumbnailJob, bytes: Buffer): Rgba {
  if (job.width * job.height > job.maxPixels) throw new Error('too many pixels');
  if (job.mime === 'image/png') {
    const image = pngjs.PNG.sync.read(bytes);
    return { width: image.width, height: image.height, data: image.data };
  }
  // a picture of a few megapixels is decoded whole; a larger one at 1/8 of its size, all a thumbnail needs
  if (job.width * job.height <= job.fullDecodeMaxPixels) {
    const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, tolerantDecoding: true, maxResolutionInMP: job.fullDecodeMaxPixels / 1_000_000, maxMemoryUsageInMB: job.maxMemoryMb });
    return { width: image.width, height: image.height, data: image.data };
  }
  return decodeJpegEighth(bytes, job.maxPixels);
}

// ---------------------------------------------------------------------------------------------
// A JPEG at 1/8 of its size. The DC coefficient of an 8×8 block is the block's average, so the
// DC coefficients alone are the picture shrunk eight times with a box filter — read with a few
// bytes per block, where a whole decode holds every pixel (jpeg-js: ≈ 40 bytes a pixel, 500 MB for
// a 12-megapixel photo). Baseline and progressive Huffman JPEGs, 8-bit, 1 or 3 components; the AC
// coefficients are skipped (decoded and dropped in a baseline scan, their scans passed over in a
// progressive file). Anything else throws, and the caller decides.

interface HuffmanTable {
  maxcode: Int32Array;
  valptr: Int32Array;
  mincode: Int32Array;
  values: Uint8Array;
}

interface JpegComponent {
  id: number;
  h: number;
  v: number;
  tq: number;
  /** blocks of the component itself, and padded to whole MCUs (the stride) */
  blocksPerLine: number;
  blocksPerColumn: number;
  stride: number;
  dc: Int32Array;
  pred: number;
}

function huffmanTable(counts: Uint8Array, values: Uint8Array): HuffmanTable {
  const maxcode = new Int32Array(18).fill(-1);
  const valptr = new Int32Array(17);
  const mincode = new Int32Array(17);
  let code = 0;
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    const n = counts[len - 1]!;
    valptr[len] = k;
    mincode[len] = code;
    code += n;
    k += n;
    if (n > 0) maxcode[len] = code - 1;
    code <<= 1;
  }
  if (k > values.length) throw new Error('jpeg: bad Huffman table');
  return { maxcode, valptr, mincode, values };
}

/** The entropy-coded bits of a scan: 0xFF00 is a data byte; a marker ends the data (zeros are read past it). */
class BitReader {
  private bits = 0;
  private count = 0;
  /** the marker the data stopped at (its 0xFF at `pos`), or null */
  marker: number | null = null;
  private readonly data: Uint8Array;
  pos: number;
  // no parameter properties: this file runs with its types stripped, as it is
  constructor(data: Uint8Array, pos: number) {
    this.data = data;
    this.pos = pos;
  }
  bit(): number {
    if (this.count === 0) {
      if (this.marker !== null || this.pos >= this.data.length) return 0;
      let byte = this.data[this.pos]!;
      if (byte === 0xff) {
        const next = this.data[this.pos + 1];
        if (next === 0) this.pos += 2;
        else {
          this.marker = next ?? 0xd9;
          return 0;
        }
      } else this.pos += 1;
      byte &= 0xff;
      this.bits = byte;
      this.count = 8;
    }
    this.count--;
    return (this.bits >> this.count) & 1;
  }
  receive(n: number): number {
    let v = 0;
    for (let i = 0; i < n; i++) v = (v << 1) | this.bit();
    return v;
  }
  decode(table: HuffmanTable): number {
    let code = 0;
    for (let len = 1; len <= 16; len++) {
      code = (code << 1) | this.bit();
      if (code <= table.maxcode[len]!) return table.values[table.valptr[len]! + code - table.mincode[len]!]!;
    }
    throw new Error('jpeg: bad Huffman code');
  }
  /** At a restart interval: drop the rest of the byte, pass the RSTn marker. */
  restart(): void {
    this.count = 0;
    if (this.marker === null) {
      while (this.pos + 1 < this.data.length && !(this.data[this.pos] === 0xff && this.data[this.pos + 1] !== 0 && this.data[this.pos + 1] !== 0xff)) this.pos++;
      this.marker = this.data[this.pos + 1] ?? 0xd9;
    }
    if (this.marker >= 0xd0 && this.marker <= 0xd7) {
      this.pos += 2;
      this.marker = null;
    }
  }
}

const extend = (v: number, t: number) => (t === 0 ? 0 : v < 1 << (t - 1) ? v - (1 << t) + 1 : v);

/** The position of the next marker that ends a scan (not a byte of data, not a restart). */
function endOfScan(data: Uint8Array, from: number): number {
  let i = from;
  while (i + 1 < data.length) {
    if (data[i] === 0xff) {
      const next = data[i + 1]!;
      if (next !== 0 && next !== 0xff && !(next >= 0xd0 && next <= 0xd7)) return i;
    }
    i++;
  }
  return data.length;
}

export function decodeJpegEighth(data: Uint8Array, maxPixels: number): Rgba {
  if (data[0] !== 0xff || data[1] !== 0xd8) throw new Error('jpeg: not a JPEG');
  const quant: number[] = [];
  const dcTables: HuffmanTable[] = [];
  const acTables: HuffmanTable[] = [];
  let frame: { progressive: boolean; width: number; height: number; hmax: number; vmax: number; mcusPerLine: number; mcusPerColumn: number; components: JpegComponent[] } | null = null;
  let restartInterval = 0;
  let adobeTransform: number | null = null;
  let pos = 2;
  const u16 = (at: number) => ((data[at] ?? 0) << 8) | (data[at + 1] ?? 0);
  for (;;) {
    while (pos < data.length && data[pos] === 0xff && data[pos + 1] === 0xff) pos++; // fill bytes
    if (pos + 1 >= data.length) break;
    if (data[pos] !== 0xff) throw new Error('jpeg: marker expected');
    const marker = data[pos + 1]!;
    pos += 2;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    if (marker === 0xd9) break;
    const length = u16(pos);
    const end = pos + length;
    if (length < 2 || end > data.length) throw new Error('jpeg: segment past the end');
    let p = pos + 2;
    switch (marker) {
      case 0xdb: // quantization tables: only each one's DC value is needed
        while (p < end) {
          const pq = data[p]! >> 4;
          const tq = data[p]! & 15;
          quant[tq] = pq === 0 ? data[p + 1]! : u16(p + 1);
          p += 1 + 64 * (pq === 0 ? 1 : 2);
        }
        break;
      case 0xc4: // Huffman tables
        while (p < end) {
          const tc = data[p]! >> 4;
          const th = data[p]! & 15;
          const counts = data.subarray(p + 1, p + 17);
          const total = counts.reduce((a, b) => a + b, 0);
          const table = huffmanTable(counts, data.subarray(p + 17, p + 17 + total));
          if (tc === 0) dcTables[th] = table;
          else acTables[th] = table;
          p += 17 + total;
        }
        break;
      case 0xc0:
      case 0xc1:
      case 0xc2: {
        if (data[p] !== 8) throw new Error('jpeg: not 8-bit');
        const height = u16(p + 1);
        const width = u16(p + 3);
        const n = data[p + 5]!;
        if (width === 0 || height === 0 || width * height > maxPixels) throw new Error('jpeg: size');
        if (n !== 1 && n !== 3) throw new Error('jpeg: components');
        const raw = Array.from({ length: n }, (_, i) => ({ id: data[p + 6 + i * 3]!, h: data[p + 7 + i * 3]! >> 4, v: data[p + 7 + i * 3]! & 15, tq: data[p + 8 + i * 3]! }));
        if (raw.some((c) => c.h < 1 || c.h > 4 || c.v < 1 || c.v > 4)) throw new Error('jpeg: sampling');
        const hmax = Math.max(...raw.map((c) => c.h));
        const vmax = Math.max(...raw.map((c) => c.v));
        const mcusPerLine = Math.ceil(width / (8 * hmax));
        const mcusPerColumn = Math.ceil(height / (8 * vmax));
        const components = raw.map((c) => {
          const stride = mcusPerLine * c.h;
          return {
            ...c,
            blocksPerLine: Math.ceil(Math.ceil((width * c.h) / hmax) / 8),
            blocksPerColumn: Math.ceil(Math.ceil((height * c.v) / vmax) / 8),
            stride,
            dc: new Int32Array(stride * mcusPerColumn * c.v),
            pred: 0,
          };
        });
        frame = { progressive: marker === 0xc2, width, height, hmax, vmax, mcusPerLine, mcusPerColumn, components };
        break;
      }
      case 0xc3:
      case 0xc5:
      case 0xc6:
      case 0xc7:
      case 0xc9:
      case 0xca:
      case 0xcb:
      case 0xcd:
      case 0xce:
      case 0xcf:
        throw new Error('jpeg: coding not supported');
      case 0xdd:
        restartInterval = u16(p);
        break;
      case 0xee:
        if (String.fromCharCode(...data.subarray(p, p + 5)) === 'Adobe') adobeTransform = data[p + 11] ?? null;
        break;
      case 0xda: {
        if (!frame) throw new Error('jpeg: scan before frame');
        const n = data[p]!;
        const scan = Array.from({ length: n }, (_, i) => {
          const component = frame!.components.find((c) => c.id === data[p + 1 + i * 2]);
          if (!component) throw new Error('jpeg: scan component');
          return { component, dc: dcTables[data[p + 2 + i * 2]! >> 4], ac: acTables[data[p + 2 + i * 2]! & 15] };
        });
        const ss = data[p + 1 + n * 2]!;
        const ah = data[p + 3 + n * 2]! >> 4;
        const al = data[p + 3 + n * 2]! & 15;
        pos = end;
        if (frame.progressive && ss > 0) {
          pos = endOfScan(data, pos); // AC refinements: not needed
          continue;
        }
        pos = decodeDcScan(data, pos, frame, scan, { progressive: frame.progressive, ah, al, restartInterval });
        continue;
      }
      default:
        break; // APPn, COM, DNL …: skipped
    }
    pos = end;
  }
  if (!frame) throw new Error('jpeg: no frame');
  return eighthImage(frame, quant, adobeTransform);
}

function decodeDcScan(
  data: Uint8Array,
  from: number,
  frame: { mcusPerLine: number; mcusPerColumn: number; components: JpegComponent[] },
  scan: Array<{ component: JpegComponent; dc: HuffmanTable | undefined; ac: HuffmanTable | undefined }>,
  mode: { progressive: boolean; ah: number; al: number; restartInterval: number },
): number {
  for (const s of scan) {
    if (!(mode.progressive && mode.ah > 0) && !s.dc) throw new Error('jpeg: no DC table');
    if (!mode.progressive && !s.ac) throw new Error('jpeg: no AC table');
    s.component.pred = 0;
  }
  const bits = new BitReader(data, from);
  const block = (s: (typeof scan)[number], row: number, col: number) => {
    const c = s.component;
    const at = row * c.stride + col;
    if (mode.progressive && mode.ah > 0) {
      if (bits.bit()) c.dc[at]! |= 1 << mode.al;
      return;
    }
    const t = bits.decode(s.dc!);
    if (t > 16) throw new Error('jpeg: bad DC');
    c.pred += extend(bits.receive(t), t);
    c.dc[at] = mode.progressive ? c.pred << mode.al : c.pred;
    if (mode.progressive) return;
    for (let k = 1; k < 64; k++) {
      const rs = bits.decode(s.ac!);
      const size = rs & 15;
      const run = rs >> 4;
      if (size === 0) {
        if (run < 15) break;
        k += 15;
        continue;
      }
      k += run;
      bits.receive(size);
    }
  };
  const single = scan.length === 1;
  const first = scan[0]!.component;
  const total = single ? first.blocksPerLine * first.blocksPerColumn : frame.mcusPerLine * frame.mcusPerColumn;
  for (let m = 0; m < total; m++) {
    if (mode.restartInterval > 0 && m > 0 && m % mode.restartInterval === 0) {
      bits.restart();
      for (const s of scan) s.component.pred = 0;
    }
    if (single) {
      block(scan[0]!, Math.floor(m / first.blocksPerLine), m % first.blocksPerLine);
      continue;
    }
    const mcuRow = Math.floor(m / frame.mcusPerLine);
    const mcuCol = m % frame.mcusPerLine;
    for (const s of scan) {
      for (let v = 0; v < s.component.v; v++) for (let h = 0; h < s.component.h; h++) block(s, mcuRow * s.component.v + v, mcuCol * s.component.h + h);
    }
  }
  return endOfScan(data, bits.pos);
}

const clamp8 = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/** The DC coefficients as pixels: each block's average, the components brought to one grid, in RGB. */
function eighthImage(frame: { width: number; height: number; hmax: number; vmax: number; components: JpegComponent[] }, quant: number[], adobeTransform: number | null): Rgba {
  const width = Math.ceil(frame.width / 8);
  const height = Math.ceil(frame.height / 8);
  const out = new Uint8Array(width * height * 4);
  const planes = frame.components.map((c) => {
    const q = quant[c.tq];
    if (q === undefined) throw new Error('jpeg: no quantization table');
    return { c, q };
  });
  const sample = (plane: (typeof planes)[number], x: number, y: number) => {
    const { c, q } = plane;
    const bx = Math.min(c.blocksPerLine - 1, Math.floor((x * c.h) / frame.hmax));
    const by = Math.min(c.blocksPerColumn - 1, Math.floor((y * c.v) / frame.vmax));
    return clamp8((c.dc[by * c.stride + bx]! * q) / 8 + 128);
  };
  const transform = planes.length === 3 && adobeTransform !== 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      if (planes.length === 1) {
        const g = sample(planes[0]!, x, y);
        out[o] = g;
        out[o + 1] = g;
        out[o + 2] = g;
      } else {
        const a = sample(planes[0]!, x, y);
        const b = sample(planes[1]!, x, y);
        const c = sample(planes[2]!, x, y);
        if (transform) {
          out[o] = clamp8(a + 1.402 * (c - 128));
          out[o + 1] = clamp8(a - 0.344136 * (b - 128) - 0.714136 * (c - 128));
          out[o + 2] = clamp8(a + 1.772 * (b - 128));
        } else {
          out[o] = a;
          out[o + 1] = b;
          out[o + 2] = c;
        }
      }
      out[o + 3] = 255;
    }
  }
  return { width, height, data: out };
}

/**
 * The picture shrunk to fit in maxSide × maxSide (never enlarged) by averaging the block of source
 * pixels behind each target pixel (a box filter: no aliasing, every source pixel read once), on white.
 */
export function shrink(source: Rgba, maxSide: number): Rgba {
  const scale = Math.min(1, maxSide / Math.max(source.width, source.height));
  const width = Math.max(1, Math.round(source.width * scale));
  const height = Math.max(1, Math.round(source.height * scale));
  const sums = new Float64Array(width * 3);
  const counts = new Float64Array(width);
  const out = new Uint8Array(width * height * 4);
  const src = source.data;
  // the first source column of each target column
  const columnStart = new Int32Array(width + 1);
  for (let x = 0; x <= width; x++) columnStart[x] = Math.min(source.width, Math.floor((x * source.width) / width));
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor((y * source.height) / height);
    const y1 = Math.max(y0 + 1, Math.min(source.height, Math.floor(((y + 1) * source.height) / height)));
    sums.fill(0);
    counts.fill(0);
    for (let sy = y0; sy < y1; sy++) {
      const row = sy * source.width * 4;
      for (let x = 0; x < width; x++) {
        const x0 = columnStart[x]!;
        const x1 = Math.max(x0 + 1, columnStart[x + 1]!);
        let r = 0;
        let g = 0;
        let b = 0;
        for (let sx = x0; sx < x1 && sx < source.width; sx++) {
          const i = row + sx * 4;
          const a = src[i + 3]! / 255;
          // laid on white: what a transparent PNG looks like on the page
          r += src[i]! * a + 255 * (1 - a);
          g += src[i + 1]! * a + 255 * (1 - a);
          b += src[i + 2]! * a + 255 * (1 - a);
          counts[x]! += 1;
        }
        sums[x * 3]! += r;
        sums[x * 3 + 1]! += g;
        sums[x * 3 + 2]! += b;
      }
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      const n = counts[x]! || 1;
      out[o] = Math.round(sums[x * 3]! / n);
      out[o + 1] = Math.round(sums[x * 3 + 1]! / n);
      out[o + 2] = Math.round(sums[x * 3 + 2]! / n);
      out[o + 3] = 255;
    }
  }
  return { width, height, data: out };
}

/** The picture turned as its EXIF orientation says it is to be shown (1 = as stored). */
export function orient(image: Rgba, orientation: number): Rgba {
  if (orientation < 2 || orientation > 8) return image;
  const { width: w, height: h } = image;
  const swap = orientation >= 5;
  const W = swap ? h : w;
  const H = swap ? w : h;
  const out = new Uint8Array(W * H * 4);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let sx: number;
      let sy: number;
      switch (orientation) {
        case 2: sx = w - 1 - x; sy = y; break; // mirrored
        case 3: sx = w - 1 - x; sy = h - 1 - y; break; // upside down
        case 4: sx = x; sy = h - 1 - y; break; // mirrored vertically
        case 5: sx = y; sy = x; break; // transposed
        case 6: sx = y; sy = h - 1 - x; break; // to be turned 90° clockwise
        case 7: sx = w - 1 - y; sy = h - 1 - x; break; // transversed
        default: sx = w - 1 - y; sy = x; break; // 8: to be turned 90° counter-clockwise
      }
      const from = (sy * w + sx) * 4;
      const to = (y * W + x) * 4;
      out[to] = image.data[from]!;
      out[to + 1] = image.data[from + 1]!;
      out[to + 2] = image.data[from + 2]!;
      out[to + 3] = image.data[from + 3]!;
    }
  }
  return { width: W, height: H, data: out };
}

export function makeThumbnail(job: ThumbnailJob, bytes: Buffer): ThumbnailReply {
  let decoded: Rgba;
  try {
    decoded = decode(job, bytes);
  } catch (error) {
    return { ok: false, reason: `decode: ${String((error as Error)?.message ?? error).slice(0, 200)}` };
  }
  if (decoded.width < 1 || decoded.height < 1 || decoded.data.length < decoded.width * decoded.height * 4) return { ok: false, reason: 'decode: no pixels' };
  const small = orient(shrink(decoded, job.maxSide), job.orientation);
  const encoded = jpeg.encode({ data: small.data, width: small.width, height: small.height }, job.quality);
  return { ok: true, bytes: new Uint8Array(encoded.data), width: small.width, height: small.height };
}

const job = (workerData as { thumbnailJob?: ThumbnailJob } | null)?.thumbnailJob;
if (parentPort && job) {
  let reply: ThumbnailReply;
  try {
    reply = makeThumbnail(job, fs.readFileSync(job.file));
  } catch (error) {
    reply = { ok: false, reason: String((error as Error)?.message ?? error).slice(0, 200) };
  }
  parentPort.postMessage(reply, reply.ok ? [reply.bytes.buffer as ArrayBuffer] : []);
}
