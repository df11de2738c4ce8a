import fs from 'node:fs';
import path from 'node:path';
import { BACKUP_KIND_LABELS, DEFAULT_LOCATION, type BackupEntry, type BackupKind } from '../../../shared/api/backups';
import { writeBackupFolder, type BackupIo } from '../../db/backup-folder';
import { writeAudit } from '../audit';
import type { ServiceContext } from '../context';
import { DomainError } from '../errors';
import { describeBackup } from './backup-overview';
import { attachmentsDirOf, resolveBackup, resolveLocation } from './backup-state';

/**
 * Making a backup: one verified backup folder of the current data, logged as a "backup" row (or,
 * when it cannot be written, as backup_failed with a Chinese reason). Manual, automatic, 恢复前
 * and before-import backups are all made by backupNow (the 升级前 one is written by
 * electron/db/open-store.ts, before the services exist).
 */

export interface BackupNowOptions {
  /** a handle from chooseFolder; default: <dataDir>/backups */
  location?: string;
  /** for 恢复前 backups: the backup about to be restored */
  restoreOf?: string | null;
  /**
   * false: write no "backup" row (a 恢复前 backup is logged by its restore's row, which names it;
   * the replaced file could not keep the row anyway). Failures are logged regardless.
   */
  audit?: boolean;
  /** test seam: the writes (a failing one simulates a full or read-only disk) */
  io?: BackupIo;
}

export const errorCode = (error: unknown) =>
  typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';

/** The Chinese reason a backup could not be written to `where`. */
export function writeFailureMessage(error: unknown, where: string): string {
  const code = errorCode(error);
  const tail = '未留下不完整的备份，当前数据没有任何改动。';
  if (['EACCES', 'EPERM', 'SQLITE_READONLY', 'SQLITE_PERM', 'SQLITE_CANTOPEN'].includes(code)) {
    return `无法写入${where}：没有写入权限（或 U 盘有写保护）。请换一个文件夹后重试。${tail}`;
  }
  if (code === 'EROFS') return `${where}是只读的（如 U 盘写保护、光盘），无法写入。请换一个位置后重试。${tail}`;
  if (['ENOSPC', 'EDQUOT', 'SQLITE_FULL'].includes(code)) return `${where}空间不足，备份没有完成。请清理空间或换一个位置后重试。${tail}`;
  if (code === 'ENOENT' || code === 'ENOTDIR') return `${where}不存在或不是文件夹（U 盘可能已拔出）。请重新选择位置。${tail}`;
  if (code === 'EIO' || code.startsWith('SQLITE_IOERR')) return `写入${where}时发生读写错误（磁盘或 U 盘可能有故障）。请换一个位置后重试。${tail}`;
  return `备份没有完成：写入${where}时出错${code ? `（${code}）` : ''}。请换一个位置或稍后重试。${tail}`;
}

/**
 * Makes one verified backup of the current data (database and attachments) and logs it. For
 * other modules too: call `backupNow(ctx, 'pre_import')` before a bulk import — before opening
 * the import's transaction, so the copy shows the data as it was. A failure is logged as
 * backup_failed and thrown as a DomainError with a Chinese message; it leaves no partial folder
 * behind.
 */
export async function backupNow(ctx: ServiceContext, kind: BackupKind, options: BackupNowOptions = {}): Promise<BackupEntry> {
  const location = resolveLocation(ctx, options.location);
  const inside = path.relative(path.resolve(attachmentsDirOf(ctx)), path.resolve(location.dir));
  if (!inside.startsWith('..') && !path.isAbsolute(inside)) {
    throw new DomainError('VALIDATION', '不能把备份存到数据目录的附件文件夹里，请换一个位置（如 U 盘或共享文件夹）。');
  }
  const where = options.location && options.location !== DEFAULT_LOCATION ? `所选位置“${location.label}”` : `备份文件夹“${location.dir}”`;
  let written;
  try {
    written = await writeBackupFolder({
      sqlite: ctx.store.sqlite,
      attachmentsDir: attachmentsDirOf(ctx),
      targetDir: location.dir,
      kind,
      createdAt: ctx.now(),
      appVersion: ctx.appVersion,
      createdBy: ctx.actor.name,
      restoreOf: options.restoreOf ?? null,
      io: options.io,
    });
  } catch (error) {
    const message = writeFailureMessage(error, where);
    try {
      await writeAudit(ctx.db, ctx, {
        action: 'backup_failed',
        entity: 'backup',
        entityId: BACKUP_KIND_LABELS[kind],
        after: { kind, location: location.label, error: `${errorCode(error) || 'ERROR'}: ${String((error as Error)?.message ?? error).slice(0, 300)}` },
      });
    } catch {
      // the data disk itself may be full: the refusal stands without its log row
    }
    throw new DomainError('VALIDATION', message);
  }
  const entry = describeBackup(ctx, written.dir, { location: options.location ?? DEFAULT_LOCATION, name: written.name });
  if (options.audit === false) return entry;
  try {
    await writeAudit(ctx.db, ctx, {
      action: 'backup',
      entity: 'backup',
      entityId: written.name,
      after: { kind, location: location.label, bytes: entry.bytes, files: written.manifest.files.length, restoreOf: options.restoreOf ?? undefined },
    });
  } catch (error) {
    // no backup without its log row
    fs.rmSync(written.dir, { recursive: true, force: true });
    throw error;
  }
  return entry;
}

/**
 * Removes a backup made for an operation that then failed and changed nothing (an import whose
 * transaction rolled back): a backup written with `audit: false`, logged only by that operation.
 */
export function discardBackup(ctx: ServiceContext, entry: BackupEntry): void {
  const { dir } = resolveBackup(ctx, entry.ref);
  fs.rmSync(dir, { recursive: true, force: true });
}

export async function createBackup(ctx: ServiceContext, input: { location?: string | undefined }): Promise<BackupEntry> {
  return backupNow(ctx, 'manual', { location: input.location });
}
