import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { z } from 'zod';
import { BACKUP_KIND_LABELS, BACKUP_KINDS, type BackupKind } from '../../shared/api/backups';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { checkData, type DataRule } from './data-checks';
import { checkSchema, describeSchemaDifferences, expectedSchema } from './schema-check';

/**
 * The backup format, shared by every kind of backup (automatic, manual, before an upgrade,
 * before a restore, before an import). A backup is one folder:
 *
 *   基层党建台账备份-20261122-103000-自动/
 *     grassroots.sqlite     the database, copied with SQLite's online backup API, journal_mode DELETE
 *     attachments/          a copy of <dataDir>/attachments (empty when there is none)
 *     manifest.json         format, versions, time, kind, sha256 and size of every file, row counts
 *
 * It is written under a hidden partial name, verified (integrity_check on the copy, every file
 * re-hashed against the manifest as read back from disk), and only then renamed to its final
 * name; a failure removes the partial folder. Nothing here imports 'electron'.
 */

export const BACKUP_FORMAT = 'grassroots-desk-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const BACKUP_FOLDER_PREFIX = '基层党建台账备份-';
export const BACKUP_DATABASE_FILE = 'grassroots.sqlite';
export const ATTACHMENTS_DIR = 'attachments';
export const MANIFEST_FILE = 'manifest.json';
/** partial folders start with this (hidden on Linux, skipped by every listing) */
export const PARTIAL_PREFIX = '.partial-';

const ManifestFile = z.object({
  path: z.string().min(1).max(1000),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const BackupManifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().positive(),
  appVersion: z.string().nullable(),
  schemaVersion: z.number().int().nonnegative(),
  createdAt: z.string().refine((s) => !Number.isNaN(Date.parse(s))),
  kind: z.enum(BACKUP_KINDS),
  createdBy: z.string().nullable(),
  restoreOf: z.string().nullable().default(null),
  files: z.array(ManifestFile).min(1),
  rowCounts: z.record(z.string(), z.number().int().nonnegative()),
});
export type BackupManifest = z.infer<typeof BackupManifest>;

/** Why a folder cannot be restored; the message is for the user. */
export type BackupProblemKind = 'no_manifest' | 'bad_manifest' | 'incomplete' | 'damaged' | 'foreign' | 'too_new' | 'unreadable' | 'tampered';

export class BackupProblem extends Error {
  constructor(
    readonly kind: BackupProblemKind,
    readonly userMessage: string,
    readonly detail = '',
  ) {
    super(`${userMessage}${detail ? ` (${detail})` : ''}`);
    this.name = 'BackupProblem';
  }
}

/** The writes a backup makes: a seam so tests can make them fail (read-only stick, full disk). */
export interface BackupIo {
  mkdir(dir: string): Promise<void>;
  copyFile(from: string, to: string): Promise<void>;
  writeFile(file: string, data: string): Promise<void>;
  backupDatabase(sqlite: SQLite.Database, file: string): Promise<void>;
}

export const fsBackupIo: BackupIo = {
  mkdir: async (dir) => void (await fsp.mkdir(dir, { recursive: true })),
  copyFile: (from, to) => fsp.copyFile(from, to),
  writeFile: (file, data) => fsp.writeFile(file, data, 'utf8'),
  backupDatabase: async (sqlite, file) => void (await sqlite.backup(file)),
};

export interface WriteBackupOptions {
  /** the open source connection */
  sqlite: SQLite.Database;
  /** <dataDir>/attachments; may not exist */
  attachmentsDir: string;
  /** the folder that receives the backup folder (created if needed) */
  targetDir: string;
  kind: BackupKind;
  createdAt: Date;
  appVersion: string | null;
  createdBy: string | null;
  restoreOf?: string | null;
  io?: BackupIo;
}

export interface WrittenBackup {
  dir: string;
  name: string;
  manifest: BackupManifest;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** 基层党建台账备份-20261122-103000-自动 (local time: what the clerk sees on the clock) */
export function backupFolderName(kind: BackupKind, at: Date): string {
  const stamp = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  return `${BACKUP_FOLDER_PREFIX}${stamp}-${BACKUP_KIND_LABELS[kind]}`;
}

/** Writes, verifies and names one backup folder; on any failure removes what it wrote and rethrows. */
export async function writeBackupFolder(options: WriteBackupOptions): Promise<WrittenBackup> {
  const io = options.io ?? fsBackupIo;
  const baseName = backupFolderName(options.kind, options.createdAt);
  await io.mkdir(options.targetDir);
  const partial = path.join(options.targetDir, `${PARTIAL_PREFIX}${crypto.randomBytes(6).toString('hex')}`);
  try {
    await io.mkdir(partial);
    const dbCopy = path.join(partial, BACKUP_DATABASE_FILE);
    await io.backupDatabase(options.sqlite, dbCopy);
    const inspected = inspectDatabaseCopy(dbCopy, { setDeleteJournal: true });
    if (inspected.integrity !== 'ok') throw new Error(`integrity_check of the copy: ${inspected.integrity}`);

    await io.mkdir(path.join(partial, ATTACHMENTS_DIR));
    const attachments = listFiles(options.attachmentsDir);
    for (const rel of attachments) {
      const to = path.join(partial, ATTACHMENTS_DIR, ...rel.split('/'));
      await io.mkdir(path.dirname(to));
      await io.copyFile(path.join(options.attachmentsDir, ...rel.split('/')), to);
    }

    const files = [];
    for (const rel of [BACKUP_DATABASE_FILE, ...attachments.map((a) => `${ATTACHMENTS_DIR}/${a}`)]) {
      const file = path.join(partial, ...rel.split('/'));
      syncFile(file);
      files.push({ path: rel, bytes: fs.statSync(file).size, sha256: await sha256File(file) });
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      appVersion: options.appVersion,
      schemaVersion: inspected.userVersion,
      createdAt: options.createdAt.toISOString(),
      kind: options.kind,
      createdBy: options.createdBy,
      restoreOf: options.restoreOf ?? null,
      files,
      rowCounts: inspected.rowCounts,
    };
    const manifestFile = path.join(partial, MANIFEST_FILE);
    await io.writeFile(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
    syncFile(manifestFile);

    // Read back what is on disk and check it against the manifest as written.
    const readBack = readManifest(partial);
    await checkFiles(partial, readBack, partial);
    syncDir(partial);

    const name = await renameIntoPlace(partial, options.targetDir, baseName);
    syncDir(options.targetDir);
    return { dir: path.join(options.targetDir, name), name, manifest };
  } catch (error) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw error;
  }
}

/** Final name, with -2, -3 … when a backup of the same kind was made in the same second. */
async function renameIntoPlace(partial: string, targetDir: string, baseName: string): Promise<string> {
  for (let i = 1; i < 1000; i++) {
    const name = i === 1 ? baseName : `${baseName}-${i}`;
    const dest = path.join(targetDir, name);
    if (fs.existsSync(dest)) continue;
    try {
      await fsp.rename(partial, dest);
      return name;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' || code === 'ENOTEMPTY') continue;
      throw error;
    }
  }
  throw new Error('too many backups with the same name');
}

/** Every regular file under dir, as forward-slash relative paths, sorted; [] if dir does not exist. */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, ...rel.split('/').filter(Boolean)), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) out.push(child);
      // symbolic links and special files are not attachments: skipped
    }
  };
  walk('');
  return out.sort();
}

/** Total bytes and file count of the regular files under dir. */
export function folderSize(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  const files = listFiles(dir);
  for (const rel of files) {
    try {
      bytes += fs.statSync(path.join(dir, ...rel.split('/'))).size;
    } catch {
      // vanished meanwhile
    }
  }
  return { bytes, files: files.length };
}

export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function syncFile(file: string) {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename durable where the OS allows it (not on Windows, where directories cannot be opened). */
function syncDir(dir: string) {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // best effort
  }
}

export interface InspectedDatabase {
  integrity: string;
  userVersion: number;
  tables: string[];
  rowCounts: Record<string, number>;
}

/**
 * Opens a database copy (never the live file) and reads integrity, version, tables and row
 * counts. `setDeleteJournal` turns a fresh copy of our WAL database into a self-contained file.
 */
export function inspectDatabaseCopy(file: string, options: { setDeleteJournal?: boolean } = {}): InspectedDatabase {
  const db = new SQLite(file, { fileMustExist: true, timeout: 5000 });
  try {
    db.pragma('trusted_schema = OFF');
    if (options.setDeleteJournal) db.pragma('journal_mode = DELETE');
    const integrityRows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    const integrity = integrityRows.map((r) => r.integrity_check).join('; ');
    const userVersion = db.pragma('user_version', { simple: true }) as number;
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>).map(
      (t) => t.name,
    );
    const rowCounts: Record<string, number> = {};
    if (integrity === 'ok') {
      for (const t of tables) rowCounts[t] = (db.prepare(`SELECT count(*) AS n FROM "${t.replace(/"/g, '""')}"`).get() as { n: number }).n;
    }
    return { integrity, userVersion, tables, rowCounts };
  } finally {
    db.close();
  }
}

/** The tables our migrations up to `version` leave in the database. */
export function expectedTables(version: number): string[] {
  return expectedSchema(version)
    .filter((o) => o.type === 'table')
    .map((o) => o.name)
    .sort();
}

/**
 * A copy that passed its hashes and integrity_check is still only trusted when its schema is
 * exactly what its version must be (no trigger dropped, nothing added) and its data keeps every
 * rule those triggers hold, with an unbroken audit chain. Throws BackupProblem('tampered').
 */
export function checkTrusted(file: string, version: number, rules: readonly DataRule[]): void {
  const db = new SQLite(file, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    db.pragma('trusted_schema = OFF');
    const differences = checkSchema(db, version);
    if (differences.length > 0) {
      throw new BackupProblem(
        'tampered',
        `备份中的数据库结构与本程序应有的结构不一致（${describeSchemaDifferences(differences)}），可能被其他程序改动过，不能恢复。`,
        `schema differs at version ${version}: ${JSON.stringify(differences.slice(0, 20))}`,
      );
    }
    const data = checkData(db, version, rules);
    if (!data.ok) throw new BackupProblem('tampered', `备份中的数据不可信：${data.problem}，可能被其他程序改动过，不能恢复。`, data.detail);
  } finally {
    db.close();
  }
}

/** Reads and parses manifest.json; throws BackupProblem. */
export function readManifest(dir: string): BackupManifest {
  const file = path.join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new BackupProblem('no_manifest', '这不是本程序的备份：文件夹中缺少备份清单（manifest.json）。', String(error));
    }
    throw new BackupProblem('unreadable', '无法读取备份清单（manifest.json），请检查 U 盘或共享文件夹是否可以访问。', String(error));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new BackupProblem('bad_manifest', '备份清单（manifest.json）已损坏，无法识别这份备份。', String(error));
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (format !== BACKUP_FORMAT) throw new BackupProblem('bad_manifest', '这不是本程序的备份：备份清单的格式无法识别。', `format ${String(format)}`);
  const version = (json as { formatVersion?: unknown }).formatVersion;
  if (typeof version === 'number' && version > BACKUP_FORMAT_VERSION) {
    throw new BackupProblem('too_new', `这份备份由更新版本的程序制作（备份格式 ${version}），请安装新版本后再恢复。`, `formatVersion ${version}`);
  }
  const parsed = BackupManifest.safeParse(json);
  if (!parsed.success) throw new BackupProblem('bad_manifest', '备份清单（manifest.json）已损坏或不完整，无法识别这份备份。', parsed.error.message);
  const manifest = parsed.data;
  checkManifestPaths(manifest);
  return manifest;
}

/** Only grassroots.sqlite and files under attachments/, no way out of the folder. */
function checkManifestPaths(manifest: BackupManifest) {
  const seen = new Set<string>();
  let hasDatabase = false;
  for (const f of manifest.files) {
    const segments = f.path.split('/');
    const safe =
      !f.path.includes('\\') &&
      !f.path.includes('\0') &&
      !path.isAbsolute(f.path) &&
      !/^[A-Za-z]:/.test(f.path) &&
      segments.every((s) => s !== '' && s !== '.' && s !== '..') &&
      (f.path === BACKUP_DATABASE_FILE || (segments[0] === ATTACHMENTS_DIR && segments.length > 1));
    if (!safe || seen.has(f.path.toLowerCase())) throw new BackupProblem('bad_manifest', '备份清单中有不正确的文件名，无法识别这份备份。', f.path);
    seen.add(f.path.toLowerCase());
    if (f.path === BACKUP_DATABASE_FILE) hasDatabase = true;
  }
  if (!hasDatabase) throw new BackupProblem('bad_manifest', '备份清单中没有数据库文件，无法识别这份备份。');
}

/**
 * Every file in the manifest, as found in `dir`: present, the recorded size and sha256. When
 * `copyTo` differs from `dir`, each file is first copied there and the copy is what gets checked
 * (so what is verified is exactly what will be used).
 */
export async function checkFiles(dir: string, manifest: BackupManifest, copyTo: string): Promise<void> {
  for (const f of manifest.files) {
    const source = path.join(dir, ...f.path.split('/'));
    const target = path.join(copyTo, ...f.path.split('/'));
    let stat: fs.Stats;
    try {
      stat = fs.statSync(source);
    } catch (error) {
      throw new BackupProblem('incomplete', `备份不完整：缺少文件“${f.path}”。`, String(error));
    }
    if (!stat.isFile()) throw new BackupProblem('incomplete', `备份不完整：“${f.path}”不是文件。`);
    if (stat.size !== f.bytes) {
      throw new BackupProblem('damaged', `备份已损坏：文件“${f.path}”的大小与备份清单不符（可能复制不完整）。`, `${stat.size} <> ${f.bytes}`);
    }
    if (target !== source) {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      try {
        await fsp.copyFile(source, target);
      } catch (error) {
        throw new BackupProblem('unreadable', `无法读取备份中的文件“${f.path}”，请检查 U 盘或共享文件夹是否可以访问。`, String(error));
      }
    }
    const hash = await sha256File(target);
    if (hash !== f.sha256) throw new BackupProblem('damaged', `备份已损坏：文件“${f.path}”的内容与备份清单不符（校验值不同）。`, `${hash} <> ${f.sha256}`);
  }
}

/**
 * Copies a backup into `stagingDir` (which must not exist yet) and verifies the copy in full:
 * manifest, sizes and hashes, SQLite integrity, this app's tables, a version this program can
 * open, the row counts, then the schema and the modules' data rules (`rules`). Throws BackupProblem; never writes to the backup folder itself.
 */
export async function stageAndVerify(backupDir: string, stagingDir: string, rules: readonly DataRule[]): Promise<BackupManifest> {
  const manifest = readManifest(backupDir);
  if (manifest.schemaVersion > LATEST_SCHEMA_VERSION) throw tooNew(manifest.schemaVersion);
  fs.mkdirSync(path.join(stagingDir, ATTACHMENTS_DIR), { recursive: true });
  await checkFiles(backupDir, manifest, stagingDir);

  let inspected: InspectedDatabase;
  try {
    inspected = inspectDatabaseCopy(path.join(stagingDir, BACKUP_DATABASE_FILE));
  } catch (error) {
    throw new BackupProblem('damaged', '备份中的数据库文件已损坏或不是数据库，无法恢复。', String(error));
  }
  if (inspected.integrity !== 'ok') throw new BackupProblem('damaged', '备份中的数据库已损坏（完整性检查未通过），无法恢复。', inspected.integrity.slice(0, 300));
  if (inspected.userVersion > LATEST_SCHEMA_VERSION) throw tooNew(inspected.userVersion);
  const missing = inspected.userVersion === 0 ? ['*'] : expectedTables(inspected.userVersion).filter((t) => !inspected.tables.includes(t));
  if (missing.length > 0) {
    throw new BackupProblem('foreign', '备份中的数据库不是本程序的数据（缺少本程序的数据表），无法恢复。', `version ${inspected.userVersion}, missing ${missing.join(',')}`);
  }
  if (inspected.userVersion !== manifest.schemaVersion) {
    throw new BackupProblem('damaged', '备份已损坏：数据库的版本与备份清单不符。', `${inspected.userVersion} <> ${manifest.schemaVersion}`);
  }
  for (const [table, n] of Object.entries(manifest.rowCounts)) {
    if (inspected.rowCounts[table] !== n) {
      throw new BackupProblem('damaged', `备份已损坏：数据表“${table}”的记录数与备份清单不符。`, `${inspected.rowCounts[table]} <> ${n}`);
    }
  }
  checkTrusted(path.join(stagingDir, BACKUP_DATABASE_FILE), inspected.userVersion, rules);
  return manifest;
}

const tooNew = (version: number) =>
  new BackupProblem('too_new', `这份备份由更新版本的程序制作（数据版本 ${version}，本程序支持到 ${LATEST_SCHEMA_VERSION}），请安装新版本后再恢复。`, `version ${version}`);

/**
 * The quick look used for lists: manifest readable, every file present with its size.
 * Returns the manifest (or null) and the problem (or null); never throws.
 */
export function quickCheck(dir: string): { manifest: BackupManifest | null; problem: BackupProblem | null } {
  let manifest: BackupManifest;
  try {
    manifest = readManifest(dir);
  } catch (error) {
    return { manifest: null, problem: error instanceof BackupProblem ? error : new BackupProblem('unreadable', '无法读取这份备份。', String(error)) };
  }
  if (manifest.schemaVersion > LATEST_SCHEMA_VERSION) return { manifest, problem: tooNew(manifest.schemaVersion) };
  for (const f of manifest.files) {
    try {
      const stat = fs.statSync(path.join(dir, ...f.path.split('/')));
      if (!stat.isFile() || stat.size !== f.bytes) {
        return { manifest, problem: new BackupProblem('damaged', `备份已损坏：文件“${f.path}”的大小与备份清单不符。`) };
      }
    } catch {
      return { manifest, problem: new BackupProblem('incomplete', `备份不完整：缺少文件“${f.path}”。`) };
    }
  }
  return { manifest, problem: null };
}
