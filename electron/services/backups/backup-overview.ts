import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_LOCATION, type BackupCheck, type BackupEntry, type BackupOverview, type BackupRef, type ChooseFolderResult, type LastRestore } from '../../../shared/api/backups';
import { ATTACHMENTS_DIR, BACKUP_FOLDER_PREFIX, MANIFEST_FILE, folderSize, quickCheck } from '../../db/backup-folder';
import type { AppServices, ServiceContext } from '../context';
import { RETENTION } from './retention';
import { attachmentsDirOf, backupsDirOf, checkStamp, registerLocation, stateOf } from './backup-state';

/**
 * Listing backups: what one backup folder shows in the list (its quick check, or a full check
 * made earlier), the backups of a location, the 数据备份 page's overview (data sizes, the
 * backups, the last restore and whether it can be undone), and choosing a folder to list.
 */

const fileSize = (file: string) => {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
};

const timeText = (iso: string) => {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** What the list shows for one backup folder (quick check, plus a full check made earlier). */
export function describeBackup(ctx: AppServices, dir: string, ref: BackupRef): BackupEntry {
  const { manifest, problem } = quickCheck(dir);
  let check: BackupCheck;
  if (problem) check = { state: 'problem', message: problem.userMessage };
  else {
    const full = stateOf(ctx).verified.get(dir);
    const current = full && manifest && full.stamp === checkStamp(dir, manifest) ? full : null;
    if (current?.problem) check = { state: 'problem', message: current.problem };
    else if (current) check = { state: 'verified', message: `已完整校验（${timeText(current.at)}）` };
    else check = { state: 'ok', message: '写入时已校验，文件齐全' };
  }
  const size = folderSize(dir);
  let createdAt = manifest?.createdAt ?? null;
  if (!createdAt) {
    try {
      createdAt = fs.statSync(dir).mtime.toISOString();
    } catch {
      createdAt = null;
    }
  }
  return {
    ref,
    name: ref.name,
    kind: manifest?.kind ?? null,
    createdAt,
    createdBy: manifest?.createdBy ?? null,
    appVersion: manifest?.appVersion ?? null,
    schemaVersion: manifest?.schemaVersion ?? null,
    bytes: size.bytes,
    attachmentFiles: manifest ? manifest.files.filter((f) => f.path.startsWith(`${ATTACHMENTS_DIR}/`)).length : 0,
    restoreOf: manifest?.restoreOf ?? null,
    check,
  };
}

/** A folder that is, or claims to be, a backup: ours by name, or holding a manifest or a database file. */
function looksLikeBackup(dir: string, name: string): boolean {
  if (name.startsWith(BACKUP_FOLDER_PREFIX)) return true;
  try {
    return fs.readdirSync(dir).some((f) => f === MANIFEST_FILE || f.toLowerCase().endsWith('.sqlite') || f.toLowerCase().endsWith('.db'));
  } catch {
    return false;
  }
}

/** The backups in one location, newest first. */
export function listLocation(ctx: AppServices, dir: string, location: string): BackupEntry[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && looksLikeBackup(path.join(dir, e.name), e.name))
    .map((e) => describeBackup(ctx, path.join(dir, e.name), { location, name: e.name }))
    .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || b.name.localeCompare(a.name));
}

/** The most recent restore recorded in the current data, if the latest restore event is a restore (not its undo). */
export async function lastRestore(ctx: AppServices): Promise<LastRestore | null> {
  const row = await ctx.db
    .selectFrom('audit_log')
    .select(['action', 'at', 'actor', 'after_json'])
    .where('action', 'in', ['restore_backup', 'undo_restore'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row || row.action !== 'restore_backup' || !row.after_json) return null;
  let after: { backup?: unknown; preRestore?: unknown };
  try {
    after = JSON.parse(row.after_json) as typeof after;
  } catch {
    return null;
  }
  if (typeof after.backup !== 'string' || typeof after.preRestore !== 'string') return null;
  const preDir = path.join(backupsDirOf(ctx), after.preRestore);
  const undoable = fs.existsSync(preDir) && quickCheck(preDir).problem === null;
  return { at: row.at, by: row.actor, backupName: after.backup, preRestoreName: after.preRestore, undoable };
}

export async function backupOverview(ctx: ServiceContext): Promise<BackupOverview> {
  const backups = listLocation(ctx, backupsDirOf(ctx), DEFAULT_LOCATION);
  const attachments = folderSize(attachmentsDirOf(ctx));
  return {
    dataDir: ctx.dataDir,
    databaseFile: ctx.databaseFile,
    databaseBytes: fileSize(ctx.databaseFile) + fileSize(`${ctx.databaseFile}-wal`),
    attachmentsDir: attachmentsDirOf(ctx),
    attachmentsBytes: attachments.bytes,
    attachmentFiles: attachments.files,
    backupsDir: backupsDirOf(ctx),
    backupsBytes: backups.reduce((sum, b) => sum + b.bytes, 0),
    schemaVersion: ctx.schemaVersion,
    backups,
    lastRestore: await lastRestore(ctx),
    retention: RETENTION,
  };
}

export async function chooseBackupFolder(ctx: ServiceContext, input: { purpose: 'backup' | 'restore' }): Promise<ChooseFolderResult> {
  const title = input.purpose === 'backup' ? '选择备份保存位置（U 盘或共享文件夹）' : '选择要恢复的备份文件夹';
  const chosen = await ctx.platform.chooseFolder(title);
  if (!chosen) return { chosen: false, message: '已取消：没有选择文件夹，未做任何改动。' };
  const dir = path.resolve(chosen);
  if (input.purpose === 'restore' && looksLikeBackup(dir, path.basename(dir)) && path.dirname(dir) !== dir) {
    // the chosen folder is itself a backup: its parent is the location
    const handle = registerLocation(ctx, path.dirname(dir), path.dirname(dir));
    return { chosen: true, location: { handle, label: dir }, backups: [describeBackup(ctx, dir, { location: handle, name: path.basename(dir) })] };
  }
  const handle = registerLocation(ctx, dir, dir);
  return { chosen: true, location: { handle, label: dir }, backups: listLocation(ctx, dir, handle) };
}

