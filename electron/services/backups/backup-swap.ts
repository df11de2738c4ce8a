import fs from 'node:fs';
import path from 'node:path';
import { ATTACHMENTS_DIR, BACKUP_DATABASE_FILE } from '../../db/backup-folder';
import { checkData } from '../../db/data-checks';
import type { ServiceContext } from '../context';
import { DomainError } from '../errors';
import { errorCode } from './backup-make';
import { attachmentsDirOf } from './backup-state';

/**
 * The file-level step of a restore: swapping verified copies in for the live database and
 * attachments, and putting the replaced ones back when the new data does not open or the restore
 * is called off. Kept apart from backup-restore.ts, which decides when to do it.
 */

/** Moves a file or folder if it exists; true when it did. */
function moveIfExists(from: string, to: string): boolean {
  if (!fs.existsSync(from)) return false;
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.renameSync(from, to);
  return true;
}

/**
 * Replaces the live database and attachments with the verified copies in `incoming`, keeping the
 * replaced ones in `previous` until the new data has opened; puts them back if it does not.
 */
export async function swapInAndReopen(ctx: ServiceContext, incoming: string, previous: string): Promise<{ undo(): Promise<void> }> {
  const live = ctx.databaseFile;
  const liveAttachments = attachmentsDirOf(ctx);
  const sides = ['-wal', '-shm'];
  fs.mkdirSync(previous, { recursive: true });
  await ctx.store.close();

  let replacedDb = false;
  let movedAttachments = false;
  let placedAttachments = false;
  const putBack = () => {
    for (const side of sides) fs.rmSync(`${live}${side}`, { force: true });
    if (replacedDb) fs.renameSync(path.join(previous, BACKUP_DATABASE_FILE), live);
    for (const side of sides) moveIfExists(path.join(previous, `db${side}`), `${live}${side}`);
    if (placedAttachments) fs.rmSync(liveAttachments, { recursive: true, force: true });
    if (movedAttachments) fs.renameSync(path.join(previous, ATTACHMENTS_DIR), liveAttachments);
  };

  /** Puts the replaced files back and reopens them; if even that fails the work folder must be kept. */
  const putBackAndReopen = async (closeFirst: boolean) => {
    try {
      if (closeFirst) await ctx.store.close();
      putBack();
      await ctx.reopenStore();
    } catch (error) {
      throw new RestoreStuck(String(error));
    }
  };
  const rollBack = async (message: string): Promise<never> => {
    await putBackAndReopen(false);
    throw new DomainError('VALIDATION', message);
  };

  try {
    // the replaced database stays reachable (hard link, or a copy where links are not possible)
    try {
      fs.linkSync(live, path.join(previous, BACKUP_DATABASE_FILE));
    } catch {
      fs.copyFileSync(live, path.join(previous, BACKUP_DATABASE_FILE));
    }
    // stale -wal/-shm belong to the replaced file and must not meet the new one
    for (const side of sides) moveIfExists(`${live}${side}`, path.join(previous, `db${side}`));
    fs.renameSync(path.join(incoming, BACKUP_DATABASE_FILE), live); // atomic replace
    replacedDb = true;
    movedAttachments = moveIfExists(liveAttachments, path.join(previous, ATTACHMENTS_DIR));
    fs.renameSync(path.join(incoming, ATTACHMENTS_DIR), liveAttachments);
    placedAttachments = true;
  } catch (error) {
    const code = errorCode(error);
    const hint = code === 'EBUSY' || code === 'EPERM' || code === 'EACCES' ? '，附件或数据文件可能正被其他程序打开' : '';
    await rollBack(`恢复没有完成：替换数据文件时出错（${code || String(error).slice(0, 80)}${hint}）。原来的数据已放回，没有任何改动。`);
  }

  try {
    await ctx.reopenStore(); // runs the migrations when the backup is older
  } catch (error) {
    const detail = (error as { userMessage?: string }).userMessage ?? String(error).slice(0, 120);
    await rollBack(`恢复没有完成：备份中的数据无法打开（${detail}）。原来的数据已放回，没有任何改动。`);
  }
  // checked before the swap on the copy; checked again as it is now, upgraded and live
  const trust = checkData(ctx.store.sqlite, ctx.schemaVersion, ctx.modules.dataRules);
  if (!trust.ok) {
    await putBackAndReopen(true);
    throw new DomainError('VALIDATION', `恢复没有完成：恢复后的数据不可信（${trust.problem}）。原来的数据已放回，没有任何改动。`);
  }
  return { undo: () => putBackAndReopen(true) };
}

/** A restore that failed and could not put the replaced data back: its work folder is evidence and must stay. */
export class RestoreStuck extends Error {
  constructor(detail: string) {
    super(`restore failed and the replaced data could not be put back: ${detail}`);
    this.name = 'RestoreStuck';
  }
}
