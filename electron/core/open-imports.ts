import type { WorkbookData } from '../excel/read';
import { SessionHeld, type HeldEntry } from './session-held';

/**
 * Files opened in the import wizard: the workbook as the reader returned it (plain frozen rows),
 * held in memory for the session that opened it while the clerk maps columns and previews, so
 * the file is read once and every step works from the same data. Forgotten after half an hour
 * without use, at logout, or when the wizard is closed; never written to disk. Held like every
 * per-session item (session-held.ts).
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

type HeldImport = Pick<OpenImport, 'kind' | 'fileName' | 'book'>;
const toOpen = (e: HeldEntry<HeldImport>): OpenImport => ({ id: e.id, ...e.value, sessionToken: e.sessionToken, expiresAt: e.expiresAt });

export class OpenImportStore {
  private readonly held: SessionHeld<HeldImport>;

  constructor(now: () => number, ttlMs = OPEN_IMPORT_TTL_MS) {
    this.held = new SessionHeld(now, { ttlMs, maxEntries: MAX_ENTRIES, maxPerSession: MAX_PER_SESSION, slideOnUse: true, goneMessage: IMPORT_GONE_MESSAGE });
  }

  put(file: { kind: string; fileName: string; book: WorkbookData; sessionToken: string }): OpenImport {
    return toOpen(this.held.put(file.sessionToken, { kind: file.kind, fileName: file.fileName, book: file.book }));
  }

  /** The file, if this session opened it and it has not expired; each use extends its life. */
  get(id: string, sessionToken: string | null | undefined): OpenImport {
    return toOpen(this.held.get(id, sessionToken));
  }

  close(id: string, sessionToken: string | null | undefined): void {
    this.held.remove(id, sessionToken);
  }

  dropSession(sessionToken: string): void {
    this.held.dropSession(sessionToken);
  }

  get size(): number {
    return this.held.size;
  }
}
