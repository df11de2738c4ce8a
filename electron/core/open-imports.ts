import crypto from 'node:crypto';
import type { WorkbookData } from '../excel/read';
import { DomainError } from '../services/errors';

/**
 * Files opened in the import wizard: the workbook as the reader returned it (plain frozen rows),
 * held in memory for the session that opened it while the clerk maps columns and previews, so
 * the file is read once and every step works from the same data. Forgotten after half an hour
 * without use, at logout, or when the wizard is closed; never written to disk.
 */

export const OPEN_IMPORT_TTL_MS = 30 * 60_000;
/** A session keeps its two most recent files; the whole app at most eight. */
const MAX_PER_SESSION = 2;
const MAX_ENTRIES = 8;

export const IMPORT_GONE_MESSAGE = '导入的文件已关闭或超过 30 分钟未操作，请重新选择文件';

export interface OpenImport {
  id: string;
  kind: string;
  fileName: string;
  book: WorkbookData;
  sessionToken: string;
  expiresAt: number;
}

export class OpenImportStore {
  private readonly entries = new Map<string, OpenImport>();

  constructor(
    private readonly now: () => number,
    private readonly ttlMs = OPEN_IMPORT_TTL_MS,
  ) {}

  put(file: { kind: string; fileName: string; book: WorkbookData; sessionToken: string }): OpenImport {
    this.sweep();
    const entry: OpenImport = { ...file, id: crypto.randomBytes(18).toString('base64url'), expiresAt: this.now() + this.ttlMs };
    const mine = [...this.entries.values()].filter((e) => e.sessionToken === file.sessionToken);
    for (const old of mine.slice(0, Math.max(0, mine.length - MAX_PER_SESSION + 1))) this.entries.delete(old.id);
    this.entries.set(entry.id, entry);
    for (const id of this.entries.keys()) {
      if (this.entries.size <= MAX_ENTRIES) break;
      this.entries.delete(id); // insertion order: oldest first
    }
    return entry;
  }

  /** The file, if this session opened it and it has not expired; each use extends its life. */
  get(id: string, sessionToken: string | null | undefined): OpenImport {
    this.sweep();
    const entry = this.entries.get(id);
    if (!entry || !sessionToken || entry.sessionToken !== sessionToken) throw new DomainError('NOT_FOUND', IMPORT_GONE_MESSAGE);
    entry.expiresAt = this.now() + this.ttlMs;
    return entry;
  }

  close(id: string, sessionToken: string | null | undefined): void {
    const entry = this.entries.get(id);
    if (entry && entry.sessionToken === sessionToken) this.entries.delete(id);
  }

  dropSession(sessionToken: string): void {
    for (const [id, e] of this.entries) if (e.sessionToken === sessionToken) this.entries.delete(id);
  }

  get size(): number {
    this.sweep();
    return this.entries.size;
  }

  private sweep() {
    const now = this.now();
    for (const [id, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(id);
  }
}
