import type { ExportedFile } from '../../shared/api/files';
import { SessionHeld, type HeldEntry } from './session-held';

/**
 * Exported files waiting to be saved: bytes held in memory under a random token, for one
 * session, for a few minutes, handed out once. Every export (Excel, PDF) goes through here; the
 * renderer gets the token, never a path, and saves through files.save (desktop) or
 * GET /api/files/<token> (browser). Nothing touches the disk until the user chose where. Held
 * like every per-session item (session-held.ts); services hand files out through deliverExport
 * (services/files/deliver-export.ts), which logs the export first.
 */

export const EXPORT_TTL_MS = 10 * 60_000;
/** Older files are dropped first past these limits (a desk exports a few files at a time). */
const MAX_ENTRIES = 20;
const MAX_TOTAL_BYTES = 256 * 1024 * 1024;

export const EXPORT_GONE_MESSAGE = '文件已过期或已保存过，请重新导出';

export interface ExportEntry {
  token: string;
  fileName: string;
  mime: string;
  bytes: Uint8Array;
  /** the session that made it; only it may fetch the file */
  sessionToken: string;
  expiresAt: number;
}

export interface NewExport {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
  sessionToken: string;
}

export const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

type HeldFile = Pick<ExportEntry, 'fileName' | 'mime' | 'bytes'>;
const toEntry = (e: HeldEntry<HeldFile>): ExportEntry => ({ token: e.id, ...e.value, sessionToken: e.sessionToken, expiresAt: e.expiresAt });

export class ExportStore {
  private readonly held: SessionHeld<HeldFile>;

  constructor(now: () => number, ttlMs = EXPORT_TTL_MS) {
    this.held = new SessionHeld(now, {
      ttlMs,
      maxEntries: MAX_ENTRIES,
      maxTotalBytes: MAX_TOTAL_BYTES,
      sizeOf: (f) => f.bytes.byteLength,
      slideOnUse: false,
      goneMessage: EXPORT_GONE_MESSAGE,
    });
  }

  put(file: NewExport): ExportedFile {
    const entry = this.held.put(file.sessionToken, { fileName: safeFileName(file.fileName), mime: file.mime, bytes: file.bytes });
    return { token: entry.id, fileName: entry.value.fileName, bytes: entry.value.bytes.byteLength, expiresAt: new Date(entry.expiresAt).toISOString() };
  }

  /**
   * Removes and returns the file, if it exists, has not expired and belongs to this session.
   * Otherwise one message for all cases: another session learns nothing about the token.
   */
  take(token: string, sessionToken: string | null | undefined): ExportEntry {
    return toEntry(this.held.take(token, sessionToken));
  }

  /** Puts back a file taken for a save the user cancelled, if it has not expired meanwhile. */
  giveBack(entry: ExportEntry): void {
    this.held.giveBack({ id: entry.token, value: { fileName: entry.fileName, mime: entry.mime, bytes: entry.bytes }, sessionToken: entry.sessionToken, expiresAt: entry.expiresAt });
  }

  /** Drops every file of a session (logout). */
  dropSession(sessionToken: string): void {
    this.held.dropSession(sessionToken);
  }

  get size(): number {
    return this.held.size;
  }
}

/** A file name Windows, macOS and Linux all accept: no folder parts, no reserved characters. */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  let cleaned = name.replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '_').replace(/^[\s.]+|[\s.]+$/g, '');
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(cleaned)) cleaned = `_${cleaned}`;
  if (cleaned.length > 150) {
    const dot = cleaned.lastIndexOf('.');
    const ext = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
    cleaned = cleaned.slice(0, 150 - ext.length) + ext;
  }
  return cleaned || '导出文件';
}

/** Content-Disposition for a download: an ASCII fallback plus the real (Chinese) name per RFC 5987/6266. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** 20261122-1005, local time, for file names. */
export function fileStamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}`;
}
