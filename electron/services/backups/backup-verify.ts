import fs from 'node:fs';
import { type BackupEntry, type BackupRef } from '../../../shared/api/backups';
import { BackupProblem, readManifest, stageAndVerify } from '../../db/backup-folder';
import type { ServiceContext } from '../context';
import { describeBackup } from './backup-overview';
import { checkStamp, resolveBackup, stateOf, workDir } from './backup-state';

/**
 * Verifying a backup when the user asks for it: the full check, apart from restoring. Its result
 * lives in backup-state.ts, where the list (backup-overview.ts) reads it.
 */

/** The full check (the same one a restore makes), on a scratch copy; the result is remembered for the list. */
export async function verifyBackup(ctx: ServiceContext, input: { ref: BackupRef }): Promise<BackupEntry> {
  const { dir } = resolveBackup(ctx, input.ref);
  const scratch = workDir(ctx, '.verify-');
  try {
    const manifest = await stageAndVerify(dir, scratch, ctx.modules.dataRules);
    stateOf(ctx).verified.set(dir, { stamp: checkStamp(dir, manifest), at: ctx.now().toISOString() });
    return describeBackup(ctx, dir, input.ref);
  } catch (error) {
    stateOf(ctx).verified.delete(dir);
    if (!(error instanceof BackupProblem)) throw error;
    // remembered, so the list keeps saying so (a doctored backup looks complete to the quick check)
    try {
      stateOf(ctx).verified.set(dir, { stamp: checkStamp(dir, readManifest(dir)), at: ctx.now().toISOString(), problem: error.userMessage });
    } catch {
      // no readable manifest: the list's quick check shows that problem itself
    }
    return { ...describeBackup(ctx, dir, input.ref), check: { state: 'problem', message: error.userMessage } };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
