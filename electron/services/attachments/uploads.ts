import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import {
  ATTACHMENT_EMPTY_MESSAGE,
  ATTACHMENT_EXTENSION,
  ATTACHMENT_KIND_OF,
  ATTACHMENT_NAME_MAX,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TOO_LARGE_MESSAGE,
  ATTACHMENT_TYPE_MESSAGE,
  UPLOAD_GONE_MESSAGE,
  type AttachmentMime,
  type UploadedFile,
} from '../../../shared/api/attachments';
import { safeFileName } from '../../core/exports';
import type { AppServices } from '../context';
import { DomainError } from '../errors';
import { readImageInfo, shownSize, sniffMime, SNIFF_BYTES } from './file-types';
import { fsyncFile, incomingName, removeFile } from './storage';
import { makeThumbnail, tooLargeToDecode, type ThumbnailOptions } from './thumbnails';

/**
 * Files received and not yet attached. Both ways in end here — the browser's upload route
 * (electron/host/attachments-route.ts) and the desktop's file choice (attachments.chooseFiles) —
 * as a file in <dataDir>/attachments-incoming/, written while it arrives (never held whole in
 * memory, never base64), hashed on the way, its type checked by its first bytes before the rest is
 * read, flushed to disk, its thumbnail made; then it waits under a random token that only the
 * session that sent it can use, once, for UPLOAD_TTL_MS (attachments.attach).
 */

export const UPLOAD_TTL_MS = 30 * 60_000;
/** Beyond these the oldest waiting files are dropped (a clerk attaches what she uploads at once). */
export const MAX_UPLOADS_PER_SESSION = 20;
export const MAX_UPLOAD_TOTAL_BYTES = 1024 * 1024 * 1024;

export interface PendingUpload {
  /** sha256 of the token (the token itself is not kept) */
  key: string;
  sessionToken: string;
  file: string;
  thumb: { file: string; bytes: number } | null;
  sha256: string;
  bytes: number;
  mime: AttachmentMime;
  width: number | null;
  height: number | null;
  fileName: string;
  expiresAt: number;
}

/** A refusal of a file, with the HTTP status the upload route answers it with. */
export class UploadRefused extends DomainError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super('VALIDATION', message);
    this.name = 'UploadRefused';
  }
}

const digest = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest();
const sameSecret = (a: string, b: string) => crypto.timingSafeEqual(digest(a), digest(b));

export class UploadStore {
  private readonly entries = new Map<string, PendingUpload>();
  /** incoming files being written right now (the sweep leaves them alone) */
  readonly inProgress = new Set<string>();

  constructor(private readonly now: () => number) {}

  put(entry: Omit<PendingUpload, 'key' | 'expiresAt'>): { token: string; pending: PendingUpload } {
    this.sweep();
    const token = crypto.randomBytes(32).toString('base64url');
    const pending: PendingUpload = { ...entry, key: digest(token).toString('hex'), expiresAt: this.now() + UPLOAD_TTL_MS };
    const mine = [...this.entries.values()].filter((e) => sameSecret(e.sessionToken, entry.sessionToken));
    for (const old of mine.slice(0, Math.max(0, mine.length - MAX_UPLOADS_PER_SESSION + 1))) void this.drop(old);
    this.entries.set(pending.key, pending);
    let total = 0;
    for (const e of this.entries.values()) total += e.bytes;
    for (const e of this.entries.values()) {
      if (total <= MAX_UPLOAD_TOTAL_BYTES || e === pending) break;
      total -= e.bytes;
      void this.drop(e); // Map keeps insertion order: oldest first
    }
    return { token, pending };
  }

  /**
   * The waiting file of this token, if this session sent it and it has not expired. Otherwise one
   * message for every case: another session learns nothing about the token. The token is looked up
   * by its hash and the session compared in constant time.
   */
  get(token: string, sessionToken: string | null | undefined): PendingUpload {
    this.sweep();
    const entry = this.entries.get(digest(token).toString('hex'));
    if (!entry || !sessionToken || !sameSecret(entry.sessionToken, sessionToken)) throw new DomainError('NOT_FOUND', UPLOAD_GONE_MESSAGE);
    return entry;
  }

  /** Forgets a file that has been attached; its incoming files are removed. */
  async consume(entry: PendingUpload): Promise<void> {
    await this.drop(entry);
  }

  /** Every incoming file still wanted: waiting or being written. */
  liveFiles(): Set<string> {
    this.sweep();
    const live = new Set(this.inProgress);
    for (const e of this.entries.values()) {
      live.add(e.file);
      if (e.thumb) live.add(e.thumb.file);
    }
    return live;
  }

  get size(): number {
    this.sweep();
    return this.entries.size;
  }

  private async drop(entry: PendingUpload): Promise<void> {
    this.entries.delete(entry.key);
    await removeFile(entry.file);
    if (entry.thumb) await removeFile(entry.thumb.file);
  }

  /** Expired files go (their removal runs on; a file that cannot go yet is left for the sweep). */
  private sweep() {
    const now = this.now();
    for (const e of this.entries.values()) if (e.expiresAt <= now) void this.drop(e);
  }
}

/** One store per app context: keyed by its session store, which lives as long as the app. */
const stores = new WeakMap<object, UploadStore>();
export function uploadsOf(app: Pick<AppServices, 'sessions' | 'now'>): UploadStore {
  let store = stores.get(app.sessions);
  if (!store) {
    store = new UploadStore(() => app.now().getTime());
    stores.set(app.sessions, store);
  }
  return store;
}

export interface IncomingFile {
  /** the bytes, as they arrive */
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  /** the length announced before the first byte (Content-Length, or the file's size on disk) */
  declaredBytes: number;
  /** the name the file had (any folder part is dropped) */
  fileName: string;
  sessionToken: string;
}

export interface ReceiveOptions extends ThumbnailOptions {
  /** whether a file of this content is already stored with its thumbnail (then none is made) */
  storedAlready?: (sha256: string) => Promise<boolean>;
}

/** The refusal of a declared size, before any byte is read (null: go on). */
export function sizeRefusal(declaredBytes: number): UploadRefused | null {
  if (!Number.isSafeInteger(declaredBytes) || declaredBytes < 0) return new UploadRefused(400, '文件大小不正确，请重新上传');
  if (declaredBytes === 0) return new UploadRefused(400, ATTACHMENT_EMPTY_MESSAGE);
  if (declaredBytes > ATTACHMENT_MAX_BYTES) return new UploadRefused(413, ATTACHMENT_TOO_LARGE_MESSAGE);
  return null;
}

/** A name fit to keep and to save under: no folder parts, no characters a file system refuses, not too long (its extension kept). */
export function cleanFileName(name: string, mime: AttachmentMime): string {
  const base = (name.split(/[\\/]/).pop() ?? '').normalize('NFC').trim();
  let cleaned = safeFileName(base);
  if (cleaned === '导出文件' && base !== '导出文件') cleaned = `附件${ATTACHMENT_EXTENSION[mime]}`; // nothing usable was left
  const chars = [...cleaned];
  if (chars.length <= ATTACHMENT_NAME_MAX) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  return chars.slice(0, ATTACHMENT_NAME_MAX - [...ext].length).join('') + ext;
}

/**
 * Receives one file into the incoming folder and registers it; throws UploadRefused (Chinese
 * message) for a file of the wrong type, size or shape, leaving nothing behind. The type is
 * decided from the first bytes, before the rest is read.
 */
export async function receiveUpload(app: Pick<AppServices, 'sessions' | 'now' | 'dataDir'>, incoming: IncomingFile, options: ReceiveOptions = {}): Promise<UploadedFile> {
  const refusal = sizeRefusal(incoming.declaredBytes);
  if (refusal) throw refusal;
  const store = uploadsOf(app);
  const file = incomingName(app.dataDir, '.upload');
  store.inProgress.add(file);
  let thumbFile: string | null = null;
  try {
    const handle = await fsp.open(file, 'wx');
    const hash = crypto.createHash('sha256');
    let received = 0;
    let mime: AttachmentMime | null = null;
    let head = Buffer.alloc(0);
    try {
      for await (const chunk of incoming.source) {
        received += chunk.byteLength;
        if (received > incoming.declaredBytes || received > ATTACHMENT_MAX_BYTES) throw new UploadRefused(413, ATTACHMENT_TOO_LARGE_MESSAGE);
        if (mime === null) {
          head = Buffer.concat([head, chunk]);
          if (head.length >= SNIFF_BYTES) {
            mime = sniffMime(head);
            if (mime === null) throw new UploadRefused(415, ATTACHMENT_TYPE_MESSAGE);
          }
        }
        hash.update(chunk);
        for (let at = 0; at < chunk.byteLength; ) at += (await handle.write(chunk, at, chunk.byteLength - at)).bytesWritten;
      }
      if (received !== incoming.declaredBytes) throw new UploadRefused(400, '文件没有完整收到，请重新上传');
      mime ??= sniffMime(head);
      if (mime === null) throw new UploadRefused(415, ATTACHMENT_TYPE_MESSAGE);
      await handle.sync();
    } finally {
      await handle.close();
    }
    const sha256 = hash.digest('hex');

    let width: number | null = null;
    let height: number | null = null;
    let thumb: PendingUpload['thumb'] = null;
    if (mime !== 'application/pdf') {
      const info = readImageInfo(file, mime);
      if (!info) throw new UploadRefused(415, `图片文件已损坏或不是有效的 ${mime === 'image/png' ? 'PNG' : 'JPG'} 图片，不能上传`);
      ({ width, height } = shownSize(info));
      const stored = (await options.storedAlready?.(sha256).catch(() => false)) ?? false;
      if (!stored && tooLargeToDecode(mime, info) === null) {
        const made = await makeThumbnail(file, received, mime, info, options);
        if (made.ok) {
          thumbFile = incomingName(app.dataDir, '.thumb');
          store.inProgress.add(thumbFile);
          await fsp.writeFile(thumbFile, made.bytes, { flag: 'wx' });
          await fsyncFile(thumbFile);
          thumb = { file: thumbFile, bytes: made.bytes.byteLength };
        }
      }
    }
    const { token, pending } = store.put({
      sessionToken: incoming.sessionToken,
      file,
      thumb,
      sha256,
      bytes: received,
      mime,
      width,
      height,
      fileName: cleanFileName(incoming.fileName, mime),
    });
    return {
      uploadToken: token,
      fileName: pending.fileName,
      bytes: pending.bytes,
      mime,
      kind: ATTACHMENT_KIND_OF[mime],
      width,
      height,
      hasThumbnail: thumb !== null,
      expiresAt: new Date(pending.expiresAt).toISOString(),
    };
  } catch (error) {
    await removeFile(file);
    if (thumbFile) await removeFile(thumbFile);
    if (error instanceof UploadRefused) throw error;
    const code = (error as NodeJS.ErrnoException)?.code;
    if (code === 'ENOSPC' || code === 'EDQUOT') throw new UploadRefused(507, '磁盘空间不足，文件没有上传。请清理磁盘后再试');
    throw error;
  } finally {
    store.inProgress.delete(file);
    if (thumbFile) store.inProgress.delete(thumbFile);
  }
}

/** A readable file's bytes as they are read (the desktop's chosen file). */
export function fileSource(file: string): AsyncIterable<Uint8Array> {
  return fs.createReadStream(file, { highWaterMark: 256 * 1024 });
}
