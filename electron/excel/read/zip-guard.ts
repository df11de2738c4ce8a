import zlib from 'node:zlib';

/**
 * Looks inside a zip (.xlsx, .xlsb, .ods) before SheetJS does, so that a zip bomb, an encrypted
 * or a non-spreadsheet zip is refused with a clear message instead of exhausting memory.
 *
 * SheetJS's zip reader (read on 0.18.5; the zip-bomb tests hold on 0.20.3) inflates each entry into a buffer of the size its LOCAL header declares (it
 * never writes past it), or — when that size is 0 (a "data descriptor" entry) — into a buffer it
 * grows without bound. So the declared local sizes are summed against the budget, and an entry
 * that declares no size is inflated here first with Node's zlib capped at the remaining budget.
 */

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  localOffset: number;
  compressedSize: number;
  /** what the entry will be inflated to */
  size: number;
}

export type ZipCheck =
  | { ok: true; entries: ZipEntry[]; kind: 'xlsx' | 'xlsb' | 'ods' | 'unknown' }
  | { ok: false; code: 'damaged' | 'zip-bomb' | 'encrypted' | 'not-spreadsheet' };

export interface ZipLimits {
  maxUnzippedBytes: number;
  maxZipEntries: number;
}

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
const utf8 = new TextDecoder('utf-8');

function findEndOfCentralDirectory(b: Uint8Array): number {
  const stop = Math.max(0, b.length - 22 - 65_535);
  for (let i = b.length - 22; i >= stop; i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) return i;
  }
  return -1;
}

function dataStart(b: Uint8Array, e: ZipEntry): number {
  const at = e.localOffset;
  if (at + 30 > b.length || u32(b, at) !== 0x04034b50) return -1;
  return at + 30 + u16(b, at + 26) + u16(b, at + 28);
}

/** Inflates one entry, at most `max` bytes; null if the data is not valid deflate; 'too-big' past max. */
function inflate(b: Uint8Array, e: ZipEntry, max: number): Buffer | 'too-big' | null {
  const start = dataStart(b, e);
  if (start < 0) return null;
  if (e.method === 0) return Buffer.from(b.subarray(start, start + e.compressedSize));
  try {
    return zlib.inflateRawSync(b.subarray(start), { maxOutputLength: Math.max(1, max) });
  } catch (err) {
    return (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'too-big' : null;
  }
}

export function checkZip(b: Uint8Array, limits: ZipLimits): ZipCheck {
  const eocd = findEndOfCentralDirectory(b);
  if (eocd < 0) return { ok: false, code: 'damaged' };
  const count = u16(b, eocd + 10);
  const cdOffset = u32(b, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) return { ok: false, code: 'damaged' }; // ZIP64: SheetJS cannot read it
  if (count > limits.maxZipEntries) return { ok: false, code: 'zip-bomb' };
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || u32(b, p) !== 0x02014b50) return { ok: false, code: 'damaged' };
    const nameLen = u16(b, p + 28);
    const entry: ZipEntry = {
      flags: u16(b, p + 8),
      method: u16(b, p + 10),
      compressedSize: u32(b, p + 20),
      size: 0,
      localOffset: u32(b, p + 42),
      name: utf8.decode(b.subarray(p + 46, p + 46 + nameLen)),
    };
    p += 46 + nameLen + u16(b, p + 30) + u16(b, p + 32);
    const local = entry.localOffset;
    if (local + 30 > b.length || u32(b, local) !== 0x04034b50) return { ok: false, code: 'damaged' };
    if ((entry.flags | u16(b, local + 6)) & 0x41) return { ok: false, code: 'encrypted' }; // traditional or strong zip encryption
    entry.size = entry.method === 0 ? entry.compressedSize : u32(b, local + 22);
    entries.push(entry);
  }
  let budget = limits.maxUnzippedBytes;
  for (const e of entries) {
    if (e.method === 8 && e.size === 0) {
      const out = inflate(b, e, budget + 1);
      if (out === 'too-big') return { ok: false, code: 'zip-bomb' };
      if (out === null) return { ok: false, code: 'damaged' };
      e.size = out.length;
    }
    budget -= e.size;
    if (budget < 0) return { ok: false, code: 'zip-bomb' };
  }
  const names = new Set(entries.map((e) => e.name.toLowerCase().replace(/^\//, '')));
  const manifest = entries.find((e) => e.name === 'META-INF/manifest.xml');
  if (manifest) {
    // OpenDocument: encrypted parts are listed with encryption data in the manifest
    const out = inflate(b, manifest, 4 * 1024 * 1024);
    if (out instanceof Buffer && /encryption-data/.test(out.toString('utf8'))) return { ok: false, code: 'encrypted' };
  }
  const mimetype = entries.find((e) => e.name === 'mimetype');
  if (mimetype) {
    const out = inflate(b, mimetype, 1024);
    const type = out instanceof Buffer ? out.toString('latin1').trim() : '';
    if (type.startsWith('application/vnd.oasis.opendocument.spreadsheet')) return { ok: true, entries, kind: 'ods' };
    if (type.startsWith('application/vnd.oasis.opendocument')) return { ok: false, code: 'not-spreadsheet' };
  }
  if (names.has('xl/workbook.bin')) return { ok: true, entries, kind: 'xlsb' };
  if ([...names].some((n) => n.startsWith('xl/'))) return { ok: true, entries, kind: 'xlsx' };
  if (names.has('content.xml')) return { ok: true, entries, kind: 'ods' };
  if (names.has('word/document.xml') || names.has('ppt/presentation.xml')) return { ok: false, code: 'not-spreadsheet' };
  // odd internal paths (found through [Content_Types].xml): let SheetJS decide
  if (names.has('[content_types].xml')) return { ok: true, entries, kind: 'unknown' };
  return { ok: false, code: 'not-spreadsheet' };
}
