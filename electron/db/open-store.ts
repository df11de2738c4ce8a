import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely } from 'kysely';
import type { Database } from './schema';
import { acquireFolderLock, type FolderLock, type HolderKind } from './folder-lock';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { migrate } from './migrations/apply';
import { checkSchema, describeSchemaDifferences } from './schema-check';
import { AppSqliteDialect } from './sqlite-dialect';
import { StoreOpenError } from './store-errors';
import { ATTACHMENTS_DIR, BACKUP_DATABASE_FILE, writeBackupFolder } from './backup-folder';

export const DATABASE_FILE_NAME = 'grassroots.sqlite';

export interface Store {
  /** raw connection, for pragmas, backup and synchronous transactions */
  sqlite: SQLite.Database;
  db: Kysely<Database>;
  file: string;
  schemaVersion: number;
  /** the data folder's lock (folder-lock.ts), held for as long as the store is open */
  folderLock: FolderLock;
  /** closes the connection, and releases the folder lock if this store took it */
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  dataDir: string;
  /**
   * The data folder's lock, when the caller holds it across several opens (the app context keeps
   * it through a restore, which closes and reopens the store). Without it the store takes the
   * lock itself and releases it on close.
   */
  folderLock?: FolderLock;
  /** who is opening, for the message a second opener gets (default 'tool') */
  holder?: HolderKind;
  /** called with the path of the safety copy taken before migrations */
  onBackupBeforeMigration?: (file: string) => void;
}

/**
 * Opens (creating if needed) the database in dataDir, checking it before writing anything:
 * a file that is not SQLite, is damaged, or was written by a newer version of the app is
 * refused with a StoreOpenError and left exactly as it was.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const { dataDir } = options;
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.accessSync(dataDir, fs.constants.W_OK);
  } catch (error) {
    throw new StoreOpenError('unwritable', `数据目录无法写入：${dataDir}。请检查文件夹权限或磁盘空间。`, String(error));
  }
  // One writer per data folder: taken before the database file is even looked at.
  const ownsLock = options.folderLock === undefined;
  const folderLock = options.folderLock ?? acquireFolderLock(dataDir, options.holder ?? 'tool');
  if (!folderLock.held || path.resolve(folderLock.dataDir) !== path.resolve(dataDir)) {
    throw new Error(`openStore: the folder lock given is not held for ${dataDir}`);
  }
  try {
    return await openLocked(options, folderLock, ownsLock);
  } catch (error) {
    if (ownsLock) folderLock.release();
    throw error;
  }
}

async function openLocked(options: OpenStoreOptions, folderLock: FolderLock, ownsLock: boolean): Promise<Store> {
  const { dataDir } = options;
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0;
  const foundVersion = existed ? inspectReadOnly(file) : 0;

  const sqlite = new SQLite(file, { timeout: 5000 });
  try {
    applyConnectionPragmas(sqlite);
    if (foundVersion < LATEST_SCHEMA_VERSION) {
      if (existed && foundVersion > 0) {
        const copy = await backupBeforeMigration(sqlite, dataDir);
        options.onBackupBeforeMigration?.(copy);
      }
      migrate(sqlite, foundVersion);
    }
    // WAL is switched on only once the schema is ours and current: it rewrites the file header,
    // which must not happen to a file we end up refusing.
    sqlite.pragma('journal_mode = WAL');
  } catch (error) {
    sqlite.close();
    if (error instanceof StoreOpenError) throw error;
    throw new StoreOpenError('corrupt', '数据库无法打开或升级，数据未做任何改动。请联系管理员，或从备份恢复。', String(error));
  }
  const db = new Kysely<Database>({ dialect: new AppSqliteDialect(sqlite) });
  let closed = false;
  return {
    sqlite,
    db,
    file,
    schemaVersion: LATEST_SCHEMA_VERSION,
    folderLock,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await db.destroy(); // closes the sqlite connection too
      } finally {
        if (ownsLock) folderLock.release();
      }
    },
  };
}

/**
 * Reads the schema version read-only and checks integrity; throws StoreOpenError. A file of
 * version 0 that already has tables belongs to some other program and is refused, not migrated
 * into. Side files SQLite creates while reading a refused file (-wal, -shm) are removed again.
 */
function inspectReadOnly(file: string): number {
  const sideFiles = [`${file}-wal`, `${file}-shm`].filter((f) => !fs.existsSync(f));
  let probe: SQLite.Database | undefined;
  let refused = false;
  try {
    probe = new SQLite(file, { readonly: true, fileMustExist: true, timeout: 5000 });
    const check = probe.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`quick_check: ${String(check)}`);
    const version = probe.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_SCHEMA_VERSION) {
      throw new StoreOpenError(
        'too_new',
        `数据库由更新版本的程序写入（数据版本 ${version}，本程序支持到 ${LATEST_SCHEMA_VERSION}）。请安装新版本后再打开，数据未做任何改动。`,
        `user_version ${version} > ${LATEST_SCHEMA_VERSION}`,
      );
    }
    if (version === 0) {
      const tables = probe.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
      if (tables.n > 0) {
        throw new StoreOpenError('corrupt', `数据库文件不是本程序的数据文件：${file}。数据未做任何改动，请检查数据目录设置。`, 'user_version 0 with foreign tables');
      }
    } else {
      // every table, column, index and trigger exactly as our migrations leave them at this version
      const differences = checkSchema(probe, version);
      if (differences.length > 0) {
        throw new StoreOpenError(
          'tampered',
          `数据库文件的结构与本程序应有的结构不一致（${describeSchemaDifferences(differences)}），可能被其他程序改动过：${file}。` +
            '为保护数据，程序没有打开它，文件未做任何改动。请从备份恢复，或联系技术支持。',
          `schema differs at version ${version}: ${JSON.stringify(differences.slice(0, 20))}`,
        );
      }
    }
    return version;
  } catch (error) {
    refused = true;
    if (error instanceof StoreOpenError) throw error;
    const message = String(error);
    if (/SQLITE_BUSY|locked/i.test(message)) {
      throw new StoreOpenError('locked', '数据库正被另一个程序使用。请关闭其他正在运行的本程序后再试。', message);
    }
    throw new StoreOpenError('corrupt', `数据库文件已损坏或不是本程序的数据文件：${file}。数据未做任何改动，请从备份恢复。`, message);
  } finally {
    probe?.close();
    if (refused) for (const f of sideFiles) fs.rmSync(f, { force: true });
  }
}

/** Per-connection settings; none of them writes to the file. */
function applyConnectionPragmas(sqlite: SQLite.Database) {
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('trusted_schema = OFF');
  // INSERT OR REPLACE then fires the DELETE triggers of the rows it replaces (migration 008 also
  // refuses such inserts in the database itself, for connections without this setting)
  sqlite.pragma('recursive_triggers = ON');
}

/**
 * Safety copy before the schema changes: a backup folder of kind 升级前 in <dataDir>/backups, in
 * the same format as every other backup (electron/db/backup-folder.ts), so it is listed and can
 * be restored like them. Returns the path of the database copy.
 */
async function backupBeforeMigration(sqlite: SQLite.Database, dataDir: string): Promise<string> {
  const written = await writeBackupFolder({
    sqlite,
    attachmentsDir: path.join(dataDir, ATTACHMENTS_DIR),
    targetDir: path.join(dataDir, 'backups'),
    kind: 'pre_migration',
    createdAt: new Date(),
    appVersion: null,
    createdBy: '系统',
  });
  return path.join(written.dir, BACKUP_DATABASE_FILE);
}
