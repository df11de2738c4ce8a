import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackupEntry, BackupOverview, ChooseFolderResult, RestoreResult } from '../../shared/api/backups';
import type { StreetNode } from '../../shared/api/units';
import { BACKUP_DATABASE_FILE, MANIFEST_FILE, fsBackupIo as fsBackupIoForTests, inspectDatabaseCopy, sha256File, type BackupIo, type BackupManifest } from '../../electron/db/backup-folder';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../electron/db/migrations';
import { DATABASE_FILE_NAME } from '../../electron/db/open-store';
import { backupNow } from '../../electron/services/backups/backup-make';
import { runAutomaticBackupIfDue, startAutomaticBackups } from '../../electron/services/backups/backup-automatic';
import { forCall, SYSTEM_ACTOR } from '../../electron/services/context';
import { DomainError } from '../../electron/services/errors';
import { ok, openShizhongApp, openTestApp, snapshotDatabase, tempDir, type TestApp } from '../helpers/test-context';
import { refused } from '../helpers/fixtures';

/**
 * 数据备份 on a real SQLite file in a temp folder: the backup format, the restore round trip and
 * its undo, every refusal leaving the current data byte-identical, failing targets, sessions.
 */

let app: TestApp;
beforeEach(async () => {
  app = await openShizhongApp();
});
afterEach(async () => {
  await app.close();
});

const sha256 = (file: string) => (fs.existsSync(file) ? crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex') : null);
const attachmentsDir = () => path.join(app.dataDir, 'attachments');
const backupsDir = () => path.join(app.dataDir, 'backups');

/** Every file under a folder with its sha256 ({} when it does not exist). */
function treeHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, full).split(path.sep).join('/')] = sha256(full)!;
  }
  return out;
}

/** The live files, byte for byte: database, its -wal, the attachments, and the data folder's entries. */
function liveState() {
  const db = path.join(app.dataDir, DATABASE_FILE_NAME);
  return {
    db: sha256(db),
    wal: sha256(`${db}-wal`),
    attachments: treeHashes(attachmentsDir()),
    entries: fs.readdirSync(app.dataDir).filter((n) => !n.endsWith('-shm')).sort(),
  };
}

function writeAttachment(rel: string, content: string) {
  const file = path.join(attachmentsDir(), ...rel.split('/'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

const overview = async () => ok<BackupOverview>(await app.call('backups.overview'));
const tree = async () => ok<StreetNode[]>(await app.call('units.tree', { includeRetired: true }));
const auditActions = () => (app.store.sqlite.prepare('SELECT action FROM audit_log ORDER BY id').all() as Array<{ action: string }>).map((r) => r.action);
const lastAudit = () =>
  app.store.sqlite.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT 1').get() as {
    action: string;
    actor: string;
    user_id: number | null;
    entity_id: string | null;
    after_json: string | null;
  };
const readManifest = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')) as BackupManifest;

/** Rewrites a backup's manifest (and, unless told otherwise, its hashes and sizes to match the files now there). */
async function rewriteManifest(dir: string, change: (m: BackupManifest) => void = () => {}, rehash = true) {
  const manifest = readManifest(dir);
  if (rehash) {
    for (const f of manifest.files) {
      const file = path.join(dir, ...f.path.split('/'));
      f.bytes = fs.statSync(file).size;
      f.sha256 = await sha256File(file);
    }
  }
  change(manifest);
  fs.writeFileSync(path.join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
}

/** A copy of a good backup under a new name in the default location, to be damaged by the test. */
function copyBackup(entry: BackupEntry, name: string): string {
  const dir = path.join(backupsDir(), name);
  fs.cpSync(path.join(backupsDir(), entry.name), dir, { recursive: true });
  return dir;
}

const restoreRef = (name: string, location = 'default') => ({ ref: { location, name } });

describe('a backup folder', () => {
  it('holds the database, the attachments and a manifest with versions, hashes and row counts', async () => {
    writeAttachment('2026/七贤街道/整改报告.pdf', '%PDF-1.4 整改报告');
    writeAttachment('照片.jpg', 'JPEG');
    const entry = ok<BackupEntry>(await app.call('backups.create', {}));
    expect(entry.kind).toBe('manual');
    expect(entry.name).toMatch(/^基层党建台账备份-\d{8}-\d{6}-手动$/);
    expect(entry.check.state).toBe('ok');
    expect(entry.attachmentFiles).toBe(2);
    expect(entry.createdBy).toBe('测试admin');

    const dir = path.join(backupsDir(), entry.name);
    expect(fs.readdirSync(dir).sort()).toEqual(['attachments', BACKUP_DATABASE_FILE, MANIFEST_FILE]);
    const manifest = readManifest(dir);
    expect(manifest).toMatchObject({
      format: 'grassroots-desk-backup',
      formatVersion: 1,
      appVersion: 'test',
      schemaVersion: LATEST_SCHEMA_VERSION,
      createdAt: '2026-11-22T02:00:00.000Z',
      kind: 'manual',
      createdBy: '测试admin',
    });
    expect(manifest.files.map((f) => f.path)).toEqual([BACKUP_DATABASE_FILE, 'attachments/2026/七贤街道/整改报告.pdf', 'attachments/照片.jpg']);
    for (const f of manifest.files) {
      const file = path.join(dir, ...f.path.split('/'));
      expect(f.sha256).toBe(sha256(file));
      expect(f.bytes).toBe(fs.statSync(file).size);
    }
    expect(manifest.rowCounts.org_units).toBe(17 + 216);
    expect(manifest.rowCounts.users).toBe(1);

    // the copy is a self-contained, healthy database (no -wal needed)
    const copy = new SQLite(path.join(dir, BACKUP_DATABASE_FILE), { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();

    expect(lastAudit()).toMatchObject({ action: 'backup', actor: '测试admin', entity_id: entry.name });
    const listed = await overview();
    expect(listed.backups.map((b) => b.name)).toEqual([entry.name]);
    expect(listed.attachmentFiles).toBe(2);
    expect(listed.backupsBytes).toBeGreaterThan(0);
  });

  it('a second backup in the same second gets its own folder; the attachments folder may not exist', async () => {
    expect(fs.existsSync(attachmentsDir())).toBe(false);
    const a = ok<BackupEntry>(await app.call('backups.create', {}));
    const b = ok<BackupEntry>(await app.call('backups.create', {}));
    expect(b.name).toBe(`${a.name}-2`);
    expect(fs.readdirSync(path.join(backupsDir(), b.name, 'attachments'))).toEqual([]);
  });

  it('a full check (校验) passes for a good backup and finds flipped bytes the quick list check cannot see', async () => {
    const good = ok<BackupEntry>(await app.call('backups.create', {}));
    const verified = ok<BackupEntry>(await app.call('backups.verify', restoreRef(good.name)));
    expect(verified.check.state).toBe('verified');
    expect((await overview()).backups[0]!.check.state).toBe('verified');

    const dir = copyBackup(good, '基层党建台账备份-坏');
    const file = path.join(dir, BACKUP_DATABASE_FILE);
    const bytes = fs.readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    fs.writeFileSync(file, bytes);
    const listed = (await overview()).backups.find((b) => b.name === '基层党建台账备份-坏')!;
    expect(listed.check.state).toBe('ok'); // same size: only the hash tells
    const checked = ok<BackupEntry>(await app.call('backups.verify', restoreRef('基层党建台账备份-坏')));
    expect(checked.check).toEqual({ state: 'problem', message: expect.stringContaining('校验值不同') });
    // the check works on a scratch copy: nothing left in the data folder
    expect(fs.readdirSync(app.dataDir).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});

describe('restore round trip', () => {
  it('restores data and attachments as they were, and undo brings the change back', async () => {
    writeAttachment('2026/整改报告.pdf', '原稿');
    writeAttachment('照片.jpg', 'JPEG');
    const atBackup = { db: snapshotDatabase(app), attachments: treeHashes(attachmentsDir()) };
    const backup = ok<BackupEntry>(await app.call('backups.create', {}));

    // change: a street renamed, a unit retired, attachments added, changed and removed
    const qixian = (await tree()).find((s) => s.code === '370103018')!;
    ok(await app.call('units.update', { id: qixian.id, name: '七贤新街道', kind: '街道' }));
    const unit = qixian.units[0]!;
    ok(await app.call('units.retire', { id: unit.id, retiredOn: '2026-11-20', reason: '撤并' }));
    writeAttachment('2026/整改报告.pdf', '改过的稿子');
    writeAttachment('新增/会议记录.docx', '会议记录');
    fs.rmSync(path.join(attachmentsDir(), '照片.jpg'));
    const changed = { db: snapshotDatabase(app), attachments: treeHashes(attachmentsDir()) };
    expect(changed.attachments).not.toEqual(atBackup.attachments);

    const result = ok<RestoreResult>(await app.call('backups.restore', restoreRef(backup.name)));
    expect(result).toMatchObject({ restored: backup.name, schemaVersion: LATEST_SCHEMA_VERSION, upgraded: false, loggedOut: false });
    expect(result.preRestore).toMatchObject({ kind: 'pre_restore', restoreOf: backup.name });

    // every table as at the backup; the log gained exactly the restore row
    const restored = snapshotDatabase(app);
    expect({ ...restored, audit_log: undefined }).toEqual({ ...atBackup.db, audit_log: undefined });
    expect(restored.audit_log!.slice(0, -1)).toEqual(atBackup.db.audit_log);
    expect(treeHashes(attachmentsDir())).toEqual(atBackup.attachments);
    expect((await tree()).find((s) => s.code === '370103018')!.name).toBe('七贤街道');
    const restoreRow = lastAudit();
    expect(restoreRow).toMatchObject({ action: 'restore_backup', actor: '测试admin', entity_id: backup.name });
    expect(restoreRow.user_id).not.toBeNull();
    expect(JSON.parse(restoreRow.after_json!)).toMatchObject({ backup: backup.name, kind: 'manual', preRestore: result.preRestore.name });
    // no stale side files, no work folders
    expect(fs.readdirSync(app.dataDir).filter((n) => n.startsWith('.'))).toEqual([]);

    const info = await overview();
    expect(info.lastRestore).toMatchObject({ backupName: backup.name, preRestoreName: result.preRestore.name, undoable: true, by: '测试admin' });
    expect(info.backups.map((b) => b.kind).sort()).toEqual(['manual', 'pre_restore']);

    // the app keeps working on the restored file
    ok(await app.call('units.update', { id: qixian.id, name: '七贤街道', kind: '街道', note: '恢复后编辑' }));

    // undo: back to the data as it was before the restore (the edit after it is kept in a new 恢复前 backup)
    const undone = ok<RestoreResult>(await app.call('backups.undoRestore'));
    expect(undone.restored).toBe(result.preRestore.name);
    const afterUndo = snapshotDatabase(app);
    expect({ ...afterUndo, audit_log: undefined }).toEqual({ ...changed.db, audit_log: undefined });
    expect(afterUndo.audit_log!.slice(0, -1)).toEqual(changed.db.audit_log);
    expect(treeHashes(attachmentsDir())).toEqual(changed.attachments);
    expect((await tree()).find((s) => s.code === '370103018')!.name).toBe('七贤新街道');
    const undoRow = lastAudit();
    expect(undoRow).toMatchObject({ action: 'undo_restore', actor: '测试admin', entity_id: result.preRestore.name });
    expect(JSON.parse(undoRow.after_json!)).toMatchObject({ undoOf: backup.name, preRestore: undone.preRestore.name });

    // nothing more to undo
    expect((await overview()).lastRestore).toBeNull();
    const again = refused(await app.call('backups.undoRestore'));
    expect(again.code).toBe('NOT_FOUND');
    expect(again.message).toContain('没有可以撤销的恢复');
    expect(fs.readdirSync(app.dataDir).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('restores a backup from a chosen folder (U 盘), and a backup written there', async () => {
    const stick = tempDir('gd-usb-');
    app.ctx.platform = { chooseFolder: async () => stick };
    const chosen = ok<ChooseFolderResult>(await app.call('backups.chooseFolder', { purpose: 'backup' }));
    if (!chosen.chosen) throw new Error('expected a folder');
    expect(chosen.location.label).toBe(stick);
    expect(chosen.location.handle).not.toContain('/');
    const entry = ok<BackupEntry>(await app.call('backups.create', { location: chosen.location.handle }));
    expect(fs.existsSync(path.join(stick, entry.name, MANIFEST_FILE))).toBe(true);
    expect(JSON.parse(lastAudit().after_json!)).toMatchObject({ kind: 'manual', location: stick });

    const qixian = (await tree()).find((s) => s.code === '370103018')!;
    ok(await app.call('units.update', { id: qixian.id, name: '七贤新街道', kind: '街道' }));

    // choosing the backup folder itself, as a clerk might
    app.ctx.platform = { chooseFolder: async () => path.join(stick, entry.name) };
    const found = ok<ChooseFolderResult>(await app.call('backups.chooseFolder', { purpose: 'restore' }));
    if (!found.chosen) throw new Error('expected a folder');
    expect(found.backups.map((b) => b.name)).toEqual([entry.name]);
    ok(await app.call('backups.restore', { ref: found.backups[0]!.ref }));
    expect((await tree()).find((s) => s.code === '370103018')!.name).toBe('七贤街道');
    // the stick's folder was only read
    expect(fs.readdirSync(stick)).toEqual([entry.name]);
  });

  it('an older backup (升级前, made before a migration) is restored and upgraded', async () => {
    await app.close();
    // a version-1 database with one street, opened by this version: migrated, with a 升级前 backup
    const dir = tempDir('gd-old-');
    const old = new SQLite(path.join(dir, DATABASE_FILE_NAME));
    old.exec(MIGRATIONS[0]!.sql);
    old.pragma('user_version = 1');
    old
      .prepare("INSERT INTO org_units (level, code, name, full_name, kind, source, created_at, updated_at) VALUES ('street', '370103001', '大观园街道', '大观园街道', '街道', 'manual', 'x', 'x')")
      .run();
    old.close();
    app = await openTestApp(dir);
    const pre = (await overview()).backups;
    expect(pre).toHaveLength(1);
    expect(pre[0]).toMatchObject({ kind: 'pre_migration', schemaVersion: 1, createdBy: '系统' });
    expect(pre[0]!.check.state).toBe('ok');

    ok(await app.call('backups.verify', { ref: pre[0]!.ref }));
    const result = ok<RestoreResult>(await app.call('backups.restore', { ref: pre[0]!.ref }));
    expect(result).toMatchObject({ upgraded: true, schemaVersion: LATEST_SCHEMA_VERSION });
    expect(app.store.sqlite.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(app.store.sqlite.prepare('SELECT name FROM org_units').all()).toEqual([{ name: '大观园街道' }]);
    // the version-1 data has no accounts: the administrator's session ends, the log still names them
    expect(result.loggedOut).toBe(true);
    expect(lastAudit()).toMatchObject({ action: 'restore_backup', actor: '测试admin', user_id: null });
  });
});

describe('a bad backup is refused and nothing is touched', () => {
  let good: BackupEntry;
  let before: ReturnType<typeof liveState>;
  let dbBefore: ReturnType<typeof snapshotDatabase>;
  beforeEach(async () => {
    writeAttachment('证明.pdf', '证明材料');
    good = ok<BackupEntry>(await app.call('backups.create', {}));
    // a change after the backup, so a wrongful restore would show
    const qixian = (await tree()).find((s) => s.code === '370103018')!;
    ok(await app.call('units.update', { id: qixian.id, name: '七贤新街道', kind: '街道' }));
    writeAttachment('新.pdf', '新材料');
    before = liveState();
    dbBefore = snapshotDatabase(app);
  });

  async function expectRefused(name: string, message: RegExp, location = 'default') {
    const backupsBefore = treeHashes(backupsDir());
    const error = refused(await app.call('backups.restore', restoreRef(name, location)));
    expect(error.message).toMatch(message);
    expect(error.message).toContain('当前数据没有任何改动');
    expect(liveState()).toEqual(before);
    expect(snapshotDatabase(app)).toEqual(dbBefore);
    // no 恢复前 backup was made and the backup itself was only read
    expect(treeHashes(backupsDir())).toEqual(backupsBefore);
    return error;
  }

  it('flipped bytes in the database: hash mismatch', async () => {
    const dir = copyBackup(good, 'flipped');
    const file = path.join(dir, BACKUP_DATABASE_FILE);
    const bytes = fs.readFileSync(file);
    for (let i = 0; i < 16; i++) bytes[4096 + i * 997]! ^= 0x5a;
    fs.writeFileSync(file, bytes);
    await expectRefused('flipped', /备份已损坏：文件“grassroots\.sqlite”的内容与备份清单不符/);
  });

  it('flipped bytes with a manifest made to match: SQLite integrity check', async () => {
    const dir = copyBackup(good, 'flipped-rehashed');
    const file = path.join(dir, BACKUP_DATABASE_FILE);
    // damage the root page of org_units (the table with the most rows)
    const probe = new SQLite(file, { readonly: true });
    const { rootpage } = probe.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'org_units'").get() as { rootpage: number };
    const pageSize = probe.pragma('page_size', { simple: true }) as number;
    probe.close();
    const bytes = fs.readFileSync(file);
    bytes.fill(0x33, (rootpage - 1) * pageSize + 8, (rootpage - 1) * pageSize + 64);
    fs.writeFileSync(file, bytes);
    await rewriteManifest(dir);
    await expectRefused('flipped-rehashed', /备份中的数据库(已损坏|文件已损坏)/);
  });

  it('an attachment changed after the backup was written', async () => {
    const dir = copyBackup(good, 'attachment-changed');
    fs.writeFileSync(path.join(dir, 'attachments', '证明.pdf'), '证明材料X');
    await expectRefused('attachment-changed', /文件“attachments\/证明\.pdf”的大小与备份清单不符/);
  });

  it('a truncated database (copy interrupted): size mismatch', async () => {
    const dir = copyBackup(good, 'truncated');
    const file = path.join(dir, BACKUP_DATABASE_FILE);
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2));
    await expectRefused('truncated', /文件“grassroots\.sqlite”的大小与备份清单不符/);
  });

  it('a truncated database with a manifest made to match: damaged', async () => {
    const dir = copyBackup(good, 'truncated-rehashed');
    const file = path.join(dir, BACKUP_DATABASE_FILE);
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2));
    await rewriteManifest(dir);
    await expectRefused('truncated-rehashed', /备份中的数据库(已损坏|文件已损坏)/);
  });

  it('a folder without manifest', async () => {
    const dir = copyBackup(good, '基层党建台账备份-无清单');
    fs.rmSync(path.join(dir, MANIFEST_FILE));
    const listed = (await overview()).backups.find((b) => b.name === '基层党建台账备份-无清单')!;
    expect(listed.check).toEqual({ state: 'problem', message: expect.stringContaining('缺少备份清单') });
    await expectRefused('基层党建台账备份-无清单', /这不是本程序的备份：文件夹中缺少备份清单（manifest\.json）/);
  });

  it('a folder with just another program’s SQLite file, chosen in the dialog', async () => {
    const elsewhere = tempDir('gd-other-');
    const foreign = new SQLite(path.join(elsewhere, 'contacts.sqlite'));
    foreign.exec("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO contacts (name) VALUES ('张三');");
    foreign.close();
    app.ctx.platform = { chooseFolder: async () => elsewhere };
    const chosen = ok<ChooseFolderResult>(await app.call('backups.chooseFolder', { purpose: 'restore' }));
    if (!chosen.chosen) throw new Error('expected a folder');
    expect(chosen.backups).toHaveLength(1);
    expect(chosen.backups[0]!.check.state).toBe('problem');
    await expectRefused(chosen.backups[0]!.name, /缺少备份清单/, chosen.backups[0]!.ref.location);
  });

  it('another program’s SQLite file inside a well-formed backup', async () => {
    const dir = copyBackup(good, 'foreign');
    const file = path.join(dir, BACKUP_DATABASE_FILE);
    fs.rmSync(file);
    const foreign = new SQLite(file);
    foreign.exec("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO contacts (name) VALUES ('张三');");
    foreign.close();
    await rewriteManifest(dir, (m) => (m.rowCounts = {}));
    await expectRefused('foreign', /备份中的数据库不是本程序的数据（缺少本程序的数据表）/);
    // …also when it claims our version number
    const claimed = copyBackup(good, 'foreign-versioned');
    fs.rmSync(path.join(claimed, BACKUP_DATABASE_FILE));
    const db = new SQLite(path.join(claimed, BACKUP_DATABASE_FILE));
    db.exec('CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT);');
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION}`);
    db.close();
    await rewriteManifest(claimed, (m) => (m.rowCounts = {}));
    await expectRefused('foreign-versioned', /不是本程序的数据/);
  });

  it('a backup from a newer version of the program', async () => {
    const dir = copyBackup(good, 'newer');
    const db = new SQLite(path.join(dir, BACKUP_DATABASE_FILE));
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    await rewriteManifest(dir, (m) => (m.schemaVersion = LATEST_SCHEMA_VERSION + 1));
    await expectRefused('newer', new RegExp(`更新版本的程序制作（数据版本 ${LATEST_SCHEMA_VERSION + 1}，本程序支持到 ${LATEST_SCHEMA_VERSION}）`));
    // the list says so before anyone tries
    const listed = (await overview()).backups.find((b) => b.name === 'newer')!;
    expect(listed.check.state).toBe('problem');
    // …and a database newer than its manifest claims
    const sneaky = copyBackup(good, 'newer-db-only');
    const db2 = new SQLite(path.join(sneaky, BACKUP_DATABASE_FILE));
    db2.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db2.close();
    await rewriteManifest(sneaky);
    await expectRefused('newer-db-only', /更新版本的程序制作/);
  });

  it('a manifest naming a file outside the backup', async () => {
    const dir = copyBackup(good, 'escape');
    await rewriteManifest(dir, (m) => m.files.push({ path: '../../grassroots.sqlite', bytes: 1, sha256: '0'.repeat(64) }), true);
    await expectRefused('escape', /备份清单中有不正确的文件名/);
  });

  it('a manifest that is not JSON, and a backup that no longer exists', async () => {
    const dir = copyBackup(good, 'garbled');
    fs.writeFileSync(path.join(dir, MANIFEST_FILE), '{"format": "grassroots-desk-backup", ');
    await expectRefused('garbled', /备份清单（manifest\.json）已损坏/);
    const missing = refused(await app.call('backups.restore', restoreRef('基层党建台账备份-20200101-000000-手动')));
    expect(missing.code).toBe('NOT_FOUND');
    expect(liveState()).toEqual(before);
    const badHandle = refused(await app.call('backups.restore', restoreRef('x', 'abcdefgh12345678')));
    expect(badHandle.message).toContain('请重新选择文件夹');
  });
});

/**
 * A backup doctored by someone who knows the format (issue 10, finding 3): seen before, a backup
 * with the audit-log and "paid is final" triggers dropped and forged audit rows, its manifest
 * hashes and row counts recomputed, was `verified` and restored. Now the schema must be exactly
 * what its version must be, the data must keep the rules the triggers hold, and the audit log's
 * hash chain must be whole — both in 校验 and in a restore, which leaves everything untouched.
 */
describe('a doctored backup with a manifest made to match is refused', () => {
  let good: BackupEntry;
  let before: ReturnType<typeof liveState>;
  let dbBefore: ReturnType<typeof snapshotDatabase>;
  beforeEach(async () => {
    // a few log rows to tamper with
    const street = (await tree()).find((s) => s.code === '370103002')!;
    ok(await app.call('units.update', { id: street.id, name: `${street.name}`, kind: '街道', note: '备注一' }));
    ok(await app.call('units.update', { id: street.id, name: `${street.name}`, kind: '街道', note: '备注二' }));
    good = ok<BackupEntry>(await app.call('backups.create', {}));
    const qixian = (await tree()).find((s) => s.code === '370103018')!;
    ok(await app.call('units.update', { id: qixian.id, name: '七贤新街道', kind: '街道' }));
    before = liveState();
    dbBefore = snapshotDatabase(app);
  });

  /** Runs SQL on a copy's database as another program would, then makes the manifest match it again. */
  async function doctor(name: string, change: (db: SQLite.Database) => void): Promise<string> {
    const dir = copyBackup(good, name);
    const file = path.join(dir, BACKUP_DATABASE_FILE);
    const db = new SQLite(file);
    change(db);
    db.close();
    const counts = inspectDatabaseCopy(file).rowCounts;
    await rewriteManifest(dir, (m) => (m.rowCounts = counts));
    return dir;
  }

  /** Drops the named triggers, runs `fn`, and puts them back exactly as they were (same SQL). */
  function withTriggersLifted(db: SQLite.Database, names: string[], fn: () => void) {
    const saved = names.map((n) => (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").get(n) as { sql: string }).sql);
    for (const n of names) db.exec(`DROP TRIGGER ${n}`);
    fn();
    for (const sql of saved) db.exec(sql);
  }

  async function expectRefusedBoth(name: string, message: RegExp) {
    const checked = ok<BackupEntry>(await app.call('backups.verify', restoreRef(name)));
    expect(checked.check).toEqual({ state: 'problem', message: expect.stringMatching(message) });
    // …and the list keeps saying so, although every file is there
    expect((await overview()).backups.find((b) => b.name === name)!.check).toEqual(checked.check);
    const backupsBefore = treeHashes(backupsDir());
    const error = refused(await app.call('backups.restore', restoreRef(name)));
    expect(error.message).toMatch(message);
    expect(error.message).toContain('当前数据没有任何改动');
    expect(liveState()).toEqual(before);
    expect(snapshotDatabase(app)).toEqual(dbBefore);
    expect(treeHashes(backupsDir())).toEqual(backupsBefore);
  }

  it('the review’s backup: append-only and paid-is-final triggers dropped, audit rows forged', async () => {
    await doctor('forged', (db) => {
      db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DROP TRIGGER fund_disbursements_paid_final; DROP TRIGGER fund_disbursements_paid_kept;');
      db.exec("UPDATE audit_log SET actor = '张三' WHERE id = 1");
      db.exec("INSERT INTO audit_log (at, actor, action, entity) VALUES ('2026-11-01T00:00:00.000Z', '李四', 'login', 'user')");
    });
    await expectRefusedBoth('forged', /^备份中的数据库结构与本程序应有的结构不一致（“操作日志”的保护规则被删除、“拨付记录”的保护规则被删除），可能被其他程序改动过，不能恢复/);
  });

  it('a trigger added, a column added, an index changed: each is a difference', async () => {
    await doctor('extra-trigger', (db) => db.exec("CREATE TRIGGER hide_logins BEFORE INSERT ON audit_log WHEN NEW.action = 'login' BEGIN SELECT RAISE(IGNORE); END"));
    await expectRefusedBoth('extra-trigger', /（“操作日志”上多出了不属于本程序的保护规则）/);
    await doctor('extra-column', (db) => db.exec('ALTER TABLE users ADD COLUMN backdoor TEXT'));
    await expectRefusedBoth('extra-column', /（“账户”的表结构被改动）/);
    await doctor('changed-index', (db) => db.exec('DROP INDEX audit_log_at; CREATE INDEX audit_log_at ON audit_log(actor)'));
    await expectRefusedBoth('changed-index', /（“操作日志”的索引被改动）/);
  });

  it('triggers put back exactly, but an audit row edited meanwhile: the hash chain breaks at that row', async () => {
    await doctor('edited-log', (db) =>
      withTriggersLifted(db, ['audit_log_no_update'], () => db.exec("UPDATE audit_log SET actor = '张三' WHERE id = (SELECT min(id) FROM audit_log)")),
    );
    await expectRefusedBoth('edited-log', /备份中的数据不可信：操作日志在第 1 条（编号 \d+，.*）处前后对不上，日志被改动、删除或插入过，可能被其他程序改动过，不能恢复/);
  });

  it('an audit row removed from the middle, or one slipped in with a made-up hash', async () => {
    await doctor('deleted-log', (db) => {
      expect((db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n).toBeGreaterThanOrEqual(2);
      withTriggersLifted(db, ['audit_log_no_delete'], () => db.exec('DELETE FROM audit_log WHERE id = (SELECT min(id) FROM audit_log)'));
    });
    // the row after the gap no longer links to what is now first
    await expectRefusedBoth('deleted-log', /操作日志在第 1 条（编号 \d+，/);
    await doctor('inserted-log', (db) =>
      db.exec(`INSERT INTO audit_log (at, actor, action, entity, chain_hash) VALUES ('2026-11-01T00:00:00.000Z', '李四', 'login', 'user', '${'a'.repeat(64)}')`),
    );
    await expectRefusedBoth('inserted-log', /操作日志在第 \d+ 条.*前后对不上/);
  });

  it('a ledger written with the rules switched off: allocations over budget, payments over allocation, reversals beyond the original', async () => {
    const ledger = (db: SQLite.Database, sql: string) =>
      withTriggersLifted(db, ['fund_allocations_within_budget_ins', 'fund_disbursements_within_allocation_ins', 'fund_reversals_within_original', 'fund_disbursements_start_pending'], () => {
        db.exec(`INSERT INTO fund_programmes (id, year, name, category, source_level, budget_fen, recipient_kind, created_at, updated_at)
                 VALUES (1, 2026, '村级组织运转经费', 'operation', 'district', 100000, 'village', '2026-01-01', '2026-01-01')`);
        db.exec(sql);
      });
    await doctor('over-budget', (db) =>
      ledger(db, "INSERT INTO fund_allocations (programme_id, person_name, amount_fen, created_at, updated_at) VALUES (1, '王五', 500000, '2026-01-01', '2026-01-01')"),
    );
    await expectRefusedBoth('over-budget', /备份中的数据不可信：经费项目的分配合计超过预算/);
    await doctor('over-allocation', (db) =>
      ledger(
        db,
        `INSERT INTO fund_allocations (id, programme_id, person_name, amount_fen, created_at, updated_at) VALUES (1, 1, '王五', 50000, '2026-01-01', '2026-01-01');
         INSERT INTO fund_disbursements (allocation_id, paid_on, amount_fen, status, created_at, created_by) VALUES (1, '2026-02-01', 90000, 'paid', '2026-02-01', '经办人')`,
      ),
    );
    await expectRefusedBoth('over-allocation', /分配的拨付合计超过分配金额/);
    await doctor('over-reversed', (db) =>
      ledger(
        db,
        `INSERT INTO fund_allocations (id, programme_id, person_name, amount_fen, created_at, updated_at) VALUES (1, 1, '王五', 50000, '2026-01-01', '2026-01-01');
         INSERT INTO fund_disbursements (id, allocation_id, paid_on, amount_fen, status, created_at, created_by) VALUES (1, 1, '2026-02-01', 30000, 'paid', '2026-02-01', '经办人');
         INSERT INTO fund_disbursements (allocation_id, paid_on, amount_fen, status, reverses_id, created_at, created_by) VALUES (1, '2026-03-01', -40000, 'paid', 1, '2026-03-01', '经办人')`,
      ),
    );
    await expectRefusedBoth('over-reversed', /冲销金额超过原拨付金额/);
  });

  it('a good backup still verifies and restores (the checks pass on honest data)', async () => {
    expect(ok<BackupEntry>(await app.call('backups.verify', restoreRef(good.name))).check.state).toBe('verified');
    ok(await app.call('backups.restore', restoreRef(good.name)));
    expect((await tree()).find((s) => s.code === '370103018')!.name).toBe('七贤街道');
  });
});

describe('a restore that fails after the files were swapped', () => {
  it('puts the replaced data back when the restored file does not open, and says so', async () => {
    writeAttachment('证明.pdf', '证明材料');
    const backup = ok<BackupEntry>(await app.call('backups.create', {}));
    const qixian = (await tree()).find((s) => s.code === '370103018')!;
    ok(await app.call('units.update', { id: qixian.id, name: '七贤新街道', kind: '街道' }));
    writeAttachment('新.pdf', '新材料');
    const before = { db: snapshotDatabase(app, { except: ['audit_log'] }), attachments: treeHashes(attachmentsDir()) };

    // the first reopen (of the restored file) fails, as a migration that cannot run would
    const realReopen = app.ctx.reopenStore;
    let reopens = 0;
    app.ctx.reopenStore = async () => {
      reopens++;
      if (reopens === 1) {
        await app.ctx.store.close();
        throw Object.assign(new Error('simulated'), { userMessage: '模拟：数据库无法升级' });
      }
      return realReopen();
    };
    const error = refused(await app.call('backups.restore', restoreRef(backup.name)));
    expect(error.message).toBe('恢复没有完成：备份中的数据无法打开（模拟：数据库无法升级）。原来的数据已放回，没有任何改动。');
    expect(reopens).toBe(2);
    expect(snapshotDatabase(app, { except: ['audit_log'] })).toEqual(before.db);
    expect(treeHashes(attachmentsDir())).toEqual(before.attachments);
    expect(fs.readdirSync(app.dataDir).filter((n) => n.startsWith('.'))).toEqual([]);
    // and the app goes on working on it
    ok(await app.call('units.update', { id: qixian.id, name: '七贤街道', kind: '街道' }));
  });

  it('checks the data again once restored and upgraded: a rule broken there puts the replaced data back', async () => {
    const backup = ok<BackupEntry>(await app.call('backups.create', {}));
    const qixian = (await tree()).find((s) => s.code === '370103018')!;
    ok(await app.call('units.update', { id: qixian.id, name: '七贤新街道', kind: '街道' }));
    const before = snapshotDatabase(app, { except: ['audit_log'] });
    // the restored database, as reopened (and upgraded), holds an allocation over its budget —
    // as a faulty upgrade step or a file changed between the check and the swap would leave it
    const realReopen = app.ctx.reopenStore;
    let reopens = 0;
    app.ctx.reopenStore = async () => {
      await realReopen();
      if (++reopens > 1) return;
      const db = app.ctx.store.sqlite;
      const guard = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'fund_allocations_within_budget_ins'").get() as { sql: string }).sql;
      db.exec('DROP TRIGGER fund_allocations_within_budget_ins');
      db.exec(`INSERT INTO fund_programmes (id, year, name, category, source_level, budget_fen, recipient_kind, created_at, updated_at)
               VALUES (99, 2026, '村级组织运转经费', 'operation', 'district', 100, 'village', '2026-01-01', '2026-01-01');
               INSERT INTO fund_allocations (programme_id, person_name, amount_fen, created_at, updated_at) VALUES (99, '王五', 500, '2026-01-01', '2026-01-01');`);
      db.exec(guard);
    };
    const error = refused(await app.call('backups.restore', restoreRef(backup.name)));
    expect(error.message).toBe('恢复没有完成：恢复后的数据不可信（经费项目的分配合计超过预算）。原来的数据已放回，没有任何改动。');
    expect(reopens).toBe(2);
    expect(snapshotDatabase(app, { except: ['audit_log'] })).toEqual(before);
    expect(fs.readdirSync(app.dataDir).filter((n) => n.startsWith('.'))).toEqual([]);
    ok(await app.call('units.update', { id: qixian.id, name: '七贤街道', kind: '街道' }));
  });

  it('keeps its work folder and says what to do when even putting back fails', async () => {
    const backup = ok<BackupEntry>(await app.call('backups.create', {}));
    const qixian = (await tree()).find((s) => s.code === '370103018')!;
    ok(await app.call('units.update', { id: qixian.id, name: '七贤新街道', kind: '街道' }));
    const realReopen = app.ctx.reopenStore;
    app.ctx.reopenStore = async () => {
      await app.ctx.store.close();
      throw new Error('simulated: the disk went away');
    };
    const error = refused(await app.call('backups.restore', restoreRef(backup.name)));
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toMatch(/^恢复没有完成，原来的数据也未能自动放回。请关闭程序，不要删除数据目录中的“\.restore-[0-9a-f]+”文件夹/);
    const kept = fs.readdirSync(app.dataDir).filter((n) => n.startsWith('.restore-'));
    expect(kept).toHaveLength(1);
    expect(fs.existsSync(path.join(app.dataDir, kept[0]!, 'previous'))).toBe(true);
    // the replaced data was moved back before the reopen failed: a later start finds it
    app.ctx.reopenStore = realReopen;
    await app.ctx.reopenStore();
    expect((await tree()).find((s) => s.code === '370103018')!.name).toBe('七贤新街道');
    // …and does not clear the work folder away
    await runAutomaticBackupIfDue(app.ctx);
    expect(fs.readdirSync(app.dataDir).filter((n) => n.startsWith('.restore-'))).toEqual(kept);
  });
});

describe('sessions', () => {
  it('a restore is refused while another window was active in the last 10 minutes, naming who', async () => {
    await app.callerFor('clerk'); // 测试clerk logged in another window, active now
    const backup = ok<BackupEntry>(await app.call('backups.create', {}));
    const before = liveState();
    const dbBefore = snapshotDatabase(app);
    const error = refused(await app.call('backups.restore', restoreRef(backup.name)));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe('另一个窗口（测试clerk）正在使用，请其退出后再恢复。当前数据没有任何改动。');
    expect(refused(await app.call('backups.undoRestore')).message).toContain('另一个窗口（测试clerk）');
    expect(liveState()).toEqual(before);
    expect(snapshotDatabase(app)).toEqual(dbBefore);

    // eleven minutes later (only the administrator active meanwhile) the restore goes ahead
    const admin = app.ctx.sessions.get((await app.callerFor('admin')).token)!;
    app.ctx.now = () => new Date(Date.parse('2026-11-22T02:11:00.000Z'));
    app.ctx.sessions.touch(admin, app.ctx.now().getTime());
    const result = ok<RestoreResult>(await app.call('backups.restore', restoreRef(backup.name)));
    expect(result.loggedOut).toBe(false);
    // both accounts are in the restored data: both sessions live on
    expect(app.ctx.sessions.list()).toHaveLength(2);
  });

  it('clerks may back up but not restore; viewers may do neither', async () => {
    const backup = ok<BackupEntry>(await app.callAs('clerk')('backups.create', {}));
    expect(ok<BackupOverview>(await app.callAs('clerk')('backups.overview')).backups).toHaveLength(1);
    expect(refused(await app.callAs('clerk')('backups.restore', restoreRef(backup.name))).code).toBe('FORBIDDEN');
    expect(refused(await app.callAs('clerk')('backups.undoRestore')).code).toBe('FORBIDDEN');
    expect(refused(await app.callAs('viewer')('backups.create', {})).code).toBe('FORBIDDEN');
    expect(refused(await app.callAs('viewer')('backups.overview')).code).toBe('FORBIDDEN');
  });
});

describe('a target that cannot be written', () => {
  const failedRows = () => app.store.sqlite.prepare("SELECT * FROM audit_log WHERE action = 'backup_failed'").all() as Array<{ after_json: string; actor: string }>;

  it('no backup without its log row: when the row cannot be written the new folder is removed', async () => {
    app.store.sqlite.exec("CREATE TRIGGER test_audit_fails BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit write failed'); END");
    const error = refused(await app.call('backups.create', {}));
    expect(error.code).toBe('VALIDATION'); // a constraint-like refusal, in Chinese
    app.store.sqlite.exec('DROP TRIGGER test_audit_fails');
    expect(fs.existsSync(backupsDir()) ? fs.readdirSync(backupsDir()) : []).toEqual([]);
  });

  it('a cancelled folder choice changes nothing', async () => {
    app.ctx.platform = { chooseFolder: async () => null };
    const result = ok<ChooseFolderResult>(await app.call('backups.chooseFolder', { purpose: 'backup' }));
    expect(result).toEqual({ chosen: false, message: '已取消：没有选择文件夹，未做任何改动。' });
  });

  it('a path below a regular file (not a folder): refused, logged, nothing left', async () => {
    const parent = tempDir('gd-target-');
    const file = path.join(parent, '不是文件夹.txt');
    fs.writeFileSync(file, 'x');
    app.ctx.platform = { chooseFolder: async () => path.join(file, '备份') };
    const chosen = ok<ChooseFolderResult>(await app.call('backups.chooseFolder', { purpose: 'backup' }));
    if (!chosen.chosen) throw new Error('expected a folder');
    const error = refused(await app.call('backups.create', { location: chosen.location.handle }));
    expect(error.message).toContain('不存在或不是文件夹');
    expect(error.message).toContain('未留下不完整的备份，当前数据没有任何改动');
    expect(failedRows()).toHaveLength(1);
    expect(JSON.parse(failedRows()[0]!.after_json)).toMatchObject({ kind: 'manual', error: expect.stringMatching(/^ENOTDIR/) });
    expect(fs.readdirSync(parent)).toEqual(['不是文件夹.txt']);
  });

  it('a read-only folder (chmod 555; simulated where chmod does not bind, as for root): refused, logged, nothing left', async () => {
    const target = tempDir('gd-readonly-');
    fs.chmodSync(target, 0o555);
    let chmodBinds: boolean;
    try {
      fs.writeFileSync(path.join(target, 'probe'), 'x');
      fs.rmSync(path.join(target, 'probe'));
      chmodBinds = false;
    } catch {
      chmodBinds = true;
    }
    // root ignores the mode bits: the OS's answer is injected at the first write instead
    let refusedWrites = 0;
    const io: BackupIo = chmodBinds
      ? fsBackupIoForTests
      : {
          ...fsBackupIoForTests,
          mkdir: async (dir) => {
            if (dir.startsWith(target) && dir !== target) {
              refusedWrites++;
              throw Object.assign(new Error(`EACCES: permission denied, mkdir '${dir}'`), { code: 'EACCES' });
            }
            return fsBackupIoForTests.mkdir(dir);
          },
        };
    app.ctx.platform = { chooseFolder: async () => target };
    const chosen = ok<ChooseFolderResult>(await app.call('backups.chooseFolder', { purpose: 'backup' }));
    if (!chosen.chosen) throw new Error('expected a folder');
    const ctx = forCall(app.ctx, { actor: { userId: null, username: 'test-admin', name: '测试admin', role: 'admin' }, session: null, caller: { token: null, setToken: () => {} } });
    const error = await backupNow(ctx, 'manual', { location: chosen.location.handle, io }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toContain('没有写入权限');
    expect((error as DomainError).message).toContain('未留下不完整的备份');
    if (!chmodBinds) expect(refusedWrites).toBe(1);
    expect(failedRows()).toHaveLength(1);
    expect(JSON.parse(failedRows()[0]!.after_json).error).toMatch(/^EACCES/);
    fs.chmodSync(target, 0o755);
    expect(fs.readdirSync(target)).toEqual([]);
  });

  it.each([
    ['copying an attachment', 'copyFile'],
    ['writing the manifest', 'writeFile'],
    ['copying the database', 'backupDatabase'],
  ] as const)('a full disk while %s (ENOSPC injected): clear message, logged, no partial folder', async (_what, failing) => {
    writeAttachment('a/证明.pdf', '证明材料');
    const before = liveState();
    let calls = 0;
    const enospc = () => {
      calls++;
      return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: failing === 'backupDatabase' ? 'SQLITE_FULL' : 'ENOSPC' });
    };
    const io: BackupIo = {
      ...fsBackupIoForTests,
      copyFile: async (from, to) => {
        if (failing === 'copyFile') {
          await fsBackupIoForTests.copyFile(from, to); // half-written: the file is there, then the disk is full
          throw enospc();
        }
        return fsBackupIoForTests.copyFile(from, to);
      },
      writeFile: async (file, data) => {
        if (failing === 'writeFile') {
          fs.writeFileSync(file, data.slice(0, 10));
          throw enospc();
        }
        return fsBackupIoForTests.writeFile(file, data);
      },
      backupDatabase: async (sqlite, file) => {
        if (failing === 'backupDatabase') {
          fs.writeFileSync(file, Buffer.alloc(4096));
          throw enospc();
        }
        return fsBackupIoForTests.backupDatabase(sqlite, file);
      },
    };
    const ctx = forCall(app.ctx, { actor: SYSTEM_ACTOR, session: null, caller: { token: null, setToken: () => {} } });
    await expect(backupNow(ctx, 'auto', { io })).rejects.toThrow(/空间不足，备份没有完成。请清理空间或换一个位置后重试。未留下不完整的备份，当前数据没有任何改动。/);
    expect(calls).toBe(1);
    expect(fs.existsSync(backupsDir()) ? fs.readdirSync(backupsDir()) : []).toEqual([]);
    expect(failedRows()).toEqual([expect.objectContaining({ actor: '系统' })]);
    expect(JSON.parse(failedRows()[0]!.after_json)).toMatchObject({ kind: 'auto' });
    // the live data only gained the log row
    expect(liveState().attachments).toEqual(before.attachments);
  });
});

describe('automatic backups', () => {
  it('one a day: made at start when there is none from today, by 系统, and pruned by the retention rule', async () => {
    const ctx = app.ctx;
    const first = await runAutomaticBackupIfDue(ctx);
    expect(first).toMatchObject({ kind: 'auto', createdBy: '系统' });
    expect(lastAudit()).toMatchObject({ action: 'backup', actor: '系统', user_id: null });
    expect(await runAutomaticBackupIfDue(ctx)).toBeNull();
    // a manual backup does not count as today's automatic one, and is never pruned
    ok(await app.call('backups.create', {}));
    // 40 days, one start a day
    let day = Date.parse('2026-11-22T02:00:00.000Z');
    for (let i = 0; i < 40; i++) {
      day += 86_400_000;
      app.setClock(new Date(day));
      expect(await runAutomaticBackupIfDue(ctx)).not.toBeNull();
    }
    const kept = (await overview()).backups.filter((b) => b.kind === 'auto');
    // 7 daily + the newest of older weeks/months not already among them
    const days = kept.map((b) => b.createdAt!.slice(0, 10));
    expect(days.slice(0, 7)).toEqual(Array.from({ length: 7 }, (_, i) => new Date(day - i * 86_400_000).toISOString().slice(0, 10)));
    expect(kept.length).toBeLessThanOrEqual(7 + 4 + 12);
    expect((await overview()).backups.filter((b) => b.kind === 'manual')).toHaveLength(1);
    expect(auditActions().filter((a) => a === 'backup')).toHaveLength(42);
  });

  it('startAutomaticBackups runs the check after its delay, and stops', async () => {
    const logged: unknown[] = [];
    const timer = startAutomaticBackups(app.ctx, { delayMs: 10, intervalMs: 60_000, log: (m, e) => logged.push([m, e]) });
    await expect.poll(() => (fs.existsSync(backupsDir()) ? fs.readdirSync(backupsDir()).filter((n) => !n.startsWith('.')) : []), { timeout: 5000 }).toHaveLength(1);
    timer.stop();
    expect(logged).toEqual([]);
    expect(fs.readdirSync(backupsDir())[0]).toMatch(/-自动$/);
  });

  it('a half-written folder from a crash is cleared at the next start', async () => {
    fs.mkdirSync(path.join(backupsDir(), '.partial-deadbeef'), { recursive: true });
    fs.mkdirSync(path.join(app.dataDir, '.restore-0123'), { recursive: true });
    await runAutomaticBackupIfDue(app.ctx);
    expect(fs.readdirSync(backupsDir()).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(fs.readdirSync(app.dataDir).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});
