import fs from 'node:fs';
import path from 'node:path';
import { type BackupEntry, type BackupRef, type RestoreResult } from '../../../shared/api/backups';
import { BackupProblem, stageAndVerify, type BackupManifest } from '../../db/backup-folder';
import { writeAudit } from '../audit';
import type { Actor, ServiceContext } from '../context';
import { DomainError } from '../errors';
import { backupNow } from './backup-make';
import { lastRestore } from './backup-overview';
import { backupsDirOf, resolveBackup, workDir } from './backup-state';
import { RestoreStuck, swapInAndReopen } from './backup-swap';

/**
 * Restoring a backup, and undoing the last restore: refused while another session is active;
 * the backup is fully checked on a copy, the current data is backed up first (a 恢复前 backup,
 * which the undo restores), the files are swapped (backup-swap.ts), the restore is logged in the
 * restored data, and sessions whose accounts changed are ended.
 */

/** another session active within this window blocks a restore */
export const RESTORE_BUSY_WINDOW_MS = 10 * 60_000;

/** Refuses while another session (another window or user) was active in the last 10 minutes. */
function refuseIfOthersActive(ctx: ServiceContext) {
  const now = ctx.now().getTime();
  const others = ctx.sessions.list().filter((s) => s.token !== ctx.session?.token && now - s.lastActiveAt < RESTORE_BUSY_WINDOW_MS);
  if (others.length === 0) return;
  const names = [...new Set(others.map((s) => s.displayName || s.username))].join('、');
  throw new DomainError('CONFLICT', `另一个窗口（${names}）正在使用，请其退出后再恢复。当前数据没有任何改动。`);
}

const refusal = (error: unknown) => new DomainError('VALIDATION', `${(error as BackupProblem).userMessage}当前数据没有任何改动。`);

/** Keeps each session whose account is in the restored data unchanged; ends the others. */
async function reconcileSessions(ctx: ServiceContext): Promise<boolean> {
  let callerKept = false;
  for (const session of ctx.sessions.list()) {
    const user = await ctx.db.selectFrom('users').select(['id', 'username', 'role', 'active']).where('id', '=', session.userId).executeTakeFirst();
    const same = user && user.username === session.username && user.role === session.role && user.active === 1;
    if (same) {
      if (session.token === ctx.session?.token) callerKept = true;
    } else ctx.sessions.end(session.token);
  }
  if (ctx.session && !callerKept) ctx.caller.setToken(null);
  return ctx.session ? !callerKept : false;
}

async function restoreFrom(ctx: ServiceContext, dir: string, name: string, mode: 'restore' | 'undo', undoOf?: string): Promise<RestoreResult> {
  refuseIfOthersActive(ctx);
  const work = workDir(ctx, '.restore-');
  const incoming = path.join(work, 'incoming');
  let keepWork = false;
  try {
    let manifest: BackupManifest;
    try {
      manifest = await stageAndVerify(dir, incoming, ctx.modules.dataRules);
    } catch (error) {
      if (error instanceof BackupProblem) throw refusal(error);
      throw error;
    }

    // the current data first, so that this restore can be undone (its row is the restore's row)
    let preRestore: BackupEntry;
    try {
      preRestore = await backupNow(ctx, 'pre_restore', { restoreOf: name, audit: false });
    } catch (error) {
      const why = error instanceof DomainError ? error.message : String(error);
      throw new DomainError('VALIDATION', `恢复前无法先备份当前数据，因此没有恢复：${why}`);
    }
    const dropPreRestore = () => fs.rmSync(path.join(backupsDirOf(ctx), preRestore.name), { recursive: true, force: true });
    const stuck = () => {
      keepWork = true;
      return new DomainError(
        'INTERNAL',
        `恢复没有完成，原来的数据也未能自动放回。请关闭程序，不要删除数据目录中的“${path.basename(work)}”文件夹，并联系技术支持；` +
          `恢复前的数据已另存为备份“${preRestore.name}”，可以用它恢复。`,
      );
    };

    let swapped: { undo(): Promise<void> };
    try {
      swapped = await swapInAndReopen(ctx, incoming, path.join(work, 'previous'));
    } catch (error) {
      if (error instanceof RestoreStuck) throw stuck();
      dropPreRestore();
      throw error;
    }

    // the log of the restored data says who restored which backup; without that row, no restore
    try {
      // the actor's account may not exist in the restored data: keep the name, drop the link
      let actor: Actor = ctx.actor;
      if (actor.userId !== null) {
        const same = await ctx.db.selectFrom('users').select('id').where('id', '=', actor.userId).where('username', '=', actor.username).executeTakeFirst();
        if (!same) actor = { ...actor, userId: null };
      }
      await writeAudit(ctx.db, { actor, now: () => ctx.now() }, {
        action: mode === 'restore' ? 'restore_backup' : 'undo_restore',
        entity: 'backup',
        entityId: name,
        after: {
          backup: name,
          kind: manifest.kind,
          createdAt: manifest.createdAt,
          schemaVersion: manifest.schemaVersion,
          preRestore: preRestore.name,
          ...(undoOf ? { undoOf } : {}),
        },
      });
    } catch (error) {
      try {
        await swapped.undo();
      } catch (undoError) {
        if (undoError instanceof RestoreStuck) throw stuck();
        throw undoError;
      }
      dropPreRestore();
      throw error;
    }

    const loggedOut = await reconcileSessions(ctx);
    return { restored: name, preRestore, schemaVersion: ctx.schemaVersion, upgraded: manifest.schemaVersion < ctx.schemaVersion, loggedOut };
  } finally {
    if (!keepWork) fs.rmSync(work, { recursive: true, force: true });
  }
}

export async function restoreBackup(ctx: ServiceContext, input: { ref: BackupRef }): Promise<RestoreResult> {
  refuseIfOthersActive(ctx);
  const { dir } = resolveBackup(ctx, input.ref);
  return restoreFrom(ctx, dir, input.ref.name, 'restore');
}

/** Brings back the data as it was before the most recent restore (its 恢复前 backup). */
export async function undoRestore(ctx: ServiceContext): Promise<RestoreResult> {
  refuseIfOthersActive(ctx);
  const last = await lastRestore(ctx);
  if (!last) throw new DomainError('NOT_FOUND', '没有可以撤销的恢复：当前数据不是由“恢复”得来的，或上次恢复已经撤销。');
  const dir = path.join(backupsDirOf(ctx), last.preRestoreName);
  if (!fs.existsSync(dir)) throw new DomainError('NOT_FOUND', `无法撤销：上次恢复前的备份“${last.preRestoreName}”已不在备份文件夹中。`);
  return restoreFrom(ctx, dir, last.preRestoreName, 'undo', last.backupName);
}
