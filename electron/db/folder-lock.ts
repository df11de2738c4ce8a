import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { StoreOpenError } from './store-errors';

/**
 * One writer per data folder. Two programs on one folder (two desktop windows under different
 * accounts, the desktop app and `npm run serve`, two hosts) would each believe they own the
 * database: a restore in one replaces the file under the other, which then writes into a deleted
 * file; concurrent writers meet SQLITE_BUSY. So whoever opens the store first takes this lock and
 * holds it until it exits; a second opener is refused with a message naming the folder and who
 * holds it.
 *
 * The lock is an OS-level file lock, taken through SQLite on its own small file
 * `grassroots.lock` beside the database: an open write transaction (BEGIN IMMEDIATE) holds
 * SQLite's RESERVED lock — fcntl on Linux, LockFileEx on Windows — which the operating system
 * releases when the process ends, however it ends (crash, kill -9, power loss). So a stale lock
 * never needs clearing by hand. SQLite also keeps the lock consistent between connections of one
 * process, so a second open in the same process is refused too.
 *
 * Who holds the lock is written into that file just before the lock is taken for good; a
 * RESERVED lock lets others still read, so a refused opener can say who it was.
 *
 * Never read or copy grassroots.lock with plain file functions from the process that holds it:
 * closing any descriptor of a file drops every POSIX lock the process has on it.
 */

export const LOCK_FILE_NAME = 'grassroots.lock';

export type HolderKind = 'desktop' | 'host' | 'test' | 'tool';

export interface LockHolder {
  kind: HolderKind;
  pid: number;
  hostName: string;
  startedAt: string;
}

export interface FolderLock {
  readonly dataDir: string;
  readonly file: string;
  readonly holder: LockHolder;
  /** false once released */
  readonly held: boolean;
  release(): void;
}

const HOLDER_LABELS: Record<HolderKind, string> = {
  desktop: '桌面程序',
  host: '浏览器版 npm run serve',
  test: '测试程序',
  tool: '维护工具',
};

const isBusy = (error: unknown) => /^SQLITE_(BUSY|LOCKED)/.test(String((error as { code?: unknown }).code ?? ''));

/**
 * Takes the data folder's lock, or throws StoreOpenError('in_use') naming the folder and the
 * holder. The folder must exist.
 */
export function acquireFolderLock(dataDir: string, kind: HolderKind, now: Date = new Date()): FolderLock {
  const file = path.join(dataDir, LOCK_FILE_NAME);
  const holder: LockHolder = { kind, pid: process.pid, hostName: os.hostname(), startedAt: now.toISOString() };
  let conn: SQLite.Database;
  try {
    conn = new SQLite(file, { timeout: 0 });
  } catch (error) {
    throw new StoreOpenError('unwritable', `数据目录无法写入：${dataDir}。请检查文件夹权限或磁盘空间。`, String(error));
  }
  try {
    conn.pragma('journal_mode = DELETE'); // never WAL: the lock must be the file's own
    // 1. Write who we are (needs a short exclusive moment; readers of a holder may be in the way).
    conn.pragma('busy_timeout = 0');
    conn.exec('BEGIN IMMEDIATE');
    conn.pragma('busy_timeout = 2000');
    conn.exec('CREATE TABLE IF NOT EXISTS holder (kind TEXT NOT NULL, pid INTEGER NOT NULL, host TEXT NOT NULL, started_at TEXT NOT NULL)');
    conn.exec('DELETE FROM holder');
    conn.prepare('INSERT INTO holder (kind, pid, host, started_at) VALUES (?, ?, ?, ?)').run(holder.kind, holder.pid, holder.hostName, holder.startedAt);
    conn.exec('COMMIT');
    // 2. Take the lock for good. Whoever slipped in between steps wins, and we are refused.
    conn.pragma('busy_timeout = 0');
    conn.exec('BEGIN IMMEDIATE');
  } catch (error) {
    try {
      if (conn.inTransaction) conn.exec('ROLLBACK');
    } catch {
      // the connection is closed next anyway
    }
    conn.close();
    if (isBusy(error)) throw inUse(dataDir, readHolder(file));
    throw new StoreOpenError('unwritable', `数据目录无法写入：${dataDir}。请检查文件夹权限或磁盘空间。`, String(error));
  }

  let held = true;
  return {
    dataDir,
    file,
    holder,
    get held() {
      return held;
    },
    release() {
      if (!held) return;
      held = false;
      try {
        conn.exec('ROLLBACK');
      } finally {
        conn.close();
      }
    },
  };
}

/** Who holds the lock, as written in the lock file; null when it cannot be read. */
export function readHolder(file: string): LockHolder | null {
  let reader: SQLite.Database | undefined;
  try {
    reader = new SQLite(file, { readonly: true, fileMustExist: true, timeout: 1000 });
    const row = reader.prepare('SELECT kind, pid, host, started_at FROM holder LIMIT 1').get() as
      | { kind: HolderKind; pid: number; host: string; started_at: string }
      | undefined;
    return row ? { kind: row.kind, pid: row.pid, hostName: row.host, startedAt: row.started_at } : null;
  } catch {
    return null;
  } finally {
    reader?.close();
  }
}

function describeHolder(holder: LockHolder | null): string {
  if (!holder) return '另一个基层党建台账程序';
  const since = new Date(holder.startedAt);
  const when = Number.isNaN(since.getTime())
    ? ''
    : `，自 ${since.toLocaleString('zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false })} 起`;
  const label = HOLDER_LABELS[holder.kind] ?? '另一个程序';
  return `另一个基层党建台账程序（${label}，进程号 ${holder.pid}${holder.hostName ? `，计算机 ${holder.hostName}` : ''}${when}）`;
}

function inUse(dataDir: string, holder: LockHolder | null): StoreOpenError {
  return new StoreOpenError(
    'in_use',
    `数据目录“${dataDir}”正由${describeHolder(holder)}使用。同一个数据目录同时只能由一个程序打开，以免数据互相覆盖。` +
      '请切换到已打开的那个窗口继续工作，或先关闭它再打开本程序。',
    `lock held: ${JSON.stringify(holder)}`,
  );
}
