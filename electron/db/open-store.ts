import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import { StoreOpenError } from './store-errors';
import { ATTACHMENTS_DIR, BACKUP_DATABASE_FILE, writeBackupFolder } from './backup-folder';

export const DATABASE_FILE_NAME = 'grassroots.sqlite';

export interface Store {
  /** raw connection, for pragmas, backup and synchronous transactions */
  sqlite: SQLite.Database;
  db: Kysely<Database>;
  file: string;
  schemaVersion: number;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  dataDir: string;
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
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    sqlite,
    db,
    file,
    schemaVersion: LATEST_SCHEMA_VERSION,
    async close() {
      await db.destroy(); // closes the sqlite connection too
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
}

function migrate(sqlite: SQLite.Database, fromVersion: number) {
  for (const migration of MIGRATIONS) {
    if (migration.version <= fromVersion) continue;
    sqlite.transaction(() => {
      sqlite.exec(migration.sql);
      sqlite.pragma(`user_version = ${migration.version}`);
    })();
  }
  const fkProblems = sqlite.pragma('foreign_key_check') as unknown[];
  if (fkProblems.length > 0) throw new Error(`foreign_key_check after migration: ${JSON.stringify(fkProblems.slice(0, 5))}`);
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
